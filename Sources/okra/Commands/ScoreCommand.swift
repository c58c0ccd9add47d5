import ArgumentParser

/// `okra score FILE`: prints the progress, expected progress, status and grade of every objective and key
/// result in an OKR file, each with its explanation, without any server or database.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score the OKRs in a YAML file: progress, expected progress, status, grade.",
        discussion: """
            Exit codes: 0 scored, 2 unreadable file.
            """
    )

    @Argument(help: "The OKR file (YAML).")
    var file: String

    @Option(name: .long, help: "The day to score at, YYYY-MM-DD (default: today).")
    var at: String?

    @Flag(name: .long, help: "Print the scores as JSON.")
    var json = false

    @Option(name: .long, help: "Language of the human output: vi or en (default: from LANG, else vi).")
    var lang: String?

    func run() throws {
        throw ValidationError("okra score is not ready yet")
    }
}
