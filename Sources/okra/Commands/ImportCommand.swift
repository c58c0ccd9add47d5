import ArgumentParser
import Foundation
import OKRCore
import OKRServer
import OKRStore

/// `okra import`: data from spreadsheets.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import people and teams, or OKRs, from a file.",
        subcommands: [Detect.self, People.self, OKRs.self], defaultSubcommand: Detect.self)

    /// `okra import FILE`: people and teams when the file's columns are a person's (e-mail and team, no
    /// objective), OKRs otherwise.
    struct Detect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "file", abstract: "Import a file of people and teams, or of OKRs, as its columns say.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The file: .csv, .xlsx, .json, .yaml or .yml.")
        var file: String

        @Option(help: "The cycle (name or id) for OKR rows that name none (default: the one active cycle).")
        var cycle: String?

        @Flag(help: "Say what would be created and changed, and write nothing.")
        var dryRun = false

        @Option(name: .long, help: "Language of the messages: vi or en (default: from LANG, else vi).")
        var lang: String?

        func run() async throws {
            let data = FileManager.default.contents(atPath: file) ?? Data()
            if PeopleImport.holdsPeople(data) {
                var people = People()
                (people.database, people.file, people.dryRun, people.lang) = (database, file, dryRun, lang)
                try await people.run()
            } else {
                var okrs = OKRs()
                (okrs.database, okrs.file, okrs.cycle, okrs.dryRun, okrs.lang) = (database, file, cycle, dryRun, lang)
                try await okrs.run()
            }
        }
    }

    /// `okra import people FILE`: people and teams from CSV or XLSX.
    struct People: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "people", abstract: "Import people and their teams from a CSV or XLSX file.",
            discussion: """
                One row per person and team. Columns (the first row names them, in Vietnamese or English): \
                e-mail, name, team — a path from the company down, e.g. Kinh doanh/Miền Bắc — and optionally \
                role (admin, lead, member, viewer) and lead (yes/no: whether they lead that team). Comma, \
                semicolon or tab; UTF-8 with or without BOM, or Windows-1258. People are matched by e-mail and \
                teams by path: importing a file twice changes nothing. Nothing is written unless every row is \
                valid; then everything in one transaction. Exit 1 when a row is refused.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The CSV or XLSX file.")
        var file: String

        @Flag(help: "Say what would be created and changed, and write nothing.")
        var dryRun = false

        @Option(name: .long, help: "Language of the messages: vi or en (default: from LANG, else vi).")
        var lang: String?

        func run() async throws {
            let language = try Language.chosen(lang, environment: ProcessInfo.processInfo.environment)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            try await ImportCommand.run(database: database, dryRun: dryRun, language: language) { store in
                try await PeopleImport.prepare(data, store: store, language: language)
            }
        }
    }

    /// `okra import okrs FILE`: objectives, KRs, initiatives and check-ins from a spreadsheet, an export or an
    /// OKR file.
    struct OKRs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "okrs", abstract: "Import OKRs from CSV, XLSX, an Okra JSON export or an OKR file (YAML).",
            discussion: """
                CSV and XLSX: one row per key result (docs/import.md gives the columns; download the template \
                with `okra export template`). An XLSX workbook may carry a second sheet of check-ins. JSON: an \
                export of another Okra (`okra export okrs`). YAML: an OKR file (docs/okr-file.md). Owners are \
                `company`, a team's path (Kinh doanh/Miền Bắc) or a person's e-mail and must exist: import \
                people first. What is already there (by id, or by owner and title) is left as it is, so importing \
                a file twice changes nothing. Nothing is written unless every row is valid; then everything in one \
                transaction. Exit 1 when a row is refused.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The file: .csv, .xlsx, .json, .yaml or .yml.")
        var file: String

        @Option(help: "The cycle (name or id) for rows that name none (default: the one active cycle).")
        var cycle: String?

        @Flag(help: "Say what would be created, and write nothing.")
        var dryRun = false

        @Option(name: .long, help: "Language of the messages: vi or en (default: from LANG, else vi).")
        var lang: String?

        func run() async throws {
            let language = try Language.chosen(lang, environment: ProcessInfo.processInfo.environment)
            var exchange: OKRExchange?
            if file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                do {
                    exchange = try OKRFile.read(file).exchange()
                } catch {
                    FileHandle.standardError.write(Data((error.text(language) + "\n").utf8))
                    throw ExitCode(1)
                }
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            try await ImportCommand.run(database: database, dryRun: dryRun, language: language) { store in
                var cycleID: CycleID?
                if let cycle { cycleID = try await ExportCommand.cycle(cycle, in: store) }
                if let exchange {
                    return try await OKRImport.prepare(
                        exchange, rows: exchange.objectives.count, store: store, cycle: cycleID, language: language)
                }
                return try await OKRImport.prepare(data, store: store, cycle: cycleID, language: language)
            }
        }
    }

    /// Prepares an import against the database, prints what is refused (exit 1) or what it would do, and writes it
    /// unless this is a dry run.
    static func run(
        database: DatabaseOptions, dryRun: Bool, language: Language,
        prepare: (OKRStore) async throws -> any ImportPlan
    ) async throws {
        let text = { (key: StringKey, values: [String: String]) in Strings.shipped.text(key, language, values) }
        let db = try await database.openExisting(logger: makeLogger())
        do {
            let store = OKRStore(db)
            let plan = try await prepare(store)
            guard plan.isValid else {
                for problem in plan.problems { FileHandle.standardError.write(Data((problem.message + "\n").utf8)) }
                FileHandle.standardError.write(
                    Data((text(.importRefused, ["count": String(plan.problems.count)]) + "\n").utf8))
                try await db.close()
                throw ExitCode(1)
            }
            say(plan.summary(language))
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
