import ArgumentParser
import Foundation
import OKRCore
import OKRServer
import OKRStore

/// `okra backup`: a consistent copy of the data while the server runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the data to a backup file, while the server runs.",
        discussion: """
            SQLite: VACUUM INTO reads one snapshot (the server keeps committing meanwhile), and the copy is checked \
            with PRAGMA integrity_check before it takes its name. PostgreSQL (--database-url): pg_dump's custom \
            format, when pg_dump is installed. Put a backup back with `okra restore`.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("to"), help: "The backup file to write (it must not exist).")
    var destination: String

    @Option(name: .long, help: "Language of the messages: vi or en (default: from LANG, else vi).")
    var lang: String?

    func run() async throws {
        let language = try Language.chosen(lang, environment: ProcessInfo.processInfo.environment)
        do {
            let made = try await Backup.make(of: database.location, to: destination, logger: makeLogger())
            print(
                Strings.shipped.text(
                    .backupDone, language,
                    [
                        "source": "\(database.location)", "path": made.path,
                        "size": ByteCountFormatter.string(fromByteCount: made.bytes, countStyle: .file),
                        "seconds": String(format: "%.2f", made.seconds),
                    ]))
        } catch let error as BackupError {
            throw refusal("backup", error, language)
        }
    }
}

/// Writes the refusal on standard error; the command then exits with status 1.
func refusal(_ command: String, _ error: BackupError, _ language: Language) -> ExitCode {
    FileHandle.standardError.write(Data("okra \(command): \(error.text(language))\n".utf8))
    return ExitCode(1)
}

/// `okra restore`: puts a backup back.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Put a backup made by `okra backup` back in place.",
        discussion: """
            The backup is checked first (SQLite's integrity check, Okra's schema). An existing database is replaced \
            only with --force, and a SQLite file a running server has open never is: stop the server first. \
            PostgreSQL (--database-url) runs pg_restore in one transaction; --force drops what is there first.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("from"), help: "The backup file to put back.")
    var source: String

    @Flag(help: "Replace the existing database.")
    var force = false

    @Option(name: .long, help: "Language of the messages: vi or en (default: from LANG, else vi).")
    var lang: String?

    func run() async throws {
        let language = try Language.chosen(lang, environment: ProcessInfo.processInfo.environment)
        do {
            try await Backup.restore(source, to: database.location, force: force, logger: makeLogger())
            print(
                Strings.shipped.text(
                    .restoreDone, language, ["source": source, "target": "\(database.location)"]))
        } catch let error as BackupError {
            throw refusal("restore", error, language)
        }
    }
}
