import Foundation
import Testing

@testable import OKRCore

/// Someone answers for each objective every week, and no owner carries more objectives than keeps focus.
@Suite("Quality: the objective's owner")
struct QualityOwnerTests {
    typealias Owned = (title: String, owner: String?)
    typealias Load = (title: String, owner: String?, others: Int, limit: Int)

    @Test(
        "An objective with no owner is an error (Vietnamese)",
        arguments: [
            ("Cải thiện các kênh quảng cáo", nil), ("Nuôi dưỡng khách hàng tiềm năng mới", ""),
            ("Giữ chân khách hàng lâu năm", "   "),
        ] as [Owned])
    func withoutOwnerVietnamese(_ example: Owned) throws {
        let draft = QualityFixture.objective(example.title, owner: example.owner)
        let finding = try #require(QualityFixture.finding(draft, .objectiveWithoutOwner))
        #expect(finding.severity == .error)
        #expect(finding.target == .objective)
        #expect(finding.message.vi == "Mục tiêu “\(example.title)” chưa có người phụ trách.")
        #expect(finding.blocksPublishing)
    }

    @Test(
        "An objective with no owner is an error (English)",
        arguments: [
            ("Improve our advertising channels", nil), ("Nurture new leads better", ""),
            ("Keep long-time customers", "\n"),
        ] as [Owned])
    func withoutOwnerEnglish(_ example: Owned) throws {
        let draft = QualityFixture.objective(example.title, owner: example.owner)
        let finding = try #require(QualityFixture.finding(draft, .objectiveWithoutOwner))
        #expect(finding.message.en == "The objective “\(example.title)” has no owner.")
        #expect(finding.hint.en.contains("the company, a team or a person"))
    }

    @Test(
        "An objective with an owner is not flagged",
        arguments: [
            ("Cải thiện các kênh quảng cáo", "Marketing"), ("Nuôi dưỡng khách hàng tiềm năng mới", "Phòng Kinh doanh"),
            ("Giữ chân khách hàng lâu năm", "Nguyễn Thị Lan"), ("Improve our advertising channels", "Marketing"),
            ("Nurture new leads better", "team:sales"), ("Keep long-time customers", "Lan Nguyen"),
        ] as [Owned])
    func withOwner(_ example: Owned) {
        #expect(
            QualityFixture.finding(
                QualityFixture.objective(example.title, owner: example.owner), .objectiveWithoutOwner) == nil)
    }

    @Test(
        "An owner with more objectives than the limit is warned (Vietnamese)",
        arguments: [
            ("Cải thiện các kênh quảng cáo", "Marketing", 5, 5),
            ("Nuôi dưỡng khách hàng tiềm năng", "Phòng Kinh doanh", 9, 5),
            ("Giảm chi phí vận hành", "Lan", 2, 2),
        ] as [Load])
    func overloadedVietnamese(_ example: Load) throws {
        let context = QualityContext(otherObjectivesOfOwner: example.others, maxObjectivesPerOwner: example.limit)
        let draft = QualityFixture.objective(example.title, owner: example.owner)
        let finding = try #require(QualityFixture.finding(draft, .tooManyObjectivesForOwner, context: context))
        #expect(finding.severity == .warning)
        #expect(
            finding.message.vi
                == "“\(example.owner ?? "")” có \(example.others + 1) mục tiêu trong chu kỳ này; nhiều hơn "
                + "\(example.limit) làm phân tán sự tập trung.")
    }

    @Test(
        "An owner with more objectives than the limit is warned (English)",
        arguments: [
            ("Improve our advertising channels", "Marketing", 5, 5), ("Nurture new leads better", "Sales", 7, 5),
            ("Cut operating costs", "Lan", 3, 3),
        ] as [Load])
    func overloadedEnglish(_ example: Load) throws {
        let context = QualityContext(otherObjectivesOfOwner: example.others, maxObjectivesPerOwner: example.limit)
        let draft = QualityFixture.objective(example.title, owner: example.owner)
        let finding = try #require(QualityFixture.finding(draft, .tooManyObjectivesForOwner, context: context))
        #expect(
            finding.message.en
                == "“\(example.owner ?? "")” has \(example.others + 1) objectives this cycle; more than \(example.limit) "
                + "spreads the focus.")
    }

    @Test(
        "An owner within the limit, or no owner yet, is not warned about load",
        arguments: [
            ("Cải thiện các kênh quảng cáo", "Marketing", 0, 5),
            ("Nuôi dưỡng khách hàng tiềm năng", "Phòng Kinh doanh", 4, 5),
            ("Giảm chi phí vận hành", nil, 12, 5), ("Improve our advertising channels", "Marketing", 2, 3),
            ("Nurture new leads better", "Sales", 4, 5), ("Cut operating costs", "", 9, 5),
        ] as [Load])
    func withinLimit(_ example: Load) {
        let context = QualityContext(otherObjectivesOfOwner: example.others, maxObjectivesPerOwner: example.limit)
        let draft = QualityFixture.objective(example.title, owner: example.owner)
        #expect(QualityFixture.finding(draft, .tooManyObjectivesForOwner, context: context) == nil)
    }

    @Test("The default limit is 5 objectives per owner")
    func defaultLimit() {
        let draft = QualityFixture.objective("Cải thiện các kênh quảng cáo")
        #expect(
            QualityFixture.finding(
                draft, .tooManyObjectivesForOwner, context: QualityContext(otherObjectivesOfOwner: 4)) == nil)
        #expect(
            QualityFixture.finding(
                draft, .tooManyObjectivesForOwner, context: QualityContext(otherObjectivesOfOwner: 5)) != nil)
    }
}
