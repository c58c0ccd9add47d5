import Foundation

/// Where progress should be at a date: working days elapsed over working days in the cycle, or the KR's own
/// planned values when it has them.
public struct ExpectedProgress: Hashable, Sendable, Codable {
    /// A fraction in [0, 1].
    public let value: Decimal
    public let explanation: Explanation

    /// The working-day line: `W(start, day] / W(start, end]`, where `W(a, b]` counts the working days after
    /// `a` up to and including `b`. 0 on the first day, 1 on the last, flat over weekends, holidays and Tết.
    public static func at(_ day: Day, in cycle: Cycle, calendar: WorkingCalendar) -> ExpectedProgress {
        let formula = "W(start, day] / W(start, end]"
        let inputs: [Explanation.Input] = [
            .init("start", cycle.start.iso), .init("end", cycle.end.iso), .init("day", day.iso),
        ]
        let (elapsed, total, value) = workingDayLine(day, in: cycle, calendar: calendar)
        let holidays = calendar.publicHolidays(from: cycle.start, through: cycle.end)
        var notes: [LocalizedText] = []
        // An organization's own day off that is also a public holiday is one day off, not two.
        let daysOff = Set(holidays.keys).union(calendar.extraHolidays.filter { cycle.contains($0) })
        if !daysOff.isEmpty {
            let count = daysOff.count
            notes.append(
                LocalizedText(
                    vi: "Không tính cuối tuần và \(count) ngày nghỉ lễ trong chu kỳ",
                    en: "Weekends and \(count) holidays in the cycle are not counted"))
        }
        return ExpectedProgress(
            value: value,
            explanation: Explanation(
                formula: formula, computation: "\(elapsed) / \(total) = \(Plain.text(value))",
                inputs: inputs + [.init("working days elapsed", "\(elapsed)"), .init("working days", "\(total)")],
                notes: notes))
    }

    /// The working-day line's numbers: working days elapsed, in the cycle, and their ratio.
    private static func workingDayLine(
        _ day: Day, in cycle: Cycle, calendar: WorkingCalendar
    ) -> (elapsed: Int, total: Int, value: Decimal) {
        let total = calendar.workingDays(from: cycle.start.adding(days: 1), through: cycle.end)
        let clampedDay = min(max(day, cycle.start), cycle.end)
        let elapsed = calendar.workingDays(from: cycle.start.adding(days: 1), through: clampedDay)
        if total == 0 { return (elapsed, total, day >= cycle.end ? 1 : 0) }
        return (elapsed, total, Decimal(elapsed) / Decimal(total))
    }

    /// The number of `of(_:at:in:calendar:)` without its explanation: for a chart, which needs a dozen per KR.
    public static func fraction(
        of keyResult: KeyResult, at day: Day, in cycle: Cycle, calendar: WorkingCalendar
    ) -> Decimal {
        guard let planned = planned(keyResult, at: day, in: cycle) else {
            return workingDayLine(day, in: cycle, calendar: calendar).value
        }
        return keyResult.progress(ifValueWere: planned)
    }

    /// The KR's planned value at `day`, interpolated linearly between its plan points from its start value on
    /// the cycle's first day; nil when it has no plan.
    private static func planned(_ keyResult: KeyResult, at day: Day, in cycle: Cycle) -> Decimal? {
        guard !keyResult.plan.isEmpty, let start = keyResult.start else { return nil }
        var points = [PlannedValue(day: cycle.start, value: start)]
        points += keyResult.plan.filter { $0.day > cycle.start }
        if let last = points.last, day >= last.day { return last.value }
        if day <= cycle.start { return start }
        let after = points.firstIndex { $0.day >= day }!
        let (a, b) = (points[after - 1], points[after])
        let span = Decimal(a.day.days(to: b.day))
        let fraction = span == 0 ? 1 : Decimal(a.day.days(to: day)) / span
        return a.value + (b.value - a.value) * fraction
    }

    /// The expected progress of a KR: its planned values when it has them (interpolated linearly between
    /// plan points, from its start value on the cycle's first day), otherwise the working-day line.
    public static func of(
        _ keyResult: KeyResult, at day: Day, in cycle: Cycle, calendar: WorkingCalendar
    ) -> ExpectedProgress {
        guard let planned = planned(keyResult, at: day, in: cycle) else {
            return at(day, in: cycle, calendar: calendar)
        }
        let value = keyResult.progress(ifValueWere: planned)
        return ExpectedProgress(
            value: value,
            explanation: Explanation(
                formula: "progress(planned value at day)",
                computation: "planned \(Plain.text(planned)) → \(Plain.text(value))",
                inputs: [.init("day", day.iso)] + keyResult.plan.map { .init($0.day.iso, Plain.text($0.value)) },
                notes: [LocalizedText(vi: "Theo kế hoạch riêng của KR", en: "From the KR's own plan")],
                reason: LocalizedText(
                    vi: "theo kế hoạch \(Plain.text(planned)) → \(Plain.text(value))",
                    en: "planned \(Plain.text(planned)) → \(Plain.text(value))")))
    }
}
