import Foundation
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit

/// An open database: SQLite (one file) or PostgreSQL, behind one `SQLDatabase` that counts its statements.
///
/// Everything above this type speaks SQLKit only, so the same SQL runs on both; the few places where the two
/// databases need different words ask `backend`.
public final class OKRDatabase: Sendable {
    /// Which database engine is behind `sql`.
    public enum Backend: String, Sendable {
        case sqlite
        case postgres
    }

    public let backend: Backend
    public let location: DatabaseLocation
    /// The counting database: every statement run through it, in or out of a session, adds one to `queryCount`.
    public let sql: any SQLDatabase
    public let logger: Logger
    private let counter: QueryCounter
    private let shutdown: @Sendable () async throws -> Void

    private init(
        backend: Backend, location: DatabaseLocation, base: any SQLDatabase, logger: Logger,
        shutdown: @escaping @Sendable () async throws -> Void
    ) {
        let counter = QueryCounter()
        self.backend = backend
        self.location = location
        self.counter = counter
        self.sql = CountingSQLDatabase(base: base, counter: counter)
        self.logger = logger
        self.shutdown = shutdown
    }

    /// Statements executed so far through `sql`.
    public var queryCount: Int { counter.value }

    /// Opens (and for SQLite creates) the database. Call `migrate()` before use and `close()` when done.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> OKRDatabase {
        switch location {
        case .sqlite(let path):
            return try await openSQLite(path: path, location: location, logger: logger)
        case .postgres(let url):
            return try openPostgres(url: url, location: location, logger: logger)
        }
    }

    /// Brings the schema to the newest version; running it again changes nothing.
    public func migrate() async throws {
        try await Migrator(database: self).run()
    }

    public func close() async throws {
        try await shutdown()
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back when it throws.
    ///
    /// On SQLite the transaction takes the write lock at its start (`BEGIN IMMEDIATE`), so another process on the
    /// same file (the CLI next to the server) makes it wait for `busy_timeout` instead of failing halfway.
    func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await session(begin: backend == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN", body)
    }

    /// Runs the reads of `body` on one connection and one snapshot, so a page never mixes two states.
    func snapshot<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await session(
            begin: backend == .postgres ? "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY" : "BEGIN",
            body)
    }

    private func session<R: Sendable>(
        begin: SQLQueryString, _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await sql.withSession { session in
            try await session.raw(begin).run()
            do {
                let result = try await body(session)
                try await session.raw("COMMIT").run()
                return result
            } catch {
                // Also after a failed COMMIT: SQLite keeps the transaction open when COMMIT fails.
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    private static func openSQLite(path: String, location: DatabaseLocation, logger: Logger) async throws
        -> OKRDatabase
    {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            // WAL: readers do not block the writer. synchronous=FULL: a commit is on disk before it is
            // acknowledged, so it survives a crash of the process (and of the machine). foreign_keys is off by
            // default in SQLite and must be set on every connection.
            for pragma in [
                "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
                "PRAGMA busy_timeout = 5000",
            ] {
                _ = try await connection.query(pragma)
            }
        } catch {
            try? await connection.close()
            throw error
        }
        let base = SerializedSQLiteDatabase(connection: connection, gate: SerialGate())
        return OKRDatabase(backend: .sqlite, location: location, base: base, logger: logger) {
            try await connection.close()
        }
    }

    private static func openPostgres(url: String, location: DatabaseLocation, logger: Logger) throws -> OKRDatabase {
        guard let parsed = try? SQLPostgresConfiguration(url: url) else {
            throw DatabaseLocationError(reason: "not a PostgreSQL URL: \(location)")
        }
        let core = parsed.coreConfiguration
        let tls: PostgresClient.Configuration.TLS
        if core.tls.isEnforced, let context = core.tls.sslContext {
            tls = .require(context.configuration)
        } else if core.tls.isAllowed, let context = core.tls.sslContext {
            tls = .prefer(context.configuration)
        } else {
            tls = .disable
        }
        var configuration: PostgresClient.Configuration
        if let host = core.host {
            configuration = .init(
                host: host, port: core.port ?? 5432, username: core.username, password: core.password,
                database: core.database, tls: tls)
        } else if let socket = core.unixSocketPath {
            configuration = .init(
                unixSocketPath: socket, username: core.username, password: core.password, database: core.database)
        } else {
            throw DatabaseLocationError(reason: "no host in \(location)")
        }
        configuration.options.maximumConnections = 10
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        // The client's pool only works while `run()` runs; the task is ours and ends with `close()`.
        let running = Task { await client.run() }
        let base = PostgresClientDatabase(
            client: client, logger: logger, eventLoop: PostgresClient.defaultEventLoopGroup.any())
        return OKRDatabase(backend: .postgres, location: location, base: base, logger: logger) {
            running.cancel()
            await running.value
        }
    }
}
