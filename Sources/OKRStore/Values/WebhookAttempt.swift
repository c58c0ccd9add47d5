import Foundation
import OKRCore

/// One try at a delivery, as the deliveries log shows it: when, the receiver's status code or the error that
/// stood in for one, and what became of the job.
public struct WebhookAttempt: Hashable, Sendable, Identifiable {
    public let id: String
    public let jobID: String
    public let subscriptionID: WebhookSubscriptionID
    public let event: OutboundEventKind
    /// 1 for the first try.
    public let attempt: Int
    public let at: Date
    /// The HTTP status the receiver answered, if it answered.
    public let statusCode: Int?
    /// Why there is no 2xx: a timeout, a refused connection, "HTTP 500".
    public let error: String?
    public let durationMilliseconds: Int
    public let outcome: Outcome

    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case delivered
        /// Failed; the job is tried again later.
        case retrying
        /// Failed for the last time.
        case gaveUp = "gave_up"
    }

    public init(
        id: String, jobID: String, subscriptionID: WebhookSubscriptionID, event: OutboundEventKind, attempt: Int,
        at: Date, statusCode: Int?, error: String?, durationMilliseconds: Int, outcome: Outcome
    ) {
        self.id = id
        self.jobID = jobID
        self.subscriptionID = subscriptionID
        self.event = event
        self.attempt = attempt
        self.at = at
        self.statusCode = statusCode
        self.error = error
        self.durationMilliseconds = durationMilliseconds
        self.outcome = outcome
    }
}
