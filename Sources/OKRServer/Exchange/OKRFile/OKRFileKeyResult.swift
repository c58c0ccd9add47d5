import Foundation
import OKRCore

/// One key result of an OKR file: the draft the quality checks read, the core's `KeyResult` when the KR is
/// complete enough to be scored, and what the file says around it (initiatives, the last check-in, a grade).
///
/// A KR still missing its kind or one of the numbers its kind needs is a draft, not an unreadable file:
/// `okra lint` reports it as not measurable, and only `okra score` refuses it (`incomplete`).
public struct OKRFileKeyResult: Sendable {
    /// The position in its objective's `key_results`, from 0.
    public let index: Int
    public let line: Int?
    public let draft: KeyResultDraft
    /// Nil while the KR is incomplete.
    public let keyResult: KeyResult?
    /// Why the KR cannot be scored yet (a missing kind, start or target), placed at the field.
    public let incomplete: OKRFileError?
    /// The titles of the initiatives that drive it (mission rule 9: none means remove or replace the KR).
    public let initiatives: [String]
    /// The day of the latest check-in, for staleness.
    public let lastCheckIn: Day?
    /// The grade written in the file (at close), adjusted from the proposal with `grade_reason`.
    public let grade: KeyResultGrade?

    static func read(
        _ node: OKRFileNode, index: Int, objectiveID: ObjectiveID, cycle: Cycle
    ) throws(OKRFileError) -> OKRFileKeyResult {
        let title = try node.required("title").text()
        let titleEn = try node.field("title_en")?.text()
        let kind = try node.field("kind")?.choice(KeyResult.Kind.self)
        let start = try node.field("start")?.number()
        let target = try node.field("target")?.number()
        let targetHigh = try node.field("target_high")?.number()
        let current = try node.field("current")?.number()
        let weight = try node.field("weight")?.number() ?? 1
        let lastCheckIn = try node.field("last_check_in")?.day()
        let gradeValue = try node.field("grade")?.number()
        let gradeReason = try node.field("grade_reason")?.text()
        let initiatives = try node.field("initiatives")?.items().map { item throws(OKRFileError) in
            try item.text().trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        let condition = try node.field("condition").map { condition throws(OKRFileError) in
            try readCondition(condition, of: node)
        }
        let confidence: Confidence?
        let unit: MeasureUnit
        let name: LocalizedName
        do {
            confidence = try node.field("confidence").map { value in try Confidence(value.integer()) }
            unit =
                try node.field("unit").map { unit throws(OKRFileError) in try unit.text() }.map(MeasureUnit.parse)
                ?? .number
            name = try LocalizedName(vi: title, en: titleEn)
        } catch let error as OKRFileError {
            throw error
        } catch let error as DomainError {
            throw node.placing(error)
        } catch {
            throw node.problem("không hợp lệ", "is not valid")
        }
        let draft = KeyResultDraft(
            title: name.vi, titleEn: name.en, kind: kind, unit: unit, start: start, target: target,
            targetHigh: targetHigh, current: current, confidence: confidence, condition: condition,
            initiativeCount: initiatives?.count ?? 0)
        guard let kind else {
            return OKRFileKeyResult(
                index: index, line: node.line, draft: draft, keyResult: nil,
                incomplete: OKRFileError(
                    file: node.file, line: node.line, field: "\(node.path).kind",
                    reason: LocalizedText(vi: "bắt buộc phải có", en: "is required")),
                initiatives: initiatives ?? [], lastCheckIn: lastCheckIn, grade: nil)
        }
        do {
            let keyResult = try KeyResult(
                id: KeyResultID("\(objectiveID)[\(index)]"), objectiveID: objectiveID, title: name, kind: kind,
                unit: unit, start: start, target: target, targetHigh: targetHigh, current: current, weight: weight,
                confidence: confidence, condition: condition, cycle: cycle)
            let grade = try gradeValue.map { value throws(OKRFileError) in
                try readGrade(value, reason: gradeReason, of: keyResult, in: node)
            }
            return OKRFileKeyResult(
                index: index, line: node.line, draft: draft, keyResult: keyResult, incomplete: nil,
                initiatives: initiatives ?? [], lastCheckIn: lastCheckIn, grade: grade)
        } catch let error as OKRFileError {
            throw error
        } catch let error as DomainError {
            guard case .invalid(_, .required) = error else { throw node.placing(error) }
            return OKRFileKeyResult(
                index: index, line: node.line, draft: draft, keyResult: nil, incomplete: node.placing(error),
                initiatives: initiatives ?? [], lastCheckIn: lastCheckIn, grade: nil)
        } catch {
            throw node.problem("không hợp lệ", "is not valid")
        }
    }

    /// A grade set in the file: the proposal from progress, adjusted; a change needs `grade_reason`.
    private static func readGrade(
        _ value: Decimal, reason: String?, of keyResult: KeyResult, in node: OKRFileNode
    ) throws(OKRFileError) -> KeyResultGrade {
        do {
            return try KeyResultGrade(progress: keyResult.progress()).adjusted(to: value, reason: reason)
        } catch {
            let key = error.field == "reason" ? "grade_reason" : "grade"
            var line = node.line
            if let grade = try node.field("grade") { line = grade.line }
            if let written = try node.field(key) { line = written.line }
            throw OKRFileError(file: node.file, line: line, field: "\(node.path).\(key)", domain: error)
        }
    }

    /// `{min_responses: N, responses: M}` (the survey's usual guard) or the general
    /// `{metric: X, minimum: N, actual: M}`.
    private static func readCondition(
        _ node: OKRFileNode, of keyResult: OKRFileNode
    ) throws(OKRFileError) -> ValidityCondition {
        let metric: String
        let minimum: Decimal
        let actual: Decimal?
        if let count = try node.field("min_responses") {
            metric = "responses"
            minimum = try count.number()
            actual = try node.field("responses")?.number()
        } else {
            metric = try node.required("metric").text()
            minimum = try node.required("minimum").number()
            actual = try node.field("actual")?.number()
        }
        do {
            return try ValidityCondition(metric: metric, minimum: minimum, actual: actual)
        } catch {
            throw keyResult.placing(error)
        }
    }
}
