import Foundation

/// Vietnam's public holidays (Labour Code 2019, article 112) for any year, Tết computed from the lunar calendar.
///
/// - Tết Dương lịch: 1 January.
/// - Tết Nguyên Đán: five days, the last day of the old lunar year and the first four of the new one.
/// - Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month.
/// - Ngày Chiến thắng and Quốc tế Lao động: 30 April and 1 May.
/// - Quốc khánh: 2 September and one adjacent day (the 1st when the 2nd is a Tuesday, so the break joins the
///   weekend; otherwise the 3rd).
/// - A holiday that falls on a weekend gives a compensatory day off on the next working day (article 111).
///
/// The government may still move days by decree in a given year; an organization adds those as its own holidays.
public enum VietnameseHolidays {
    /// One day off and the holiday it belongs to.
    public struct Holiday: Hashable, Sendable {
        public let day: Day
        public let name: LocalizedText
        public let isCompensatory: Bool
    }

    public static let newYear = LocalizedText(vi: "Tết Dương lịch", en: "New Year's Day")
    public static let tet = LocalizedText(vi: "Tết Nguyên Đán", en: "Lunar New Year (Tết)")
    public static let hungKings = LocalizedText(vi: "Giỗ Tổ Hùng Vương", en: "Hùng Kings' Commemoration")
    public static let reunification = LocalizedText(vi: "Ngày Chiến thắng", en: "Reunification Day")
    public static let labour = LocalizedText(vi: "Ngày Quốc tế Lao động", en: "International Labour Day")
    public static let national = LocalizedText(vi: "Quốc khánh", en: "National Day")

    /// Every day off in a solar year, in date order.
    public static func holidays(in year: Int) -> [Holiday] {
        guard (1901...2199).contains(year) else { return [] }
        return cache.holidays(in: year)
    }

    /// Each year is computed once per process: every expected-progress figure counts working days, and the
    /// lunar calendar behind Tết is the costly part of that.
    private static let cache = YearCache()

    private final class YearCache: @unchecked Sendable {
        private let lock = NSLock()
        private var years: [Int: [Holiday]] = [:]

        func holidays(in year: Int) -> [Holiday] {
            if let known = lock.withLock({ years[year] }) { return known }
            let computed = VietnameseHolidays.computeHolidays(in: year)
            lock.withLock { years[year] = computed }
            return computed
        }
    }

    static func computeHolidays(in year: Int) -> [Holiday] {
        func day(_ m: Int, _ d: Int) -> Day { try! Day(year: year, month: m, day: d) }
        var fixed: [(Day, LocalizedText)] = [(day(1, 1), newYear)]
        // Tết of this year and the eve of next year's Tết (which may fall in this December? never, but the
        // eve of this year's Tết can fall in the same year only), so take both lunar years touching `year`.
        for lunarYear in [year, year + 1] {
            let firstDay = LunarCalendar.tet(lunarYear)
            for offset in -1...3 {
                let d = firstDay.adding(days: offset)
                if d.year == year { fixed.append((d, tet)) }
            }
        }
        if let hung = LunarCalendar.solar(day: 10, month: 3, year: year) { fixed.append((hung, hungKings)) }
        fixed.append((day(4, 30), reunification))
        fixed.append((day(5, 1), labour))
        let september2 = day(9, 2)
        fixed.append((september2, national))
        fixed.append((september2.weekday == .tuesday ? day(9, 1) : day(9, 3), national))

        let taken = Set(fixed.map(\.0))
        var result = fixed.map { Holiday(day: $0.0, name: $0.1, isCompensatory: false) }
        var compensation = Set<Day>()
        for (holiday, name) in fixed.sorted(by: { $0.0 < $1.0 }) where holiday.weekday.rawValue >= 6 {
            var next = holiday.adding(days: 1)
            while next.weekday.rawValue >= 6 || taken.contains(next) || compensation.contains(next) {
                next = next.adding(days: 1)
            }
            compensation.insert(next)
            result.append(Holiday(day: next, name: name, isCompensatory: true))
        }
        return result.sorted { $0.day < $1.day }
    }
}
