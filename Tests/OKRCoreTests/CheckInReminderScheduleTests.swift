import Foundation
import OKRCore
import Testing

/// The reminder goes out at the organization's local check-in moment, in the week its week start says.
@Suite("Check-in reminder schedule")
struct CheckInReminderScheduleTests {
    /// An instant written as ISO 8601 with its offset, so each expectation says the local time it means.
    func at(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text), "\(text)")
    }

    func day(_ text: String) throws -> Day { try #require(Day(iso: text)) }

    @Test("Hà Nội, Friday 15:00: due at 15:00 +07:00 of Friday 27 November 2026, week from Monday 23rd")
    func hoChiMinh() throws {
        let schedule = try CheckInReminderSchedule(
            timeZone: "Asia/Ho_Chi_Minh", weekStart: .monday, checkInDay: .friday, checkInTime: "15:00")
        let reminder = schedule.reminder(at: try at("2026-11-25T03:00:00Z"))
        #expect(reminder.week == (try day("2026-11-23")))
        #expect(reminder.day == (try day("2026-11-27")))
        #expect(reminder.due == (try at("2026-11-27T15:00:00+07:00")))
        #expect(reminder.weekEnds == (try at("2026-11-30T00:00:00+07:00")))
        #expect(!reminder.isDue(at: try at("2026-11-27T14:59:00+07:00")))
        #expect(reminder.isDue(at: try at("2026-11-27T15:00:00+07:00")))
        #expect(reminder.isDue(at: try at("2026-11-29T23:59:00+07:00")))
        #expect(!reminder.isDue(at: try at("2026-11-30T00:00:00+07:00")))
    }

    @Test("Sunday evening UTC is already Monday in Hà Nội: the new week's reminder, not yet due")
    func localDayNotUTC() throws {
        let schedule = try CheckInReminderSchedule(
            timeZone: "Asia/Ho_Chi_Minh", weekStart: .monday, checkInDay: .friday, checkInTime: "15:00")
        let reminder = schedule.reminder(at: try at("2026-11-29T18:00:00Z"))
        #expect(reminder.week == (try day("2026-11-30")))
        #expect(!reminder.isDue(at: try at("2026-11-29T18:00:00Z")))
    }

    @Test("A week starting on Sunday: Monday's reminder belongs to the week from Sunday")
    func sundayWeek() throws {
        let sunday = try CheckInReminderSchedule(
            timeZone: "Asia/Ho_Chi_Minh", weekStart: .sunday, checkInDay: .monday, checkInTime: "09:30")
        let monday = try CheckInReminderSchedule(
            timeZone: "Asia/Ho_Chi_Minh", weekStart: .monday, checkInDay: .monday, checkInTime: "09:30")
        let instant = try at("2026-11-29T10:00:00+07:00")  // a Sunday
        #expect(sunday.reminder(at: instant).week == (try day("2026-11-29")))
        #expect(sunday.reminder(at: instant).due == (try at("2026-11-30T09:30:00+07:00")))
        #expect(monday.reminder(at: instant).week == (try day("2026-11-23")))
        #expect(monday.reminder(at: instant).due == (try at("2026-11-23T09:30:00+07:00")))
        #expect(monday.reminder(at: instant).isDue(at: instant))
        #expect(!sunday.reminder(at: instant).isDue(at: instant))
    }

    @Test("New York across the end of daylight saving time: 09:00 local stays 09:00, the offset moves")
    func newYorkDST() throws {
        let schedule = try CheckInReminderSchedule(
            timeZone: "America/New_York", weekStart: .monday, checkInDay: .monday, checkInTime: "09:00")
        // Summer time ends on Sunday 1 November 2026.
        let before = schedule.reminder(week: try day("2026-10-26"))
        let after = schedule.reminder(week: try day("2026-11-02"))
        #expect(before.due == (try at("2026-10-26T13:00:00Z")))
        #expect(after.due == (try at("2026-11-02T14:00:00Z")))
        // The week holding the change is 169 hours long, and ends at local midnight.
        let week = schedule.reminder(week: try day("2026-10-26"))
        #expect(week.weekEnds == (try at("2026-11-02T05:00:00Z")))
        #expect(week.weekEnds.timeIntervalSince(try at("2026-10-26T04:00:00Z")) == 169 * 3600)
    }

    @Test("New York's spring-forward hole: a 02:30 check-in time still fires that Sunday")
    func newYorkSpringForward() throws {
        let schedule = try CheckInReminderSchedule(
            timeZone: "America/New_York", weekStart: .monday, checkInDay: .sunday, checkInTime: "02:30")
        // 8 March 2026: 02:00 jumps to 03:00.
        let reminder = schedule.reminder(week: try day("2026-03-02"))
        #expect(reminder.day == (try day("2026-03-08")))
        #expect(schedule.day(of: reminder.due) == (try day("2026-03-08")))
        #expect(reminder.due >= (try at("2026-03-08T07:00:00Z")))
        #expect(reminder.due <= (try at("2026-03-08T07:30:00Z")))
    }

    @Test("Auckland is ahead of UTC: Friday 16:00 NZDT is Friday 03:00 UTC")
    func auckland() throws {
        let schedule = try CheckInReminderSchedule(
            timeZone: "Pacific/Auckland", weekStart: .monday, checkInDay: .friday, checkInTime: "16:00")
        // Thursday 26 November 2026, 20:00 UTC is already Friday 09:00 in Auckland.
        let instant = try at("2026-11-26T20:00:00Z")
        let reminder = schedule.reminder(at: instant)
        #expect(schedule.day(of: instant) == (try day("2026-11-27")))
        #expect(reminder.week == (try day("2026-11-23")))
        #expect(reminder.due == (try at("2026-11-27T03:00:00Z")))
        #expect(!reminder.isDue(at: instant))
        // In the southern winter (NZST, +12:00) the same local time is an hour later in UTC.
        let winter = schedule.reminder(week: try day("2026-06-22"))
        #expect(winter.due == (try at("2026-06-26T04:00:00Z")))
    }

    @Test("An unknown time zone or clock time is refused with its field")
    func refusesNonsense() {
        #expect(throws: DomainError.invalid(field: "time_zone", reason: .unknownValue("Mars/Olympus"))) {
            try CheckInReminderSchedule(
                timeZone: "Mars/Olympus", weekStart: .monday, checkInDay: .friday, checkInTime: "15:00")
        }
        #expect(throws: DomainError.invalid(field: "check_in_time", reason: .unknownValue("25:00"))) {
            try CheckInReminderSchedule(
                timeZone: "Asia/Ho_Chi_Minh", weekStart: .monday, checkInDay: .friday, checkInTime: "25:00")
        }
    }

    @Test("A notification's excerpt is one line, cut at a word")
    func excerpt() {
        #expect(InAppNotification.excerpt(of: "một\nhai ba") == "một hai ba")
        let long = String(repeating: "chữ ", count: 60)
        let cut = InAppNotification.excerpt(of: long)
        #expect(cut.count <= 141)
        #expect(cut.hasSuffix("chữ…"))
    }
}
