import Foundation
import OKRCore

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

    struct KeyResultResource: Encodable, Sendable {
        let id: String
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
        let version: Int
        let progress: Decimal
        let progressRaw: Decimal
        let expected: Decimal
        let status: String
        let explanation: ExplanationResource
    }

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
    }

    init(
        objective: Objective, version: Int, score: Scorecard.ObjectiveScore,
        keyResults: [(KeyResult, Int, Scorecard.KeyResultScore)], language: Language
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
        self.keyResults = keyResults.map { kr, version, score in
            KeyResultResource(
                id: kr.id.rawValue, title: kr.title.vi, titleEn: kr.title.en, owner: kr.owner?.description,
                kind: kr.kind.rawValue, unit: kr.unit.description, start: kr.start, target: kr.target,
                targetHigh: kr.targetHigh, current: kr.current, weight: kr.weight, confidence: kr.confidence?.value,
                condition: kr.condition, version: version, progress: score.progress.value.rounded(4),
                progressRaw: score.progress.raw.rounded(4), expected: score.expected.value.rounded(4),
                status: score.status.status.rawValue,
                explanation: ExplanationResource(
                    score.progress.explanation, status: score.status.explanation, language: language))
        }
    }
}

extension JSONEncoder {
    /// The API's encoder: snake_case keys, sorted for stable output.
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
