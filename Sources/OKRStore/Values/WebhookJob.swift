import Foundation
import OKRCore

/// One delivery to make: an event's body for one subscription, with where its attempts stand. Jobs live in the
/// database so that nothing acknowledged is lost when the server stops, and so that several servers can share
/// them.
public struct WebhookJob: Hashable, Sendable, Identifiable {
    /// Sent as `X-Okra-Delivery`; the same on every retry, so a receiver can ignore a repeat.
    public let id: String
    public let subscriptionID: WebhookSubscriptionID
    /// The event's id (the `id` member of the body), shared by the jobs of every subscription told about it.
    public let eventID: String
    public let event: OutboundEventKind
    /// The exact bytes that are posted and signed, fixed when the job is made.
    public let body: String
    public let createdAt: Date
    public var state: State
    public var nextAttemptAt: Date
    public var attempts: Int
    public var lastStatus: Int?
    public var lastError: String?
    public var deliveredAt: Date?

    public enum State: String, Sendable, Codable, CaseIterable {
        /// Waiting for its next attempt.
        case pending
        /// The receiver answered 2xx.
        case delivered
        /// Every attempt failed; no more will be made.
        case failed
    }

    /// A new job, due at once.
    public init(
        id: String, subscriptionID: WebhookSubscriptionID, eventID: String, event: OutboundEventKind,
        body: String, createdAt: Date
    ) {
        self.init(
            id: id, subscriptionID: subscriptionID, eventID: eventID, event: event, body: body, createdAt: createdAt,
            state: .pending, nextAttemptAt: createdAt, attempts: 0, lastStatus: nil, lastError: nil, deliveredAt: nil)
    }

    public init(
        id: String, subscriptionID: WebhookSubscriptionID, eventID: String, event: OutboundEventKind, body: String,
        createdAt: Date, state: State, nextAttemptAt: Date, attempts: Int, lastStatus: Int?, lastError: String?,
        deliveredAt: Date?
    ) {
        self.id = id
        self.subscriptionID = subscriptionID
        self.eventID = eventID
        self.event = event
        self.body = body
        self.createdAt = createdAt
        self.state = state
        self.nextAttemptAt = nextAttemptAt
        self.attempts = attempts
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.deliveredAt = deliveredAt
    }
}
