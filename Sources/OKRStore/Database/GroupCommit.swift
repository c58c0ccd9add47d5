import Foundation
import SQLKit
import Synchronization

/// The writers of the database: concurrent changes queue up, and whatever is waiting when a writer comes round
/// runs in one transaction — each change inside its own savepoint when there are several, so one that fails
/// rolls back alone — with one commit and so one fsync for all. A caller is answered only after that commit, and
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
            await commit(batch, on: lane.writer)
        }
    }

    /// One transaction for `batch`. With several jobs, each runs in a savepoint: a job that throws is rolled
    /// back to its savepoint and answered with its error, the others commit together. A lone job needs no
    /// savepoint: when it throws, the transaction rolls back. If the commit itself fails, every job fails.
    private func commit(_ batch: [Job], on writer: any SQLDatabase) async {
        let begin = self.begin
        let beforeCommit = self.beforeCommit
        let outcome: (results: [Result<any Sendable, any Error>], changes: Changes)
        do {
            outcome = try await writer.withSession { db in
                var results: [Result<any Sendable, any Error>] = []
                var changes = Changes()
                try await db.raw(begin).run()
                do {
                    if batch.count == 1 {
                        let recorder = ChangeRecorder()
                        do {
                            results.append(.success(try await batch[0].body(db, recorder)))
                            changes = recorder.recorded
                        } catch {
                            try await db.raw("ROLLBACK").run()
                            return ([.failure(error)], Changes())
                        }
                    } else {
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
                    }
                    if !changes.isEmpty { try await beforeCommit(changes, db) }
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
