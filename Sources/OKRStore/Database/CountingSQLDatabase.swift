import Logging
import NIOCore
import SQLKit

/// An `SQLDatabase` that counts every statement before handing it to the real one, sessions included, and reports
/// each one's time (`DatabaseMetrics`).
struct CountingSQLDatabase: SQLDatabase {
    let base: any SQLDatabase
    let counter: QueryCounter

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        counter.increment()
        let start = DatabaseMetrics.now
        let future = base.execute(sql: query, onRow)
        future.whenComplete { _ in DatabaseMetrics.queryDuration.recordNanoseconds(DatabaseMetrics.since(start)) }
        return future
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        counter.increment()
        let start = DatabaseMetrics.now
        defer { DatabaseMetrics.queryDuration.recordNanoseconds(DatabaseMetrics.since(start)) }
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let counter = self.counter
        return try await base.withSession { session in
            try await closure(CountingSQLDatabase(base: session, counter: counter))
        }
    }
}
