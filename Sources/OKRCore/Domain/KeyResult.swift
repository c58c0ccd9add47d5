import Foundation

/// How we will know the objective was reached: a measurable outcome, never an activity.
public struct KeyResult: Hashable, Sendable, Codable, Identifiable {
    public let id: KeyResultID
    public var objectiveID: ObjectiveID
    public var title: LocalizedName
    public var owner: Owner?
    public let kind: Kind
    public let unit: MeasureUnit
    /// The value at the start of the cycle (`increase`, `decrease`; optional for the others).
    public let start: Decimal?
    /// The value to reach; the threshold of `at_least` / `at_most`; the lower bound of `range`.
    public let target: Decimal?
    /// The upper bound of `range`.
    public let targetHigh: Decimal?
    /// The latest value; nil before the first check-in.
    public var current: Decimal?
    public let weight: Decimal
    public var confidence: Confidence?
    /// A guard on the result ("with at least 100 responses"); while it fails, the KR is not met.
    public var condition: ValidityCondition?
    /// The KR's own planned values by date, used instead of the working-day line when present.
    public let plan: [PlannedValue]
    /// A KPI the KR takes its values from.
    public var kpiID: KPIID?
    /// When the KR is due, if before the end of the cycle.
    public let due: Day?

    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// From start up to target.
        case increase
        /// From start down to target.
        case decrease
        /// Stay at or above the target.
        case atLeast = "at_least"
        /// Stay at or below the target.
        case atMost = "at_most"
        /// Stay between target and targetHigh.
        case range
        /// Done (1) or not (0).
        case milestone
        /// Establish the number this cycle: complete once a value is recorded.
        case baseline

        /// Whether the KR moves from a start value towards a target.
        public var isDirectional: Bool { self == .increase || self == .decrease }
    }

    public init(
        id: KeyResultID, objectiveID: ObjectiveID, title: LocalizedName, owner: Owner? = nil, kind: Kind,
        unit: MeasureUnit = .number, start: Decimal? = nil, target: Decimal? = nil, targetHigh: Decimal? = nil,
        current: Decimal? = nil, weight: Decimal = 1, confidence: Confidence? = nil,
        condition: ValidityCondition? = nil, plan: [PlannedValue] = [], kpiID: KPIID? = nil, due: Day? = nil,
        cycle: Cycle? = nil
    ) throws(DomainError) {
        for (field, value) in [("start", start), ("target", target), ("target_high", targetHigh), ("current", current)]
        {
            if let value { try Validate.finite(value, field: field) }
        }
        switch kind {
        case .increase, .decrease:
            guard let start else { throw .invalid(field: "start", reason: .required) }
            guard let target else { throw .invalid(field: "target", reason: .required) }
            guard target != start else { throw .invalid(field: "target", reason: .targetEqualsStart) }
            guard (kind == .increase) == (target > start) else {
                throw .invalid(field: "target", reason: .wrongDirection(kind: kind.rawValue))
            }
        case .atLeast, .atMost:
            guard target != nil else { throw .invalid(field: "target", reason: .required) }
        case .range:
            guard let low = target else { throw .invalid(field: "target", reason: .required) }
            guard let high = targetHigh else { throw .invalid(field: "target_high", reason: .required) }
            guard low < high else { throw .invalid(field: "target_high", reason: .boundsReversed) }
        case .milestone:
            if let current, current != 0, current != 1 {
                throw .invalid(field: "current", reason: .outOfRange)
            }
        case .baseline:
            break
        }
        if kind != .range, targetHigh != nil {
            throw .invalid(field: "target_high", reason: .notAllowedForKind(kind: kind.rawValue))
        }
        if !plan.isEmpty && !kind.isDirectional {
            throw .invalid(field: "plan", reason: .notAllowedForKind(kind: kind.rawValue))
        }
        for point in plan { try Validate.finite(point.value, field: "plan") }
        if Set(plan.map(\.day)).count != plan.count { throw .invalid(field: "plan", reason: .duplicate) }
        if let cycle {
            if let due, !cycle.contains(due) {
                throw .invalid(field: "due", reason: .outsideCycle(start: cycle.start, end: cycle.end))
            }
            if let outside = plan.first(where: { !cycle.contains($0.day) }) {
                _ = outside
                throw .invalid(field: "plan", reason: .outsideCycle(start: cycle.start, end: cycle.end))
            }
        }
        self.id = id
        self.objectiveID = objectiveID
        self.title = title
        self.owner = owner
        self.kind = kind
        self.unit = unit
        self.start = start
        self.target = target
        self.targetHigh = targetHigh
        self.current = current
        self.weight = try Validate.positive(weight, field: "weight")
        self.confidence = confidence
        self.condition = condition
        self.plan = plan.sorted { $0.day < $1.day }
        self.kpiID = kpiID
        self.due = due
    }

    /// The same KR with a new value (and optionally confidence), as a check-in records it.
    public func recording(_ value: Decimal, confidence: Confidence? = nil) throws(DomainError) -> KeyResult {
        try Validate.finite(value, field: "value")
        if kind == .milestone, value != 0, value != 1 { throw .invalid(field: "value", reason: .outOfRange) }
        var copy = self
        copy.current = value
        if let confidence { copy.confidence = confidence }
        return copy
    }
}

