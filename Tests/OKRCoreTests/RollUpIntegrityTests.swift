import Foundation
import Testing

@testable import OKRCore

/// The numbers of the security and correctness review: only published objectives roll up, an objective driven
/// by its children is graded from them, a guarded KR reads the same everywhere, and the math text states only
/// what is true.
@Suite("Roll-up integrity")
struct RollUpIntegrityTests {
    typealias F = Fixture

    /// The company objective with one KR at 60%, driven by its KRs and its children.
    static func parent() throws -> (Objective, KeyResult) {
        (
            try F.objective("company", source: .both),
            try F.increase("kr-company", objective: "company", from: 0, to: 100, now: 60)
        )
    }

    static func scores(_ objectives: [Objective], _ keyResults: [KeyResult]) throws -> (Scorecard, LiveScorecard) {
        (
            try Scorecard(
                cycle: F.q4of2026, objectives: objectives, keyResults: keyResults, today: F.day("2026-11-16"),
                calendar: WorkingCalendar()),
            try LiveScorecard(
                cycle: F.q4of2026, objectives: objectives, keyResults: keyResults, today: F.day("2026-11-16"),
                calendar: WorkingCalendar())
        )
    }

    @Test(
        "A draft, a proposal or an archived child moves nothing: not the parent's progress, status nor grade",
        arguments: [Objective.State.draft, .inReview, .archived])
    func unpublishedChildrenDoNotCount(state: Objective.State) throws {
        let (company, kr) = try Self.parent()
        let (alone, aloneLive) = try Self.scores([company], [kr])
        // A KR-less child with a heavy link: counted, it would pull the parent from 0.6 to 0.12.
        let child = try F.objective("draft", state: state, parents: [try F.link(to: "company", weight: 5)])
        let (with, withLive) = try Self.scores([company, child], [kr])
        for (score, reference) in [
            (with.objectives["company"]!, alone.objectives["company"]!),
            (withLive.score(ObjectiveID("company"))!, aloneLive.score(ObjectiveID("company"))!),
        ] {
            #expect(score.progress.value == reference.progress.value)
            #expect(score.progress.value == Decimal(string: "0.6"))
            #expect(score.status == reference.status)
            #expect(score.grade.value == reference.grade.value)
        }
        // Published, it counts: (1·0.6 + 5·0) / 6 = 0.1.
        let published = try F.objective("draft", state: .published, parents: [try F.link(to: "company", weight: 5)])
        let (counted, countedLive) = try Self.scores([company, published], [kr])
        #expect(counted.objectives["company"]!.progress.value == Decimal(string: "0.1"))
        #expect(countedLive.score(ObjectiveID("company"))!.progress.value == Decimal(string: "0.1"))
    }

    @Test("Archiving a published child gives the parent back its number; publishing a draft moves it")
    func liveStateChanges() throws {
        let (company, kr) = try Self.parent()
        let child = try F.objective("team", parents: [try F.link(to: "company")])
        var live = try LiveScorecard(
            cycle: F.q4of2026, objectives: [company, child], keyResults: [kr], today: F.day("2026-11-16"),
            calendar: WorkingCalendar())
        #expect(live.score(ObjectiveID("company"))!.progress.value == Decimal(string: "0.3"))
        var archived = child
        archived.state = .archived
        var update = LiveScorecard.Update()
        update.objectives["team"] = (archived, [])
        try live.apply(update)
        #expect(live.score(ObjectiveID("company"))!.progress.value == Decimal(string: "0.6"))
        #expect(live.children["company"]?.first?.counts == false, "still listed under its parent, as not counted")
        update.objectives["team"] = (child, [])
        try live.apply(update)
        #expect(live.score(ObjectiveID("company"))!.progress.value == Decimal(string: "0.3"))
    }

    @Test("An objective driven by its children is graded from their grades with the link weights")
    func gradedFromChildren() throws {
        let company = try F.objective("company", source: .children)
        let a = try F.objective("a", parents: [try F.link(to: "company", weight: 3)])
        let b = try F.objective("b", parents: [try F.link(to: "company", weight: 1)])
        let krs = [
            try F.increase("kr-a", objective: "a", from: 0, to: 100, now: 80),
            try F.increase("kr-b", objective: "b", from: 0, to: 100, now: 40),
        ]
        let (scorecard, live) = try Self.scores([company, a, b], krs)
        // (3·0.8 + 1·0.4) / 4 = 0.7.
        #expect(scorecard.objectives["company"]!.grade.value == Decimal(string: "0.7"))
        #expect(live.score(ObjectiveID("company"))!.grade.value == Decimal(string: "0.7"))
        #expect(live.score(ObjectiveID("company"))!.grade.explanation.computation == "(3·0.8 + 1·0.4) / 4 = 0.7")
    }

    @Test("A guarded KR's check-in reads as the headline does: 0 while the condition fails, with the reason")
    func guardedCheckIn() throws {
        let kr = try F.keyResult(
            "kr-nps", kind: .atLeast, target: 8, current: 9,
            condition: try ValidityCondition(metric: "responses", minimum: 100, actual: 40))
        #expect(kr.progress().value == 0)
        let short = try CheckIn(
            id: "ci-1", keyResultID: "kr-nps", value: 9, confidence: nil, note: nil, authorID: "p-nam",
            recordedAt: F.epoch, day: F.day("2026-11-10"), weekStart: .monday, conditionActual: 40)
        let enough = try CheckIn(
            id: "ci-2", keyResultID: "kr-nps", value: 9, confidence: nil, note: nil, authorID: "p-nam",
            recordedAt: F.epoch, day: F.day("2026-11-12"), weekStart: .monday, conditionActual: 120)
        #expect(kr.progress(at: short).value == 0)
        #expect(kr.progress(at: short).explanation.notes.contains { $0.en.contains("only 40 of 100") })
        #expect(kr.progress(at: enough).value == 1)
    }

    @Test("The math text states the comparison that is true, and says in words when it failed")
    func honestInequalities() throws {
        let below = try F.keyResult(kind: .atLeast, target: 40, current: 38).progress()
        #expect(below.explanation.computation == "38 < 40 → 0")
        #expect(below.explanation.notes.map(\.en) == ["Not held: 38 < 40"])
        #expect(below.explanation.notes.map(\.vi) == ["Chưa đạt: 38 < 40"])
        #expect(
            try F.keyResult(kind: .atLeast, target: 40, current: 41).progress().explanation.computation == "41 ≥ 40 → 1"
        )
        #expect(try F.keyResult(kind: .atMost, target: 5, current: 7).progress().explanation.computation == "7 > 5 → 0")
        #expect(
            try F.keyResult(kind: .range, target: 20, targetHigh: 80, current: 90).progress().explanation.computation
                == "90 > 80 → 0")
        #expect(
            try F.keyResult(kind: .range, target: 20, targetHigh: 80, current: 10).progress().explanation.computation
                == "10 < 20 → 0")
        #expect(
            try F.keyResult(kind: .range, target: 20, targetHigh: 80, current: 50).progress().explanation.computation
                == "20 ≤ 50 ≤ 80 → 1")
    }
}
