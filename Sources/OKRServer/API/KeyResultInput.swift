import Foundation
import OKRCore

/// The body of `POST /objectives/{id}/key-results` and `PATCH /key-results/{id}`. On a PATCH an absent member
/// is left as it is.
struct KeyResultInput: Decodable, Sendable {
    var id: String?
    var title: String?
    var titleEn: String?
    var owner: String?
    var kind: KeyResult.Kind?
    var unit: String?
    var start: Decimal?
    var target: Decimal?
    var targetHigh: Decimal?
    var current: Decimal?
    var weight: Decimal?
    var confidence: Int?
    var condition: ConditionInput?
    var plan: [PlanInput]?
    var kpiId: String?
    var due: Day?
    var version: Int?

    struct ConditionInput: Decodable, Sendable {
        var metric: String
        var minimum: Decimal
    }

    struct PlanInput: Decodable, Sendable {
        var day: Day
        var value: Decimal
    }

    /// A new KR of `objective` in `cycle`.
    func created(in objective: Objective, cycle: Cycle, id generated: String) throws -> KeyResult {
        guard let title else { throw APIError.invalid("title", .required) }
        guard let kind else { throw APIError.invalid("kind", .required) }
        if let id { try APIIdentifier.check(id, field: "id") }
        return try KeyResult(
            id: KeyResultID(id ?? generated), objectiveID: objective.id,
            title: LocalizedName(vi: title, en: titleEn.flatMap { $0.isEmpty ? nil : $0 }),
            owner: try ObjectiveInput.owner(owner), kind: kind, unit: try unit.map(MeasureUnit.parse) ?? .number,
            start: start, target: target, targetHigh: targetHigh, current: current, weight: weight ?? 1,
            confidence: try confidence.map(Confidence.init), condition: try conditionValue(actual: nil),
            plan: plan?.map { PlannedValue(day: $0.day, value: $0.value) } ?? [], kpiID: kpiId.map { KPIID($0) },
            due: due, cycle: cycle)
    }

    /// `kr` with the members of this body applied.
    func applied(to kr: KeyResult, cycle: Cycle) throws -> KeyResult {
        try KeyResult(
            id: kr.id, objectiveID: kr.objectiveID,
            title: LocalizedName(vi: title ?? kr.title.vi, en: titleEn.map { $0.isEmpty ? nil : $0 } ?? kr.title.en),
            owner: try ObjectiveInput.owner(owner) ?? kr.owner, kind: kind ?? kr.kind,
            unit: try unit.map(MeasureUnit.parse) ?? kr.unit, start: start ?? kr.start, target: target ?? kr.target,
            targetHigh: targetHigh ?? kr.targetHigh, current: current ?? kr.current, weight: weight ?? kr.weight,
            confidence: try confidence.map(Confidence.init) ?? kr.confidence,
            condition: try conditionValue(actual: kr.condition?.actual) ?? kr.condition,
            plan: plan?.map { PlannedValue(day: $0.day, value: $0.value) } ?? kr.plan,
            kpiID: kpiId.map { KPIID($0) } ?? kr.kpiID, due: due ?? kr.due, cycle: cycle)
    }

    private func conditionValue(actual: Decimal?) throws -> ValidityCondition? {
        guard let condition else { return nil }
        return try ValidityCondition(metric: condition.metric, minimum: condition.minimum, actual: actual)
    }

    static func schema(creating: Bool) -> Schema {
        var properties: [Schema.Property] = [
            creating ? .required("title", .text(max: 300), "In Vietnamese.") : .optional("title", .text(max: 300)),
            .optional("title_en", .string(.init(maxLength: 300))),
            .optional("owner", .string, "`team:<id>` or `person:<id>`."),
            creating
                ? .required("kind", .values(of: KeyResult.Kind.self), "How progress is measured.")
                : .optional("kind", .values(of: KeyResult.Kind.self)),
            .optional("unit", .string, "`number` (default), `percent`, `currency:VND`, or a label."),
            .optional("start", .number, "Where the measure starts (increase and decrease)."),
            .optional("target", .number, "Where it must get to (the lower bound of a range)."),
            .optional("target_high", .number, "The upper bound of a range."),
            .optional("current", .number),
            .optional("weight", .number, "Its weight in the objective (> 0, 1 by default)."),
            .optional("confidence", .integer(minimum: 0, maximum: 10)),
            .optional(
                "condition",
                .object([.required("metric", .text(max: 100)), .required("minimum", .number)]),
                "A condition for the measure to count, such as at least 100 survey responses."),
            .optional(
                "plan", .array(.object([.required("day", .day), .required("value", .number)])),
                "Planned values by day: the KR's own expected line."),
            .optional("kpi_id", .string), .optional("due", .day),
        ]
        if creating {
            properties.insert(.optional("id", .identifier, "Chosen by the client; generated when absent."), at: 0)
        } else {
            properties.append(.required("version", .integer, APIOperation.versionDescription))
        }
        return .object(properties)
    }
}

/// The body of `POST /key-results/{id}/check-ins`.
struct CheckInInput: Decodable, Sendable {
    var value: Decimal
    var confidence: Int?
    var note: String?
    /// The day the value was measured; today (in the organization's time zone) by default.
    var day: Day?
    /// The count for the KR's validity condition ("40 responses").
    var conditionActual: Decimal?
    /// The check-in this one corrects.
    var supersedes: String?

    static let schema = Schema.object([
        .required("value", .number, "The KR's measure now (0 or 1 for a milestone)."),
        .optional("confidence", .integer(minimum: 0, maximum: 10), "How sure the owner is of reaching the target."),
        .optional("note", .string(.init(maxLength: 1000)), "One line: why it moved, or did not."),
        .optional(
            "day", .day,
            "The day it was measured: today by default, never in the future nor before the cycle starts."),
        .optional("condition_actual", .number, "The count for the KR's condition, when it has one."),
        .optional("supersedes", .string, "The id of a check-in this one corrects."),
    ])
}

/// A check-in as the API shows it.
struct CheckInResource: Encodable, Sendable {
    let id: String
    let keyResultID: String
    let value: Decimal
    let confidence: Int?
    let note: String?
    let authorID: String
    let recordedAt: Date
    let day: Day
    let week: Day
    let supersedes: String?
    let conditionActual: Decimal?
    let kpiID: String?

    init(_ checkIn: CheckIn) {
        id = checkIn.id.rawValue
        keyResultID = checkIn.keyResultID.rawValue
        value = checkIn.value
        confidence = checkIn.confidence?.value
        note = checkIn.note
        authorID = checkIn.authorID.rawValue
        recordedAt = checkIn.recordedAt
        day = checkIn.day
        week = checkIn.week
        supersedes = checkIn.supersedes?.rawValue
        conditionActual = checkIn.conditionActual
        kpiID = checkIn.kpiID?.rawValue
    }

    static let schema = Schema.object([
        .required("id", .string), .required("key_result_id", .string), .required("value", .number),
        .optional("confidence", .integer(minimum: 0, maximum: 10)), .optional("note", .string),
        .required("author_id", .string), .required("recorded_at", .dateTime), .required("day", .day),
        .required("week", .day, "The first day of its week."),
        .optional("supersedes", .string, "The check-in it corrects."), .optional("condition_actual", .number),
        .optional("kpi_id", .string, "The KPI it was taken from, for a KR fed by a KPI."),
    ])
}
