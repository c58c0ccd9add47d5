import Foundation
import OKRCore
import OKRStore
import Testing

/// OpenID Connect sign-ins under way are spent once; a person is linked to their subject at a provider.
@Suite("OpenID Connect in the store")
struct OpenIDConnectStoreTests {
    static let signIn = OKRStore.OpenIDSignIn(nonce: "n-1", codeVerifier: "v-1", next: "/week")

    @Test(
        "A state is spent once: the second callback with it (a replay) gets nothing", arguments: TestBackend.available)
    func stateOnce(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await store.startOpenIDSignIn(state: "s-1", Self.signIn, lifetime: .seconds(600))
            #expect(try await store.finishOpenIDSignIn(state: "unknown") == nil)
            #expect(try await store.finishOpenIDSignIn(state: "s-1") == Self.signIn)
            #expect(try await store.finishOpenIDSignIn(state: "s-1") == nil)
        }
    }

    @Test("A state older than its lifetime gets nothing", arguments: TestBackend.available)
    func stateExpires(_ backend: TestBackend) async throws {
        try await backend.withDatabase { database, _ in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let started = OKRStore(database, now: { start })
            let late = OKRStore(database, now: { start.addingTimeInterval(601) })
            try await started.startOpenIDSignIn(state: "s-1", Self.signIn, lifetime: .seconds(600))
            #expect(try await late.finishOpenIDSignIn(state: "s-1") == nil)
            #expect(try await started.finishOpenIDSignIn(state: "s-1") == Self.signIn)
        }
    }

    @Test("A subject links to one person per issuer; linking again changes nothing", arguments: TestBackend.available)
    func subjectLink(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let issuer = "https://id.example.com"
            #expect(try await store.person(openIDIssuer: issuer, subject: "sub-lan") == nil)
            try await store.linkOpenIDSubject("sub-lan", issuer: issuer, to: Fixtures.lan, actor: nil)
            try await store.linkOpenIDSubject("sub-lan", issuer: issuer, to: Fixtures.minh, actor: nil)
            #expect(try await store.person(openIDIssuer: issuer, subject: "sub-lan")?.id == Fixtures.lan)
            #expect(try await store.person(openIDIssuer: "https://other.example.com", subject: "sub-lan") == nil)
        }
    }
}
