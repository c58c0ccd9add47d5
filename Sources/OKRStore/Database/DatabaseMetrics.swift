import Dispatch
import Metrics

/// What the database side reports to the operator (`/metrics`, through swift-metrics): statements and their
/// time, how long a write waits for its writer and how long its group commit takes, and check-ins recorded.
/// Without a metrics backend (the CLI, the tests) these cost next to nothing.
///
/// Made on first use: the server bootstraps the backend before it opens the database.
enum DatabaseMetrics {
    static let queries = Counter(label: "okra_database_queries_total")
    static let queryDuration = Timer(label: "okra_database_query_duration_seconds")
    /// From a change's arrival to the start of the transaction it joins (SQLite's single writer, PostgreSQL's lanes).
    static let writeWait = Timer(label: "okra_database_write_wait_seconds")
    /// One group transaction, from its begin to its commit.
    static let commitDuration = Timer(label: "okra_database_commit_duration_seconds")
    /// How many changes shared one group transaction.
    static let changesPerCommit = Recorder(label: "okra_database_changes_per_commit")
    static let checkIns = Counter(label: "okra_check_ins_recorded_total")

    /// Nanoseconds on a clock that only moves forward.
    static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func since(_ start: UInt64) -> Int64 { Int64(clamping: now &- start) }
}
