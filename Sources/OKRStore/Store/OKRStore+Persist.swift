import Foundation
import SQLKit

/// A small key/value store with expiry for the server's sessions and rate limits (Hummingbird's
/// `PersistDriver`), in the database so several instances share it. Not audited: these are not OKR data.
extension OKRStore {
    public func persistSet(key: String, value: Data, expires: Date?) async throws {
        let encoded = value.base64EncodedString()
        let expiresAt = StoredValue.milliseconds(expires)
        try await database.sql.raw(
            """
            INSERT INTO persist_entries (entry_key, value, expires_at)
            VALUES (\(bind: key), \(bind: encoded), \(bind: expiresAt))
            ON CONFLICT (entry_key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
            """
        ).run()
    }

    /// Stores the value unless the key holds one that has not expired; false when it does.
    public func persistCreate(key: String, value: Data, expires: Date?) async throws -> Bool {
        let encoded = value.base64EncodedString()
        let expiresAt = StoredValue.milliseconds(expires)
        let nowMilliseconds = StoredValue.milliseconds(now())
        let written = try await database.sql.raw(
            """
            INSERT INTO persist_entries (entry_key, value, expires_at)
            VALUES (\(bind: key), \(bind: encoded), \(bind: expiresAt))
            ON CONFLICT (entry_key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
            WHERE persist_entries.expires_at IS NOT NULL AND persist_entries.expires_at <= \(bind: nowMilliseconds)
            RETURNING entry_key
            """
        ).all()
        return !written.isEmpty
    }

    /// The value, or nil when there is none or it expired by `now`.
    public func persistGet(key: String, now: Date) async throws -> Data? {
        let found = try await database.reads.raw(
            """
            SELECT value FROM persist_entries
            WHERE entry_key = \(bind: key) AND (expires_at IS NULL OR expires_at > \(bind: StoredValue.milliseconds(now)))
            """
        ).all()
        guard let row = found.first else { return nil }
        let text = try row.decode(column: "value", as: String.self)
        guard let data = Data(base64Encoded: text) else {
            throw StoreError.corrupt(entity: "persist_entry", id: key, reason: "value is not base64")
        }
        return data
    }

    /// A new value for one key of `persistUpdate`: the data and when it expires.
    public struct PersistEntry: Sendable {
        public let value: Data
        public let expires: Date?

        public init(value: Data, expires: Date?) {
            self.value = value
            self.expires = expires
        }
    }

    /// Reads the values of `keys` (nil when absent or expired at `now`), lets `change` decide what each becomes
    /// (an entry, or nil to remove it; keys it leaves out stay), and writes that, all in one transaction that
    /// holds the keys' rows: two callers never both read the same values and both write over them. For counts
    /// that must not be overtaken, such as sign-in attempts reserved before the password is checked.
    public func persistUpdate<R: Sendable>(
        keys: [String], now: Date,
        _ change: @escaping @Sendable ([String: Data]) throws -> (result: R, entries: [String: PersistEntry?])
    ) async throws -> R {
        let sorted = Array(Set(keys)).sorted()  // one lock order, so two updates never wait on each other
        let postgres = database.backend == .postgres
        let nowMilliseconds = StoredValue.milliseconds(now)
        return try await database.transaction { db in
            var current: [String: Data] = [:]
            for key in sorted {
                if postgres {
                    // A row to lock even when the key is new; it reads as expired until written.
                    try await db.raw(
                        """
                        INSERT INTO persist_entries (entry_key, value, expires_at)
                        VALUES (\(bind: key), '', \(bind: nowMilliseconds)) ON CONFLICT (entry_key) DO NOTHING
                        """
                    ).run()
                }
                let rows = try await db.raw(
                    """
                    SELECT value FROM persist_entries
                    WHERE entry_key = \(bind: key) AND (expires_at IS NULL OR expires_at > \(bind: nowMilliseconds))
                    \(unsafeRaw: postgres ? "FOR UPDATE" : "")
                    """
                ).all()
                if let text = try rows.first?.decode(column: "value", as: String.self), !text.isEmpty,
                    let data = Data(base64Encoded: text)
                {
                    current[key] = data
                }
            }
            let (result, entries) = try change(current)
            for (key, entry) in entries {
                if let entry {
                    try await db.raw(
                        """
                        INSERT INTO persist_entries (entry_key, value, expires_at)
                        VALUES (\(bind: key), \(bind: entry.value.base64EncodedString()),
                            \(bind: StoredValue.milliseconds(entry.expires)))
                        ON CONFLICT (entry_key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                        """
                    ).run()
                } else {
                    try await db.raw("DELETE FROM persist_entries WHERE entry_key = \(bind: key)").run()
                }
            }
            return result
        }
    }

    public func persistRemove(key: String) async throws {
        try await database.sql.raw("DELETE FROM persist_entries WHERE entry_key = \(bind: key)").run()
    }

    /// Deletes expired entries; returns how many.
    @discardableResult
    public func persistPurgeExpired(now: Date) async throws -> Int {
        try await database.sql.raw(
            """
            DELETE FROM persist_entries
            WHERE expires_at IS NOT NULL AND expires_at <= \(bind: StoredValue.milliseconds(now)) RETURNING entry_key
            """
        ).all().count
    }
}

extension OKRStore {
    /// What the operator's `/metrics` counts when scraped: browser sessions not expired, and webhook deliveries
    /// waiting to be sent or retried.
    public func operatorCounts(now: Date) async throws -> (sessions: Int, pendingWebhookJobs: Int) {
        let rows = try await database.reads.raw(
            """
            SELECT
                (SELECT count(*) FROM persist_entries WHERE entry_key LIKE 'session.%'
                    AND (expires_at IS NULL OR expires_at > \(bind: StoredValue.milliseconds(now)))) AS sessions,
                (SELECT count(*) FROM webhook_jobs WHERE state = 'pending') AS pending
            """
        ).all()
        guard let row = rows.first else { return (0, 0) }
        return (try row.decode(column: "sessions", as: Int.self), try row.decode(column: "pending", as: Int.self))
    }
}
