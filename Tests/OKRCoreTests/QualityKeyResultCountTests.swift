import Foundation
import Testing

@testable import OKRCore

/// Mission rule 2: "at least 2 and at most 5 KRs per objective".
@Suite("Quality: 2 to 5 key results per objective")
struct QualityKeyResultCountTests {
    typealias Case = (title: String, count: Int)

    static let vietnamese = ["Cải thiện các kênh quảng cáo", "Nuôi dưỡng khách hàng tiềm năng", "Giữ chân nhân tài"]
    static let english = ["Improve our advertising channels", "Nurture new leads better", "Keep our best people"]

    func draft(_ title: String, keyResults count: Int) -> QualityDraft {
        let good =
            QualityFixture.vietnameseKeyResults + QualityFixture.englishKeyResults
            + QualityFixture.vietnameseKeyResults
        return QualityFixture.objective(title, keyResults: Array(good.prefix(count)))
    }

    @Test(
        "An objective with fewer than 2 KRs is an error (Vietnamese)",
        arguments: [(vietnamese[0], 0), (vietnamese[1], 1), (vietnamese[2], 1)] as [Case])
    func tooFewVietnamese(_ example: Case) throws {
        let finding = try #require(
            QualityFixture.finding(draft(example.title, keyResults: example.count), .tooFewKeyResults))
        #expect(finding.severity == .error)
        #expect(finding.target == .objective)
        #expect(finding.message.vi.contains("“\(example.title)”"))
        #expect(finding.message.vi.contains("cần ít nhất 2"))
        #expect(finding.hint.vi.contains("ít nhất 2 và không nhiều hơn 5"))
    }

    @Test(
        "An objective with fewer than 2 KRs is an error (English)",
        arguments: [(english[0], 0), (english[1], 1), (english[2], 1)] as [Case])
    func tooFewEnglish(_ example: Case) throws {
        let finding = try #require(
            QualityFixture.finding(draft(example.title, keyResults: example.count), .tooFewKeyResults))
        #expect(finding.severity == .error)
        #expect(finding.message.en.contains("“\(example.title)”"))
        #expect(finding.message.en.contains(example.count == 0 ? "has no key results" : "has only 1 key result"))
        #expect(finding.hint.en.contains("at least 2 and at most 5"))
    }

    @Test(
        "An objective with 2 to 5 KRs has enough (Vietnamese)",
        arguments: [(vietnamese[0], 2), (vietnamese[1], 3), (vietnamese[2], 5)] as [Case])
    func enoughVietnamese(_ example: Case) {
        let draft = draft(example.title, keyResults: example.count)
        #expect(QualityFixture.findings(draft, .tooFewKeyResults).isEmpty)
        #expect(QualityFixture.findings(draft, .tooManyKeyResults).isEmpty)
    }

    @Test(
        "An objective with 2 to 5 KRs has enough (English)",
        arguments: [(english[0], 2), (english[1], 4), (english[2], 5)] as [Case])
    func enoughEnglish(_ example: Case) {
        let draft = draft(example.title, keyResults: example.count)
        #expect(QualityFixture.findings(draft, .tooFewKeyResults).isEmpty)
        #expect(QualityFixture.findings(draft, .tooManyKeyResults).isEmpty)
    }

    @Test(
        "An objective with more than 5 KRs is an error (Vietnamese)",
        arguments: [(vietnamese[0], 6), (vietnamese[1], 7), (vietnamese[2], 9)] as [Case])
    func tooManyVietnamese(_ example: Case) throws {
        let finding = try #require(
            QualityFixture.finding(draft(example.title, keyResults: example.count), .tooManyKeyResults))
        #expect(finding.severity == .error)
        #expect(
            finding.message.vi == "Mục tiêu “\(example.title)” có \(example.count) Kết quả then chốt; nhiều nhất là 5.")
        #expect(QualityFixture.findings(draft(example.title, keyResults: example.count), .tooFewKeyResults).isEmpty)
    }

    @Test(
        "An objective with more than 5 KRs is an error (English)",
        arguments: [(english[0], 6), (english[1], 8), (english[2], 9)] as [Case])
    func tooManyEnglish(_ example: Case) throws {
        let finding = try #require(
            QualityFixture.finding(draft(example.title, keyResults: example.count), .tooManyKeyResults))
        #expect(finding.severity == .error)
        #expect(
            finding.message.en
                == "The objective “\(example.title)” has \(example.count) key results; at most 5 keep it focused.")
    }

    @Test("An untitled objective is named as “this objective”")
    func untitled() throws {
        let finding = try #require(QualityFixture.finding(draft("  ", keyResults: 1), .tooFewKeyResults))
        #expect(finding.message.vi == "Mục tiêu này mới có 1 Kết quả then chốt; cần ít nhất 2.")
        #expect(finding.message.en == "This objective has only 1 key result; it needs at least 2.")
    }
}
