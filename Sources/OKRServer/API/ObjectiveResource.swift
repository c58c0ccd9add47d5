import Foundation
import OKRCore
import OKRStore

/// An objective as the API shows it, with its key results and the computed numbers from the `Scorecard`
/// (never recomputed here): `progress` and `expected` as fractions, `status`, `explanation`.
/// This is the one place that turns these domain values into JSON.
struct ObjectiveResource: Encodable, Sendable {
    let id: String
    let cycleID: String
    let title: String
    let titleEn: String?
    let description: String?
    let owner: String?
    let kind: String
    let state: String
    let visibility: String
    let parents: [Link]
    let progressSource: String
    let version: Int
    let progress: Decimal
    let expected: Decimal
    let status: String
    let explanation: ExplanationResource
    let keyResults: [KeyResultResource]

    struct Link: Encodable, Sendable {
        let objectiveID: String?
        let keyResultID: String?
        let weight: Decimal
    }

    /// The objective `entry` of `report`, with its KRs and their scores.
    init(_ entry: Versioned<Objective>, report: CycleReport, language: Language) throws {
        guard let score = report.score(entry.value.id) else {
            throw APIError.notFound(.objective, entry.value.id.rawValue)
        }
        let keyResults = report.keyResults(of: entry.value.id).compactMap {
            kr -> (Versioned<KeyResult>, Scorecard.KeyResultScore)? in
            report.score(kr.value.id).map { (kr, $0) }
        }
        self.init(
            objective: entry.value, version: entry.version, score: score,
            keyResults: keyResults.map { entry, score in
                KeyResultResource(
                    entry.value, version: entry.version, score: score,
                    lastCheckIn: report.lastCheckIn(entry.value.id), language: language)
            }, language: language)
    }

    init(
        objective: Objective, version: Int, score: Scorecard.ObjectiveScore, keyResults: [KeyResultResource],
        language: Language
    ) {
        id = objective.id.rawValue
        cycleID = objective.cycleID.rawValue
        title = objective.title.vi
        titleEn = objective.title.en
        description = objective.description
        owner = objective.owner?.description
        kind = objective.kind.rawValue
        state = objective.state.rawValue
        visibility = objective.visibility.rawValue
        parents = objective.parents.map { link in
            switch link.target {
            case .objective(let id): return Link(objectiveID: id.rawValue, keyResultID: nil, weight: link.weight)
            case .keyResult(let id): return Link(objectiveID: nil, keyResultID: id.rawValue, weight: link.weight)
            }
        }
        progressSource = objective.progressSource.rawValue
        self.version = version
        progress = score.progress.value.rounded(4)
        expected = score.expected.rounded(4)
        status = score.status.status.rawValue
        explanation = ExplanationResource(
            score.progress.explanation, status: score.status.explanation, language: language)
        self.keyResults = keyResults
    }

    static let schema = Schema.object([
        .required("id", .string), .required("cycle_id", .string),
        .required("title", .string, "In Vietnamese (the organization's first language)."),
        .optional("title_en", .string), .optional("description", .string),
        .optional("owner", .string, "`company`, `team:<id>` or `person:<id>`."),
        .required("kind", .values(of: Objective.Kind.self)),
        .required("state", .values(of: Objective.State.self)),
        .required("visibility", .values(of: Objective.Visibility.self)),
        .required(
            "parents",
            .array(
                .object([
                    .optional("objective_id", .string), .optional("key_result_id", .string),
                    .required("weight", .number),
                ]))),
        .required("progress_source", .values(of: Objective.ProgressSource.self)),
        .required("version", .integer, "Send it back (or its ETag in If-Match) to change the objective."),
        .required("progress", .number, "0 to 1, from its key results and aligned children."),
        .required("expected", .number, "Where it should be today, 0 to 1."),
        .required("status", .values(of: Status.self)),
        .required("explanation", .ref("Explanation")),
        .required("key_results", .array(.ref("KeyResult"))),
    ])

    /// A key result with its computed numbers.
    struct KeyResultResource: Encodable, Sendable {
        let id: String
        let objectiveID: String
        let title: String
        let titleEn: String?
        let owner: String?
        let kind: String
        let unit: String
        let start: Decimal?
        let target: Decimal?
        let targetHigh: Decimal?
        let current: Decimal?
        let weight: Decimal
        let confidence: Int?
        let condition: ValidityCondition?
        let plan: [PlannedValue]
        let due: Day?
        let kpiID: String?
        let lastCheckIn: Day?
        let version: Int
        let progress: Decimal
        let progressRaw: Decimal
        let expected: Decimal
        let status: String
        let explanation: ExplanationResource

