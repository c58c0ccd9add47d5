import Foundation
import Testing

@testable import OKRCore

/// The Vietnamese lunisolar calendar, checked against values computed by other routes than the code's own:
/// an independent ephemeris, and the calendar's own structure (round trips, month lengths, months a year).
@Suite("Lunar calendar, 2024–2035")
struct LunarCalendarTests {
    typealias F = Fixture

    /// Every lunar year from 2024 to 2035: the day of Tết and each month's number and length, `+` marking the
    /// leap (nhuận) month. Computed independently of this code, from an ephemeris (PyEphem's VSOP87 Sun and
    /// ELP Moon): new moons and principal solar terms dated in UTC+7, month 11 holding the winter solstice,
    /// and in a year of 13 months the first month without a principal term being the leap month.
    static let ephemeris: [Int: (tet: String, months: String)] = [
        2024: ("2024-02-10", "1:29 2:30 3:29 4:29 5:30 6:29 7:30 8:30 9:29 10:30 11:30 12:29"),
        2025: ("2025-01-29", "1:30 2:29 3:30 4:29 5:29 6:30 6+:29 7:30 8:29 9:30 10:30 11:30 12:29"),
        2026: ("2026-02-17", "1:30 2:29 3:30 4:29 5:29 6:30 7:29 8:29 9:30 10:30 11:30 12:29"),
        2027: ("2027-02-06", "1:30 2:30 3:29 4:30 5:29 6:29 7:30 8:29 9:29 10:30 11:30 12:29"),
        2028: ("2028-01-26", "1:30 2:30 3:30 4:29 5:30 5+:29 6:29 7:30 8:29 9:29 10:30 11:30 12:29"),
        2029: ("2029-02-13", "1:30 2:30 3:29 4:30 5:29 6:30 7:29 8:30 9:29 10:29 11:30 12:29"),
        2030: ("2030-02-02", "1:30 2:30 3:29 4:30 5:30 6:29 7:30 8:29 9:30 10:29 11:30 12:29"),
        2031: ("2031-01-23", "1:29 2:30 3:29 3+:30 4:30 5:29 6:30 7:30 8:29 9:30 10:29 11:30 12:29"),
        2032: ("2032-02-11", "1:29 2:30 3:29 4:30 5:29 6:30 7:30 8:29 9:30 10:30 11:29 12:30"),
        2033: ("2033-01-31", "1:29 2:30 3:29 4:29 5:30 6:29 7:30 8:29 9:30 10:30 11:30 11+:29 12:30"),
        2034: ("2034-02-19", "1:29 2:30 3:29 4:29 5:30 6:29 7:29 8:30 9:30 10:30 11:29 12:30"),
        2035: ("2035-02-08", "1:30 2:29 3:30 4:29 5:29 6:30 7:29 8:29 9:30 10:30 11:29 12:30"),
    ]

    /// Giỗ Tổ Hùng Vương (10th day of the 3rd month), from the same ephemeris. In 2031 the 3rd month has a leap
    /// twin; the commemoration is in the regular one.
    static let hungKings: [Int: String] = [
        2024: "2024-04-18", 2025: "2025-04-07", 2026: "2026-04-26", 2027: "2027-04-16", 2028: "2028-04-04",
        2029: "2029-04-23", 2030: "2030-04-12", 2031: "2031-04-01", 2032: "2032-04-19", 2033: "2033-04-09",
        2034: "2034-04-28", 2035: "2035-04-17",
    ]

    @Test("Every day of every lunar year 2024–2035 matches the ephemeris", arguments: 2024...2035)
    func matchesEphemeris(year: Int) throws {
        let entry = try #require(Self.ephemeris[year])
        var monthStart = F.day(entry.tet)
        #expect(LunarCalendar.tet(year) == monthStart)
        for token in entry.months.split(separator: " ") {
            let parts = token.split(separator: ":")
            let isLeap = parts[0].hasSuffix("+")
            let month = try #require(Int(parts[0].filter(\.isNumber)))
            let length = try #require(Int(parts[1]))
            #expect(
                LunarCalendar.solar(day: 1, month: month, year: year, isLeapMonth: isLeap) == monthStart,
                "\(year) month \(token)")
            for offset in 0..<length {
                let lunar = LunarCalendar.lunar(from: monthStart.adding(days: offset))
                let expected = LunarCalendar.Date(day: offset + 1, month: month, year: year, isLeapMonth: isLeap)
                #expect(lunar == expected, "\(monthStart.adding(days: offset))")
            }
            monthStart = monthStart.adding(days: length)
        }
        let next = LunarCalendar.lunar(from: monthStart)
        #expect(next == LunarCalendar.Date(day: 1, month: 1, year: year + 1, isLeapMonth: false))
        if let following = Self.ephemeris[year + 1] { #expect(monthStart == F.day(following.tet)) }
    }

