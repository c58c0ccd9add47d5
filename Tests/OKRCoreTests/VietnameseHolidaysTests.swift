import Foundation
import Testing

@testable import OKRCore

/// Vietnam's public holidays for 2024–2035 by the Labour Code's rules: 1 January, Tết (eve + first four days),
/// Hùng Kings (10/3 lunar), 30/4, 1/5, 2/9 and an adjacent day, and a compensatory day for each holiday that
/// falls on a weekend.
@Suite("Vietnamese public holidays, 2024–2035")
struct VietnameseHolidaysTests {
    typealias F = Fixture

    /// Tết in Vietnam (UTC+7).
    static let tet: [Int: String] = [
        2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06", 2028: "2028-01-26",
        2029: "2029-02-13", 2030: "2030-02-02", 2031: "2031-01-23", 2032: "2032-02-11", 2033: "2033-01-31",
        2034: "2034-02-19", 2035: "2035-02-08",
    ]

    /// The compensatory days off of each year, worked out apart from this code (with another language's date
    /// library and the Tết and Hùng Kings dates above): each weekend holiday, in date order, moves to the next
    /// weekday that is neither a holiday nor already taken by an earlier compensation.
    static let compensatory: [Int: String] = [
        2024: "02-14 02-15",
        2025: "02-03",
        2026: "04-27",
        2027: "02-10 02-11 05-03",
        2028: "01-03 01-31 05-02 09-04 09-05",
        2029: "09-04",
        2030: "02-06 02-07",
        2031: "01-27 01-28",
        2032: "02-16 05-03",
        2033: "01-03 02-04 04-11 05-02 05-03 09-05",
        2034: "01-02 02-23 02-24 05-02 09-04 09-05",
        2035: "02-12 02-13 09-04",
    ]

    @Test("Every holiday and compensatory day of the year", arguments: 2024...2035)
    func holidays(year: Int) throws {
        func day(_ monthDay: String) -> Day { F.day("\(year)-\(monthDay)") }
        let tet = F.day(try #require(Self.tet[year]))
        let hung = F.day(try #require(LunarCalendarTests.hungKings[year]))
        let adjacent = [2025, 2031].contains(year) ? day("09-01") : day("09-03")
        var expected: [Day: LocalizedText] = [day("01-01"): VietnameseHolidays.newYear]
        for offset in -1...3 { expected[tet.adding(days: offset)] = VietnameseHolidays.tet }
        expected[hung] = VietnameseHolidays.hungKings
        expected[day("04-30")] = VietnameseHolidays.reunification
        expected[day("05-01")] = VietnameseHolidays.labour
        expected[day("09-02")] = VietnameseHolidays.national
        expected[adjacent] = VietnameseHolidays.national
        #expect(expected.count == 11)

        let holidays = VietnameseHolidays.holidays(in: year)
        let regular = holidays.filter { !$0.isCompensatory }
        #expect(regular.count == expected.count)
        #expect(Dictionary(regular.map { ($0.day, $0.name) }, uniquingKeysWith: { first, _ in first }) == expected)
        let compensatory = holidays.filter(\.isCompensatory).map(\.day)
        let expectedCompensatory = try #require(Self.compensatory[year]).split(separator: " ").map { day(String($0)) }
        #expect(compensatory == expectedCompensatory)
        #expect(holidays.map(\.day) == holidays.map(\.day).sorted())
        #expect(Set(holidays.map(\.day)).count == holidays.count)
    }

    @Test(
        "Each compensatory day is a weekday, follows a weekend holiday, and there is one per weekend holiday",
        arguments: 2024...2035)
    func compensation(year: Int) {
        let holidays = VietnameseHolidays.holidays(in: year)
        let onWeekends = holidays.filter { !$0.isCompensatory && $0.day.weekday.rawValue >= 6 }
        let compensatory = holidays.filter(\.isCompensatory)
        #expect(compensatory.count == onWeekends.count)
        for day in compensatory {
            #expect(day.day.weekday.rawValue <= 5, "\(day.day)")
            #expect(onWeekends.contains { $0.name == day.name && $0.day < day.day }, "\(day.day)")
        }
    }

    @Test("Tết 2026: 16–20 February off, no weekend inside, so no compensatory day")
    func tet2026() {
        let tet = VietnameseHolidays.holidays(in: 2026).filter { $0.name == VietnameseHolidays.tet }
        #expect(tet.map(\.day.iso) == ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"])
    }

    @Test("Hùng Kings' day 2026 is a Sunday: Monday 27 April is off instead")
    func hungKings2026() {
        let hung = VietnameseHolidays.holidays(in: 2026).filter { $0.name == VietnameseHolidays.hungKings }
        #expect(hung.map(\.day.iso) == ["2026-04-26", "2026-04-27"])
        #expect(hung.map(\.isCompensatory) == [false, true])
        #expect(hung[0].day.weekday == .sunday)
    }

    @Test("2028: a Saturday 2 September with Sunday 3 September gives Monday 4 and Tuesday 5 off")
    func nationalDay2028() {
        let national = VietnameseHolidays.holidays(in: 2028).filter { $0.name == VietnameseHolidays.national }
        #expect(national.map(\.day.iso) == ["2028-09-02", "2028-09-03", "2028-09-04", "2028-09-05"])
    }

    @Test("Names read in both languages")
    func names() {
        #expect(VietnameseHolidays.tet.text(.vi) == "Tết Nguyên Đán")
        #expect(VietnameseHolidays.tet.text(.en) == "Lunar New Year (Tết)")
        #expect(VietnameseHolidays.national.text(.vi) == "Quốc khánh")
    }

    @Test("Outside the years the lunar calendar is computed for, no holidays are made up")
    func outOfRange() {
        #expect(VietnameseHolidays.holidays(in: 1900).isEmpty)
        #expect(VietnameseHolidays.holidays(in: 2200).isEmpty)
        #expect(!VietnameseHolidays.holidays(in: 2199).isEmpty)
    }
}