        init(
            _ kr: KeyResult, version: Int, score: Scorecard.KeyResultScore, lastCheckIn: CheckIn?,
            language: Language
        ) {
            id = kr.id.rawValue
            objectiveID = kr.objectiveID.rawValue
            title = kr.title.vi
            titleEn = kr.title.en
            owner = kr.owner?.description
            kind = kr.kind.rawValue
            unit = kr.unit.description
            start = kr.start
            target = kr.target
            targetHigh = kr.targetHigh
            current = kr.current
            weight = kr.weight
            confidence = kr.confidence?.value
            condition = kr.condition
            plan = kr.plan
            due = kr.due
            kpiID = kr.kpiID?.rawValue
            self.lastCheckIn = lastCheckIn?.day
            self.version = version
            progress = score.progress.value.rounded(4)
            progressRaw = score.progress.raw.rounded(4)
            expected = score.expected.value.rounded(4)
            status = score.status.status.rawValue
            explanation = ExplanationResource(
                score.progress.explanation, status: score.status.explanation, language: language)
        }

        static let schema = Schema.object([
            .required("id", .string), .required("objective_id", .string), .required("title", .string),
            .optional("title_en", .string), .optional("owner", .string),
            .required("kind", .values(of: KeyResult.Kind.self)),
            .required("unit", .string, "`number`, `percent`, `currency:VND` or `label:<text>`."),
            .optional("start", .number), .optional("target", .number), .optional("target_high", .number),
            .optional("current", .number), .required("weight", .number),
            .optional("confidence", .integer(minimum: 0, maximum: 10)),
            .optional(
                "condition",
                .object([.required("metric", .string), .required("minimum", .number), .optional("actual", .number)])),
            .required("plan", .array(.object([.required("day", .day), .required("value", .number)]))),
            .optional("due", .day), .optional("kpi_id", .string), .optional("last_check_in", .day),
            .required("version", .integer), .required("progress", .number, "0 to 1."),
            .required("progress_raw", .number, "Before clamping to 0…1: above 1 is overachievement."),
            .required("expected", .number), .required("status", .values(of: Status.self)),
            .required("explanation", .ref("Explanation")),
        ])
    }

    /// How progress and status were reached, in the caller's language.
    struct ExplanationResource: Encodable, Sendable {
        let formula: String
        let computation: String
        let inputs: [Explanation.Input]
        let policy: String?
        let notes: [String]
        let text: String

        init(_ progress: Explanation, status: Explanation, language: Language) {
            formula = progress.formula
            computation = progress.computation
            inputs = progress.inputs
            policy = status.policy
            notes = (progress.notes + status.notes.filter { !progress.notes.contains($0) }).map { $0.text(language) }
            text = progress.text(language) + "; " + status.computation
        }

        static let schema = Schema.object([
            .required("formula", .string), .required("computation", .string),
            .required("inputs", .array(.object([.required("name", .string), .required("value", .string)]))),
            .optional("policy", .string), .required("notes", .array(.string)), .required("text", .string),
        ])
    }
}

// MARK: JSON, written by hand for the lists (the same members `Encodable` gives, in the same order)

extension ObjectiveResource: APIJSONWritable {
    func write(to out: inout JSONOut) {
        out.object { out in
            out.field("id", id)
            out.field("cycle_id", cycleID)
            out.field("title", title)
            out.field("title_en", titleEn)
            out.field("description", description)
            out.field("owner", owner)
            out.field("kind", kind)
            out.field("state", state)
            out.field("visibility", visibility)
            out.field("parents", parents)
            out.field("progress_source", progressSource)
            out.field("version", version)
            out.field("progress", progress)
            out.field("expected", expected)
            out.field("status", status)
            out.field("explanation", explanation)
            out.field("key_results", keyResults)
        }
    }
}

extension ObjectiveResource.Link: APIJSONWritable {
    func write(to out: inout JSONOut) {
        out.object { out in
            out.field("objective_id", objectiveID)
            out.field("key_result_id", keyResultID)
            out.field("weight", weight)
        }
    }
}

extension ObjectiveResource.KeyResultResource: APIJSONWritable {
    func write(to out: inout JSONOut) {
        out.object { out in
            out.field("id", id)
            out.field("objective_id", objectiveID)
            out.field("title", title)
            out.field("title_en", titleEn)
            out.field("owner", owner)
            out.field("kind", kind)
            out.field("unit", unit)
            out.field("start", start)
            out.field("target", target)
            out.field("target_high", targetHigh)
            out.field("current", current)
            out.field("weight", weight)
            out.field("confidence", confidence)
            out.field("condition", condition)
            out.field("plan", plan)
            out.field("due", due)
            out.field("kpi_id", kpiID)
            out.field("last_check_in", lastCheckIn)
            out.field("version", version)
            out.field("progress", progress)
            out.field("progress_raw", progressRaw)
            out.field("expected", expected)
            out.field("status", status)
            out.field("explanation", explanation)
        }
    }
}

extension ObjectiveResource.ExplanationResource: APIJSONWritable {
    func write(to out: inout JSONOut) {
        out.object { out in
            out.field("formula", formula)
            out.field("computation", computation)
            out.field("inputs", inputs)
            out.field("policy", policy)
            out.field("notes", notes)
            out.field("text", text)
        }
    }
}
