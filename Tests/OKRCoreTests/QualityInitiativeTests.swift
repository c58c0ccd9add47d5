import Foundation
import Testing

@testable import OKRCore

/// Mission rule 9: "a KR with no initiative or action plan behind it must be removed or replaced" — a
/// warning while the objective is written, an error once it is published.
@Suite("Quality: every key result has an initiative behind it")
struct QualityInitiativeTests {
    typealias Case = (title: String, state: Objective.State, severity: QualitySeverity)
    typealias Driven = (title: String, state: Objective.State, count: Int)

    func check(_ title: String, state: Objective.State, initiatives: Int) -> QualityFinding? {
        let draft = QualityFixture.objective(
            "Nuôi dưỡng khách hàng tiềm năng mới tốt hơn", state: state,
            keyResults: [
                QualityFixture.keyResult(title, initiatives: initiatives), QualityFixture.vietnameseKeyResults[1],
            ])
        return QualityFixture.finding(draft, .keyResultWithoutInitiative)
    }

    @Test(
        "A KR with no initiative is flagged: a warning in draft and review, an error once published (Vietnamese)",
        arguments: [
            ("Tăng tỷ lệ mở follow up email từ 14% lên 45%", .draft, .warning),
            ("Tăng MQL qua AdWords từ 70 lên 100", .inReview, .warning),
            ("Tăng MQL qua tìm kiếm không phí từ 45 lên 50", .published, .error),
            ("Giảm tỷ lệ khách hàng rời bỏ từ 5% xuống 3%", .closed, .info),
        ] as [Case])
    func withoutInitiativeVietnamese(_ example: Case) throws {
        let finding = try #require(check(example.title, state: example.state, initiatives: 0))
        #expect(finding.severity == example.severity)
        #expect(finding.target == .keyResult(index: 0))
        #expect(finding.message.vi == "KR1 “\(example.title)” chưa có sáng kiến hay kế hoạch hành động nào thúc đẩy.")
        #expect(finding.hint.vi.contains("cần loại bỏ hoặc thay thế"))
        #expect(finding.blocksPublishing == (example.state == .published))
    }

    @Test(
        "A KR with no initiative is flagged: a warning in draft and review, an error once published (English)",
        arguments: [
            ("Raise follow-up e-mail open rate from 14% to 45%", .draft, .warning),
            ("Raise MQL from AdWords from 70 to 100", .inReview, .warning),
            ("Raise MQL from organic search from 45 to 50", .published, .error),
            ("Reduce churn from 5% to 3%", .archived, .info),
        ] as [Case])
    func withoutInitiativeEnglish(_ example: Case) throws {
        let finding = try #require(check(example.title, state: example.state, initiatives: 0))
        #expect(finding.severity == example.severity)
        #expect(finding.message.en == "KR1 “\(example.title)” has no initiative or action plan driving it.")
        #expect(finding.hint.en.contains("should be removed or replaced"))
    }

    @Test(
        "A KR with an initiative behind it is not flagged (Vietnamese)",
        arguments: [
            ("Tăng tỷ lệ mở follow up email từ 14% lên 45%", .draft, 1),
            ("Tăng MQL qua AdWords từ 70 lên 100", .inReview, 2),
            ("Tăng MQL qua tìm kiếm không phí từ 45 lên 50", .published, 1),
        ] as [Driven])
    func withInitiativeVietnamese(_ example: Driven) {
        #expect(check(example.title, state: example.state, initiatives: example.count) == nil)
    }

    @Test(
        "A KR with an initiative behind it is not flagged (English)",
        arguments: [
            ("Raise follow-up e-mail open rate from 14% to 45%", .draft, 3),
            ("Raise MQL from AdWords from 70 to 100", .published, 1),
            ("Reduce churn from 5% to 3%", .closed, 1),
        ] as [Driven])
    func withInitiativeEnglish(_ example: Driven) {
        #expect(check(example.title, state: example.state, initiatives: example.count) == nil)
    }

    @Test("From saved values, a dropped initiative no longer drives its KR; planned, in-progress and done ones do")
    func fromSavedValues() throws {
        let kr = try KeyResult(
            id: "kr1", objectiveID: "o1", title: LocalizedName(vi: "Tăng MQL qua email từ 100 lên 150"),
            kind: .increase, start: 100, target: 150)
        let other = try KeyResult(
            id: "kr2", objectiveID: "o1", title: LocalizedName(vi: "Tăng MQL qua AdWords từ 70 lên 100"),
            kind: .increase, start: 70, target: 100)
        let initiative = { (state: Initiative.State, krs: [KeyResultID]) in
            try Initiative(
                id: InitiativeID("i-\(state.rawValue)"), title: LocalizedName(vi: "Chuỗi email nuôi dưỡng"),
                state: state, keyResultIDs: krs)
        }
        let dropped = [try initiative(.dropped, ["kr1"]), try initiative(.planned, ["kr2"])]
        #expect(KeyResultDraft(kr, initiatives: dropped).initiativeCount == 0)
        #expect(KeyResultDraft(other, initiatives: dropped).initiativeCount == 1)
        for state in [Initiative.State.planned, .inProgress, .done] {
            #expect(KeyResultDraft(kr, initiatives: [try initiative(state, ["kr1", "kr2"])]).initiativeCount == 1)
        }
    }
}
