import Foundation
import SQLKit
import SQLiteKit
import Synchronization

/// The writers of the database: concurrent changes queue up, and whatever is waiting when a writer comes round
/// runs in one transaction — a change that fails is rolled back alone, the others commit (see `commit`) — with
/// one commit and so one fsync for all. A change may run more than once before it commits (when another of its
/// transaction fails), so it does nothing but its statements. A caller is answered only after that commit, and
/// after `committed` has run (the read model is current before anyone is told "done").
///
/// Why: with `synchronous=FULL` (and PostgreSQL's synchronous commit) every commit waits for the disk. One
/// transaction per check-in makes a Monday 9:00 burst wait in line for one fsync each; grouped, a hundred
/// check-ins share one.
///
/// SQLite has one writer (one lane). PostgreSQL has several lanes, each a transaction on a pooled connection of
/// its own, so writes to different rows commit side by side; a change that names the row it takes (a check-in
/// names its KR) always goes to the same lane, so check-ins of one KR share a transaction instead of waiting
/// for each other's row lock one commit at a time.
final class GroupCommit: Sendable {
    /// One change waiting for a writer.
    private struct Job: Sendable {
        let body: @Sendable (any SQLDatabase, ChangeRecorder) async throws -> any Sendable
        let finish: @Sendable (Result<any Sendable, any Error>) -> Void
        /// When it arrived (`DatabaseMetrics.now`).
        var arrived = DatabaseMetrics.now
    }

    /// One writer and the changes waiting for it.
    private final class Lane: Sendable {
        struct Queue {
            var pending: [Job] = []
            var draining = false
        }

        let writer: any SQLDatabase
        let queue = Mutex(Queue())

        init(writer: any SQLDatabase) { self.writer = writer }
    }

    /// At most this many changes share one transaction, so a long queue still commits regularly.
    static let maximumBatch = 256

    private let lanes: [Lane]
    private let begin: SQLQueryString
    private let beforeCommit: @Sendable (Changes, any SQLDatabase) async throws -> Void
    private let committed: @Sendable (Changes) async -> Void
    /// Where the next change without a key goes.
    private let turn = Atomic<Int>(0)

    /// Each of `lanes` runs one transaction at a time, started by `begin`. `beforeCommit` runs inside each
    /// transaction with what it changed (PostgreSQL tells the other instances); `committed` learns what each
    /// commit changed before its callers are answered.
    init(
        lanes: [any SQLDatabase], begin: SQLQueryString,
        beforeCommit: @escaping @Sendable (Changes, any SQLDatabase) async throws -> Void = { _, _ in },
        committed: @escaping @Sendable (Changes) async -> Void
    ) {
        precondition(!lanes.isEmpty, "a group commit needs a writer")
        self.lanes = lanes.map(Lane.init)
        self.begin = begin
        self.beforeCommit = beforeCommit
        self.committed = committed
    }

    /// Runs `body` in the next group transaction of its lane; returns when that transaction has committed.
    /// Changes with the same `key` (the id of the row they take first) always share a lane.
    func run<R: Sendable>(
        key: String? = nil, _ body: @escaping @Sendable (any SQLDatabase, ChangeRecorder) async throws -> R
    ) async throws -> R {
        let lane = lanes[self.lane(for: key)]
        let result: any Sendable = try await withCheckedThrowingContinuation { continuation in
            let job = Job(
                body: { db, recorder in try await body(db, recorder) },
                finish: { continuation.resume(with: $0) })
            let start = lane.queue.withLock { queue in
                queue.pending.append(job)
                if queue.draining { return false }
                queue.draining = true
                return true
            }
            if start { Task { await self.drain(lane) } }
        }
        guard let typed = result as? R else { preconditionFailure("a group commit job returned the wrong type") }
        return typed
    }

    private func lane(for key: String?) -> Int {
        guard lanes.count > 1 else { return 0 }
        guard let key else { return (turn.wrappingAdd(1, ordering: .relaxed).oldValue & Int.max) % lanes.count }
        // FNV-1a: the same key finds the same lane for the life of the process.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(hash % UInt64(lanes.count))
    }

    private func drain(_ lane: Lane) async {
        while true {
            let batch: [Job] = lane.queue.withLock { queue in
                let taken = Array(queue.pending.prefix(Self.maximumBatch))
                queue.pending.removeFirst(taken.count)
                if taken.isEmpty { queue.draining = false }
                return taken
            }
            if batch.isEmpty { return }
            let start = DatabaseMetrics.now
            for job in batch { DatabaseMetrics.writeWait.recordNanoseconds(Int64(clamping: start &- job.arrived)) }
            DatabaseMetrics.changesPerCommit.record(batch.count)
            await commit(batch, on: lane.writer)
            DatabaseMetrics.commitDuration.recordNanoseconds(DatabaseMetrics.since(start))
        }
    }

