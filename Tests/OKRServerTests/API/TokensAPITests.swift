import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("API tokens through the API: made, shown once, listed without secrets, revoked")
struct TokensAPITests {
    @Test("A token made through the API works at once, is listed without its secret, and stops after revoking")
    func lifecycle() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-nam")
        try await world.test { client in
            let made = try await client.api(
                .post, "/api/v1/tokens", token: token,
                body: jsonBody(["name": "báo cáo tuần", "read_only": true]))
            #expect(made.status == .created, "\(made.text)")
            let secret = try #require(made.object["token"] as? String)
            let record = try #require(made.object["api_token"] as? [String: Any])
            let id = try #require(record["id"] as? String)
            #expect(record["name"] as? String == "báo cáo tuần")
            #expect(record["read_only"] as? Bool == true)
            #expect(record["person_id"] as? String == "p-nam")
            #expect(record["revoked_at"] == nil)

            let me = try await client.api(.get, "/api/v1/me", token: secret)
            #expect(me.object["id"] as? String == "p-nam")
            let write = try await client.api(
                .post, "/api/v1/tokens", token: secret, body: jsonBody(["name": "another"]))
            #expect(write.status == .forbidden, "a read-only token only reads")

            let list = try await client.api(.get, "/api/v1/tokens", token: token)
            #expect(list.status == .ok)
            #expect(list.items.count == 2)
            #expect(list.items.contains { $0["id"] as? String == id })
            #expect(!list.text.contains(secret))

            let revoked = try await client.api(.delete, "/api/v1/tokens/\(id)", token: token)
            #expect(revoked.status == .noContent)
            let refused = try await client.api(.get, "/api/v1/me", token: secret)
            #expect(refused.status == .unauthorized)
            let again = try await client.api(.delete, "/api/v1/tokens/\(id)", token: token)
            #expect(again.status == .notFound, "revoking twice")
            let unknown = try await client.api(.delete, "/api/v1/tokens/nope", token: token)
            #expect(unknown.status == .notFound)

            let after = try await client.api(.get, "/api/v1/tokens", token: token)
            let listed = try #require(after.items.first { $0["id"] as? String == id })
            #expect(listed["revoked_at"] as? String != nil)
        }
        try await world.close()
    }

    @Test("Each person sees only their own tokens")
    func ownOnly() async throws {
        let world = try await TestWorld.demo()
        let nam = try await world.token("p-nam")
        let anh = try await world.token("p-anh")
        try await world.test { client in
            let list = try await client.api(.get, "/api/v1/tokens", token: anh)
            #expect(list.items.count == 1)
            #expect(list.items.allSatisfy { $0["person_id"] as? String == "p-anh" })
            let page = try await client.api(.get, "/api/v1/tokens?limit=0", token: nam)
            #expect(page.status == .badRequest)
        }
        try await world.close()
    }

    @Test("Another person's token: hidden (404) from members and leads, revocable by an admin")
    func revokeOthers() async throws {
        let world = try await TestWorld.demo()
        _ = try await world.store.createAPIToken(person: "p-lan", name: "lan's script", readOnly: false)
        let id = try #require(try await world.store.apiTokens(person: "p-lan").first?.id)
        for person in ["p-nam", "p-bao"] {
            let token = try await world.token(person)
            try await world.test { client in
                let answer = try await client.api(.delete, "/api/v1/tokens/\(id)", token: token)
                #expect(answer.status == .notFound, "\(person)")
            }
        }
        #expect(try await world.store.apiTokens(person: "p-lan").first?.isRevoked == false)
        let admin = try await world.token("p-anh")
        try await world.test { client in
            let answer = try await client.api(.delete, "/api/v1/tokens/\(id)", token: admin)
            #expect(answer.status == .noContent)
        }
        #expect(try await world.store.apiTokens(person: "p-lan").first?.isRevoked == true)
        try await world.close()
    }

    @Test("A token needs a name of at most 100 characters")
    func invalidName() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-nam")
        try await world.test { client in
            for body in [
                #"{"name": "  "}"#, #"{"read_only": true}"#, "{\"name\": \"\(String(repeating: "x", count: 101))\"}",
            ] {
                let answer = try await client.api(.post, "/api/v1/tokens", token: token, body: body)
                #expect(answer.status == .unprocessableContent, "\(body)")
                #expect(answer.errorField == "name")
            }
        }
        #expect(try await world.store.apiTokens(person: "p-nam").count == 1)
        try await world.close()
    }
}
