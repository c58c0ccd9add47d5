import Logging
import NIOCore
import SQLKit
import SQLiteKit

/// The embedded database: one SQLite connection, used by one session at a time.
///
/// One connection rather than a pool because SQLite has a single writer anyway, and a single connection makes
/// every transaction see its own writes with no `SQLITE_BUSY` between our own connections. Readers wait for
/// a running transaction to finish; for one organization's OKRs those transactions are milliseconds long.
struct SerializedSQLiteDatabase: SQLDatabase {
    let connection: SQLiteConnection
    let gate: SerialGate
    let session: any SQLDatabase

    init(connection: SQLiteConnection, gate: SerialGate) {
        self.connection = connection
        self.gate = gate
        self.session = connection.sql()
    }

    var logger: Logger { session.logger }
    var eventLoop: any EventLoop { session.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { session.version }
    var dialect: any SQLDialect { session.dialect }
    var queryLogLevel: Logger.Level? { session.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await gate.withGate { try await session.execute(sql: query, onRow) }
    }

    /// The session owns the connection until `closure` returns; statements inside it do not wait for the gate.
    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await gate.withGate { try await closure(session) }
    }
}
