import Foundation
import Testing

@testable import OKRCore

/// Drafts that pass every quality rule, so each test changes only the one thing it is about.
enum QualityFixture {
    /// A measurable outcome with an initiative and a good confidence: no finding of its own.
    static func keyResult(
        _ title: String, en: String? = nil, kind: KeyResult.Kind? = .increase, start: Decimal? = 100,
        target: Decimal? = 150, targetHigh: Decimal? = nil, current: Decimal? = nil, unit: MeasureUnit = .number,
        confidence: Int? = 7, condition: ValidityCondition? = nil, initiatives: Int = 1
    ) -> KeyResultDraft {
        KeyResultDraft(
            title: title, titleEn: en, kind: kind, unit: unit, start: start, target: target, targetHigh: targetHigh,
            current: current, confidence: confidence.map(self.confidence), condition: condition,
            initiativeCount: initiatives)
    }

    /// Three good KRs in Vietnamese (the Marketing example's).
    static let vietnameseKeyResults = [
        keyResult("Tăng MQL qua email từ 100 lên 150"),
        keyResult("Tăng MQL qua AdWords từ 70 lên 100", start: 70, target: 100),
        keyResult("Tăng MQL qua tìm kiếm không phí từ 45 lên 50", start: 45, target: 50),
    ]

    /// Three good KRs in English (the Marketing example's).
    static let englishKeyResults = [
        keyResult("Raise MQL from email from 100 to 150"),
        keyResult("Raise MQL from AdWords from 70 to 100", start: 70, target: 100),
        keyResult("Raise MQL from organic search from 45 to 50", start: 45, target: 50),
    ]

    /// An owned, committed objective in draft with three good KRs.
    static func objective(
        _ title: String, en: String? = nil, owner: String? = "Marketing", kind: Objective.Kind = .committed,
        state: Objective.State = .draft, keyResults: [KeyResultDraft]? = nil
    ) -> QualityDraft {
        QualityDraft(
            title: title, titleEn: en, owner: owner, kind: kind, state: state,
            keyResults: keyResults ?? vietnameseKeyResults)
    }

    static func findings(
        _ draft: QualityDraft, _ code: QualityCode, context: QualityContext = QualityContext()
    ) -> [QualityFinding] {
        QualityCheck.findings(for: draft, context: context).filter { $0.code == code }
    }

    /// The one finding of `code`, or nil; a second one of the same code is a failure.
    static func finding(
        _ draft: QualityDraft, _ code: QualityCode, context: QualityContext = QualityContext()
    ) -> QualityFinding? {
        let found = findings(draft, code, context: context)
        #expect(found.count <= 1, "one finding per code and element, got \(found.count)")
        return found.first
    }

    static func confidence(_ value: Int) -> Confidence {
        guard let confidence = try? Confidence(value) else { preconditionFailure("not a confidence: \(value)") }
        return confidence
    }

    static func dec(_ text: String) -> Decimal {
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            preconditionFailure("not a number: \(text)")
        }
        return value
    }
}
