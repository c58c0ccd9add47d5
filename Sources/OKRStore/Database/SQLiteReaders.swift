import Logging
import NIOCore
import SQLKit
import Synchronization

/// The embedded database's read connections, taken in turn. WAL lets each read the last committed state while
/// the writer works, so a page never waits for a commit's fsync.
struct SQLiteReaders: SQLDatabase {
    let lanes: [SerializedSQLiteDatabase]
    private let turn = Turn()

    init(_ lanes: [SerializedSQLiteDatabase]) {
        precondition(!lanes.isEmpty, "at least one read connection")
        self.lanes = lanes
    }

    /// The next lane, round robin.
    private var lane: SerializedSQLiteDatabase { lanes[turn.next() % lanes.count] }

    var logger: Logger { lanes[0].logger }
    var eventLoop: any EventLoop { lanes[0].eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { lanes[0].version }
    var dialect: any SQLDialect { lanes[0].dialect }
    var queryLogLevel: Logger.Level? { lanes[0].queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        lane.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await lane.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await lane.withSession(closure)
    }
}

/// A counter shared by every copy of `SQLiteReaders`.
private final class Turn: Sendable {
    private let count = Atomic<Int>(0)
    func next() -> Int { count.add(1, ordering: .relaxed).oldValue & Int.max }
}
