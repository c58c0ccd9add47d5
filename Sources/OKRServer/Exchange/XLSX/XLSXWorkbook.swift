import Foundation

/// A date as a spreadsheet cell holds it (no time zone): Excel's serial day numbers, 1900 date system; also 1904
/// system when workbook.xml says date1904="1".
public struct XLSXDate: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A calendar day; not checked, so `XLSXWriter` writes an impossible day (month 13) as text.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day as ISO 8601 text, yyyy-mm-dd.
    public var description: String {
        let yearText = year < 0 ? "-" + padded(-year, to: 4) : padded(year, to: 4)
        return "\(yearText)-\(padded(month, to: 2))-\(padded(day, to: 2))"
    }

    private func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// The value of one spreadsheet cell.
public enum XLSXCell: Hashable, Sendable {
    case empty
    case text(String)
    /// A number cell, exactly as written in the file (e.g. "1234.5", "1E-3"), so no precision is lost; callers parse
    /// it with Decimal(string:).
    case number(String)
    case date(XLSXDate)
    case bool(Bool)

    /// The text a person sees for matching/validation: text as is, number as written, date as yyyy-mm-dd, bool
    /// TRUE/FALSE, empty "".
    public var text: String {
        switch self {
        case .empty: return ""
        case .text(let text): return text
        case .number(let number): return number
        case .date(let date): return date.description
        case .bool(let value): return value ? "TRUE" : "FALSE"
        }
    }
}

/// One worksheet: its name and its cells, row by row.
public struct XLSXSheet: Hashable, Sendable {
    /// The tab's name. `XLSXWriter` makes it one Excel accepts: at most 31 characters, none of []:*?/\, unique.
    public var name: String
    /// Dense rows: row index = spreadsheet row - 1, column index = spreadsheet column - 1; gaps are filled with
    /// empty rows and `.empty` cells, and each row ends at its last non-empty cell (trailing empty rows are dropped).
    public var rows: [[XLSXCell]]
    /// Whether the first row is a header shown in bold. `XLSXWriter` writes it so; `XLSXReader` sets it when no
    /// non-empty cell of the first row is in a regular (non-bold) font.
    public var boldFirstRow: Bool

    /// A sheet named `name` holding `rows`.
    public init(name: String, rows: [[XLSXCell]], boldFirstRow: Bool = true) {
        self.name = name
        self.rows = rows
        self.boldFirstRow = boldFirstRow
    }
}

/// A spreadsheet file: its worksheets in tab order.
public struct XLSXWorkbook: Hashable, Sendable {
    public var sheets: [XLSXSheet]

    /// A workbook of `sheets`, in tab order.
    public init(sheets: [XLSXSheet]) {
        self.sheets = sheets
    }
}

/// Why a spreadsheet could not be read or written, in words for a person (e.g. "not a ZIP archive",
/// "xl/workbook.xml is missing", "xl/worksheets/sheet1.xml is not valid XML").
public struct XLSXError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String

    /// An error for `reason`.
    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}

// MARK: - Serial day numbers

extension XLSXDate {
    /// The last day Excel can show: 9999-12-31, serial 2958465 in the 1900 system.
    static let maximumSerial1900 = 2_958_465

    /// The day of serial day number `serial` (its fraction, the time of day, dropped), or nil when no day has it.
    /// In the 1900 system serial 1 is 1900-01-01 and serial 60 is Excel's fictitious 1900-02-29; in the 1904 system
    /// serial 0 is 1904-01-01.
    init?(serial: Double, date1904: Bool) {
        guard serial.isFinite, serial >= 0, serial < Double(Self.maximumSerial1900 + 1) else { return nil }
        let day = Int(serial.rounded(.down))
        if date1904 {
            guard day >= 0, day <= Self.maximumSerial1900 - 1462 else { return nil }
            self.init(daysSinceEpoch: Self.daysSinceEpoch(year: 1904, month: 1, day: 1) + day)
        } else if day == 60 {
            self.init(year: 1900, month: 2, day: 29)
        } else if day >= 1 {
            // Serials after 60 count the day that 1900 never had.
            let epoch = Self.daysSinceEpoch(year: 1899, month: 12, day: day < 60 ? 31 : 30)
            self.init(daysSinceEpoch: epoch + day)
        } else {
            return nil
        }
    }

    /// This day's serial number in the 1900 date system, or nil when the day is not one Excel can hold
    /// (before 1900-01-01, after 9999-12-31, or not a real day).
    var serial1900: Int? {
        if year == 1900, month == 2, day == 29 { return 60 }
        guard (1900...9999).contains(year), (1...12).contains(month) else { return nil }
        guard (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        let marchFirst1900 = Self.daysSinceEpoch(year: 1900, month: 3, day: 1)
        let epoch = Self.daysSinceEpoch(year: 1899, month: 12, day: days < marchFirst1900 ? 31 : 30)
        return days - epoch
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a day of the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
    init(daysSinceEpoch days: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }
}

// MARK: - Numbers

/// The numbers a cell can hold as written in the file (XML Schema's double, without INF and NaN).
enum XLSXNumber {
    /// Whether `text` is a number such as "12", "-3", "1234.5", ".5" or "1E-3".
    static func isValid(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let sign = scalars.first, sign == "+" || sign == "-" { scalars.removeFirst() }
        let integerDigits = skipDigits(&scalars)
        var fractionDigits = 0
        if scalars.first == "." {
            scalars.removeFirst()
            fractionDigits = skipDigits(&scalars)
        }
        guard integerDigits + fractionDigits > 0 else { return false }
        if let marker = scalars.first, marker == "e" || marker == "E" {
            scalars.removeFirst()
            if let sign = scalars.first, sign == "+" || sign == "-" { scalars.removeFirst() }
            guard skipDigits(&scalars) > 0 else { return false }
        }
        return scalars.isEmpty
    }

    private static func skipDigits(_ scalars: inout Substring.UnicodeScalarView.SubSequence) -> Int {
        var count = 0
        while let scalar = scalars.first, ("0"..."9").contains(scalar) {
            scalars.removeFirst()
            count += 1
        }
        return count
    }
}
