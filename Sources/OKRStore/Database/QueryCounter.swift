import Foundation

/// Counts the SQL statements a database has executed, so tests and the server can say "N queries".
final class QueryCounter: @unchecked Sendable {
    // Guarded by `lock`; a class because every copy of the counting database must share one count.
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }

    func increment() {
        lock.withLock { count += 1 }
        DatabaseMetrics.queries.increment()
    }
}
