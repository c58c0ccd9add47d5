import Foundation

@testable import OKRCore

/// Short ways to write the values the tests are about, so each test reads like the sentence it checks.
enum Fixture {
    /// A day from `YYYY-MM-DD`; the tests only spell real dates.
    static func day(_ iso: String) -> Day {
        guard let day = Day(iso: iso) else { preconditionFailure("not a date: \(iso)") }
        return day
    }

    /// An exact decimal from its text, so `0.6` is six tenths and not the nearest binary fraction.
    static func dec(_ text: String) -> Decimal {
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            preconditionFailure("not a number: \(text)")
        }
        return value
    }

    static func name(_ vi: String, _ en: String? = nil) -> LocalizedName {
        try! LocalizedName(vi: vi, en: en)
    }

    /// 2026 Q1: the quarter that holds Tết 2026 (17 February).
    static let q1of2026 = try! Cycle(
        id: "2026-q1", name: "2026 Q1", start: day("2026-01-01"), end: day("2026-03-31"), state: .active)

    /// 2026 Q4: no Vietnamese public holiday inside.
    static let q4of2026 = try! Cycle(
        id: "2026-q4", name: "2026 Q4", start: day("2026-10-01"), end: day("2026-12-31"), state: .active)

    static func keyResult(
        _ id: String = "kr", objective: String = "o", kind: KeyResult.Kind, start: Decimal? = nil,
        target: Decimal? = nil, targetHigh: Decimal? = nil, current: Decimal? = nil, weight: Decimal = 1,
        confidence: Int? = nil, unit: MeasureUnit = .number, condition: ValidityCondition? = nil,
        plan: [PlannedValue] = [], due: Day? = nil, cycle: Cycle? = nil
    ) throws -> KeyResult {
        try KeyResult(
            id: KeyResultID(id), objectiveID: ObjectiveID(objective), title: name(id), kind: kind, unit: unit,
            start: start, target: target, targetHigh: targetHigh, current: current, weight: weight,
            confidence: confidence.map { try Confidence($0) }, condition: condition, plan: plan, due: due,
            cycle: cycle)
    }

    static func increase(
        _ id: String = "kr", objective: String = "o", from start: Decimal, to target: Decimal, now current: Decimal?,
        weight: Decimal = 1, confidence: Int? = nil
    ) throws -> KeyResult {
        try keyResult(
            id, objective: objective, kind: .increase, start: start, target: target, current: current,
            weight: weight, confidence: confidence)
    }

    static func objective(
        _ id: String, kind: Objective.Kind = .committed, state: Objective.State = .published,
        parents: [AlignmentLink] = [], source: Objective.ProgressSource = .keyResults
    ) throws -> Objective {
        try Objective(
            id: ObjectiveID(id), cycleID: "2026-q4", title: name(id), owner: .company, kind: kind, state: state,
            parents: parents, progressSource: source)
    }

    static func link(to objective: String, weight: Decimal = 1) throws -> AlignmentLink {
        try AlignmentLink(to: .objective(ObjectiveID(objective)), weight: weight)
    }

    static let epoch = Date(timeIntervalSince1970: 1_790_000_000)
}
