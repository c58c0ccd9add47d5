import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// `/api/v1/webhooks`: admins subscribe URLs to events, change and remove them, and read their deliveries.
@Suite("Webhooks API")
struct WebhooksAPITests {
    @Test("an admin makes a subscription, sees its secret once, reads, changes and deletes it")
    func lifecycle() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        try await world.test { client in
            let made = try await client.api(
                .post, "/api/v1/webhooks", token: admin,
                body: jsonBody([
                    "id": "wh-slack", "url": "https://hooks.example.vn/okra",
                    "events": ["check_in.created", "cycle.closed", "check_in.created"],
                ]))
            #expect(made.status == .created)
            #expect(made.headers[.eTag] == "\"v1\"")
            let secret = try #require(made.object["secret"] as? String)
            #expect(secret.hasPrefix("whsec_"))
            let webhook = try #require(made.object["webhook"] as? [String: Any])
            #expect(webhook["events"] as? [String] == ["check_in.created", "cycle.closed"])
            #expect(webhook["active"] as? Bool == true)

            let read = try await client.api(.get, "/api/v1/webhooks/wh-slack", token: admin)
            #expect(read.status == .ok)
            #expect(read.object["secret"] == nil, "the secret is never shown again")
            #expect(!read.text.contains(secret))
            let list = try await client.api(.get, "/api/v1/webhooks", token: admin)
            #expect(list.items.map { $0["id"] as? String } == ["wh-slack"])

            let changed = try await client.api(
                .patch, "/api/v1/webhooks/wh-slack", token: admin,
                body: jsonBody(["version": 1, "active": false, "events": ["ask.answered"]]))
            #expect(changed.status == .ok)
            #expect(changed.object["active"] as? Bool == false)
            #expect(changed.object["events"] as? [String] == ["ask.answered"])
            #expect(changed.object["version"] as? Int == 2)
            let stale = try await client.api(
                .patch, "/api/v1/webhooks/wh-slack", token: admin, body: jsonBody(["version": 1, "active": true]))
            #expect(stale.status == .conflict)
            let noVersion = try await client.api(
                .patch, "/api/v1/webhooks/wh-slack", token: admin, body: jsonBody(["active": true]))
            #expect(noVersion.status == .preconditionRequired)

            let deliveries = try await client.api(.get, "/api/v1/webhooks/wh-slack/deliveries", token: admin)
            #expect(deliveries.status == .ok)
            #expect(deliveries.items.isEmpty)

            #expect(try await client.api(.delete, "/api/v1/webhooks/wh-slack", token: admin).status == .noContent)
            let gone = try await client.api(.get, "/api/v1/webhooks/wh-slack", token: admin)
            #expect(gone.status == .notFound)
            #expect(gone.errorCode == "not_found")
        }
        try await world.close()
    }

    @Test(
        "invalid values are refused naming the field",
        arguments: [
            (#"{"url": "ftp://hooks.example.vn", "events": ["check_in.created"]}"#, "url"),
            (#"{"url": "https://u:p@hooks.example.vn", "events": ["check_in.created"]}"#, "url"),
            (#"{"url": "https://hooks.example.vn", "events": []}"#, "events"),
            (#"{"url": "https://hooks.example.vn", "events": ["check_in.deleted"]}"#, "events"),
            (#"{"events": ["check_in.created"]}"#, "url"),
            (#"{"url": "https://hooks.example.vn", "events": ["check_in.created"], "id": "a b"}"#, "id"),
        ])
    func invalid(_ body: String, _ field: String) async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        try await world.test { client in
            let answer = try await client.api(.post, "/api/v1/webhooks", token: admin, body: body)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.errorField == field)
        }
        try await world.close()
    }

    @Test("everyone but admins gets 403, on known and unknown ids alike; bad query values are 400")
    func forbidden() async throws {
        let world = try await TestWorld.demo()
        let lead = try await world.token("p-ha")
        let admin = try await world.token("p-anh")
        try await world.test { client in
            #expect(try await client.api(.get, "/api/v1/webhooks", token: lead).status == .forbidden)
            #expect(try await client.api(.get, "/api/v1/webhooks/nope", token: lead).status == .forbidden)
            #expect(try await client.api(.get, "/api/v1/webhooks/nope", token: admin).status == .notFound)
            #expect(try await client.api(.get, "/api/v1/webhooks/nope/deliveries", token: admin).status == .notFound)
            let badLimit = try await client.api(.get, "/api/v1/webhooks?limit=0", token: admin)
            #expect(badLimit.status == .badRequest)
            #expect(badLimit.errorField == "limit")
        }
        try await world.close()
    }
}
