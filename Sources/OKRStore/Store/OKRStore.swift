import Foundation
import OKRCore
import SQLKit

/// Okra's storage: every concept of the domain saved and read back as `OKRCore` values, on SQLite or
/// PostgreSQL through the same SQL.
///
/// Every change runs in one transaction that also writes its audit event; updates carry the version the caller
/// read and fail with `StoreError.conflict` when someone else changed the row first.
public struct OKRStore: Sendable {
    public let database: OKRDatabase
    /// The clock for audit events, check-in times and token dates; tests pass a fixed one.
    let now: @Sendable () -> Date

    public init(_ database: OKRDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    /// The same store on the same database, stamping its changes by `now`: the server hands every write the
    /// clock its pages and API read, so one request sees one time.
    public func clocked(_ now: @escaping @Sendable () -> Date) -> OKRStore { OKRStore(database, now: now) }

    /// Runs a change in one transaction with its audit events; a constraint the database refuses becomes the
    /// matching `StoreError` for `entity`. Inside `inOneChange` it joins that change's transaction instead.
    /// `key` names the row the change takes first (a check-in's KR), so that changes of one row are grouped.
    func change<R: Sendable>(
        _ entity: String, actor: PersonID?, key: String? = nil,
        _ body: @escaping @Sendable (StoreTransaction) async throws -> R
    ) async throws -> R {
        let now = self.now()
        do {
            if let open = Self.openChange { return try await body(open) }
            return try await database.write(key: key) { db, changes in
                let tx = StoreTransaction(db: db, actor: actor, now: now, changes: changes)
                return try await Self.$openChange.withValue(tx) { try await body(tx) }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DomainError {
            throw error
        } catch {
            if let violation = ConstraintViolation(error) { throw violation.storeError(entity: entity) }
            throw error
        }
    }

    /// The change in progress on this task, which the store's writes join (see `inOneChange`).
    @TaskLocal static var openChange: StoreTransaction?

    /// Runs `body` as one change: every write it makes through this store commits together, or — when any of them
    /// throws — none (creating an objective with its KRs, say). The writes are audited as `actor`'s, at one time.
    /// Reads through the store inside `body` do not see its uncommitted writes.
    public func inOneChange<R: Sendable>(actor: PersonID?, _ body: @escaping @Sendable () async throws -> R)
        async throws -> R
    {
        try await change("change", actor: actor) { _ in try await body() }
    }

    /// Reads with a loader outside any transaction (one statement at a time), on a read connection.
    func read<R: Sendable>(_ body: @escaping @Sendable (Loader) async throws -> R) async throws -> R {
        try await body(Loader(db: database.reads))
    }

    /// The in-memory organization and cycles, current with every commit.
    public var readModel: ReadModel { database.readModel }
}
