import Foundation
import Testing

@testable import OKRCore

/// Initiatives exist to move their KR: a done one that did not, and a KR behind with every initiative done, are
/// worth a look in the weekly review.
@Suite("Initiative impact")
struct InitiativeImpactTests {
    typealias F = Fixture

    func initiative(_ id: String, _ state: Initiative.State, started: String? = nil) throws -> Initiative {
        try Initiative(
            id: InitiativeID(id), title: F.name(id), state: state, keyResultIDs: ["kr"],
            started: started.map(F.day), finished: state == .done ? F.day("2026-11-20") : nil)
    }

    func checkIn(_ day: String, _ value: Decimal) throws -> CheckIn {
        try CheckIn(
            id: CheckInID("ci-\(day)"), keyResultID: "kr", value: value, authorID: "p", recordedAt: F.epoch,
            day: F.day(day))
    }

    @Test("A done initiative whose KR stayed where it was when the work started is flagged, with that day")
    func doneWithoutMovement() throws {
        let kr = try F.increase(from: 10, to: 50, now: 30)
        let history = [try checkIn("2026-10-09", 20), try checkIn("2026-10-30", 30), try checkIn("2026-11-13", 30)]
        let late = try initiative("late", .done, started: "2026-11-02")
        let early = try initiative("early", .done, started: "2026-10-05")
        let findings = InitiativeImpact.findings(
            keyResult: kr, status: .onTrack, initiatives: [late, early], checkIns: history,
            cycleStart: F.day("2026-10-01"))
        // Started 2 Nov: the KR was at 30 and is at 30. Started 5 Oct: it was at 10 (its start) and moved.
        #expect(findings == [.doneWithoutMovement(initiative: "late", since: F.day("2026-11-02"))])
    }

    @Test("Without a start day the cycle's first day counts; a KR that went down did not move")
    func fallbackAndDirection() throws {
        let up = try F.increase(from: 10, to: 50, now: 8)
        let done = try initiative("done", .done)
        #expect(
            InitiativeImpact.findings(
                keyResult: up, status: .onTrack, initiatives: [done], checkIns: [],
                cycleStart: F.day("2026-10-01")) == [
                    .doneWithoutMovement(initiative: "done", since: F.day("2026-10-01"))
                ])
        let down = try F.keyResult(kind: .decrease, start: 40, target: 20, current: 35)
        #expect(
            InitiativeImpact.findings(
                keyResult: down, status: .onTrack, initiatives: [done], checkIns: [],
                cycleStart: F.day("2026-10-01")
            ).isEmpty)
    }

    @Test("Behind with every initiative done asks for a new one; one still in progress, or none done, does not")
    func allDoneWhileBehind() throws {
        let kr = try F.increase(from: 10, to: 50, now: 20)
        let done = try initiative("a", .done)
        let dropped = try initiative("b", .dropped)
        let going = try initiative("c", .inProgress, started: "2026-10-05")
        func findings(_ status: Status, _ initiatives: [Initiative]) -> [InitiativeImpact.Finding] {
            InitiativeImpact.findings(
                keyResult: kr, status: status, initiatives: initiatives, checkIns: [],
                cycleStart: F.day("2026-10-01")
            ).filter { $0 == .allDoneWhileBehind }
        }
        #expect(findings(.offTrack, [done, dropped]) == [.allDoneWhileBehind])
        #expect(findings(.atRisk, [done]) == [.allDoneWhileBehind])
        #expect(findings(.offTrack, [done, going]).isEmpty)
        #expect(findings(.onTrack, [done]).isEmpty)
        #expect(findings(.offTrack, [dropped]).isEmpty)
        // A KR already met needs nothing more.
        #expect(
            InitiativeImpact.findings(
                keyResult: kr, status: .done, initiatives: [done], checkIns: [], cycleStart: F.day("2026-10-01")
            ).isEmpty)
    }

    @Test("Saving stamps the start when work begins and the finish when it is done; both stay once set")
    func stamping() throws {
        let day = F.day("2026-11-02")
        let later = F.day("2026-11-20")
        let planned = try initiative("i", .planned)
        #expect(planned.stamped(after: nil, on: day).started == nil)
        var going = planned
        going.state = .inProgress
        let started = going.stamped(after: planned, on: day)
        #expect(started.started == day)
        #expect(started.finished == nil)
        var done = started
        done.state = .done
        let finished = done.stamped(after: started, on: later)
        #expect(finished.started == day)
        #expect(finished.finished == later)
        // Saved again while done (a title change), the finish stays; reopened, it clears and the start stays.
        #expect(finished.stamped(after: finished, on: F.day("2026-12-01")).finished == later)
        var reopened = finished
        reopened.state = .inProgress
        let again = reopened.stamped(after: finished, on: F.day("2026-12-01"))
        #expect(again.finished == nil)
        #expect(again.started == day)
        // A fresh value built without the days (as an API body is) keeps the stored ones.
        let rebuilt = try Initiative(id: "i", title: F.name("i"), state: .done, keyResultIDs: ["kr"])
        #expect(rebuilt.stamped(after: finished, on: F.day("2026-12-01")).finished == later)
        #expect(rebuilt.stamped(after: finished, on: F.day("2026-12-01")).started == day)
    }
}
