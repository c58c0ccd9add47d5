import Foundation

/// Dates and numbers as people of each language read them — the one place every page, e-mail, chat message,
/// Markdown export and explanation takes them from: `27/11/2026` and `0,6923` in Vietnamese, `Nov 27, 2026`
/// and `0.6923` in English. Machine-readable text (attributes, JSON, CSV, file names) keeps `Day.iso` and
/// `NumberText.plain`.
public enum Formats {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A day: 27/11/2026 in Vietnamese, Nov 27, 2026 in English.
    public static func day(_ day: Day, _ language: Language) -> String {
        switch language {
        case .vi: return day.dayMonthYear
        case .en: return "\(months[day.month - 1]) \(day.day), \(day.year)"
        }
    }

    /// An instant in a time zone, to the minute: 27/11/2026 14:05 in Vietnamese, Nov 27, 2026 14:05 in English.
    public static func time(_ date: Date, timeZone: String, _ language: Language) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let clock = two(parts.hour ?? 0) + ":" + two(parts.minute ?? 0)
        guard let year = parts.year, let month = parts.month, let dayOfMonth = parts.day,
            let shown = try? Day(year: year, month: month, day: dayOfMonth)
        else { return clock }
        return self.day(shown, language) + " " + clock
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// A number rounded to at most `places` decimals, trailing zeros dropped: 0,6923 or 0.6923; 1.234,5 or
    /// 1,234.5.
    public static func number(_ value: Decimal, _ language: Language, places: Int = 2) -> String {
        NumberText.format(value, language, places: places, trimZeros: true)
    }

    /// A formula or a reason written with plain numbers and ISO days (`A = 0.45, E = 0.7077`, `due 2026-12-19`),
    /// for reading: in Vietnamese a decimal point between digits becomes a comma; in both languages an ISO day
    /// is written as `day(_:_:)` writes it. Nothing else changes: the formulas are symbols and numbers.
    public static func formula(_ text: String, _ language: Language) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        func isDigit(_ index: Int) -> Bool {
            index >= 0 && index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
        }
        var index = 0
        while index < bytes.count {
            // YYYY-MM-DD, not inside a longer run of digits.
            if index + 10 <= bytes.count, !isDigit(index - 1), !isDigit(index + 10),
                (0..<4).allSatisfy({ isDigit(index + $0) }), bytes[index + 4] == UInt8(ascii: "-"),
                isDigit(index + 5), isDigit(index + 6), bytes[index + 7] == UInt8(ascii: "-"), isDigit(index + 8),
                isDigit(index + 9),
                let shown = Day(iso: String(decoding: bytes[index..<(index + 10)], as: UTF8.self))
            {
                out.append(contentsOf: day(shown, language).utf8)
                index += 10
                continue
            }
            if language == .vi, bytes[index] == UInt8(ascii: "."), isDigit(index - 1), isDigit(index + 1) {
                out.append(UInt8(ascii: ","))
            } else {
                out.append(bytes[index])
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
