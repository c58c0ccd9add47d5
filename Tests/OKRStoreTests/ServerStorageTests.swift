import Foundation
import OKRCore
import OKRStore
import Testing

/// What the server keeps in the database: API tokens and the key/value store behind sessions.
@Suite("Server storage")
struct ServerStorageTests {
    @Test(
        "an API token is shown once, finds its person, and stops working when revoked",
        arguments: TestBackend.available)
    func apiTokens(_ backend: TestBackend) async throws {
        try await backend.withDatabase { database, store in
            try await Fixtures.organization(in: store)
            let token = try await store.createAPIToken(person: Fixtures.lan, name: "CI script", readOnly: true)
            #expect(token.hasPrefix("okra_"))
            #expect(token.count == 37)
            let found = try #require(try await store.person(apiToken: token))
            #expect(found.person.id == Fixtures.lan)
            #expect(found.readOnly)
            #expect(try await store.person(apiToken: token + "x") == nil)
            let stored = try await database.sql.raw("SELECT token_hash FROM api_tokens").all()
            let hash = try #require(stored.first).decode(column: "token_hash", as: String.self)
            #expect(hash.count == 64)
            #expect(!hash.contains(token))

            let records = try await store.apiTokens(person: Fixtures.lan)
            #expect(records.map(\.name) == ["CI script"])
            #expect(records.first?.isRevoked == false)
            try await store.revokeAPIToken(id: try #require(records.first).id, actor: Fixtures.admin)
            try await store.revokeAPIToken(id: try #require(records.first).id, actor: Fixtures.admin)
            #expect(try await store.person(apiToken: token) == nil)
            #expect(try await store.apiTokens(person: Fixtures.lan).first?.isRevoked == true)
            let events = try await store.auditEvents(entity: "api_token", entityID: nil, limit: 10)
            #expect(events.map(\.action) == ["revoke", "create"])
            await #expect(throws: StoreError.notFound(entity: "api_token", id: "nope")) {
                try await store.revokeAPIToken(id: "nope", actor: nil)
            }
        }
    }

    @Test(
        "persisted values expire, and create refuses a live key but takes an expired one",
        arguments: TestBackend.available)
    func persist(_ backend: TestBackend) async throws {
        try await backend.withDatabase { database, _ in
            let now = Fixtures.instant(0)
            // `persistCreate` judges expiry by the store's clock.
            let store = OKRStore(database, now: { now })
            let value = Data("phiên đăng nhập".utf8)
            try await store.persistSet(key: "session:1", value: value, expires: now.addingTimeInterval(60))
            #expect(try await store.persistGet(key: "session:1", now: now) == value)
            #expect(try await store.persistGet(key: "session:1", now: now.addingTimeInterval(61)) == nil)
            #expect(try await store.persistCreate(key: "session:1", value: Data(), expires: nil) == false)
            try await store.persistSet(key: "session:1", value: value, expires: Fixtures.instant(-10))
            #expect(try await store.persistCreate(key: "session:1", value: Data([1, 2]), expires: nil))
            #expect(try await store.persistGet(key: "session:1", now: now.addingTimeInterval(1e9)) == Data([1, 2]))
            #expect(try await store.persistCreate(key: "rate:ip", value: Data([0]), expires: nil))
            try await store.persistRemove(key: "rate:ip")
            #expect(try await store.persistGet(key: "rate:ip", now: now) == nil)
            try await store.persistSet(key: "old", value: value, expires: Fixtures.instant(-1))
            #expect(try await store.persistPurgeExpired(now: now) == 1)
        }
    }
}
