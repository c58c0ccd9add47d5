import Foundation
import Testing

@testable import OKRCore

/// Expected progress from working days (weekends, holidays and Tết excluded), or from a KR's own plan.
@Suite("Working days and expected progress")
struct ExpectedProgressTests {
    typealias F = Fixture

    let vietnam = WorkingCalendar()
    let weekendsOnly = WorkingCalendar(observesVietnameseHolidays: false)

    @Test("2026 Q1 spans Tết: 58 working days instead of 63 without public holidays")
    func q1WorkingDays() {
        let cycle = F.q1of2026
        #expect(vietnam.workingDays(from: cycle.start.adding(days: 1), through: cycle.end) == 58)
        #expect(weekendsOnly.workingDays(from: cycle.start.adding(days: 1), through: cycle.end) == 63)
        #expect(vietnam.workingDays(from: cycle.start, through: cycle.end) == 58)
        #expect(weekendsOnly.workingDays(from: cycle.start, through: cycle.end) == 64)
    }

    @Test("Expected progress stays flat from the Friday before Tết 2026 to the Sunday after it")
    func flatOverTet() {
        let cycle = F.q1of2026
        let before = ExpectedProgress.at(F.day("2026-02-13"), in: cycle, calendar: vietnam)
        #expect(before.value == Decimal(31) / Decimal(58))
        var day = F.day("2026-02-14")
        while day <= F.day("2026-02-22") {
            #expect(ExpectedProgress.at(day, in: cycle, calendar: vietnam).value == before.value, "\(day)")
            day = day.adding(days: 1)
        }
        let after = ExpectedProgress.at(F.day("2026-02-23"), in: cycle, calendar: vietnam)
        #expect(after.value == Decimal(32) / Decimal(58))
        // Without Vietnamese holidays the line keeps rising through the Tết week.
        let plain = ExpectedProgress.at(F.day("2026-02-20"), in: cycle, calendar: weekendsOnly)
        let plainBefore = ExpectedProgress.at(F.day("2026-02-13"), in: cycle, calendar: weekendsOnly)
        #expect(plain.value > plainBefore.value)
    }

    @Test("Expected progress is 0 on and before the first day, 1 on and after the last")
    func ends() {
        let cycle = F.q1of2026
        for (day, value) in [("2025-12-15", 0), ("2026-01-01", 0), ("2026-03-31", 1), ("2026-04-20", 1)] {
            #expect(ExpectedProgress.at(F.day(day), in: cycle, calendar: vietnam).value == Decimal(value), "\(day)")
        }
    }

    @Test("Expected progress explains its working days and the holidays left out")
    func explanation() {
        let expected = ExpectedProgress.at(F.day("2026-02-13"), in: F.q1of2026, calendar: vietnam)
        #expect(expected.explanation.formula == "W(start, day] / W(start, end]")
        #expect(expected.explanation.computation == "31 / 58 = 0.5345")
        #expect(expected.explanation.inputs.contains(.init("working days elapsed", "31")))
        #expect(expected.explanation.inputs.contains(.init("working days", "58")))
        #expect(expected.explanation.notes.map(\.en) == ["Weekends and 6 holidays in the cycle are not counted"])
        #expect(expected.explanation.notes.map(\.vi) == ["Không tính cuối tuần và 6 ngày nghỉ lễ trong chu kỳ"])
        let quiet = ExpectedProgress.at(F.day("2026-11-02"), in: F.q4of2026, calendar: vietnam)
        #expect(quiet.explanation.notes.isEmpty)
    }

    @Test("An organization's own holiday counts once, even on a public holiday")
    func ownHolidays() {
        let calendar = WorkingCalendar(extraHolidays: [F.day("2026-02-16"), F.day("2026-03-02"), F.day("2026-05-04")])
        let expected = ExpectedProgress.at(F.day("2026-03-31"), in: F.q1of2026, calendar: calendar)
        #expect(expected.explanation.computation == "57 / 57 = 1")
        #expect(expected.explanation.notes.map(\.en) == ["Weekends and 7 holidays in the cycle are not counted"])
        #expect(!calendar.isWorkingDay(F.day("2026-03-02")))
    }

