import Foundation
import Testing

@testable import OKRCore

/// Committed objectives are expected at 100% of the progress bar; a KR its owner doubts contradicts that.
/// Aspirational objectives may not reach 100%, so low confidence is expected there.
@Suite("Quality: confidence of a committed objective")
struct QualityConfidenceTests {
    typealias Case = (title: String, kind: Objective.Kind, confidence: Int?, threshold: Int)

    func check(_ example: Case, keyResults: [KeyResultDraft]) -> QualityFinding? {
        var sure = keyResults
        for index in sure.indices { sure[index].confidence = QualityFixture.confidence(10) }
        let doubted = [sure[0], QualityFixture.keyResult(example.title, confidence: example.confidence), sure[2]]
        let draft = QualityFixture.objective("Mục tiêu của quý", kind: example.kind, keyResults: doubted)
        let context = QualityContext(lowConfidence: QualityFixture.confidence(example.threshold))
        return QualityFixture.finding(draft, .committedObjectiveLowConfidence, context: context)
    }

    @Test(
        "A committed objective with a KR below the confidence threshold is warned (Vietnamese)",
        arguments: [
            ("Tăng MQL qua email từ 100 lên 150", .committed, 4, 5),
            ("Tăng tỷ lệ mở email từ 14% lên 45%", .committed, 0, 5),
            ("Giảm thời gian phản hồi từ 8 giờ xuống 2 giờ", .committed, 6, 7),
        ] as [Case])
    func lowVietnamese(_ example: Case) throws {
        let finding = try #require(check(example, keyResults: QualityFixture.vietnameseKeyResults))
        #expect(finding.severity == .warning)
        #expect(finding.target == .keyResult(index: 1))
        #expect(
            finding.message.vi
                == "Mục tiêu cam kết nhưng KR2 “\(example.title)” chỉ có độ tự tin \(example.confidence ?? 0)/10 "
                + "(dưới \(example.threshold)/10).")
        #expect(finding.hint.vi.contains("chuyển thành mục tiêu khát vọng"))
    }

    @Test(
        "A committed objective with a KR below the confidence threshold is warned (English)",
        arguments: [
            ("Raise MQL from email from 100 to 150", .committed, 4, 5),
            ("Raise open rate from 14% to 45%", .committed, 1, 5),
            ("Cut response time from 8 hours to 2", .committed, 7, 8),
        ] as [Case])
    func lowEnglish(_ example: Case) throws {
        let finding = try #require(check(example, keyResults: QualityFixture.englishKeyResults))
        #expect(
            finding.message.en
                == "The objective is committed, but KR2 “\(example.title)” has a confidence of only "
                + "\(example.confidence ?? 0)/10 (below \(example.threshold)/10).")
        #expect(finding.hint.en.contains("make the objective aspirational"))
    }

    @Test(
        "Confidence at or above the threshold, an aspirational objective, or no confidence yet, is not warned (Vietnamese)",
        arguments: [
            ("Tăng MQL qua email từ 100 lên 150", .committed, 5, 5),
            ("Tăng tỷ lệ mở email từ 14% lên 45%", .aspirational, 2, 5),
            ("Giảm thời gian phản hồi từ 8 giờ xuống 2 giờ", .committed, nil, 5),
        ] as [Case])
    func fineVietnamese(_ example: Case) {
        #expect(check(example, keyResults: QualityFixture.vietnameseKeyResults) == nil)
    }

    @Test(
        "Confidence at or above the threshold, an aspirational objective, or no confidence yet, is not warned (English)",
        arguments: [
            ("Raise MQL from email from 100 to 150", .committed, 9, 5),
            ("Raise open rate from 14% to 45%", .aspirational, 0, 5),
            ("Cut response time from 8 hours to 2", .committed, nil, 8),
        ] as [Case])
    func fineEnglish(_ example: Case) {
        #expect(check(example, keyResults: QualityFixture.englishKeyResults) == nil)
    }

    @Test("Each doubted KR of a committed objective gets its own finding, and the default threshold is 5/10")
    func each() {
        let draft = QualityFixture.objective(
            "Cải thiện các kênh quảng cáo",
            keyResults: [
                QualityFixture.keyResult("Tăng MQL qua email từ 100 lên 150", confidence: 4),
                QualityFixture.keyResult("Tăng MQL qua AdWords từ 70 lên 100", confidence: 5),
                QualityFixture.keyResult("Tăng MQL qua tìm kiếm không phí từ 45 lên 50", confidence: 3),
            ])
        let found = QualityFixture.findings(draft, .committedObjectiveLowConfidence)
        #expect(found.map(\.target) == [.keyResult(index: 0), .keyResult(index: 2)])
    }
}
