import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// A webhook is a request the server makes: by default it may not reach loopback, private or link-local
/// addresses, checked on what the host resolves to, both when it is saved and when it is delivered.
@Suite("Webhook targets", .serialized)
struct WebhookTargetTests {
    @Test(
        "Non-public addresses, written or resolved, are refused; public ones pass",
        arguments: [
            ("http://127.0.0.1:9/hook", true), ("http://localhost/hook", true), ("http://[::1]/hook", true),
            ("http://10.1.2.3/hook", true), ("http://192.168.1.10/hook", true), ("http://169.254.169.254/latest", true),
            ("http://[fe80::1]/hook", true), ("http://172.20.0.1/hook", true), ("http://100.64.1.1/hook", true),
            ("http://[::ffff:127.0.0.1]/hook", true), ("https://203.0.113.9/hook", false),
            ("https://8.8.8.8/hook", false),
        ])
    func classification(url: String, refused: Bool) async {
        let address = await WebhookTargets().refusedAddress(of: url)
        #expect((address != nil) == refused, "\(url): \(address ?? "public")")
        #expect(await WebhookTargets(allowPrivate: true).refusedAddress(of: url) == nil)
    }

    @Test("Without --allow-private-webhooks the API and the page answer 422 on url and save nothing")
    func refusedWhenSaved() async throws {
        let world = try await TestWorld.demo()
        let router = buildRouter(
            store: world.store, configuration: ServerConfiguration(bcryptCost: 4),
            environment: world.environment)
        let anh = try await world.token("p-anh")
        try await Application(router: router).test(.router) { client in
            for url in ["http://127.0.0.1:8080/hook", "http://localhost:9/x", "http://[::1]/x"] {
                let made = try await client.api(
                    .post, "/api/v1/webhooks", token: anh,
                    body: jsonBody(["url": url, "events": ["check_in.created"]]))
                #expect(made.status == .unprocessableContent, "\(url)")
                #expect(made.errorField == "url")
            }
            let fine = try await client.api(
                .post, "/api/v1/webhooks", token: anh,
                body: jsonBody(["url": "https://203.0.113.9/hook", "events": ["check_in.created"]]))
            #expect(fine.status == .created)
            let webhook = try #require(fine.object["webhook"] as? [String: Any])
            let id = try #require(webhook["id"] as? String)
            let version = try #require(webhook["version"] as? Int)
            let moved = try await client.api(
                .patch, "/api/v1/webhooks/\(id)", token: anh,
                body: jsonBody(["url": "http://10.0.0.5/hook", "version": version]))
            #expect(moved.status == .unprocessableContent)
            #expect(moved.errorField == "url")

            let cookies = try await client.signIn("admin@okra.demo")
            let form = "csrf=\(cookies.csrf)&url=\("http://127.0.0.1:9/x".formEncoded)&events=check_in.created"
            let status = try await client.execute(
                uri: "/settings/webhooks", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(string: form)
            ) { $0.status }
            #expect(status == .unprocessableContent)
        }
        let saved = try await world.store.webhooks()
        #expect(saved.map(\.value.url) == ["https://203.0.113.9/hook"])
        try await world.close()
    }

    @Test("A subscription already pointing at loopback is not posted to: the attempt fails as refused")
    func refusedWhenDelivered() async throws {
        let world = try await TestWorld.demo()
        let receiver = try await WebhookReceiver.start()
        let client = WebhookWorker.makeClient()
        let clock = ManualClock(world.now)
        let worker = WebhookWorker(store: world.store, now: { clock.now }, sleep: { _ in })
        try await worker.pass(client: client)
        // Saved when the operator allowed private receivers; the server now runs without that leave.
        let hook = try WebhookSubscription(
            id: "wh-inside", url: receiver.url, events: [.checkInCreated], createdAt: clock.now)
        _ = try await world.store.createWebhook(hook, secret: WebhookSignature.newSecret(), actor: "p-anh")
        let lead = try await world.token("p-ha")
        try await world.test { api in
            let checkIn = try await api.api(
                .post, "/api/v1/key-results/kr-mkt-adwords/check-ins", token: lead,
                body: jsonBody(["value": 90, "confidence": 7]))
            #expect(checkIn.status == .created)
        }
        try await worker.pass(client: client)
        #expect(receiver.received.isEmpty)
        let attempts = try await world.store.webhookAttempts(subscription: "wh-inside", limit: 10)
        #expect(attempts.count == 1)
        #expect(attempts.first?.error?.contains("not a public address") == true)
        try await client.shutdown()
        await receiver.stop()
        try await world.close()
    }
}
