import Foundation
import OKRCore
import OKRStore
import Testing

/// A directory's SCIM token is kept as its hash and can be revoked; what a directory knows of a person is kept
/// beside them and every change of it audited with the directory's name.
@Suite("SCIM in the store")
struct SCIMStoreTests {
    @Test(
        "A SCIM token finds its directory until it is revoked; only its hash is stored",
        arguments: TestBackend.available)
    func tokens(_ backend: TestBackend) async throws {
        try await backend.withDatabase { database, store in
            let (directory, token) = try await store.createSCIMToken(name: "  Entra ID ", actor: nil)
            #expect(directory.name == "Entra ID" && token.hasPrefix("okra_scim_"))
            #expect(try await store.scimDirectory(token: token)?.id == directory.id)
            #expect(try await store.scimDirectory(token: token + "x") == nil)
            let stored = try await database.sql.raw("SELECT token_hash FROM scim_tokens").all()
            #expect(try stored.map { try $0.decode(column: "token_hash", as: String.self) }.allSatisfy { $0 != token })
            #expect(try await store.person(apiToken: token) == nil)
            try await store.revokeSCIMToken(id: directory.id, actor: nil)
            try await store.revokeSCIMToken(id: directory.id, actor: nil)
            #expect(try await store.scimDirectory(token: token) == nil)
            #expect(try await store.scimDirectories().map(\.isRevoked) == [true])
            await #expect(throws: StoreError.notFound(entity: "scim_token", id: "nope")) {
                try await store.revokeSCIMToken(id: "nope", actor: nil)
            }
            await #expect(throws: DomainError.self) { try await store.createSCIMToken(name: " ", actor: nil) }
        }
    }

    @Test("A link is written and rewritten, audited with the directory's name", arguments: TestBackend.available)
    func links(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let (okta, _) = try await store.createSCIMToken(name: "Okta", actor: nil)
            let id = Fixtures.lan.rawValue
            try await store.setSCIMLink(.user, id: id, SCIMLink(externalID: "00u1", userName: "lan"), directory: okta)
            let gone = Date(timeIntervalSince1970: 1_800_000_000)
            try await store.setSCIMLink(.user, id: id, SCIMLink(externalID: "00u2", deletedAt: gone), directory: okta)
            #expect(try await store.scimLinks(.user) == [id: SCIMLink(externalID: "00u2", deletedAt: gone)])
            #expect(try await store.scimLinks(.group).isEmpty)
            let audit = try await store.auditEvents(entity: "scim_resource", entityID: "User/\(id)", limit: 5)
            #expect(audit.count == 2 && audit.allSatisfy { $0.after?.contains("\"directory\":\"Okta\"") == true })
        }
    }
}
