import ArgumentParser
import Foundation
import OKRCore
import OKRServer
import OKRStore

/// `okra import`: data from spreadsheets.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import people and teams from a spreadsheet.",
        subcommands: [People.self])

    /// `okra import people FILE`: people and teams from CSV.
    struct People: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "people", abstract: "Import people and their teams from a CSV file.",
            discussion: """
                One row per person and team. Columns (the first row names them, in Vietnamese or English): \
                e-mail, name, team — a path from the company down, e.g. Kinh doanh/Miền Bắc — and optionally \
                role (admin, lead, member, viewer) and lead (yes/no: whether they lead that team). Comma, \
                semicolon or tab; UTF-8 with or without BOM, or Windows-1258. People are matched by e-mail and \
                teams by path: importing a file twice changes nothing. Nothing is written unless every row is \
                valid; then everything in one transaction. Exit 1 when a row is refused.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The CSV file.")
        var file: String

        @Flag(help: "Say what would be created and changed, and write nothing.")
        var dryRun = false

        @Option(name: .long, help: "Language of the messages: vi or en (default: from LANG, else vi).")
        var lang: String?

        func run() async throws {
            let language = try Language.chosen(lang, environment: ProcessInfo.processInfo.environment)
            let text = { (key: StringKey, values: [String: String]) in Strings.shipped.text(key, language, values) }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let db = try await database.openExisting(logger: makeLogger())
            do {
                let store = OKRStore(db)
                let plan = try await PeopleImport.prepare(data, store: store, language: language)
                guard plan.isValid else {
                    for problem in plan.problems { FileHandle.standardError.write(Data((problem.message + "\n").utf8)) }
                    FileHandle.standardError.write(
                        Data((text(.importRefused, ["count": String(plan.problems.count)]) + "\n").utf8))
                    try await db.close()
                    throw ExitCode(1)
                }
                say(
                    text(
                        .importSummary,
                        [
                            "rows": String(plan.rows), "teams": String(plan.newTeams.count),
                            "people": String(plan.newPeople.count), "changed": String(plan.changedPeople.count),
                            "memberships": String(plan.teamUpdates.count), "unchanged": String(plan.unchanged),
                        ]))
                if dryRun {
                    say(text(.importDryRun, [:]))
                } else {
                    try await plan.apply(store: store, actor: nil)
                    say(text(.importDone, [:]))
                }
                try await db.close()
            } catch let exit as ExitCode {
                throw exit
            } catch {
                try? await db.close()
                throw error
            }
        }
    }
}
