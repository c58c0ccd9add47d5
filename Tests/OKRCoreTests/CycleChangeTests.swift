import Testing

@testable import OKRCore

@Suite("Changing a cycle: anything while planning; once started, its name only")
struct CycleChangeTests {
    static func quarter(_ state: Cycle.State) throws -> Cycle {
        try Cycle(
            id: "2027-q1", name: "2027 Q1", start: Day(iso: "2027-01-01")!, end: Day(iso: "2027-03-31")!, state: state)
    }

    @Test("A cycle in planning is renamed, moved and given other rules; its days are still checked")
    func planning() throws {
        let cycle = try Self.quarter(.planning)
        let rules = StatusRules(policy: .gap(atRisk: 0.1, offTrack: 0.25), lowConfidenceBelow: 4, staleAfterDays: 10)
        let changed = try cycle.changed(
            name: "Quý 1 năm 2027", start: Day(iso: "2027-01-04"), end: Day(iso: "2027-04-02"), statusRules: rules)
        #expect(changed.name == "Quý 1 năm 2027")
        #expect(changed.start == Day(iso: "2027-01-04"))
        #expect(changed.statusRules == rules)
        #expect(throws: DomainError.invalid(field: "end", reason: .boundsReversed)) {
            try cycle.changed(end: Day(iso: "2026-12-01"))
        }
    }

    @Test(
        "Once started, a cycle keeps its days and rules (refused naming the field) but may be renamed",
        arguments: [Cycle.State.active, .closed])
    func started(_ state: Cycle.State) throws {
        let cycle = try Self.quarter(state)
        #expect(try cycle.changed(name: "Quý 1").name == "Quý 1")
        // Giving the days it already has is not a change.
        #expect(try cycle.changed(start: cycle.start, end: cycle.end) == cycle)
        #expect(throws: DomainError.invalid(field: "start", reason: .fixedOnceStarted(state: state.rawValue))) {
            try cycle.changed(start: Day(iso: "2027-01-02"))
        }
        #expect(throws: DomainError.invalid(field: "end", reason: .fixedOnceStarted(state: state.rawValue))) {
            try cycle.changed(end: Day(iso: "2027-03-30"))
        }
        let rules = StatusRules(policy: .gap(atRisk: 0.1, offTrack: 0.25), lowConfidenceBelow: 4, staleAfterDays: 10)
        #expect(throws: DomainError.invalid(field: "status_rules", reason: .fixedOnceStarted(state: state.rawValue))) {
            try cycle.changed(statusRules: rules)
        }
    }
}

@Suite("Recording a KPI's value: today or a day of the last ten years, a finite number")
struct KPIValueRecordingTests {
    @Test("A value for tomorrow or for more than ten years ago is refused naming the day")
    func days() throws {
        let today = Day(iso: "2026-11-27")!
        let kpi = KPIID("kpi-nps")
        #expect(try KPIValue.recorded(kpiID: kpi, day: today, value: 42, today: today).value == 42)
        #expect(
            try KPIValue.recorded(kpiID: kpi, day: today.adding(days: -KPIValue.historyDays), value: 1, today: today)
                .day
                == today.adding(days: -KPIValue.historyDays))
        for day in [today.adding(days: 1), today.adding(days: -KPIValue.historyDays - 1)] {
            #expect(throws: DomainError.invalid(field: "day", reason: .outOfRange)) {
                try KPIValue.recorded(kpiID: kpi, day: day, value: 1, today: today)
            }
        }
    }
}
