/// What an outbound webhook can be told about. The raw value is the `event` member of a delivery and the
/// `X-Okra-Event` header, so it never changes once shipped.
public enum OutboundEventKind: String, Sendable, Codable, CaseIterable, Comparable {
    case checkInCreated = "check_in.created"
    case keyResultStatusChanged = "key_result.status_changed"
    case objectivePublished = "objective.published"
    case askCreated = "ask.created"
    /// Accepted, declined, countered or done: the `state` of the ask in the delivery says which.
    case askAnswered = "ask.answered"
    case questionAsked = "question.asked"
    case questionAnswered = "question.answered"
    case cycleClosed = "cycle.closed"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
