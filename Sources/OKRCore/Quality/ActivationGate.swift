import Foundation

/// Whether a planned cycle may become active: the guide's planning ends when the questions asked on the drafts
/// are answered and every dependency ask has its answer — the team asked has accepted or declined it, or the
/// asking team has answered a counter-proposal. Pure: given the cycle's open questions and asks and the
/// organization's policy, it lists what activation waits for. An empty list means it may start.
public struct ActivationGate: Hashable, Sendable, Codable {
    /// Each rule can be switched off per organization; both are on by default.
    public var requiresAnsweredQuestions: Bool
    public var requiresAnsweredAsks: Bool

    public init(requiresAnsweredQuestions: Bool = true, requiresAnsweredAsks: Bool = true) {
        self.requiresAnsweredQuestions = requiresAnsweredQuestions
        self.requiresAnsweredAsks = requiresAnsweredAsks
    }

    /// The stable names of the reasons, part of the API (`planning_open` lists them).
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// A question asked on a draft of the cycle (or on one of its KRs) has no answer yet.
        case openQuestion = "open_question"
        /// A dependency ask of the cycle waits for its answer.
        case openAsk = "open_ask"
    }

    /// One thing activation waits for.
    public struct Reason: Hashable, Sendable {
        public let code: Code
        public let question: Comment?
        public let ask: DependencyAsk?
    }

    /// Whether an ask still waits for an answer: requested (the team asked has not answered) or countered (the
    /// asking team has not answered the counter-proposal).
    public static func waits(_ ask: DependencyAsk) -> Bool { ask.state == .requested || ask.state == .countered }

    /// What activation waits for: the open questions among `comments` (oldest first), then the asks that wait
    /// for an answer (earliest due first), as the switches say.
    public func reasons(comments: [Comment], asks: [DependencyAsk]) -> [Reason] {
        var reasons: [Reason] = []
        if requiresAnsweredQuestions {
            reasons += Comment.openQuestions(comments).sorted {
                ($0.createdAt, $0.id.rawValue) < ($1.createdAt, $1.id.rawValue)
            }
            .map { Reason(code: .openQuestion, question: $0, ask: nil) }
        }
        if requiresAnsweredAsks {
            reasons += asks.filter(Self.waits).sorted { ($0.dueBy, $0.id.rawValue) < ($1.dueBy, $1.id.rawValue) }
                .map { Reason(code: .openAsk, question: nil, ask: $0) }
        }
        return reasons
    }
}
