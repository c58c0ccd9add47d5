import ArgumentParser

/// `okra lint FILE`: checks the quality of the objectives and key results in an OKR file, without any server
/// or database, so a team can review a draft before it is published.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check the quality of the OKRs in a YAML file.",
        discussion: """
            Exit codes: 0 no error-level finding, 1 at least one error-level finding, 2 unreadable file.
            """
    )

    @Argument(help: "The OKR file (YAML).")
    var file: String

    @Flag(name: .long, help: "Print the findings as JSON.")
    var json = false

    @Option(name: .long, help: "Language of the human output: vi or en (default: from LANG, else vi).")
    var lang: String?

    func run() throws {
        throw ValidationError("okra lint is not ready yet")
    }
}