/// A planned value of a KR at a date (its own expected line).
public struct PlannedValue: Hashable, Sendable, Codable {
    public let day: Day
    public let value: Decimal

    public init(day: Day, value: Decimal) {
        self.day = day
        self.value = value
    }
}

/// How sure the owner is that the KR will be reached, 0 (no chance) to 10 (certain).
public struct Confidence: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: Int

    public init(_ value: Int) throws(DomainError) {
        guard (0...10).contains(value) else { throw .invalid(field: "confidence", reason: .outOfRange) }
        self.value = value
    }

    /// The stated chance of success as a probability (0.0–1.0), used by calibration.
    public var probability: Decimal { Decimal(value) / 10 }
    public var description: String { "\(value)/10" }
    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Int.self)
        do { self = try Confidence(value) } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// A guard on a KR: a second number that must reach a minimum for the result to count
/// ("an average of 8/10 *with at least 100 responses*").
public struct ValidityCondition: Hashable, Sendable, Codable {
    /// What is counted, e.g. "responses".
    public let metric: String
    public let minimum: Decimal
    /// The count reached so far; nil before anything was counted.
    public var actual: Decimal?

    public init(metric: String, minimum: Decimal, actual: Decimal? = nil) throws(DomainError) {
        self.metric = try Validate.text(metric, field: "condition.metric", max: 100)
        self.minimum = try Validate.positive(minimum, field: "condition.minimum")
        if let actual { try Validate.finite(actual, field: "condition.actual") }
        self.actual = actual
    }

    /// Inclusive: exactly the minimum is enough.
    public var isMet: Bool { (actual ?? 0) >= minimum }
}

/// The unit a KR or KPI is measured in.
public enum MeasureUnit: Hashable, Sendable, Codable, CustomStringConvertible {
    case number
    case percent
    /// ISO 4217 code and the number of decimals it is shown with (VND 0, USD 2).
    case currency(code: String, precision: Int)
    /// A free label ("MQL", "tickets", "ms").
    case label(String)

    public static func currency(_ code: String) throws(DomainError) -> MeasureUnit {
        let upper = code.uppercased()
        guard upper.count == 3, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw .invalid(field: "unit", reason: .unknownValue(code))
        }
        let noMinor: Set<String> = ["VND", "JPY", "KRW", "IDR", "CLP", "ISK"]
        return .currency(code: upper, precision: noMinor.contains(upper) ? 0 : 2)
    }

    /// `number`, `percent`, `currency:VND`, or any other text as a label (`parse` also takes `%`, and `VND`,
    /// `₫`, `USD`, `$`, `EUR`, `€` for their currencies).
    public var description: String {
        switch self {
        case .number: return "number"
        case .percent: return "percent"
        case .currency(let code, _): return "currency:\(code)"
        case .label(let text): return "label:\(text)"
        }
    }

    public static func parse(_ text: String) throws(DomainError) -> MeasureUnit {
        switch text {
        case "number", "": return .number
        case "percent", "%": return .percent
        // As people type a currency in either language: its code or its sign.
        case "VND", "₫", "đ": return .currency(code: "VND", precision: 0)
        case "USD", "$": return .currency(code: "USD", precision: 2)
        case "EUR", "€": return .currency(code: "EUR", precision: 2)
        default:
            if text.hasPrefix("currency:") { return try currency(String(text.dropFirst(9))) }
            let label = text.hasPrefix("label:") ? String(text.dropFirst(6)) : text
            return .label(try Validate.text(label, field: "unit", max: 40))
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try MeasureUnit.parse(text) } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
