import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// `/settings/webhooks`: an admin adds a webhook and sees its secret once, deactivates and deletes it; anyone
/// else gets 403.
@Suite("Webhooks settings page")
struct WebhooksSettingsPageTests {
    @Test("an admin adds a webhook (secret shown once), a wrong URL is answered next to its field, then deletes it")
    func manage() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let (status, empty) = try await client.page("/settings/webhooks", cookies)
            #expect(status == .ok)
            #expect(empty.contains("id=\"create-webhook\""))
            #expect(empty.contains("for=\"url\""))
            let headers: HTTPFields = [
                .contentType: "application/x-www-form-urlencoded", .cookie: cookies.header,
            ]
            let wrong = "csrf=\(cookies.csrf)&url=ftp%3A%2F%2Fx.vn&events=check_in.created"
            let refused = try await client.execute(
                uri: "/settings/webhooks", method: .post, headers: headers, body: ByteBuffer(string: wrong)
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(refused.0 == .unprocessableContent)
            #expect(refused.1.contains("id=\"url-error\""))
            #expect(refused.1.contains("value=\"ftp://x.vn\""), "what was typed is kept")
            let form =
                "csrf=\(cookies.csrf)&url=https%3A%2F%2Fhooks.example.vn%2Fokra&events=check_in.created&events=cycle.closed"
            let made = try await client.execute(
                uri: "/settings/webhooks", method: .post, headers: headers, body: ByteBuffer(string: form)
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(made.0 == .created)
            #expect(made.1.contains("id=\"webhook-secret\""))
            let webhook = try #require(try await world.store.webhooks().first)
            #expect(webhook.value.events == [.checkInCreated, .cycleClosed])
            let (_, listed) = try await client.page("/settings/webhooks", cookies)
            #expect(!listed.contains("id=\"webhook-secret\""), "the secret is shown only once")
            #expect(listed.contains("https://hooks.example.vn/okra"))
            let id = webhook.value.id.rawValue
            let toggle = try await client.execute(
                uri: "/settings/webhooks/\(id)/active", method: .post, headers: headers,
                body: ByteBuffer(string: "csrf=\(cookies.csrf)&version=1&active=0")
            ) { $0.status }
            #expect(toggle == .seeOther || toggle == .found)
            #expect(try await world.store.webhook(id: webhook.value.id)?.value.active == false)
            let removed = try await client.execute(
                uri: "/settings/webhooks/\(id)/delete", method: .post, headers: headers,
                body: ByteBuffer(string: "csrf=\(cookies.csrf)")
            ) { $0.status }
            #expect(removed == .seeOther || removed == .found)
            #expect(try await world.store.webhooks().isEmpty)
        }
        try await world.close()
    }

    @Test("a lead or a viewer gets 403 on the page and its form")
    func forbidden() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            for email in ["ha@okra.demo", "mai@okra.demo"] {
                let cookies = try await client.signIn(email)
                let (status, _) = try await client.page("/settings/webhooks", cookies)
                #expect(status == .forbidden)
                let posted = try await client.execute(
                    uri: "/settings/webhooks", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                    body: ByteBuffer(string: "csrf=\(cookies.csrf)&url=https%3A%2F%2Fx.vn&events=cycle.closed")
                ) { $0.status }
                #expect(posted == .forbidden)
            }
            #expect(try await world.store.webhooks().isEmpty)
        }
        try await world.close()
    }
}
