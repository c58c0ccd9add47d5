import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// Webhooks end to end on real components: the API makes the subscription, a check-in through the API is
/// answered at once, and the worker (its clock moved by hand) posts signed deliveries to a local HTTP server.
@Suite("Webhook deliveries", .serialized)
struct WebhookDeliveryTests {
    /// A worker on the world's store whose clock the test moves and whose sleep never waits.
    static func worker(_ world: TestWorld, _ clock: ManualClock) -> WebhookWorker {
        WebhookWorker(
            store: world.store, now: { clock.now }, targets: WebhookTargets(allowPrivate: true), sleep: { _ in })
    }

    @Test("a receiver that fails twice then succeeds: 3 attempts logged 10 s and 1 min apart, delivered once, signed")
    func retries() async throws {
        let world = try await TestWorld.demo()
        let receiver = try await WebhookReceiver.start()
        let client = WebhookWorker.makeClient()
        let clock = ManualClock(world.now)
        let worker = Self.worker(world, clock)
        // A server that has run for a while: the demo's own changes were handled before the subscription came.
        try await worker.pass(client: client)
        let admin = try await world.token("p-anh")
        let lead = try await world.token("p-ha")
        let hook = try await world.test { client in
            let made = try await client.api(
                .post, "/api/v1/webhooks", token: admin,
                body: jsonBody(["url": receiver.url, "events": ["check_in.created"]]))
            #expect(made.status == .created)
            let secret = try #require(made.object["secret"] as? String)
            let webhook = try #require(made.object["webhook"] as? [String: Any])
            receiver.expect(secret: secret, failFirst: 2)
            let checkIn = try await client.api(
                .post, "/api/v1/key-results/kr-mkt-adwords/check-ins", token: lead,
                body: jsonBody(["value": 90, "confidence": 7, "note": "<b>tuần tốt</b>"]))
            #expect(checkIn.status == .created)
            #expect(receiver.received.isEmpty, "the check-in is answered before any delivery is made")
            return try #require(webhook["id"] as? String)
        }
        try await worker.pass(client: client)
        #expect(receiver.received.count == 1)
        let jobs = try await world.store.webhookJobs(subscription: WebhookSubscriptionID(hook), limit: 10)
        #expect(jobs.count == 1)
        #expect(jobs.first?.nextAttemptAt.timeIntervalSince(clock.now) ?? 0 >= 9.9, "retried 10 s later")
        try await worker.pass(client: client)
        #expect(receiver.received.count == 1, "not due yet")
        clock.advance(10)
        try await worker.pass(client: client)
        #expect(receiver.received.count == 2)
        clock.advance(59)
        try await worker.pass(client: client)
        #expect(receiver.received.count == 2, "the second retry waits a minute")
        clock.advance(1)
        try await worker.pass(client: client)
        clock.advance(3600)
        try await worker.pass(client: client)
        let received = receiver.received
        #expect(received.count == 3)
        let allSigned = received.allSatisfy { $0.signedCorrectly }
        #expect(allSigned)
        #expect(Set(received.map(\.body)).count == 1, "every retry posts the same bytes")
        #expect(Set(received.compactMap(\.delivery)).count == 1, "and the same delivery id")
        #expect(received.first?.event == "check_in.created")
        let first = try #require(received.first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(first.body.utf8)) as? [String: Any])
        #expect(body["event"] as? String == "check_in.created")
        #expect((body["id"] as? String)?.hasPrefix("evt-") == true)
        #expect(body["occurred_at"] is String)
        let data = try #require(body["data"] as? [String: Any])
        let checkIn = try #require(data["check_in"] as? [String: Any])
        #expect(checkIn["value"] as? Int == 90)
        #expect(checkIn["note"] as? String == "<b>tuần tốt</b>")
        let keyResult = try #require(data["key_result"] as? [String: Any])
        #expect(keyResult["id"] as? String == "kr-mkt-adwords")
        #expect((keyResult["title"] as? [String: Any])?["vi"] as? String == "Tăng MQL từ AdWords từ 70 lên 100")
        #expect(keyResult["status"] is String)
        #expect((keyResult["status_text"] as? [String: Any])?["en"] is String)
        try await world.test { client in
            let log = try await client.api(.get, "/api/v1/webhooks/\(hook)/deliveries", token: admin)
            #expect(log.items.map { $0["outcome"] as? String } == ["retrying", "retrying", "delivered"])
            #expect(log.items.map { $0["status_code"] as? Int } == [500, 500, 204])
            #expect(log.items.map { $0["attempt"] as? Int } == [1, 2, 3])
        }
        let job = try #require(
            try await world.store.webhookJobs(subscription: WebhookSubscriptionID(hook), limit: 1).first)
        #expect(job.state == .delivered)
        try await client.shutdown()
        await receiver.stop()
        try await world.close()
    }

    @Test("two workers on one database deliver a job once")
    func twoWorkers() async throws {
        let world = try await TestWorld.demo()
        let receiver = try await WebhookReceiver.start()
        let client = WebhookWorker.makeClient()
        let clock = ManualClock(world.now)
        try await Self.worker(world, clock).pass(client: client)
        _ = try await world.store.createWebhook(
            try WebhookSubscription(
                id: "wh-two", url: receiver.url, events: [.questionAsked], createdAt: clock.now.addingTimeInterval(-5)),
            secret: "whsec_two", actor: nil)
        receiver.expect(secret: "whsec_two")
        try await world.store.addComment(
            try Comment(
                id: "q-two", subject: .objective("o-mkt-mql"), authorID: "p-bao", body: "Ai lo phần ngân sách?",
                isQuestion: true, createdAt: clock.now), actor: "p-bao")
        async let first: Void = Self.worker(world, clock).pass(client: client)
        async let second: Void = Self.worker(world, clock).pass(client: client)
        _ = try await (first, second)
        try await Self.worker(world, clock).pass(client: client)
        #expect(receiver.received.count == 1)
        #expect(try await world.store.webhookAttempts(subscription: "wh-two", limit: 10).count == 1)
        try await client.shutdown()
        await receiver.stop()
        try await world.close()
    }

    @Test("each kind of event carries what it is about; a private objective's events never leave")
    func kinds() async throws {
        let world = try await TestWorld.demo()
        let receiver = try await WebhookReceiver.start()
        let client = WebhookWorker.makeClient()
        let clock = ManualClock(world.now)
        let store = world.store
        try await Self.worker(world, clock).pass(client: client)
        _ = try await store.createWebhook(
            try WebhookSubscription(
                id: "wh-all", url: receiver.url, events: OutboundEventKind.allCases,
                createdAt: clock.now.addingTimeInterval(-5)), secret: "whsec_all", actor: nil)
        receiver.expect(secret: "whsec_all")
        let cycle = try #require(try await store.cycles().first { $0.value.state == .active })
        // A check-in that reaches the target: check_in.created, and the status moves to done.
        let checkIn = try CheckIn(
            id: "ci-hook", keyResultID: "kr-mkt-adwords", value: 100, confidence: try Confidence(9), authorID: "p-ha",
            recordedAt: clock.now, day: TestWorld.today)
        _ = try await store.recordCheckIn(checkIn, actor: "p-ha")
        // A draft published.
        let draft = try Objective(
            id: "o-hook", cycleID: cycle.value.id, title: try LocalizedName(vi: "Ra mắt kênh đối tác"),
            owner: .team("marketing"), state: .draft, visibility: .organization)
        let made = try await store.createObjective(draft, actor: "p-ha")
        var published = made.value
        published.state = .published
        _ = try await store.updateObjective(published, expectedVersion: made.version, actor: "p-ha")
        // An ask, then accepted.
        let ask = try DependencyAsk(
            id: "ask-hook", fromTeamID: "marketing", toTeamID: "sales", objectiveID: "o-mkt-mql",
            need: "Danh sách khách hàng cũ", dueBy: TestWorld.today)
        try await store.createAsk(ask, actor: "p-ha")
        _ = try await store.updateAsk(try ask.accepted(), expectedVersion: 1, actor: "p-bao")
        // A question and its answer.
        try await store.addComment(
            try Comment(
                id: "q-hook", subject: .keyResult("kr-mkt-adwords"), authorID: "p-bao", body: "Nguồn số liệu là gì?",
                isQuestion: true, createdAt: clock.now), actor: "p-bao")
        try await store.addComment(
            try Comment(
                id: "a-hook", subject: .keyResult("kr-mkt-adwords"), authorID: "p-ha", body: "Google Ads",
                createdAt: clock.now, answers: "q-hook"), actor: "p-ha")
        // A private objective published and questioned: nothing about it is sent.
        let secret = try Objective(
            id: "o-hook-private", cycleID: cycle.value.id, title: try LocalizedName(vi: "Đàm phán bí mật"),
            owner: .person("p-lan"), state: .published, visibility: .private)
        _ = try await store.createObjective(secret, actor: "p-lan")
        try await store.addComment(
            try Comment(
                id: "q-private", subject: .objective("o-hook-private"), authorID: "p-bao", body: "Tiến độ?",
                isQuestion: true, createdAt: clock.now), actor: "p-bao")
        // The cycle closed.
        var closed = cycle.value
        closed.state = .closed
        _ = try await store.updateCycle(closed, expectedVersion: cycle.version, actor: "p-anh")

        try await Self.worker(world, clock).pass(client: client)
        let bodies = receiver.received.compactMap { received in
            (try? JSONSerialization.jsonObject(with: Data(received.body.utf8))) as? [String: Any]
        }
        let allSigned = receiver.received.allSatisfy { $0.signedCorrectly }
        #expect(allSigned)
        func data(_ kind: String) -> [[String: Any]] {
            bodies.filter { $0["event"] as? String == kind }.compactMap { $0["data"] as? [String: Any] }
        }
        #expect(data("check_in.created").count == 1)
        let status = try #require(data("key_result.status_changed").first)
        #expect((status["key_result"] as? [String: Any])?["status"] as? String == "done")
        #expect(status["previous_status"] as? String != "done")
        let objective = try #require(data("objective.published").first?["objective"] as? [String: Any])
        #expect(objective["id"] as? String == "o-hook")
        #expect(data("objective.published").count == 1, "the private objective is not told")
        let askCreated = try #require(data("ask.created").first?["ask"] as? [String: Any])
        #expect(askCreated["need"] as? String == "Danh sách khách hàng cũ")
        #expect((askCreated["to_team"] as? [String: Any])?["id"] as? String == "sales")
        #expect((data("ask.answered").first?["ask"] as? [String: Any])?["state"] as? String == "accepted")
        let asked = data("question.asked")
        #expect(asked.count == 1, "the question on the private objective is not told")
        #expect((asked.first?["question"] as? [String: Any])?["body"] as? String == "Nguồn số liệu là gì?")
        let answered = try #require(data("question.answered").first)
        #expect((answered["answer"] as? [String: Any])?["body"] as? String == "Google Ads")
        #expect((answered["question"] as? [String: Any])?["id"] as? String == "q-hook")
        #expect((data("cycle.closed").first?["cycle"] as? [String: Any])?["id"] as? String == cycle.value.id.rawValue)
        #expect(bodies.count == 8)
        try await client.shutdown()
        await receiver.stop()
        try await world.close()
    }

    @Test("the retry schedule: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then given up after 8 attempts")
    func schedule() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let waits = (1...8).map {
            RetrySchedule.standard.retryAt(afterAttempt: $0, failedAt: start)?.timeIntervalSince(start)
        }
        #expect(waits == [10, 60, 300, 1800, 7200, 21_600, 43_200, nil])
    }

    @Test("the signature is HMAC-SHA256 of the exact bytes")
    func signature() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let value = WebhookSignature.value(body: Data("what do ya want for nothing?".utf8), secret: "Jefe")
        #expect(value == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(WebhookSignature.verify(value, body: Data("what do ya want for nothing?".utf8), secret: "Jefe"))
        #expect(!WebhookSignature.verify(value, body: Data("what do ya want for nothing!".utf8), secret: "Jefe"))
        #expect(WebhookSignature.newSecret().count == 38)
    }
}
