import Foundation
import OKRCore
import OKRStore
import Testing

/// The webhook tables: subscriptions with their secret, audit events turned into jobs once, and jobs that only
/// one worker can claim at a time.
@Suite("Webhook store")
struct WebhookStoreTests {
    static func subscription(_ id: String, events: [OutboundEventKind] = [.checkInCreated]) throws
        -> WebhookSubscription
    {
        try WebhookSubscription(
            id: WebhookSubscriptionID(id), url: "https://hooks.example.vn/okra", events: events,
            createdAt: Fixtures.instant(0))
    }

    @Test(
        "a subscription round-trips, changes with its version, and goes with its jobs and log",
        arguments: TestBackend.available)
    func subscriptions(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            let made = try await store.createWebhook(
                try Self.subscription("w1", events: [.cycleClosed, .askCreated]), secret: "s3cret", actor: nil)
            #expect(made.version == 1)
            #expect(try await store.webhook(id: "w1") == made)
            #expect(made.value.events == [.askCreated, .cycleClosed])
            var changed = made.value
            changed.active = false
            try changed.change(url: "http://10.0.0.5:8080/in")
            let updated = try await store.updateWebhook(changed, expectedVersion: 1, actor: nil)
            #expect(updated.version == 2)
            #expect(try await store.webhooks() == [updated])
            await #expect(throws: StoreError.conflict(entity: "webhook", id: "w1", expected: 1, actual: 2)) {
                _ = try await store.updateWebhook(changed, expectedVersion: 1, actor: nil)
            }
            let audit = try await store.auditEvents(entity: "webhook", entityID: "w1", limit: 10)
            #expect(audit.count == 2)
            #expect(!audit.contains { ($0.after ?? "").contains("s3cret") }, "the secret never reaches the audit log")
            try await store.deleteWebhook(id: "w1", actor: nil)
            #expect(try await store.webhook(id: "w1") == nil)
            await #expect(throws: StoreError.notFound(entity: "webhook", id: "w1")) {
                try await store.deleteWebhook(id: "w1", actor: nil)
            }
        }
    }

    @Test("an audit event becomes jobs once, however many dispatchers see it", arguments: TestBackend.available)
    func enqueueOnce(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            _ = try await store.createWebhook(try Self.subscription("w1"), secret: "k", actor: nil)
            try await Fixtures.organization(in: store)
            let pending = try await store.unprocessedWebhookEvents(since: Date(timeIntervalSince1970: 0), limit: 100)
            #expect(!pending.isEmpty)
            #expect(!pending.contains { $0.entity == "webhook" || $0.entity == "person" }, "only what webhooks tell of")
            let event = try #require(pending.first)
            let job = WebhookJob(
                id: "j1", subscriptionID: "w1", eventID: "e1", event: .checkInCreated, body: #"{"id":"e1"}"#,
                createdAt: Fixtures.instant(10))
            let first = try await store.enqueueWebhookJobs(
                for: event.id, jobs: [job], statuses: ["kr-1": "on_track"], at: Fixtures.instant(10))
            let again = try await store.enqueueWebhookJobs(
                for: event.id, jobs: [job], statuses: ["kr-1": "off_track"], at: Fixtures.instant(11))
            #expect(first && !again)
            #expect(try await store.webhookJobs(subscription: "w1", limit: 10).map(\.id) == ["j1"])
            #expect(try await store.rememberedKeyResultStatuses(["kr-1", "kr-2"]) == ["kr-1": "on_track"])
            let left = try await store.unprocessedWebhookEvents(since: Date(timeIntervalSince1970: 0), limit: 100)
            #expect(!left.contains { $0.id == event.id })
            try await store.forgetProcessedWebhookEvents(before: Fixtures.instant(20))
            let back = try await store.unprocessedWebhookEvents(since: Date(timeIntervalSince1970: 0), limit: 100)
            #expect(back.contains { $0.id == event.id }, "forgotten events are older than any window scanned again")
        }
    }

    @Test(
        "a due job is claimed by one worker only; its attempts are logged and it is retried, then delivered",
        arguments: TestBackend.available)
    func claims(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            _ = try await store.createWebhook(try Self.subscription("w1"), secret: "k", actor: nil)
            let job = WebhookJob(
                id: "j1", subscriptionID: "w1", eventID: "e1", event: .checkInCreated, body: "{}",
                createdAt: Fixtures.instant(10))
            try await store.enqueueWebhookJobs(for: "a1", jobs: [job], statuses: [:], at: Fixtures.instant(10))
            #expect(try await store.dueWebhookJobs(at: Fixtures.instant(9), limit: 10) == [])
            #expect(try await store.dueWebhookJobs(at: Fixtures.instant(10), limit: 10) == ["j1"])
            async let one = store.claimWebhookJob(id: "j1", at: Fixtures.instant(10), until: Fixtures.instant(70))
            async let two = store.claimWebhookJob(id: "j1", at: Fixtures.instant(10), until: Fixtures.instant(70))
            let claims = try await [one, two].compactMap(\.self)
            #expect(claims.count == 1)
            let claim = try #require(claims.first)
            #expect(claim.secret == "k")
            #expect(claim.job.attempts == 1)
            #expect(try await store.dueWebhookJobs(at: Fixtures.instant(20), limit: 10) == [], "claimed")
            try await store.recordWebhookAttempt(
                WebhookAttempt(
                    id: "a-1", jobID: "j1", subscriptionID: "w1", event: .checkInCreated, attempt: 1,
                    at: Fixtures.instant(11), statusCode: 500, error: "HTTP 500", durationMilliseconds: 3,
                    outcome: .retrying), retryAt: Fixtures.instant(21))
            #expect(try await store.dueWebhookJobs(at: Fixtures.instant(20), limit: 10) == [])
            #expect(
                try await store.claimWebhookJob(id: "j1", at: Fixtures.instant(20), until: Fixtures.instant(80)) == nil)
            let second = try #require(
                try await store.claimWebhookJob(id: "j1", at: Fixtures.instant(21), until: Fixtures.instant(81)))
            #expect(second.job.attempts == 2)
            try await store.recordWebhookAttempt(
                WebhookAttempt(
                    id: "a-2", jobID: "j1", subscriptionID: "w1", event: .checkInCreated, attempt: 2,
                    at: Fixtures.instant(22), statusCode: 204, error: nil, durationMilliseconds: 2, outcome: .delivered),
                retryAt: nil)
            let stored = try #require(try await store.webhookJobs(subscription: "w1", limit: 10).first)
            #expect(stored.state == .delivered)
            #expect(stored.deliveredAt == Fixtures.instant(22))
            #expect(try await store.dueWebhookJobs(at: Fixtures.instant(1000), limit: 10) == [])
            let log = try await store.webhookAttempts(subscription: "w1", limit: 10)
            #expect(log.map(\.outcome) == [.delivered, .retrying])
            #expect(log.map(\.statusCode) == [204, 500])
        }
    }

    @Test("an inactive subscription's jobs wait", arguments: TestBackend.available)
    func inactive(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            var subscription = try Self.subscription("w1")
            subscription.active = false
            _ = try await store.createWebhook(subscription, secret: "k", actor: nil)
            let job = WebhookJob(
                id: "j1", subscriptionID: "w1", eventID: "e1", event: .checkInCreated, body: "{}",
                createdAt: Fixtures.instant(10))
            try await store.enqueueWebhookJobs(for: "a1", jobs: [job], statuses: [:], at: Fixtures.instant(10))
            #expect(try await store.dueWebhookJobs(at: Fixtures.instant(100), limit: 10) == [])
        }
    }
}
