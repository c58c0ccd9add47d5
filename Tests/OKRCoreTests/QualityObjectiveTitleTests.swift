import Foundation
import Testing

@testable import OKRCore

/// An objective is read at a glance, and it is "not a project, but a problem to solve or an opportunity for
/// improvement to pursue within a quarter".
@Suite("Quality: the objective's title")
struct QualityObjectiveTitleTests {
    typealias Length = (title: String, limit: Int)
    typealias TaskCase = (title: String, verb: String)

    /// A title of exactly `length` characters, made of `sentence` repeated.
    static func title(_ sentence: String, length: Int) -> String {
        var text = String(repeating: sentence + " ", count: length / sentence.count + 1).prefix(length)
        if text.last?.isWhitespace == true { text = text.dropLast() + "." }
        return String(text)
    }

    static let vi = "Cải thiện các kênh quảng cáo để tạo ra nhiều khách hàng tiềm năng hơn"
    static let en = "Improve our advertising channels to bring in more qualified leads"

    @Test(
        "An objective title over the limit is warned (Vietnamese)",
        arguments: [(title(vi, length: 101), 100), (title(vi, length: 150), 100), (title(vi, length: 45), 40)]
            as [Length])
    func tooLongVietnamese(_ example: Length) throws {
        let context = QualityContext(maxObjectiveTitleLength: example.limit)
        let draft = QualityFixture.objective(example.title)
        let finding = try #require(QualityFixture.finding(draft, .objectiveTitleTooLong, context: context))
        #expect(finding.severity == .warning)
        #expect(finding.target == .objective)
        #expect(finding.message.vi.hasPrefix("Tiêu đề mục tiêu “Cải thiện các kênh"))
        #expect(finding.message.vi.hasSuffix("dài \(example.title.count) ký tự; nên giữ trong \(example.limit) ký tự."))
    }

    @Test(
        "An objective title over the limit is warned (English)",
        arguments: [(title(en, length: 101), 100), (title(en, length: 230), 100), (title(en, length: 61), 60)]
            as [Length])
    func tooLongEnglish(_ example: Length) throws {
        let context = QualityContext(maxObjectiveTitleLength: example.limit)
        let draft = QualityFixture.objective(example.title)
        let finding = try #require(QualityFixture.finding(draft, .objectiveTitleTooLong, context: context))
        #expect(finding.message.en.hasPrefix("The objective title “Improve our advertising"))
        #expect(finding.message.en.contains("…”"))
        #expect(
            finding.message.en.hasSuffix("has \(example.title.count) characters; keep it to \(example.limit) at most."))
    }

    @Test(
        "An objective title within the limit is not warned",
        arguments: [
            (title(vi, length: 100), 100), (vi, 100), (title(vi, length: 40), 40),
            (title(en, length: 100), 100), (en, 100), ("  " + title(en, length: 60) + "  ", 60),
        ] as [Length])
    func shortEnough(_ example: Length) {
        let context = QualityContext(maxObjectiveTitleLength: example.limit)
        #expect(
            QualityFixture.finding(QualityFixture.objective(example.title), .objectiveTitleTooLong, context: context)
                == nil)
    }

    @Test(
        "An objective that leads with an activity verb reads as a task: “Triển khai CRM mới”",
        arguments: [
            ("Triển khai CRM mới", "triển khai"), ("Tổ chức hội nghị khách hàng 2026", "tổ chức"),
            ("xay dung website moi", "xay dung"), ("Ra mắt ứng dụng di động", "ra mắt"),
        ] as [TaskCase])
    func taskVietnamese(_ example: TaskCase) throws {
        let finding = try #require(
            QualityFixture.finding(QualityFixture.objective(example.title), .objectiveReadsAsTask))
        #expect(finding.severity == .warning)
        #expect(finding.target == .objective)
        #expect(
            finding.message.vi
                == "Mục tiêu “\(example.title)” đọc như một đầu việc (“\(example.verb)”), không phải một điều cần cải thiện."
        )
        #expect(finding.hint.vi.hasPrefix("Mục tiêu không phải là dự án"))
    }

    @Test(
        "An objective that leads with an activity verb reads as a task: “Launch the new website”",
        arguments: [
            ("Launch the new website", "launch"), ("Build a data warehouse", "build"),
            ("Organise the 2026 customer conference", "organise"), ("Implement the new CRM", "implement"),
        ] as [TaskCase])
    func taskEnglish(_ example: TaskCase) throws {
        let finding = try #require(
            QualityFixture.finding(QualityFixture.objective(example.title), .objectiveReadsAsTask))
        #expect(
            finding.message.en
                == "The objective “\(example.title)” reads as a task (“\(example.verb)”), not as something to improve.")
        #expect(finding.hint.en.hasPrefix("An objective is not a project"))
    }

    @Test(
        "An objective that names an improvement is not a task",
        arguments: [
            "Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn",
            "Cá nhân hóa cách tiếp cận bán hàng và nuôi dưỡng khách hàng tiềm năng mới tốt hơn",
            "Việt hóa trải nghiệm cho khách hàng trong nước",
            "Improve advertising channels to generate more Marketing Qualified Leads",
            "Personalise the sales approach and nurture new leads better",
            "Delight our first 100 customers",
        ])
    func improvement(_ title: String) {
        #expect(QualityFixture.finding(QualityFixture.objective(title), .objectiveReadsAsTask) == nil)
    }
}
