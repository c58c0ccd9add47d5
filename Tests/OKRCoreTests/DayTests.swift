import Foundation
import Testing

@testable import OKRCore

/// Days: real dates only, ISO text, weekdays and weeks.
@Suite("Days")
struct DayTests {
    typealias F = Fixture

    @Test("Dates that do not exist are refused, naming the field")
    func invalidDates() throws {
        #expect(throws: DomainError.invalid(field: "day", reason: .outOfRange)) {
            try Day(year: 2026, month: 2, day: 29)
        }
        #expect(throws: DomainError.invalid(field: "day", reason: .outOfRange)) {
            try Day(year: 2026, month: 4, day: 31)
        }
        #expect(throws: DomainError.invalid(field: "day", reason: .outOfRange)) {
            try Day(year: 2026, month: 1, day: 0)
        }
        #expect(throws: DomainError.invalid(field: "month", reason: .outOfRange)) {
            try Day(year: 2026, month: 13, day: 1)
        }
        #expect(throws: DomainError.invalid(field: "year", reason: .outOfRange)) { try Day(year: 0, month: 1, day: 1) }
        #expect(throws: DomainError.invalid(field: "year", reason: .outOfRange)) {
            try Day(year: 10000, month: 1, day: 1)
        }
        #expect(try Day(year: 2028, month: 2, day: 29).iso == "2028-02-29")
    }

    @Test("A day is written zero-padded, YYYY-MM-DD and DD/MM/YYYY, and every written day reads back as itself")
    func writtenForms() throws {
        let early = try Day(year: 7, month: 3, day: 9)
        #expect(early.iso == "0007-03-09")
        #expect(early.dayMonthYear == "09/03/0007")
        #expect(try Day(year: 2026, month: 12, day: 31).dayMonthYear == "31/12/2026")
        let first = try Day(year: 1999, month: 12, day: 25)
        for offset in stride(from: 0, through: 20_000, by: 7) {
            let day = first.adding(days: offset)
            #expect(Day(iso: day.iso) == day)
            let parts = day.dayMonthYear.split(separator: "/")
            #expect(parts.count == 3 && Day(iso: "\(parts[2])-\(parts[1])-\(parts[0])") == day)
        }
    }

    @Test("Leap years: every fourth, not every hundredth, every four hundredth")
    func leapYears() {
        #expect(Day.isLeap(2024))
        #expect(!Day.isLeap(2026))
        #expect(!Day.isLeap(2100))
        #expect(Day.isLeap(2000))
        #expect(Day.daysIn(month: 2, year: 2100) == 28)
        #expect(Day.daysIn(month: 9, year: 2026) == 30)
        #expect(Day.daysIn(month: 12, year: 2026) == 31)
    }

    @Test(
        "ISO text: YYYY-MM-DD only",
        arguments: ["2026-2-17", "26-02-17", "2026-02-30", "2026/02/17", "", "2026-02-17-1", "abcd-ef-gh"])
    func invalidISO(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("Weekdays and the start of the week")
    func weekdays() {
        #expect(F.day("2026-02-17").weekday == .tuesday)
        #expect(F.day("2026-04-26").weekday == .sunday)
        #expect(F.day("2026-02-19").startOfWeek() == F.day("2026-02-16"))
        #expect(F.day("2026-02-16").startOfWeek() == F.day("2026-02-16"))
        #expect(F.day("2026-02-22").startOfWeek() == F.day("2026-02-16"))
        #expect(F.day("2026-02-22").startOfWeek(.sunday) == F.day("2026-02-22"))
        #expect(F.day("2026-02-21").startOfWeek(.sunday) == F.day("2026-02-15"))
        #expect(Weekday(name: "Friday") == .friday)
        #expect(Weekday(name: "thứ sáu") == nil)
        #expect(Weekday.saturday.name == "saturday")
    }

    @Test("Counting and adding days across months and years")
    func arithmetic() {
        #expect(F.day("2026-12-31").adding(days: 1) == F.day("2027-01-01"))
        #expect(F.day("2028-03-01").adding(days: -1) == F.day("2028-02-29"))
        #expect(F.day("2026-01-01").days(to: F.day("2026-03-31")) == 89)
        #expect(F.day("2026-03-31").days(to: F.day("2026-01-01")) == -89)
        #expect(F.day("2026-01-01") < F.day("2026-01-02"))
        #expect(F.day("2026-02-17").description == "2026-02-17")
        #expect(F.day("2000-01-01").julianDay == 2_451_545)
    }
}