    /// How one transaction of a batch ended.
    private enum Attempt {
        case committed(results: [Result<any Sendable, any Error>], changes: Changes)
        /// The job at this index threw; the transaction was rolled back.
        case refused(index: Int, error: any Error)
        /// The transaction itself failed (begin, commit, a savepoint): every job fails.
        case failed(any Error)
    }

    /// One transaction for `batch`, first without savepoints: a savepoint and its release are two statements
    /// more for every job, and jobs rarely throw. When one does, the transaction is rolled back, that job is
    /// answered with its error, and the others run again in a second transaction, each in a savepoint there, so
    /// that one more failing job is rolled back alone. If a commit fails, every job of it fails.
    private func commit(_ batch: [Job], on writer: any SQLDatabase) async {
        var jobs = batch
        switch await attempt(jobs, on: writer, savepoints: false) {
        case .committed(let results, let changes):
            await finish(jobs, results, changes)
        case .failed(let error):
            for job in jobs { job.finish(.failure(error)) }
        case .refused(let index, let error):
            jobs.remove(at: index).finish(.failure(error))
            guard !jobs.isEmpty else { return }
            switch await attempt(jobs, on: writer, savepoints: true) {
            case .committed(let results, let changes):
                await finish(jobs, results, changes)
            case .failed(let error), .refused(_, let error):
                for job in jobs { job.finish(.failure(error)) }
            }
        }
    }

    /// Tells the read model, then the callers.
    private func finish(_ jobs: [Job], _ results: [Result<any Sendable, any Error>], _ changes: Changes) async {
        if !changes.isEmpty { await committed(changes) }
        for (job, result) in zip(jobs, results) { job.finish(result) }
    }

    /// Runs `jobs` in one transaction. Without savepoints, the first job that throws ends it (`refused`); with
    /// them, that job is rolled back to its savepoint and answered with its error, and the others go on.
    private func attempt(_ jobs: [Job], on writer: any SQLDatabase, savepoints: Bool) async -> Attempt {
        let begin = self.begin
        let beforeCommit = self.beforeCommit
        do {
            return try await writer.withSession { db -> Attempt in
                var results: [Result<any Sendable, any Error>] = []
                var changes = Changes()
                let memo = savepoints ? nil : TransactionMemo()
                try await Self.start(db, begin)
                do {
                    for (index, job) in jobs.enumerated() {
                        let recorder = ChangeRecorder(earlier: memo)
                        if savepoints { try await db.raw("SAVEPOINT okra_change").run() }
                        do {
                            let value = try await job.body(db, recorder)
                            if savepoints { try await db.raw("RELEASE okra_change").run() }
                            changes.formUnion(recorder.recorded)
                            results.append(.success(value))
                        } catch {
                            guard savepoints else {
                                try await db.raw("ROLLBACK").run()
                                return .refused(index: index, error: error)
                            }
                            try await db.raw("ROLLBACK TO okra_change").run()
                            try await db.raw("RELEASE okra_change").run()
                            results.append(.failure(error))
                        }
                    }
                    if !changes.isEmpty { try await beforeCommit(changes, db) }
                    try await db.raw("COMMIT").run()
                } catch {
                    // Also after a failed COMMIT: SQLite keeps the transaction open when COMMIT fails.
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
                return .committed(results: results, changes: changes)
            }
        } catch {
            return .failed(error)
        }
    }

    /// How long a transaction keeps trying to start while another process (the CLI next to the server) holds
    /// SQLite's write lock.
    static let lockPatience: Duration = .seconds(60)

    /// Starts the transaction. SQLite's own wait (`busy_timeout`) polls the lock, so a process that commits
    /// back to back can hold it through every poll; after that wait the start is tried again, after a short
    /// random pause that lets the other side's next transaction begin and end, until `lockPatience` has
    /// passed. PostgreSQL waits for its locks itself and never answers busy here.
    static func start(_ db: any SQLDatabase, _ begin: SQLQueryString) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: lockPatience)
        while true {
            do {
                try await db.raw(begin).run()
                return
            } catch let error as SQLiteError where error.reason == .busy && clock.now < deadline {
                try await Task.sleep(for: .milliseconds(Int.random(in: 5...40)))
            }
        }
    }
}
