import Foundation
import Testing

@testable import OKRCore

/// Every number of a cycle on one day, from one computation: the mission's Marketing objective under a company
/// objective, scored in the middle of 2026 Q4.
@Suite("Scorecard")
struct ScorecardTests {
    typealias F = Fixture

    let today = F.day("2026-11-16")

    func scorecard(grades: [KeyResultID: KeyResultGrade] = [:], lastCheckIns: [KeyResultID: Day]? = nil) throws
        -> Scorecard
    {
        let company = try F.objective("company", kind: .aspirational, source: .children)
        let marketing = try F.objective("marketing", parents: [F.link(to: "company")])
        let krs = [
            try F.increase("email", objective: "marketing", from: 100, to: 150, now: 130),
            try F.increase("adwords", objective: "marketing", from: 70, to: 100, now: 85),
            try F.increase("organic", objective: "marketing", from: 45, to: 50, now: 50),
            try F.keyResult("survey", objective: "company", kind: .atLeast, target: 8),
        ]
        let checkIns = lastCheckIns ?? ["email": today, "adwords": today, "organic": today]
        return try Scorecard(
            cycle: F.q4of2026, objectives: [company, marketing], keyResults: krs, lastCheckIns: checkIns,
            grades: grades, today: today, calendar: WorkingCalendar())
    }

    @Test("Each KR has its progress, expected progress, status and proposed grade")
    func keyResults() throws {
        let card = try scorecard()
        let email = try #require(card.keyResults["email"])
        #expect(email.progress.value == F.dec("0.6"))
        // 32 working days from 2 October to 16 November, of 65 in the quarter.
        #expect(email.expected.value == Decimal(32) / Decimal(65))
        #expect(email.grade.proposed == F.dec("0.6"))
        #expect(email.status.status == .onTrack)
        #expect(card.keyResults["adwords"]?.status.status == .onTrack)
        #expect(card.keyResults["organic"]?.status.status == .done)
        #expect(card.keyResults["survey"]?.status.status == .notStarted)
        #expect(card.day == today)
    }

    @Test("Objectives roll up: Marketing from its KRs, the company from Marketing")
    func objectives() throws {
        let card = try scorecard()
        let marketing = try #require(card.objectives["marketing"])
        // (0.6 + 0.5 + 1) / 3
        #expect(marketing.progress.value == F.dec("0.7"))
        #expect(marketing.keyResults.count == 3)
        #expect(marketing.grade.value == F.dec("0.7"))
        let company = try #require(card.objectives["company"])
        #expect(company.progress.value == marketing.progress.value)
        #expect(company.expected == Decimal(32) / Decimal(65))
        #expect(company.status.status != .notStarted)
        #expect(card.overall.value == marketing.progress.value)
    }

    @Test("A stale KR is lowered on the scorecard, and recorded grades replace the proposals")
    func staleAndGraded() throws {
        let stale = try scorecard(lastCheckIns: ["email": F.day("2026-10-01")])
        let fresh = try scorecard()
        let staleStatus = try #require(stale.keyResults["email"]?.status.status)
        let freshStatus = try #require(fresh.keyResults["email"]?.status.status)
        #expect(staleStatus == freshStatus.lowered)
        let graded = try scorecard(grades: [
            "email": KeyResultGrade(proposed: F.dec("0.6"), value: 1, reason: "Tính cả tháng 12")
        ])
        #expect(graded.keyResults["email"]?.grade.value == 1)
        // (1 + 0.5 + 1) / 3
        #expect(graded.objectives["marketing"]?.grade.value == F.dec("0.83"))
    }

    @Test("A scorecard refuses an alignment loop")
    func loop() throws {
        let a = try F.objective("a", parents: [F.link(to: "b")])
        let b = try F.objective("b", parents: [F.link(to: "a")])
        #expect(throws: DomainError.alignmentCycle(path: ["a", "b", "a"])) {
            try Scorecard(
                cycle: F.q4of2026, objectives: [a, b], keyResults: [], today: today, calendar: WorkingCalendar())
        }
    }
}