    @Test("Solar → lunar → solar gives back every day from 2024 to 2035")
    func roundTrip() {
        var day = F.day("2024-01-01")
        var failures: [String] = []
        while day <= F.day("2035-12-31") {
            let lunar = LunarCalendar.lunar(from: day)
            let back = LunarCalendar.solar(
                day: lunar.day, month: lunar.month, year: lunar.year, isLeapMonth: lunar.isLeapMonth)
            if back != day { failures.append(day.iso) }
            day = day.adding(days: 1)
        }
        #expect(failures.isEmpty)
    }

    @Test("Months are 29 or 30 days, numbered in order; years have 12 months or 13 with one leap month")
    func structure() {
        var previous = LunarCalendar.lunar(from: F.day("2024-02-10"))
        var monthLength = 1
        var months: [LunarCalendar.Date] = [previous]
        var day = F.day("2024-02-11")
        while day <= F.day("2036-01-27") {
            let lunar = LunarCalendar.lunar(from: day)
            if lunar.day == 1 {
                #expect(monthLength == 29 || monthLength == 30, "month before \(day)")
                let expectedMonth = lunar.isLeapMonth ? previous.month : previous.month % 12 + 1
                #expect(lunar.month == expectedMonth, "\(day)")
                #expect(!(lunar.isLeapMonth && previous.isLeapMonth), "\(day)")
                #expect(lunar.year == previous.year + (lunar.month == 1 && !lunar.isLeapMonth ? 1 : 0), "\(day)")
                months.append(lunar)
                monthLength = 1
            } else {
                #expect(lunar.day == previous.day + 1, "\(day)")
                #expect(lunar.month == previous.month && lunar.year == previous.year, "\(day)")
                monthLength += 1
            }
            previous = lunar
            day = day.adding(days: 1)
        }
        let byYear = Dictionary(grouping: months, by: \.year)
        for year in 2024...2035 {
            let count = byYear[year]?.count ?? 0
            let leaps = byYear[year]?.filter(\.isLeapMonth).count ?? 0
            #expect((count == 12 && leaps == 0) || (count == 13 && leaps == 1), "\(year): \(count) months")
        }
        let leapYears = (2024...2035).filter { byYear[$0]?.contains(where: \.isLeapMonth) == true }
        #expect(leapYears == [2025, 2028, 2031, 2033])
    }

    @Test("Hùng Kings' day found by walking the calendar day by day matches the ephemeris", arguments: 2024...2035)
    func hungKings(year: Int) throws {
        var found: [Day] = []
        var day = try Day(year: year, month: 1, day: 1)
        while day.year == year {
            let lunar = LunarCalendar.lunar(from: day)
            if lunar.day == 10 && lunar.month == 3 && !lunar.isLeapMonth { found.append(day) }
            day = day.adding(days: 1)
        }
        #expect(found == [F.day(try #require(Self.hungKings[year]))])
        #expect(LunarCalendar.solar(day: 10, month: 3, year: year) == found.first)
    }

    @Test("Tết 2030 is 2 February in Vietnam (the new moon is before midnight at UTC+7), not China's 3 February")
    func tet2030() {
        #expect(LunarCalendar.tet(2030) == F.day("2030-02-02"))
        #expect(LunarCalendar.lunar(from: F.day("2030-02-01")).month == 12)
    }

    @Test("A leap month exists only where the calendar has one")
    func leapMonths() {
        #expect(LunarCalendar.solar(day: 1, month: 6, year: 2025, isLeapMonth: true) == F.day("2025-07-25"))
        #expect(LunarCalendar.solar(day: 1, month: 5, year: 2025, isLeapMonth: true) == nil)
        #expect(LunarCalendar.solar(day: 1, month: 6, year: 2026, isLeapMonth: true) == nil)
        #expect(LunarCalendar.solar(day: 1, month: 11, year: 2033, isLeapMonth: true) == F.day("2033-12-22"))
        #expect(LunarCalendar.solar(day: 1, month: 3, year: 2031, isLeapMonth: true) == F.day("2031-04-21"))
    }

    @Test("The last days of a lunar year fall in the solar year that follows its start")
    func yearBoundary() {
        let eve = LunarCalendar.lunar(from: F.day("2026-02-16"))
        #expect(eve == LunarCalendar.Date(day: 29, month: 12, year: 2025, isLeapMonth: false))
        let december = LunarCalendar.lunar(from: F.day("2025-12-31"))
        #expect(december == LunarCalendar.Date(day: 12, month: 11, year: 2025, isLeapMonth: false))
    }
}
