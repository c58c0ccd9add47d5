import Foundation
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit
import Synchronization

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
    /// The counting database for statements outside a transaction: on SQLite the writer's connection (so a
    /// write here is ordered with the group commits), on PostgreSQL the pool.
    public let sql: any SQLDatabase
    /// Where reads go: on SQLite a few read-only connections beside the writer (WAL lets them read while it
    /// commits), on PostgreSQL the pool.
    let reads: any SQLDatabase
    /// Every active cycle (and the others asked for) in memory, kept current by every commit.
    public let readModel: ReadModel
    public let logger: Logger
    private let counter: QueryCounter
    /// The writers: SQLite's single one, or PostgreSQL's lanes of pooled connections.
    private let groupCommit: GroupCommit
    private let shutdown: @Sendable () async throws -> Void

    private init(
        backend: Backend, location: DatabaseLocation, writer: any SQLDatabase, reader: any SQLDatabase,
        groupCommit: (ReadModel) -> GroupCommit, logger: Logger,
        shutdown: @escaping @Sendable () async throws -> Void
    ) {
        let counter = QueryCounter()
        self.backend = backend
        self.location = location
        self.counter = counter
        self.sql = CountingSQLDatabase(base: writer, counter: counter)
        self.reads = CountingSQLDatabase(base: reader, counter: counter)
        self.logger = logger
        self.shutdown = shutdown
        let model = ReadModel(
            database: CountingSQLDatabase(base: reader, counter: counter),
            beginSnapshot: backend == .postgres ? Self.postgresSnapshot : "BEGIN", logger: logger)
        self.readModel = model
        self.groupCommit = groupCommit(model)
    }

    /// Statements executed so far through `sql` and the readers.
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
        await readModel.refresh(.all)
    }

    /// How many of the schema's migrations this database has not applied (0 when it is up to date); a read, so
    /// it also tells whether the database answers.
    public func pendingMigrations() async throws -> Int {
        let rows = try await reads.raw("SELECT version FROM schema_migrations").all()
        let applied = Set(try rows.map { try $0.decode(column: "version", as: Int.self) })
        return Schema.migrations.filter { !applied.contains($0.version) }.count
    }

    public func close() async throws {
        await readModel.stop()
        try await shutdown()
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. What it records
    /// in `ChangeRecorder` reaches the read model after the commit and before this returns.
    ///
    /// The writers group it with the changes waiting beside it (`GroupCommit`); `key` names the row it takes
    /// first, so that changes of one row share a transaction. On SQLite the transaction takes the write lock at
    /// its start (`BEGIN IMMEDIATE`), so another process on the same file (the CLI next to the server) makes it
    /// wait for `busy_timeout` instead of failing halfway.
    func write<R: Sendable>(
        key: String? = nil, _ body: @escaping @Sendable (any SQLDatabase, ChangeRecorder) async throws -> R
    ) async throws -> R {
        let counter = self.counter
        return try await groupCommit.run(key: key) { db, recorder in
            try await body(CountingSQLDatabase(base: db, counter: counter), recorder)
        }
    }

    /// A transaction whose changes the read model need not hear about (the schema's migrations).
    func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await write { db, _ in try await body(db) }
    }

    static let postgresSnapshot: SQLQueryString = "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"

    /// Runs the reads of `body` on one connection and one snapshot, so a page never mixes two states.
    func snapshot<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await session(
            on: reads,
            begin: backend == .postgres ? Self.postgresSnapshot : "BEGIN", body)
    }

    private func session<R: Sendable>(
        on database: any SQLDatabase, begin: SQLQueryString,
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await database.withSession { session in
            try await session.raw(begin).run()
            do {
                let result = try await body(session)
                try await session.raw("COMMIT").run()
                return result
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// SQLite's connections run their blocking calls here, apart from everything else (password hashing
    /// included), so a slow fsync never holds a request's thread.
    private static let sqliteThreads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 4)
        pool.start()
        return pool
    }()

    /// Read connections beside the writer.
    static let sqliteReaders = 2

    private static func openSQLite(path: String, location: DatabaseLocation, logger: Logger) async throws
        -> OKRDatabase
    {
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        func connect(_ pragmas: [String]) async throws -> SQLiteConnection {
            let connection = try await SQLiteConnection.open(
                storage: .file(path: path), threadPool: sqliteThreads, logger: logger, on: eventLoop
            ).get()
            do {
                for pragma in pragmas { _ = try await connection.query(pragma) }
            } catch {
                try? await connection.close()
                throw error
            }
            return connection
        }
        // WAL: readers do not block the writer. synchronous=FULL: a commit is on disk before it is
        // acknowledged, so it survives a crash of the process (and of the machine). foreign_keys is off by
        // default in SQLite and must be set on every connection.
        let writer = try await connect([
            "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
            "PRAGMA busy_timeout = 5000",
        ])
        var readers: [SQLiteConnection] = []
        do {
            for _ in 0..<sqliteReaders {
                readers.append(try await connect(["PRAGMA busy_timeout = 5000", "PRAGMA query_only = 1"]))
            }
        } catch {
            for reader in readers { try? await reader.close() }
            try? await writer.close()
            throw error
        }
        let writing = SerializedSQLiteDatabase(connection: writer, gate: SerialGate())
        let reading = SQLiteReaders(readers.map { SerializedSQLiteDatabase(connection: $0, gate: SerialGate()) })
        let all = [writer] + readers
        let watching = Mutex<Task<Void, Never>?>(nil)
        let shutdown: @Sendable () async throws -> Void = {
            if let task = watching.withLock({ $0 }) {
                task.cancel()
                await task.value
            }
            for connection in all { try await connection.close() }
        }
        let database = OKRDatabase(
            backend: .sqlite, location: location, writer: writing, reader: reading,
            groupCommit: { model in
                GroupCommit(lanes: [writing], begin: "BEGIN IMMEDIATE") { changes in await model.refresh(changes) }
            }, logger: logger,
            shutdown: shutdown)
        let model = database.readModel
        watching.withLock { $0 = Task { await watch(writing, model: model) } }
        return database
    }

    /// PostgreSQL's write lanes (of the pool's 16 connections; reads and listening take the others).
    static let postgresWriters = 4

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
        // Requests run their statements and transactions on connections of their own; one more listens.
        configuration.options.maximumConnections = 16
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        // The client's pool only works while `run()` runs; the task is ours and ends with `close()`.
        let running = Task { await client.run() }
        let base = PostgresClientDatabase(
            client: client, logger: logger, eventLoop: PostgresClient.defaultEventLoopGroup.any())
        let listening = Mutex<Task<Void, Never>?>(nil)
        let database = OKRDatabase(
            backend: .postgres, location: location, writer: base, reader: base,
            groupCommit: { model in
                GroupCommit(
                    lanes: Array(repeating: base, count: postgresWriters), begin: "BEGIN",
                    beforeCommit: { changes, db in try await model.announce(changes, on: db) },
                    committed: { changes in await model.refresh(changes) })
            }, logger: logger,
            shutdown: {
                listening.withLock { $0?.cancel() }
                running.cancel()
                await running.value
            })
        let model = database.readModel
        listening.withLock { $0 = Task { await listen(client: client, model: model, logger: logger) } }
        return database
    }

    /// Hears the other instances' commits for as long as the database is open; after any interruption,
    /// everything cached is reloaded, since a notice may have been missed meanwhile.
    private static func listen(client: PostgresClient, model: ReadModel, logger: Logger) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: ReadModel.channel) { notices in
                        await model.refresh(.all)
                        for try await notice in notices { await model.heard(notice.payload) }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("listening for other instances' changes failed", metadata: ["error": "\(error)"])
            }
            await model.refresh(.all)
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Notices commits made to the file by another process (the CLI beside the server): SQLite changes a
    /// connection's `data_version` when someone else commits. The writer's own commits do not change it.
    private static func watch(_ writer: SerializedSQLiteDatabase, model: ReadModel) async {
        var seen: Int?
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            guard let row = try? await writer.raw("PRAGMA data_version").first(),
                let version = try? row.decode(column: "data_version", as: Int.self)
            else { continue }
            if let seen, seen != version { await model.refresh(.all) }
            seen = version
        }
    }
}
