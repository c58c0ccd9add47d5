import Foundation
import OKRCore
import Testing

@Suite("Webhook subscriptions")
struct WebhookSubscriptionTests {
    let created = Date(timeIntervalSince1970: 1_790_000_000)

    @Test(
        "only absolute http and https URLs with a host, without credentials",
        arguments: [
            "ftp://hooks.example.vn/x", "hooks.example.vn/x", "https://", "javascript:alert(1)",
            "https://u:p@example.vn/",
            "https://exa mple.vn/", "   ", "/relative/path",
        ])
    func refusesURL(_ url: String) {
        #expect(throws: DomainError.self) {
            _ = try WebhookSubscription(id: "w", url: url, events: [.checkInCreated], createdAt: created)
        }
    }

    @Test("a URL is kept trimmed; events are sorted, each once")
    func accepts() throws {
        let subscription = try WebhookSubscription(
            id: "w", url: "  http://127.0.0.1:9000/okra?team=mkt ", events: [.cycleClosed, .askCreated, .cycleClosed],
            createdAt: created)
        #expect(subscription.url == "http://127.0.0.1:9000/okra?team=mkt")
        #expect(subscription.events == [.askCreated, .cycleClosed])
    }

    @Test("no events is refused, naming the field")
    func noEvents() {
        #expect(throws: DomainError.invalid(field: "events", reason: .required)) {
            _ = try WebhookSubscription(id: "w", url: "https://example.vn", events: [], createdAt: created)
        }
    }

    @Test("a subscription wants its kinds, when active, from its creation on")
    func wants() throws {
        var subscription = try WebhookSubscription(
            id: "w", url: "https://example.vn", events: [.questionAsked], createdAt: created)
        #expect(subscription.wants(.questionAsked, at: created))
        #expect(!subscription.wants(.questionAsked, at: created.addingTimeInterval(-1)))
        #expect(!subscription.wants(.questionAnswered, at: created))
        subscription.active = false
        #expect(!subscription.wants(.questionAsked, at: created))
    }

    @Test("the event names are the ones a delivery carries")
    func names() {
        #expect(
            OutboundEventKind.allCases.map(\.rawValue).sorted() == [
                "ask.answered", "ask.created", "check_in.created", "cycle.closed", "key_result.status_changed",
                "objective.published", "question.answered", "question.asked",
            ])
    }
}
