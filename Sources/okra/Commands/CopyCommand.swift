import ArgumentParser
import Foundation
import OKRCore
import OKRServer
import OKRStore

/// `okra copy`: moves a SQLite installation into an empty PostgreSQL database.
struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy", abstract: "Move a SQLite installation into an empty PostgreSQL database.",
        discussion: """
            Every table (people, OKRs, check-in history, sessions, versions) is read in one snapshot of the SQLite \
            file and written in one PostgreSQL transaction; then each table's row count and checksum must match on \
            both sides, or nothing is kept. The target must be empty (it is migrated first). Stop the server on the \
            SQLite file first: what it writes after the snapshot stays behind.
            """)

    @Option(name: .customLong("from"), help: "The SQLite file to copy.")
    var source: String

    @Option(name: .customLong("to"), help: "The PostgreSQL URL to copy into (postgres://user:password@host/db).")
    var target: String

    func validate() throws {
        guard target.hasPrefix("postgres://") || target.hasPrefix("postgresql://") else {
            throw ValidationError("--to must be a PostgreSQL URL (postgres://user:password@host:5432/db)")
        }
    }

    @Option(name: .long, help: "Language of the messages: vi or en (default: from LANG, else vi).")
    var lang: String?

    func run() async throws {
        let language = try Language.chosen(lang, environment: ProcessInfo.processInfo.environment)
        let started = ContinuousClock.now
        do {
            let tables = try await InstallationCopy.sqliteToPostgres(
                from: source, to: target, logger: makeLogger(), progress: { say("  " + $0) })
            let elapsed = started.duration(to: .now)
            let rows = tables.map(\.rows).reduce(0, +)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            say(
                Strings.shipped.text(
                    .copyDone, language,
                    [
                        "source": source, "target": "\(DatabaseLocation.postgres(url: target))",
                        "tables": String(tables.count), "rows": String(rows),
                        "seconds": String(format: "%.1f", seconds),
                    ]))
        } catch let error as BackupError {
            throw refusal("copy", error, language)
        }
    }
}
