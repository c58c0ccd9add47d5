import ArgumentParser
import Foundation
import Logging
import OKRStore

/// `--db FILE` or `--database-url postgres://…`, shared by every command that touches data.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: "The SQLite file to use (default okra.db; for user and token: the folder's only database).")
    var file: String?

    @Option(
        name: .customLong("database-url"),
        help: "A PostgreSQL URL (postgres://user:password@host:port/db); overrides --db.")
    var url: String?

    @Flag(help: "Let user and token create a new, empty SQLite file instead of refusing a missing one.")
    var create = false

    var location: DatabaseLocation {
        if let url { return .postgres(url: url) }
        return .sqlite(path: file ?? "okra.db")
    }

    /// Opens the database and brings its schema up to date.
    func open(logger: Logger) async throws -> OKRDatabase {
        try await Self.open(location, logger: logger)
    }

    /// Opens a database that must already exist (commands about the people in it): without `--db`, okra.db or
    /// else the folder's only `*.db` (the demo's `okra-demo.db`); a missing file is refused unless `--create`,
    /// instead of creating an empty one and then finding no one in it.
    func openExisting(logger: Logger) async throws -> OKRDatabase {
        if let url { return try await Self.open(.postgres(url: url), logger: logger) }
        let files = FileManager.default
        var path = file ?? "okra.db"
        if file == nil, !files.fileExists(atPath: path) {
            let found = ((try? files.contentsOfDirectory(atPath: ".")) ?? []).filter { $0.hasSuffix(".db") }.sorted()
            if found.count == 1 {
                path = found[0]
                FileHandle.standardError.write(Data("okra: using \(path), the only database in this folder\n".utf8))
            }
        }
        guard create || files.fileExists(atPath: path) else {
            let demo = files.fileExists(atPath: "okra-demo.db") ? " (the demo's is okra-demo.db)" : ""
            throw ValidationError(
                "no database at \(path)\(demo); name one with --db FILE or --database-url URL, or say --create to "
                    + "start a new, empty one")
        }
        return try await Self.open(.sqlite(path: path), logger: logger)
    }

    private static func open(_ location: DatabaseLocation, logger: Logger) async throws -> OKRDatabase {
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
