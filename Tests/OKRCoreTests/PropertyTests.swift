import Foundation
import PropertyBased
import Testing

@testable import OKRCore

/// Laws of the math that hold for every input, checked on random ones (`x-sheep/swift-property-based`).
@Suite("Properties of the math")
struct PropertyTests {
    typealias F = Fixture

    /// A decimal with two places in ±10 000, exact (cents, percentages with decimals).
    static let amount = Gen.int(in: -1_000_000...1_000_000).map { Decimal($0) / 100 }
    /// A day from 2024 to 2035.
    static let day = Gen.int(in: 0...4382).map { F.day("2024-01-01").adding(days: $0) }

    @Test("Progress of an increase never goes down when the current value goes up")
    func increaseMonotone() async {
        await propertyCheck(count: 300, input: Self.amount, Gen.int(in: 1...100_000), Self.amount, Self.amount) {
            start, span, a, b in
            let kr = try F.keyResult(kind: .increase, start: start, target: start + Decimal(span) / 10)
            let (low, high) = (min(a, b), max(a, b))
            let p = try kr.recording(low).progress()
            let q = try kr.recording(high).progress()
            #expect(p.raw <= q.raw)
            #expect(p.value <= q.value)
        }
    }

    @Test("Progress of a decrease never goes down when the current value goes down")
    func decreaseMonotone() async {
        await propertyCheck(count: 300, input: Self.amount, Gen.int(in: 1...100_000), Self.amount, Self.amount) {
            start, span, a, b in
            let kr = try F.keyResult(kind: .decrease, start: start, target: start - Decimal(span) / 10)
            let (low, high) = (min(a, b), max(a, b))
            let p = try kr.recording(high).progress()
            let q = try kr.recording(low).progress()
            #expect(p.raw <= q.raw)
            #expect(p.value <= q.value)
        }
    }

    /// A KR of any kind with values drawn from `a`, `b`, `current`, and a validity condition half of the time.
    static func anyKeyResult(
        kind: KeyResult.Kind, _ a: Decimal, _ b: Decimal, current: Decimal, condition: Int?
    ) throws -> KeyResult {
        let low = min(a, b)
        let high = max(a, b) == low ? low + 1 : max(a, b)
        let counted = try condition.map { try ValidityCondition(metric: "responses", minimum: 50, actual: Decimal($0)) }
        switch kind {
        case .increase:
            return try F.keyResult(kind: kind, start: low, target: high, current: current, condition: counted)
        case .decrease:
            return try F.keyResult(kind: kind, start: high, target: low, current: current, condition: counted)
        case .atLeast, .atMost:
            return try F.keyResult(kind: kind, target: a, current: current, condition: counted)
        case .range:
            return try F.keyResult(kind: kind, target: low, targetHigh: high, current: current, condition: counted)
        case .milestone:
            return try F.keyResult(kind: kind, current: current > 0 ? 1 : 0, condition: counted)
        case .baseline:
            return try F.keyResult(kind: kind, current: current, condition: counted)
        }
    }

