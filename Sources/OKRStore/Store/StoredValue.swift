import Foundation
import OKRCore

/// How domain values are written into columns, exactly and the same way on both databases.
enum StoredValue {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Decimals as text: `Decimal.description` never uses a locale, and parsing it back is exact.
    static func text(_ value: Decimal) -> String { NumberText.plain(value) }
    static func text(_ value: Decimal?) -> String? { value.map { NumberText.plain($0) } }

    /// `value` as reading it back from its column gives it.
    static func stored(_ value: Decimal) -> Decimal { decimal(text(value)) ?? value }

    static func decimal(_ text: String) -> Decimal? {
        if let value = plainDecimal(text) { return value }
        guard let value = Decimal(string: text, locale: posix), !value.isNaN else { return nil }
        return value
    }

    /// What `text` writes (`-1234.5`: a sign, up to 18 digits, a point) read without Foundation's scanner,
    /// normalized as `Decimal(string:)` normalizes (no trailing zeros in the mantissa); nil for anything else,
    /// which the scanner then reads. Every check-in's value is read this way when a page shows its history.
    static func plainDecimal(_ text: String) -> Decimal? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var negative = false
        var seenPoint = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0: negative = true
            case UInt8(ascii: "."):
                guard !seenPoint, digits > 0 else { return nil }
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 18 else { return nil }
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            default: return nil
            }
        }
        guard digits > 0, !seenPoint || fractionDigits > 0 else { return nil }
        if mantissa == 0 { return Decimal.zero }
        var exponent = -fractionDigits
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
    }

    /// Instants as whole milliseconds since 1970.
    static func milliseconds(_ date: Date) -> Int { Int((date.timeIntervalSince1970 * 1000).rounded()) }
    static func milliseconds(_ date: Date?) -> Int? { date.map { milliseconds($0) } }
    static func date(_ milliseconds: Int) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    static func flag(_ value: Bool) -> Int { value ? 1 : 0 }

    /// The three columns that hold a status policy: its name and its two thresholds.
    static func policyColumns(_ policy: StatusPolicy) -> (name: String, first: String, second: String) {
        switch policy {
        case .ratio(let on, let risk), .weakest(let on, let risk):
            return (policy.name, text(on), text(risk))
        case .gap(let risk, let off):
            return (policy.name, text(risk), text(off))
        }
    }

    /// Days joined by commas (`2026-12-25,2027-01-01`), for short lists stored in one column.
    static func days(_ days: [Day]) -> String { days.map(\.iso).joined(separator: ",") }

    static func days(_ text: String) -> [Day]? {
        if text.isEmpty { return [] }
        let days = text.split(separator: ",").compactMap { Day(iso: String($0)) }
        return days.count == text.split(separator: ",").count ? days : nil
    }

    /// A KR's planned values as `day=value` pairs joined by commas; decimals and days never hold either sign.
    static func plan(_ plan: [PlannedValue]) -> String {
        plan.map { "\($0.day.iso)=\(text($0.value))" }.joined(separator: ",")
    }

    static func plan(_ text: String) -> [PlannedValue]? {
        if text.isEmpty { return [] }
        var points: [PlannedValue] = []
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let day = Day(iso: String(parts[0])), let value = decimal(String(parts[1])) else {
                return nil
            }
            points.append(PlannedValue(day: day, value: value))
        }
        return points
    }

    /// The owner and the two reference columns that let the database check it exists.
    static func ownerColumns(_ owner: Owner?) -> (text: String?, team: String?, person: String?) {
        switch owner {
        case .none: return (nil, nil, nil)
        case .company: return ("company", nil, nil)
        case .team(let id): return (owner?.description, id.rawValue, nil)
        case .person(let id): return (owner?.description, nil, id.rawValue)
        }
    }
}