    @Test("A cycle with no working day after its start jumps to 1 on its last day")
    func noWorkingDays() throws {
        let weekend = try Cycle(id: "w", name: "Weekend", start: F.day("2026-10-03"), end: F.day("2026-10-04"))
        #expect(ExpectedProgress.at(F.day("2026-10-03"), in: weekend, calendar: vietnam).value == 0)
        #expect(ExpectedProgress.at(F.day("2026-10-04"), in: weekend, calendar: vietnam).value == 1)
    }

    @Test("Working days: weekends, public holidays, the organization's days and its own weekend")
    func workingDays() {
        #expect(vietnam.isWorkingDay(F.day("2026-02-13")))
        #expect(!vietnam.isWorkingDay(F.day("2026-02-17")))
        #expect(!vietnam.isWorkingDay(F.day("2026-04-27")))
        #expect(!vietnam.isWorkingDay(F.day("2026-02-14")))
        #expect(weekendsOnly.isWorkingDay(F.day("2026-02-17")))
        let sixDays = WorkingCalendar(weekend: [.sunday])
        #expect(sixDays.isWorkingDay(F.day("2026-02-14")))
        #expect(sixDays.workingDays(from: F.day("2026-10-05"), through: F.day("2026-10-11")) == 6)
        #expect(vietnam.workingDays(from: F.day("2026-10-11"), through: F.day("2026-10-05")) == 0)
    }

    @Test("Public holidays across a year boundary, by name; none when they are not observed")
    func publicHolidays() {
        let holidays = vietnam.publicHolidays(from: F.day("2025-12-20"), through: F.day("2026-01-10"))
        #expect(holidays == [F.day("2026-01-01"): VietnameseHolidays.newYear])
        #expect(weekendsOnly.publicHolidays(from: F.day("2026-01-01"), through: F.day("2026-12-31")).isEmpty)
        #expect(vietnam.publicHolidays(from: F.day("2026-12-31"), through: F.day("2026-01-01")).isEmpty)
    }

    func plannedKR(cycle: Cycle) throws -> KeyResult {
        try F.keyResult(
            kind: .increase, start: 100, target: 150,
            plan: [
                PlannedValue(day: F.day("2026-11-10"), value: 140), PlannedValue(day: F.day("2026-10-11"), value: 110),
            ], cycle: cycle)
    }

    @Test(
        "A KR's own plan: linear between plan points from its start value on the first day",
        arguments: [
            ("2026-09-30", "0"), ("2026-10-01", "0"), ("2026-10-06", "0.1"), ("2026-10-11", "0.2"),
            ("2026-10-26", "0.5"), ("2026-11-10", "0.8"), ("2026-12-31", "0.8"),
        ])
    func plan(day: String, value: String) throws {
        let cycle = F.q4of2026
        let expected = ExpectedProgress.of(try plannedKR(cycle: cycle), at: F.day(day), in: cycle, calendar: vietnam)
        #expect(expected.value == F.dec(value))
        #expect(expected.explanation.formula == "progress(planned value at day)")
        #expect(expected.explanation.notes.map(\.en) == ["From the KR's own plan"])
    }

    @Test("The plan's explanation names the planned value")
    func planExplanation() throws {
        let cycle = F.q4of2026
        let expected = ExpectedProgress.of(
            try plannedKR(cycle: cycle), at: F.day("2026-10-26"), in: cycle, calendar: vietnam)
        #expect(expected.explanation.computation == "planned 125 → 0.5")
        #expect(expected.explanation.inputs.map(\.name) == ["day", "2026-10-11", "2026-11-10"])
    }

    @Test("A decreasing KR's plan works the same way down")
    func decreasingPlan() throws {
        let cycle = F.q4of2026
        let kr = try F.keyResult(
            kind: .decrease, start: 200, target: 100, plan: [PlannedValue(day: F.day("2026-12-31"), value: 100)],
            cycle: cycle)
        let expected = ExpectedProgress.of(kr, at: F.day("2026-11-15"), in: cycle, calendar: vietnam)
        #expect(expected.value.rounded(4) == F.dec("0.4945"))
    }

    @Test("A KR without a plan follows the working-day line")
    func noPlan() throws {
        let kr = try F.increase(from: 0, to: 10, now: 1)
        let cycle = F.q1of2026
        let day = F.day("2026-02-18")
        #expect(
            ExpectedProgress.of(kr, at: day, in: cycle, calendar: vietnam)
                == ExpectedProgress.at(day, in: cycle, calendar: vietnam))
    }
}
