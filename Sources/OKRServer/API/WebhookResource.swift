import Foundation
import OKRCore
import OKRStore

/// A webhook subscription as the API shows it: where it posts, what it is told about, whether it is on. Never
/// its secret, which is shown once, when the subscription is made.
struct WebhookResource: Encodable, Sendable {
    let id: String
    let url: String
    let events: [String]
    let active: Bool
    let createdAt: Date
    let version: Int

    init(_ entry: Versioned<WebhookSubscription>) {
        id = entry.value.id.rawValue
        url = entry.value.url
        events = entry.value.events.map(\.rawValue)
        active = entry.value.active
        createdAt = entry.value.createdAt
        version = entry.version
    }

    static let eventsSchema = Schema.array(.values(of: OutboundEventKind.self))

    static let schema = Schema.object([
        .required("id", .string), .required("url", .string, "Where deliveries are posted (http or https)."),
        .required("events", eventsSchema, "The events it is told about."),
        .required("active", .boolean, "An inactive subscription receives nothing and keeps its log."),
        .required("created_at", .dateTime, "Events from this instant on are delivered."),
        .required("version", .integer, "Send it back with a change; a stale one is 409."),
    ])

    /// A subscription just made: its resource and, this once, the secret that signs its deliveries.
    struct Created: Encodable, Sendable {
        let secret: String
        let webhook: WebhookResource

        static let schema = Schema.object([
            .required(
                "secret", .string,
                "Signs every delivery: `X-Okra-Signature: sha256=<hex HMAC-SHA256 of the body>`. Shown only now."),
            .required("webhook", .ref("Webhook")),
        ])
    }
}

/// One attempt at a delivery, as the deliveries log shows it.
struct WebhookDeliveryResource: Encodable, Sendable {
    let id: String
    let deliveryId: String
    let event: String
    let attempt: Int
    let at: Date
    let statusCode: Int?
    let error: String?
    let durationMs: Int
    let outcome: String

    init(_ attempt: WebhookAttempt) {
        id = attempt.id
        deliveryId = attempt.jobID
        event = attempt.event.rawValue
        self.attempt = attempt.attempt
        at = attempt.at
        statusCode = attempt.statusCode
        error = attempt.error
        durationMs = attempt.durationMilliseconds
        outcome = attempt.outcome.rawValue
    }

    /// Attempts are listed oldest first: the instant in milliseconds, padded so text order is time order, then
    /// the id.
    static func key(_ attempt: WebhookAttempt) -> String {
        let milliseconds = Int((attempt.at.timeIntervalSince1970 * 1000).rounded())
        let digits = String(max(0, milliseconds))
        return String(repeating: "0", count: max(0, 15 - digits.count)) + digits + "-" + attempt.id
    }

    static let schema = Schema.object([
        .required("id", .string), .required("delivery_id", .string, "The `X-Okra-Delivery` header of the attempt."),
        .required("event", .values(of: OutboundEventKind.self)),
        .required("attempt", .integer(minimum: 1, maximum: nil), "1 for the first try."),
        .required("at", .dateTime), .optional("status_code", .integer, "The receiver's answer, when there was one."),
        .optional("error", .string, "Why it failed: `HTTP 500`, a timeout, a refused connection."),
        .required("duration_ms", .integer), .required("outcome", .values(of: WebhookAttempt.Outcome.self)),
    ])
}
