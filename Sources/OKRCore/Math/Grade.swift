import Foundation

/// A KR's grade at the close of a cycle, 0.0–1.0: proposed from progress, adjustable with a reason.
public struct KeyResultGrade: Hashable, Sendable, Codable {
    public let proposed: Decimal
    public let value: Decimal
    public let reason: String?

    /// The proposal: clamped progress rounded to the nearest tenth, as Google's method grades.
    public init(progress: KeyResultProgress) {
        let proposed = progress.value.rounded(1)
        self.proposed = proposed
        self.value = proposed
        self.reason = nil
    }

    /// Restores a stored grade.
    public init(proposed: Decimal, value: Decimal, reason: String?) throws(DomainError) {
        self.proposed = try KeyResultGrade.checked(proposed, field: "proposed")
        self.value = try KeyResultGrade.checked(value, field: "grade")
        self.reason = try Validate.optionalText(reason, field: "reason", max: 1000)
        if value != proposed && self.reason == nil { throw .invalid(field: "reason", reason: .required) }
    }

    /// The grade set by hand; a change from the proposal needs a reason.
    public func adjusted(to value: Decimal, reason: String?) throws(DomainError) -> KeyResultGrade {
        try KeyResultGrade(proposed: proposed, value: value, reason: reason)
    }

    public var band: GradeBand { GradeBand(value) }

    private static func checked(_ value: Decimal, field: String) throws(DomainError) -> Decimal {
        try Validate.finite(value, field: field)
        guard value >= 0, value <= 1 else { throw .invalid(field: field, reason: .outOfRange) }
        return value
    }
}

/// Google's colour bands: 0.0–0.3 red (failed to make real progress), 0.4–0.6 yellow (progress, fell short),
/// 0.7–1.0 green (delivered).
public enum GradeBand: String, Sendable, Codable, CaseIterable {
    case red, yellow, green

    public init(_ grade: Decimal) {
        if grade < Decimal(string: "0.35")! {
            self = .red
        } else if grade < Decimal(string: "0.65")! {
            self = .yellow
        } else {
            self = .green
        }
    }
}

/// An objective's grade: the weighted mean of its KR grades and, when it is driven by its aligned children, of
/// their grades with the links' weights (the same terms as its progress), judged by its kind.
public struct ObjectiveGrade: Hashable, Sendable, Codable {
    /// One child objective's grade with the weight of its link.
    public struct Term: Sendable {
        public let grade: Decimal
        public let weight: Decimal
        public init(grade: Decimal, weight: Decimal) {
            self.grade = grade
            self.weight = weight
        }
    }

    public let value: Decimal
    public let kind: Objective.Kind
    public let explanation: Explanation

    public init(kind: Objective.Kind, grades: [(grade: KeyResultGrade, weight: Decimal)], children: [Term] = []) {
        let terms = grades.map { Term(grade: $0.grade.value, weight: $0.weight) } + children
        let total = terms.reduce(Decimal(0)) { $0 + $1.weight }
        let value = total > 0 ? terms.reduce(Decimal(0)) { $0 + $1.grade * $1.weight } / total : 0
        self.value = value.rounded(2)
        self.kind = kind
        let text = terms.map { "\(Plain.text($0.weight))·\(Plain.text($0.grade))" }.joined(separator: " + ")
        self.explanation = Explanation(
            formula: "Σ wᵢ·gᵢ / Σ wᵢ",
            computation: terms.isEmpty
                ? "no key results → 0" : "(\(text)) / \(Plain.text(total)) = \(Plain.text(self.value, places: 2))",
            policy: kind == .committed ? "committed: success at 1.0" : "aspirational: success at ≥ 0.7",
            reason: terms.isEmpty ? LocalizedText(vi: "không có kết quả then chốt → 0", en: "no key results → 0") : nil,
            policyText: kind == .committed
                ? LocalizedText(vi: "Cam kết: thành công ở 1.0", en: "Committed: success at 1.0")
                : LocalizedText(vi: "Khát vọng: thành công từ 0.7", en: "Aspirational: success at ≥ 0.7"))
    }

    /// Committed objectives succeed at 1.0, aspirational ones at 0.7 or more.
    public var isSuccess: Bool { kind == .committed ? value >= 1 : value >= Decimal(string: "0.7")! }
    public var band: GradeBand { GradeBand(value) }
}
