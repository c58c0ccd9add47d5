import Foundation
import SQLKit

/// The single writer of the embedded database: concurrent changes queue up, and whatever is waiting when the
/// writer comes round runs in one transaction — each change inside its own savepoint, so one that fails rolls
/// back alone — with one commit and so one fsync for all. A caller is answered only after that commit, and after
/// `committed` has run (the read model is current before anyone is told "done").
///
/// Why: with `synchronous=FULL` every commit waits for the disk. One transaction per check-in makes a Monday
/// 9:00 burst wait in line for one fsync each; grouped, a hundred check-ins share one.
final class GroupCommit: @unchecked Sendable {
    /// One change waiting for the writer.
    private struct Job {
        let body: @Sendable (any SQLDatabase, ChangeRecorder) async throws -> any Sendable
        let finish: @Sendable (Result<any Sendable, any Error>) -> Void
    }

    /// At most this many changes share one transaction, so a long queue still commits regularly.
    static let maximumBatch = 256

    private let connection: SerializedSQLiteDatabase
    private let committed: @Sendable (Changes) async -> Void
    // `pending` and `draining` are guarded by `lock`.
    private let lock = NSLock()
    private var pending: [Job] = []
    private var draining = false

    /// `connection` is the writer's; `committed` learns what each commit changed before its callers are answered.
    init(connection: SerializedSQLiteDatabase, committed: @escaping @Sendable (Changes) async -> Void) {
        self.connection = connection
        self.committed = committed
    }

    /// Runs `body` in the next group transaction; returns when that transaction has committed.
    func run<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase, ChangeRecorder) async throws -> R)
        async throws -> R
    {
        let result: any Sendable = try await withCheckedThrowingContinuation { continuation in
            let job = Job(
                body: { db, recorder in try await body(db, recorder) },
                finish: { continuation.resume(with: $0) })
            let start = lock.withLock {
                pending.append(job)
                if draining { return false }
                draining = true
                return true
            }
            if start { Task { await self.drain() } }
        }
        guard let typed = result as? R else { preconditionFailure("a group commit job returned the wrong type") }
        return typed
    }

    private func drain() async {
        while true {
            let batch: [Job] = lock.withLock {
                let taken = Array(pending.prefix(Self.maximumBatch))
                pending.removeFirst(taken.count)
                if taken.isEmpty { draining = false }
                return taken
            }
            if batch.isEmpty { return }
            await commit(batch)
        }
    }

    /// One transaction for `batch`: each job in a savepoint; a job that throws is rolled back to its savepoint
    /// and answered with its error, the others commit together. If the commit itself fails, every job fails.
    private func commit(_ batch: [Job]) async {
        let outcome: (results: [Result<any Sendable, any Error>], changes: Changes)
        do {
            outcome = try await connection.withSession { db in
                var results: [Result<any Sendable, any Error>] = []
                var changes = Changes()
                try await db.raw("BEGIN IMMEDIATE").run()
                do {
                    for job in batch {
                        let recorder = ChangeRecorder()
                        try await db.raw("SAVEPOINT okra_change").run()
                        do {
                            let value = try await job.body(db, recorder)
                            try await db.raw("RELEASE okra_change").run()
                            changes.formUnion(recorder.recorded)
                            results.append(.success(value))
                        } catch {
                            try await db.raw("ROLLBACK TO okra_change").run()
                            try await db.raw("RELEASE okra_change").run()
                            results.append(.failure(error))
                        }
                    }
                    try await db.raw("COMMIT").run()
                } catch {
                    // Also after a failed COMMIT: SQLite keeps the transaction open when COMMIT fails.
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
                return (results, changes)
            }
        } catch {
            for job in batch { job.finish(.failure(error)) }
            return
        }
        if !outcome.changes.isEmpty { await committed(outcome.changes) }
        for (job, result) in zip(batch, outcome.results) { job.finish(result) }
    }
}
