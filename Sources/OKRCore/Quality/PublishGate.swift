/// Whether a draft may be published: the mission's two-way review ends when leadership's questions are
/// answered and the OKR follows the writing rules. The gate is pure — given the objective, the comments on it
/// (and on its key results), its quality findings and the organization's policy, it lists the reasons it
/// cannot be published. An empty list means it may.
public struct PublishGate: Hashable, Sendable, Codable {
    /// Each rule can be switched off per organization; both are on by default.
    public var requiresAnsweredQuestions: Bool
    public var requiresNoErrors: Bool

    public init(requiresAnsweredQuestions: Bool = true, requiresNoErrors: Bool = true) {
        self.requiresAnsweredQuestions = requiresAnsweredQuestions
        self.requiresNoErrors = requiresNoErrors
    }

    /// The stable names of the reasons, part of the API (`publish_blocked` lists them).
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// A question asked on the draft has no answer yet.
        case openQuestion = "open_question"
        /// A quality finding of error severity (too few KRs, a KR that cannot be measured, no owner).
        case errorFinding = "error_finding"
    }

    /// One reason a draft cannot be published, with what it points at.
    public struct Reason: Hashable, Sendable {
        public let code: Code
        /// For `open_question`: the question waiting for its answer.
        public let question: Comment?
        /// For `error_finding`: the finding.
        public let finding: QualityFinding?

        public static func openQuestion(_ question: Comment) -> Reason {
            Reason(code: .openQuestion, question: question, finding: nil)
        }

        public static func errorFinding(_ finding: QualityFinding) -> Reason {
            Reason(code: .errorFinding, question: nil, finding: finding)
        }
    }

    /// Whether a move of the workflow passes through the gate: publishing a draft or a draft in review.
    /// Re-publishing a closed objective, archiving and the other moves do not.
    public static func guards(from: Objective.State, to: Objective.State) -> Bool {
        to == .published && (from == .draft || from == .inReview)
    }

    /// Why `objective` cannot be published: its open questions first (oldest first), then its error findings
    /// in the order the quality check gives them. `comments` may hold comments on other subjects too (its
    /// key results); only questions count, and an answer closes the question it points at.
    public func reasons(comments: [Comment], findings: [QualityFinding]) -> [Reason] {
        var reasons: [Reason] = []
        if requiresAnsweredQuestions {
            reasons += Comment.openQuestions(comments).sorted {
                ($0.createdAt, $0.id.rawValue) < ($1.createdAt, $1.id.rawValue)
            }
            .map(Reason.openQuestion)
        }
        if requiresNoErrors {
            reasons += findings.filter(\.blocksPublishing).map(Reason.errorFinding)
        }
        return reasons
    }
}