    @Test("Clamped progress stays in [0, 1] for every kind, and a met KR is at 1")
    func clamped() async {
        let condition = Gen.int(in: 0...100).optional
        await propertyCheck(
            count: 500, input: Gen<KeyResult.Kind>.case, Self.amount, Self.amount, Self.amount, condition
        ) { kind, a, b, current, counted in
            let progress = try Self.anyKeyResult(kind: kind, a, b, current: current, condition: counted).progress()
            #expect(progress.value >= 0)
            #expect(progress.value <= 1)
            #expect(progress.value == progress.raw.clampedToUnit || (counted ?? 50) < 50)
            if progress.isMet { #expect(progress.value == 1) }
        }
    }

    /// The chart and the history read numbers without explanations (`progressValue(at:)`,
    /// `ExpectedProgress.fraction`); they must be the explained numbers, for every kind, condition and plan.
    @Test("The numbers without explanations equal the explained ones, for every kind, condition, plan and day")
    func numbersWithoutExplanations() async {
        let condition = Gen.int(in: 0...100).optional
        await propertyCheck(
            count: 500, input: Gen<KeyResult.Kind>.case, Self.amount, Self.amount, Self.amount, condition,
            Gen.int(in: -10...100)
        ) { kind, a, b, current, counted, offset in
            let kr = try Self.anyKeyResult(kind: kind, a, b, current: current, condition: counted)
            let day = F.q4of2026.start.adding(days: offset)
            let checkIn = try CheckIn(
                id: "ci", keyResultID: kr.id, value: current, confidence: nil, note: nil, authorID: "p",
                recordedAt: F.epoch, day: day, weekStart: .monday, conditionActual: counted.map { Decimal($0) })
            #expect(kr.progressValue(at: checkIn) == kr.progress(at: checkIn).value)
            var planned = kr
            if kind == .increase || kind == .decrease {
                planned = try F.keyResult(
                    kind: kind, start: kr.start, target: kr.target, current: current, condition: kr.condition,
                    plan: [
                        PlannedValue(day: F.q4of2026.start.adding(days: 30), value: a),
                        PlannedValue(day: F.q4of2026.start.adding(days: 70), value: b),
                    ])
            }
            for candidate in [kr, planned] {
                let explained = ExpectedProgress.of(candidate, at: day, in: F.q4of2026, calendar: WorkingCalendar())
                let plain = ExpectedProgress.fraction(
                    of: candidate, at: day, in: F.q4of2026, calendar: WorkingCalendar())
                #expect(plain == explained.value)
            }
        }
    }

    /// Up to six KRs: progress in hundredths (−50%…150%) and a weight in tenths (0.1…100).
    static let keyResults = zip(Gen.int(in: -50...150), Gen.int(in: 1...1000)).array(of: 1...6)

    static func objective(_ terms: [(Int, Int)], scale: Decimal = 1) throws -> ObjectiveProgress {
        let krs = try terms.enumerated().map { index, term in
            try F.increase(
                "kr\(index)", from: 0, to: 100, now: Decimal(term.0), weight: Decimal(term.1) / 10 * scale)
        }
        return ObjectiveProgress.of(keyResults: krs)
    }

    @Test("Scaling every KR weight by the same factor leaves the objective's progress unchanged")
    func weightScaling() async {
        let factor = zip(Gen.int(in: 1...10_000), Gen.int(in: 1...1000)).map { Decimal($0) / Decimal($1) }
        await propertyCheck(count: 300, input: Self.keyResults, factor) { terms, factor in
            let plain = try Self.objective(terms)
            let scaled = try Self.objective(terms, scale: factor)
            // Decimal keeps 38 significant digits: equal up to the last of them.
            #expect(abs(plain.value - scaled.value) < F.dec("1e-30"), "\(plain.value) vs \(scaled.value)")
            #expect(plain.value.rounded(20) == scaled.value.rounded(20))
        }
    }

    @Test("An objective's progress lies between its weakest and strongest KR")
    func objectiveBetweenKeyResults() async {
        await propertyCheck(count: 300, input: Self.keyResults) { terms in
            let progress = try Self.objective(terms)
            let clamped = terms.map { (Decimal($0.0) / 100).clampedToUnit }
            #expect(progress.value >= clamped.min()! - F.dec("1e-30"))
            #expect(progress.value <= clamped.max()! + F.dec("1e-30"))
        }
    }

    /// A cycle from 2024 to 2035, 1 to 400 days long, and an organization's own holidays inside it.
    static let cycle = zip(Self.day, Gen.int(in: 1...400), Gen.int(in: 0...400).array(of: 0...5)).map {
        start, length, offsets in
        let cycle = try! Cycle(id: "c", name: "c", start: start, end: start.adding(days: length))
        let holidays = Set(offsets.map { start.adding(days: $0 % (length + 1)) })
        return (cycle, WorkingCalendar(extraHolidays: holidays))
    }

    @Test("Expected progress is 0 at the start of a cycle and 1 at its end")
    func expectedEnds() async {
        await propertyCheck(count: 200, input: Self.cycle) { cycle, calendar in
            #expect(ExpectedProgress.at(cycle.start, in: cycle, calendar: calendar).value == 0)
            #expect(ExpectedProgress.at(cycle.end, in: cycle, calendar: calendar).value == 1)
        }
    }

    @Test("Expected progress never decreases with the date, and stays in [0, 1]")
    func expectedMonotone() async {
        await propertyCheck(count: 200, input: Self.cycle, Gen.int(in: -20...420), Gen.int(in: -20...420)) {
            cycleAndCalendar, a, b in
            let (cycle, calendar) = cycleAndCalendar
            let early = cycle.start.adding(days: min(a, b))
            let late = cycle.start.adding(days: max(a, b))
            let e = ExpectedProgress.at(early, in: cycle, calendar: calendar).value
            let l = ExpectedProgress.at(late, in: cycle, calendar: calendar).value
            #expect(e <= l, "\(cycle.start)…\(cycle.end): \(early) \(e) > \(late) \(l)")
            #expect(e >= 0 && l <= 1)
        }
    }

    @Test("Expected progress moves only on working days")
    func expectedFlatOnDaysOff() async {
        await propertyCheck(count: 200, input: Self.cycle, Gen.int(in: 1...400)) { cycleAndCalendar, offset in
            let (cycle, calendar) = cycleAndCalendar
            let day = cycle.start.adding(days: offset)
            guard cycle.contains(day) else { return }
            let today = ExpectedProgress.at(day, in: cycle, calendar: calendar).value
            let yesterday = ExpectedProgress.at(day.adding(days: -1), in: cycle, calendar: calendar).value
            if calendar.isWorkingDay(day) {
                #expect(today > yesterday)
            } else {
                #expect(today == yesterday || day == cycle.end)
            }
        }
    }

    @Test("A day survives its ISO text and its Julian day number, and weekdays follow each other")
    func dayRoundTrips() async {
        await propertyCheck(count: 500, input: Gen.int(in: 1_721_426...5_373_484)) { julianDay in
            let day = Day(julianDay: julianDay)
            #expect(day.julianDay == julianDay)
            #expect(Day(iso: day.iso) == day)
            #expect(day.adding(days: 1).weekday.rawValue == day.weekday.rawValue % 7 + 1)
            #expect(day.startOfWeek().weekday == .monday)
            #expect(day.startOfWeek().days(to: day) < 7)
        }
    }
}
