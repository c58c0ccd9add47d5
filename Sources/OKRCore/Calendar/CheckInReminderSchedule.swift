import Foundation

/// When the weekly check-in reminder is due: on the organization's check-in day and time, in its own time zone,
/// for the week (by the organization's week start) that holds that moment.
///
/// The mission's weekly check-in only lives if people are nudged at the same local moment every week; a server
/// in another zone, or a change to or from daylight saving time, must not move that moment.
public struct CheckInReminderSchedule: Sendable, Hashable {
    public let timeZone: TimeZone
    public let weekStart: Weekday
    public let checkInDay: Weekday
    public let hour: Int
    public let minute: Int

    /// One week's reminder.
    public struct Reminder: Sendable, Hashable {
        /// The first day of the organization's week that the reminder belongs to.
        public let week: Day
        /// The local day the reminder is sent on.
        public let day: Day
        /// The instant it is due.
        public let due: Date
        /// The instant the week ends (midnight before the next week's first day, local time).
        public let weekEnds: Date

        /// Whether a reminder should go out at `instant`: from its due moment until its week is over.
        public func isDue(at instant: Date) -> Bool { due <= instant && instant < weekEnds }
    }

    public init(timeZone: String, weekStart: Weekday, checkInDay: Weekday, checkInTime: String) throws(DomainError) {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw .invalid(field: "time_zone", reason: .unknownValue(timeZone))
        }
        guard OrganizationSettings.isClockTime(checkInTime) else {
            throw .invalid(field: "check_in_time", reason: .unknownValue(checkInTime))
        }
        let parts = checkInTime.split(separator: ":").compactMap { Int($0) }
        self.timeZone = zone
        self.weekStart = weekStart
        self.checkInDay = checkInDay
        self.hour = parts[0]
        self.minute = parts[1]
    }

    public init(_ settings: OrganizationSettings) throws(DomainError) {
        try self.init(
            timeZone: settings.timeZone, weekStart: settings.weekStart, checkInDay: settings.checkInDay,
            checkInTime: settings.checkInTime)
    }

    /// The organization's local day at `instant`.
    public func day(of instant: Date) -> Day {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        // A Gregorian calendar always yields a real date; 1970-01-01 only guards the optional components.
        return (try? Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1))
            ?? Day(julianDay: 2_440_588)
    }

    /// The reminder of the organization's week that holds `instant`.
    public func reminder(at instant: Date) -> Reminder {
        reminder(week: day(of: instant).startOfWeek(weekStart))
    }

    /// The reminder of the week that starts on `week` (any day of it will do).
    public func reminder(week: Day) -> Reminder {
        let first = week.startOfWeek(weekStart)
        let offset = (checkInDay.rawValue - weekStart.rawValue + 7) % 7
        let day = first.adding(days: offset)
        return Reminder(
            week: first, day: day, due: instant(day, hour: hour, minute: minute),
            weekEnds: instant(first.adding(days: 7), hour: 0, minute: 0))
    }

    /// The instant of a local wall-clock time. A time skipped by a daylight-saving jump resolves to the first
    /// valid moment after it, so the reminder still goes out that day.
    func instant(_ day: Day, hour: Int, minute: Int) -> Date {
        let components = DateComponents(
            timeZone: timeZone, year: day.year, month: day.month, day: day.day, hour: hour, minute: minute)
        if let date = calendar.date(from: components) { return date }
        // Only reachable for a time zone without that day; noon UTC of the day keeps the week right.
        return Date(timeIntervalSince1970: Double(day.julianDay - 2_440_588) * 86_400 + 43_200)
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
