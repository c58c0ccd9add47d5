import Foundation
import Testing

@testable import OKRCore

/// "Key Results are quantitative": a KR needs a kind and the numbers that kind is measured with.
@Suite("Quality: a key result must be measurable")
struct QualityMeasurableTests {
    /// A KR as typed, and what the message must say about it.
    struct Example: Sendable, CustomTestStringConvertible {
        let keyResult: KeyResultDraft
        let says: String
        var testDescription: String { keyResult.title }
    }

    func check(_ keyResult: KeyResultDraft) -> QualityFinding? {
        let draft = QualityFixture.objective(
            "Cải thiện trải nghiệm khách hàng",
            keyResults: [keyResult, QualityFixture.vietnameseKeyResults[0]])
        return QualityFixture.finding(draft, .keyResultNotMeasurable)
    }

    @Test(
        "A KR with no kind, or missing the numbers its kind needs, is not measurable (Vietnamese)",
        arguments: [
            Example(
                keyResult: QualityFixture.keyResult("Cải thiện sự hài lòng của khách hàng", kind: nil),
                says: "không có con số nào và chưa chọn cách đo"),
            Example(
                keyResult: QualityFixture.keyResult("Tăng MQL qua email từ 100 lên 150", kind: nil),
                says: "có con số nhưng chưa chọn cách đo"),
            Example(
                keyResult: QualityFixture.keyResult("Tăng tỷ lệ mở email", start: nil, target: nil),
                says: "thuộc loại “tăng” nhưng chưa có giá trị bắt đầu và chỉ tiêu"),
            Example(
                keyResult: QualityFixture.keyResult("Giữ điểm hài lòng trên mức tốt", kind: .atLeast, target: nil),
                says: "thuộc loại “giữ ở mức tối thiểu” nhưng chưa có chỉ tiêu"),
            Example(
                keyResult: QualityFixture.keyResult("Giữ thời gian tải trang trong khoảng cho phép", kind: .range),
                says: "thuộc loại “trong khoảng” nhưng chưa có cận trên"),
        ])
    func notMeasurableVietnamese(_ example: Example) throws {
        let finding = try #require(check(example.keyResult))
        #expect(finding.severity == .error)
        #expect(finding.target == .keyResult(index: 0))
        #expect(finding.message.vi.hasPrefix("KR1 “\(example.keyResult.title)”"))
        #expect(finding.message.vi.contains(example.says))
        #expect(!finding.hint.vi.isEmpty && finding.hint.vi != finding.hint.en)
    }

    @Test(
        "A KR with no kind, or missing the numbers its kind needs, is not measurable (English)",
        arguments: [
            Example(
                keyResult: QualityFixture.keyResult("Make customers happier", kind: nil),
                says: "has no number and no kind"),
            Example(
                keyResult: QualityFixture.keyResult("Raise MQL from email from 100 to 150", kind: nil),
                says: "has numbers but no kind"),
            Example(
                keyResult: QualityFixture.keyResult("Reduce average response time", kind: .decrease, start: nil),
                says: "is of kind “decrease” but has no start value"),
            Example(
                keyResult: QualityFixture.keyResult("Keep bug tickets low", kind: .atMost, target: nil),
                says: "is of kind “at most” but has no target"),
            Example(
                keyResult: QualityFixture.keyResult("Keep page load in range", kind: .range, target: nil),
                says: "is of kind “range” but has no lower bound and no upper bound"),
        ])
    func notMeasurableEnglish(_ example: Example) throws {
        let finding = try #require(check(example.keyResult))
        #expect(finding.severity == .error)
        #expect(finding.message.en.hasPrefix("KR1 “\(example.keyResult.title)”"))
        #expect(finding.message.en.contains(example.says))
    }

    @Test(
        "A KR with its kind and numbers is measurable (Vietnamese)",
        arguments: [
            QualityFixture.keyResult("Tăng MQL qua email từ 100 lên 150"),
            QualityFixture.keyResult(
                "Giảm số phiếu hỗ trợ liên quan đến lỗi từ 80 xuống 40", kind: .decrease, start: 80, target: 40),
            QualityFixture.keyResult("Ứng dụng di động được duyệt trên App Store", kind: .milestone, target: nil),
            QualityFixture.keyResult("Đo tỷ lệ khách hàng quay lại", kind: .baseline, start: nil, target: nil),
        ])
    func measurableVietnamese(_ keyResult: KeyResultDraft) {
        #expect(check(keyResult) == nil)
    }

    @Test(
        "A KR with its kind and numbers is measurable (English)",
        arguments: [
            QualityFixture.keyResult("Raise trial-to-paid conversion from 20% to 35%", start: 20, target: 35),
            QualityFixture.keyResult("Keep average response time under 2 hours", kind: .atMost, start: nil, target: 2),
            QualityFixture.keyResult(
                "Keep page load between 0.5 and 1.5 seconds", kind: .range, start: nil,
                target: QualityFixture.dec("0.5"), targetHigh: QualityFixture.dec("1.5")),
            QualityFixture.keyResult("Establish our net promoter score", kind: .baseline, start: nil, target: nil),
        ])
    func measurableEnglish(_ keyResult: KeyResultDraft) {
        #expect(check(keyResult) == nil)
    }

    @Test("The English title is quoted in English, the Vietnamese one in Vietnamese")
    func bothTitles() throws {
        let finding = try #require(
            check(QualityFixture.keyResult("Khách hàng vui hơn", en: "Happier customers", kind: nil)))
        #expect(finding.message.vi.hasPrefix("KR1 “Khách hàng vui hơn”"))
        #expect(finding.message.en.hasPrefix("KR1 “Happier customers”"))
    }
}
