import ArgumentParser
import Foundation
import OKRCore
import OKRServer

/// `okra lint FILE`: checks how the objectives and key results of an OKR file are written, against the
/// guide's checklist, without any server or database, so a team can review a draft before it is published.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check how the OKRs in a YAML file are written (2–5 measurable KRs, initiatives, owners…).",
        discussion: """
            Reads an OKR file (format: docs/okr-file.md) and prints every quality finding with its code, \
            severity, the line of the objective or key result, a message and a hint.

            Exit codes: 0 no error-level finding, 1 at least one error-level finding, \
            2 unreadable file (the message names the line and the field).
            """
    )

    @Argument(help: "The OKR file (YAML).")
    var file: String

    @Flag(
        name: .long, help: "Print the findings as JSON: {\"findings\": [{code, severity, objective, key_result, …}]}.")
    var json = false

    @Option(name: .long, help: "Language of the messages: vi or en (default: from LANG, else vi).")
    var lang: String?

    func run() throws {
        let language = try Language.chosen(lang, environment: ProcessInfo.processInfo.environment)
        let okrFile: OKRFile
        do {
            okrFile = try OKRFile.read(file)
        } catch {
            FileHandle.standardError.write(Data((error.text(language) + "\n").utf8))
            throw ExitCode(2)
        }
        let report = LintReport(file: okrFile)
        print(json ? report.json(language).rendered() : report.text(language))
        if report.hasErrors { throw ExitCode(1) }
    }
}
