import ArgumentParser
import Foundation
import Logging
import OKRStore

/// `--db FILE` or `--database-url postgres://…`, shared by every command that touches data.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite file to use (created if missing).")
    var file: String = "okra.db"

    @Option(
        name: .customLong("database-url"),
        help: "A PostgreSQL URL (postgres://user:password@host:port/db); overrides --db.")
    var url: String?

    var location: DatabaseLocation {
        if let url { return .postgres(url: url) }
        return .sqlite(path: file)
    }

    /// Opens the database and brings its schema up to date.
    func open(logger: Logger) async throws -> OKRDatabase {
        let database = try await OKRDatabase.open(location, logger: logger)
        do {
            try await database.migrate()
        } catch {
            try? await database.close()
            throw error
        }
        return database
    }
}

/// Logs to standard error at the level of `LOG_LEVEL` (default: warning for commands, info for the server).
func makeLogger(_ label: String = "okra", default level: Logger.Level = .warning) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? level
    return logger
}

/// Writes a line to standard output at once, unbuffered, so a script or a test reading the pipe sees the
/// server's address as soon as it is listening.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
