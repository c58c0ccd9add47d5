import Foundation
import Hummingbird
import OKRStore
import ServiceLifecycle

/// Hummingbird's key/value persistence over Okra's database, so sessions (and anything else kept with an
/// expiry) live in SQLite or PostgreSQL and several instances share them.
public struct SQLPersistDriver: PersistDriver {
    let store: OKRStore
    let now: @Sendable () -> Date

    public init(store: OKRStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// Removes expired entries (sessions, sign-in counts) at start and then every ten minutes, until the
    /// application shuts down; `buildApplication` runs it as one of the server's services.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            _ = try? await store.persistPurgeExpired(now: now())
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(600)) }
        }
    }

    public func shutdown() async throws {}

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let created = try await store.persistCreate(
            key: key, value: try JSONEncoder().encode(value), expires: expiry(expires))
        if !created { throw PersistError.duplicate }
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await store.persistSet(key: key, value: try JSONEncoder().encode(value), expires: expiry(expires))
    }

    public func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        guard let data = try await store.persistGet(key: key, now: now()) else { return nil }
        return try? JSONDecoder().decode(Object.self, from: data)
    }

    public func remove(key: String) async throws {
        try await store.persistRemove(key: key)
    }

    private func expiry(_ duration: Duration?) -> Date? {
        guard let duration else { return nil }
        return now().addingTimeInterval(TimeInterval(duration.components.seconds))
    }
}
