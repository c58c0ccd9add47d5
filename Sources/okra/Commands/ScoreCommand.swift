import ArgumentParser
import Foundation
import OKRCore
import OKRServer

/// `okra score FILE`: prints the progress, expected progress, status and grade of every objective and key
/// result of an OKR file on a day, each with its explanation, without any server or database.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score the OKRs in a YAML file: progress, expected progress, status and grade, with why.",
        discussion: """
            Reads an OKR file (format: docs/okr-file.md). Expected progress counts working days (weekends, \
            Vietnamese public holidays with Tết, and the file's holidays are not counted).

            Exit codes: 0 scored, 2 unreadable file (the message names the line and the field).
            """
    )

    @Argument(help: "The OKR file (YAML).")
    var file: String

    @Option(name: .long, help: "The day to score at, YYYY-MM-DD (default: today).")
    var at: String?

    @Flag(name: .long, help: "Print the scores as JSON, progress as fractions (0.6 for 60%).")
    var json = false

    @Option(name: .long, help: "Language of the output: vi or en (default: from LANG, else vi).")
    var lang: String?

    func validate() throws {
        if let at, Day(iso: at) == nil { throw ValidationError("--at must be a date written YYYY-MM-DD, not \(at)") }
    }

    func run() throws {
        let language = try Language.chosen(lang, environment: ProcessInfo.processInfo.environment)
        let day = at.flatMap(Day.init(iso:)) ?? ScoreCommand.today()
        let report: ScoreReport
        do {
            report = try ScoreReport(file: OKRFile.read(file), at: day)
        } catch {
            FileHandle.standardError.write(Data((error.text(language) + "\n").utf8))
            throw ExitCode(2)
        }
        print(json ? report.json(language).rendered() : report.text(language))
    }

    /// Today in this machine's time zone: the only clock `okra score` reads.
    private static func today() -> Day {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        guard let year = parts.year, let month = parts.month, let day = parts.day,
            let today = try? Day(year: year, month: month, day: day)
        else { preconditionFailure("the Gregorian calendar always gives a year, a month and a day") }
        return today
    }
}
