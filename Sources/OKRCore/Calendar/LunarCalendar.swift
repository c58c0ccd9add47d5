import Foundation

/// The Vietnamese lunisolar calendar (âm lịch), computed astronomically for the UTC+7 meridian.
///
/// Follows Hồ Ngọc Đức's published algorithm (new moons after Meeus, *Astronomical Algorithms*; the solar
/// terms decide the 11th month and the leap month). Vietnam and China share the rules but not the meridian,
/// which is why Tết sometimes falls a day apart from the Chinese New Year.
public enum LunarCalendar {
    /// A lunar date: day, month, year and whether the month is the leap (nhuận) one.
    public struct Date: Hashable, Sendable {
        public let day: Int
        public let month: Int
        public let year: Int
        public let isLeapMonth: Bool
    }

    static let timeZone = 7.0
    private static let synodicMonth = 29.530588853
    private static let epoch = 2415021.076998695

    /// The lunar date of a solar day.
    public static func lunar(from solar: Day) -> Date {
        let dayNumber = solar.julianDay
        let k = Int(floor((Double(dayNumber) - epoch) / synodicMonth))
        var monthStart = newMoonDay(k + 1)
        if monthStart > dayNumber { monthStart = newMoonDay(k) }
        var a11 = lunarMonth11(of: solar.year)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = solar.year
            a11 = lunarMonth11(of: solar.year - 1)
        } else {
            lunarYear = solar.year + 1
            b11 = lunarMonth11(of: solar.year + 1)
        }
        let lunarDay = dayNumber - monthStart + 1
        let diff = (monthStart - a11) / 29
        var isLeap = false
        var lunarMonth = diff + 11
        if b11 - a11 > 365 {
            let leapDiff = leapMonthOffset(a11)
            if diff >= leapDiff {
                lunarMonth = diff + 10
                isLeap = diff == leapDiff
            }
        }
        if lunarMonth > 12 { lunarMonth -= 12 }
        if lunarMonth >= 11 && diff < 4 { lunarYear -= 1 }
        return Date(day: lunarDay, month: lunarMonth, year: lunarYear, isLeapMonth: isLeap)
    }

    /// The solar day of a lunar date; nil when that leap month does not exist that year.
    public static func solar(day: Int, month: Int, year: Int, isLeapMonth: Bool = false) -> Day? {
        let a11: Int
        let b11: Int
        if month < 11 {
            a11 = lunarMonth11(of: year - 1)
            b11 = lunarMonth11(of: year)
        } else {
            a11 = lunarMonth11(of: year)
            b11 = lunarMonth11(of: year + 1)
        }
        let k = Int(floor(0.5 + (Double(a11) - epoch) / synodicMonth))
        var offset = month - 11
        if offset < 0 { offset += 12 }
        if b11 - a11 > 365 {
            let leapOffset = leapMonthOffset(a11)
            var leapMonth = leapOffset - 2
            if leapMonth < 0 { leapMonth += 12 }
            if isLeapMonth && month != leapMonth { return nil }
            if isLeapMonth || offset >= leapOffset { offset += 1 }
        } else if isLeapMonth {
            return nil
        }
        return Day(julianDay: newMoonDay(k + offset) + day - 1)
    }

    /// Tết Nguyên Đán: the first day of the lunar year that starts in `year`.
    public static func tet(_ year: Int) -> Day {
        solar(day: 1, month: 1, year: year)!
    }

    /// The Julian day number of the k-th new moon after 1900-01-01, local to UTC+7.
    static func newMoonDay(_ k: Int) -> Int {
        let kd = Double(k)
        let t = kd / 1236.85
        let t2 = t * t
        let t3 = t2 * t
        let dr = Double.pi / 180
        var jd1 = 2415020.75933 + 29.53058868 * kd + 0.0001178 * t2 - 0.000000155 * t3
        jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = 359.2242 + 29.10535608 * kd - 0.0000333 * t2 - 0.00000347 * t3
        let mpr = 306.0253 + 385.81691806 * kd + 0.0107306 * t2 + 0.00001236 * t3
        let f = 21.2964 + 390.67050646 * kd - 0.0016528 * t2 - 0.00000239 * t3
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
        c1 -= 0.0004 * sin(dr * 3 * mpr)
        c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
        c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
        c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
        c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
        let deltaT: Double
        if t < -11 {
            deltaT = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
        } else {
            deltaT = -0.000278 + 0.000265 * t + 0.000262 * t2
        }
        let jdNew = jd1 + c1 - deltaT
        return Int(floor(jdNew + 0.5 + timeZone / 24))
    }

    /// The sun's longitude at local midnight of a day, as one of 12 sectors of 30°.
    static func sunLongitudeSector(_ jdn: Int) -> Int {
        let t = (Double(jdn) - 2451545.5 - timeZone / 24) / 36525
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl = dl + (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        var l = (l0 + dl) * dr
        l -= Double.pi * 2 * floor(l / (Double.pi * 2))
        return Int(floor(l / Double.pi * 6))
    }

    /// The day the 11th lunar month (which holds the winter solstice) begins, for the solar year `year`.
    static func lunarMonth11(of year: Int) -> Int {
        let dec31 = (try? Day(year: year, month: 12, day: 31))?.julianDay ?? 0
        let k = Int(floor(Double(dec31 - 2_415_021) / synodicMonth))
        let newMoon = newMoonDay(k)
        return sunLongitudeSector(newMoon) >= 9 ? newMoonDay(k - 1) : newMoon
    }

    /// Which month after the 11th is the leap month, in a year of 13 months.
    static func leapMonthOffset(_ a11: Int) -> Int {
        let k = Int(floor((Double(a11) - epoch) / synodicMonth + 0.5))
        var i = 1
        var arc = sunLongitudeSector(newMoonDay(k + i))
        var last: Int
        repeat {
            last = arc
            i += 1
            arc = sunLongitudeSector(newMoonDay(k + i))
        } while arc != last && i < 14
        return i - 1
    }
}
