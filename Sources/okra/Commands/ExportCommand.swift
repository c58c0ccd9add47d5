import ArgumentParser
import Foundation
import OKRCore
import OKRServer
import OKRStore

/// `okra export`: data out, in the layouts `okra import` reads back.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export OKRs or people and teams to a file.",
        subcommands: [OKRs.self, People.self, Template.self])

    /// Where an export goes: a file, or standard output.
    struct Output: ParsableArguments {
        @Option(name: .shortAndLong, help: "The file to write (default: standard output).")
        var out: String?

        @Option(name: .long, help: "Language of the headers and words: vi or en (default: from LANG, else vi).")
        var lang: String?

        func write(_ data: Data) throws {
            if let out {
                try data.write(to: URL(fileURLWithPath: out), options: .atomic)
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }

    /// Opens the database, makes the file with `body` and writes it where `output` says.
    static func export(
        _ database: DatabaseOptions, to output: Output, _ body: (OKRStore, Language) async throws -> Data
    ) async throws {
        let language = try Language.chosen(output.lang, environment: ProcessInfo.processInfo.environment)
        let db = try await database.openExisting(logger: makeLogger())
        do {
            try output.write(try await body(OKRStore(db), language))
            try await db.close()
        } catch {
            try? await db.close()
            throw error
        }
    }

    /// The cycle a command names by its name or id.
    static func cycle(_ text: String, in store: OKRStore) async throws -> CycleID {
        guard
            let found = try await store.cycles().map(\.value).first(where: { $0.id.rawValue == text || $0.name == text }
            )
        else { throw ValidationError("no cycle is named \(text)") }
        return found.id
    }

    static func format(_ text: String, allowed: [OKRExport.Format]) throws -> OKRExport.Format {
        guard let format = OKRExport.Format(rawValue: text.lowercased()), allowed.contains(format) else {
            throw ValidationError(
                "--format must be one of: \(allowed.map(\.rawValue).joined(separator: ", ")) (not \(text))")
        }
        return format
    }

    /// `okra export okrs`: a cycle's OKRs, or every cycle's.
    struct OKRs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "okrs", abstract: "Export the OKRs of a cycle (or of every cycle) with their history.",
            discussion: """
                json: everything (objectives, KRs, initiatives, alignment, every check-in), for another Okra. \
                xlsx: the OKR sheet (one row per KR and initiative) and a sheet of check-ins. csv: the OKR sheet. \
                yaml: the OKR file (docs/okr-file.md), one document per cycle. `okra import okrs` reads each back.
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: Output

        @Option(help: "The cycle, by name or id (default: every cycle).")
        var cycle: String?

        @Option(help: "json, csv, xlsx or yaml.")
        var format = "json"

        func run() async throws {
            let format = try ExportCommand.format(format, allowed: OKRExport.Format.allCases)
            try await ExportCommand.export(database, to: output) { store, language in
                var cycles: [CycleID]?
                if let cycle { cycles = [try await ExportCommand.cycle(cycle, in: store)] }
                let exchange = try await OKRExport.exchange(store: store, cycles: cycles)
                return try OKRExport.data(exchange, format: format, language: language)
            }
        }
    }

    /// `okra export people`: the layout `okra import people` reads.
    struct People: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "people", abstract: "Export people and their teams (one row per person and team).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: Output

        @Option(help: "csv or xlsx.")
        var format = "csv"

        func run() async throws {
            let format = try ExportCommand.format(format, allowed: [.csv, .xlsx])
            try await ExportCommand.export(database, to: output) { store, language in
                try await PeopleExport.data(store: store, format: format, language: language)
            }
        }
    }

    /// `okra export template`: the OKR sheet to fill in.
    struct Template: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "template", abstract: "Write the OKR spreadsheet template (the guide's Marketing example).")

        @OptionGroup var output: Output

        @Option(help: "csv or xlsx.")
        var format = "xlsx"

        func run() async throws {
            let format = try ExportCommand.format(format, allowed: [.csv, .xlsx])
            let language = try Language.chosen(output.lang, environment: ProcessInfo.processInfo.environment)
            try output.write(try OKRExport.data(OKRSheet.template(language), format: format, language: language))
        }
    }
}
