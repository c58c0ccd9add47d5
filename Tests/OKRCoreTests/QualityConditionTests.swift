import Foundation
import Testing

@testable import OKRCore

/// "Reach an average of 8/10 in the customer satisfaction survey *with at least 100 responses*": a KR with a
/// validity condition is not met on 40 answers, however good, and the finding says so with the numbers.
@Suite("Quality: a key result's validity condition")
struct QualityConditionTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let keyResult: KeyResultDraft
        let says: String
        var testDescription: String { says }
    }

    static let surveyVi =
        "Đạt 8/10 điểm trung bình trong khảo sát mức độ hài lòng của khách hàng với ít nhất 100 phản hồi"
    static let surveyEn = "Reach an average of 8/10 in the customer satisfaction survey with at least 100 responses"

    static func survey(
        _ title: String, current: String?, metric: String = "responses", minimum: Decimal = 100, actual: Decimal?
    ) -> KeyResultDraft {
        QualityFixture.keyResult(
            title, kind: .atLeast, start: nil, target: 8, current: current.map(QualityFixture.dec),
            unit: .label("/10"), condition: try? ValidityCondition(metric: metric, minimum: minimum, actual: actual))
    }

    func check(_ keyResult: KeyResultDraft) -> QualityFinding? {
        let draft = QualityFixture.objective(
            "Cá nhân hóa cách tiếp cận bán hàng", keyResults: [QualityFixture.vietnameseKeyResults[0], keyResult])
        return QualityFixture.finding(draft, .validityConditionNotMet)
    }

    @Test(
        "A condition short of its minimum is flagged with the numbers (Vietnamese)",
        arguments: [
            Example(
                keyResult: survey(surveyVi, current: "8.6", metric: "phản hồi", actual: 40),
                says: ": 8,6/10 nhưng mới có 40 trên 100 phản hồi cần thiết."),
            Example(
                keyResult: survey("Đạt 8/10 điểm hài lòng", current: "9", actual: nil),
                says: "KR2 “Đạt 8/10 điểm hài lòng”: 9/10 nhưng mới có 0 trên 100 phản hồi cần thiết."),
            Example(
                keyResult: survey("Đạt 8/10 điểm hài lòng", current: nil, metric: "phan hoi", actual: 99),
                says: "KR2 “Đạt 8/10 điểm hài lòng”: mới có 99 trên 100 phản hồi cần thiết."),
            Example(
                keyResult: survey(
                    "Đạt 8/10 điểm đánh giá sản phẩm", current: "8.25", metric: "đơn hàng", minimum: 1500, actual: 250),
                says: ": 8,25/10 nhưng mới có 250 trên 1.500 đơn hàng cần thiết."),
        ])
    func notMetVietnamese(_ example: Example) throws {
        let finding = try #require(check(example.keyResult))
        #expect(finding.severity == .warning)
        #expect(finding.target == .keyResult(index: 1))
        #expect(finding.message.vi.contains(example.says))
        #expect(finding.hint.vi.hasPrefix("Kết quả chỉ được tính khi có ít nhất"))
    }

    @Test(
        "A condition short of its minimum is flagged with the numbers (English)",
        arguments: [
            Example(
                keyResult: survey(surveyEn, current: "8.6", actual: 40),
                says: ": 8.6/10 but only 40 of 100 required responses."),
            Example(
                keyResult: QualityFixture.keyResult(
                    "Keep support satisfaction at 90% or more", kind: .atLeast, start: nil, target: 90, current: 92,
                    unit: .percent, condition: try? ValidityCondition(metric: "reviews", minimum: 50, actual: 12)),
                says: "KR2 “Keep support satisfaction at 90% or more”: 92% but only 12 of 50 required reviews."),
            Example(
                keyResult: survey("Reach 8/10 satisfaction", current: nil, metric: "phản hồi", actual: 0),
                says: "KR2 “Reach 8/10 satisfaction”: only 0 of 100 required responses so far."),
            Example(
                keyResult: survey(
                    "Reach 8/10 in product ratings", current: "7.5", metric: "orders", minimum: 1500, actual: 250),
                says: ": 7.5/10 but only 250 of 1,500 required orders."),
        ])
    func notMetEnglish(_ example: Example) throws {
        let finding = try #require(check(example.keyResult))
        #expect(finding.message.en.contains(example.says))
        #expect(finding.hint.en.hasPrefix("The result counts only with at least"))
    }

    @Test("The hint says how many more are needed")
    func shortfall() throws {
        let finding = try #require(check(Self.survey(Self.surveyEn, current: "8.6", actual: 40)))
        #expect(finding.hint.en.hasSuffix("60 more needed."))
        #expect(finding.hint.vi.hasSuffix("cần thêm 60 phản hồi."))
    }

    @Test(
        "A condition that holds, or is not being measured yet, is not flagged (Vietnamese)",
        arguments: [
            survey(surveyVi, current: "8.6", metric: "phản hồi", actual: 100),
            survey(surveyVi, current: "7.9", metric: "phản hồi", actual: 240),
            survey(surveyVi, current: nil, metric: "phản hồi", actual: nil),
            QualityFixture.keyResult("Tăng MQL qua email từ 100 lên 150", current: 130),
        ])
    func heldVietnamese(_ keyResult: KeyResultDraft) {
        #expect(check(keyResult) == nil)
    }

    @Test(
        "A condition that holds, or is not being measured yet, is not flagged (English)",
        arguments: [
            survey(surveyEn, current: "8.6", actual: 100),
            survey(surveyEn, current: "9.1", actual: QualityFixture.dec("100.5")),
            survey(surveyEn, current: nil, actual: nil),
            QualityFixture.keyResult("Raise MQL from email from 100 to 150", current: 130),
        ])
    func heldEnglish(_ keyResult: KeyResultDraft) {
        #expect(check(keyResult) == nil)
    }

    @Test("Common counted things read in each language, however they were typed")
    func metricNames() {
        #expect(MetricNames.localized("responses") == LocalizedText(vi: "phản hồi", en: "responses"))
        #expect(MetricNames.localized("Phan Hoi") == LocalizedText(vi: "phản hồi", en: "responses"))
        #expect(MetricNames.localized("response") == LocalizedText(vi: "phản hồi", en: "responses"))
        #expect(MetricNames.localized(" lượt tải ") == LocalizedText(vi: "lượt tải", en: "lượt tải"))
    }
}
