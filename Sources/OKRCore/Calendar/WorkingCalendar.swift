/// Which days count as working days: not a weekend, not a Vietnamese public holiday (when observed), not one
/// of the organization's own holidays. Expected progress counts these days.
public struct WorkingCalendar: Sendable, Hashable {
    public let extraHolidays: Set<Day>
    public let observesVietnameseHolidays: Bool
    public let weekend: Set<Weekday>

    public init(
        extraHolidays: Set<Day> = [], observesVietnameseHolidays: Bool = true,
        weekend: Set<Weekday> = [.saturday, .sunday]
    ) {
        self.extraHolidays = extraHolidays
        self.observesVietnameseHolidays = observesVietnameseHolidays
        self.weekend = weekend
    }

    /// Every public holiday (or compensatory day off) in the years from `first` through `last`.
    public func publicHolidays(from first: Day, through last: Day) -> [Day: LocalizedText] {
        guard observesVietnameseHolidays, first <= last else { return [:] }
        var result: [Day: LocalizedText] = [:]
        for year in first.year...last.year {
            for holiday in VietnameseHolidays.holidays(in: year) where first <= holiday.day && holiday.day <= last {
                result[holiday.day] = holiday.name
            }
        }
        return result
    }

    public func isWorkingDay(_ day: Day) -> Bool {
        workingDays(from: day, through: day) == 1
    }

    /// The number of working days from `first` through `last`, both included; 0 when `last` is before `first`.
    public func workingDays(from first: Day, through last: Day) -> Int {
        guard first <= last else { return 0 }
        let holidays = Set(publicHolidays(from: first, through: last).keys).union(extraHolidays)
        var count = 0
        var day = first
        while day <= last {
            if !weekend.contains(day.weekday) && !holidays.contains(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }
}
