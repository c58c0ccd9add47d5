/// A calendar date (year, month, day) with no time of day and no time zone.
///
/// OKR work happens in days: a cycle runs from one day to another, a check-in belongs to a week, a holiday
/// is a day off. Time zones are the server's concern; the core only ever sees the organization's local days.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Builds a day, rejecting dates that do not exist (2026-02-30).
    public init(year: Int, month: Int, day: Int) throws(DomainError) {
        guard (1...9999).contains(year) else { throw .invalid(field: "year", reason: .outOfRange) }
        guard (1...12).contains(month) else { throw .invalid(field: "month", reason: .outOfRange) }
        guard (1...Day.daysIn(month: month, year: year)).contains(day) else {
            throw .invalid(field: "day", reason: .outOfRange)
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil when the text is not a real date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            let value = try? Day(year: y, month: m, day: d)
        else { return nil }
        self = value
    }

    /// The day with this Julian day number (days since 4714 BC, the astronomers' continuous count).
    public init(julianDay jd: Int) {
        // Fliegel & Van Flandern (1968), valid for all dates of the Gregorian calendar we handle.
        var l = jd + 68569
        let n = 4 * l / 146097
        l -= (146097 * n + 3) / 4
        let i = 4000 * (l + 1) / 1_461_001
        l = l - 1461 * i / 4 + 31
        let j = 80 * l / 2447
        let d = l - 2447 * j / 80
        l = j / 11
        let m = j + 2 - 12 * l
        let y = 100 * (n - 49) + i + l
        self.year = y
        self.month = m
        self.day = d
    }

    /// The Julian day number of this day.
    public var julianDay: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    /// `YYYY-MM-DD`.
    public var iso: String { write((year, 4), UInt8(ascii: "-"), (month, 2), UInt8(ascii: "-"), (day, 2)) }

    /// `DD/MM/YYYY`, as Vietnamese writes a date.
    public var dayMonthYear: String { write((day, 2), UInt8(ascii: "/"), (month, 2), UInt8(ascii: "/"), (year, 4)) }

    /// Three numbers zero-padded to their widths with two separators between them, written straight into the
    /// string's bytes: pages and JSON write one of these for every check-in they list.
    private func write(
        _ first: (Int, Int), _ separator1: UInt8, _ second: (Int, Int), _ separator2: UInt8, _ third: (Int, Int)
    ) -> String {
        let parts = [first, second, third]
        guard (0...9999).contains(year) else {
            // Only a Julian day far outside any cycle gets here: written the slow way.
            let texts = parts.map { value, width in
                let text = String(value)
                return String(repeating: "0", count: max(0, width - text.count)) + text
            }
            return texts[0] + String(UnicodeScalar(separator1)) + texts[1] + String(UnicodeScalar(separator2))
                + texts[2]
        }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            var index = 0
            for (position, (value, width)) in parts.enumerated() {
                if position > 0 {
                    buffer[index] = position == 1 ? separator1 : separator2
                    index += 1
                }
                var rest = value
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    buffer[index + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                index += width
            }
            return index
        }
    }

    public var description: String { iso }

    /// ISO weekday: Monday is 1, Sunday is 7.
    public var weekday: Weekday { Weekday(rawValue: julianDay % 7 + 1)! }

    public func adding(days: Int) -> Day { Day(julianDay: julianDay + days) }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { other.julianDay - julianDay }

    /// The first day of the week that holds this day, for a week that starts on `weekStart`.
    public func startOfWeek(_ weekStart: Weekday = .monday) -> Day {
        let back = (weekday.rawValue - weekStart.rawValue + 7) % 7
        return adding(days: -back)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.julianDay < rhs.julianDay }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Day(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a date (YYYY-MM-DD): \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// A day of the week, ISO numbering (Monday = 1 … Sunday = 7).
public enum Weekday: Int, Sendable, Codable, CaseIterable {
    case monday = 1
    case tuesday, wednesday, thursday, friday, saturday, sunday

    public var name: String { String(describing: self) }

    public init?(name: String) {
        guard let value = Weekday.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = value
    }
}
