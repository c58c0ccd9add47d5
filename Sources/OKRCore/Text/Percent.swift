import Foundation

/// Percentages and numbers as people read them in each language, with no binary floating-point surprises:
/// the fraction 0.6 shows as 60%, 1/3 as 33%, 0.125 as 12,5% in Vietnamese and 12.5% in English.
public enum Percent {
    /// A fraction as a percentage, rounded half-up to at most `places` decimals, trailing zeros dropped.
    public static func text(_ fraction: Decimal, _ language: Language, places: Int = 0) -> String {
        NumberText.format(fraction * 100, language, places: places, trimZeros: true) + "%"
    }
}

/// Decimal numbers in the conventions of each language: `1.234,5` in Vietnamese, `1,234.5` in English.
public enum NumberText {
    public static func format(_ value: Decimal, _ language: Language, places: Int, trimZeros: Bool = false) -> String {
        let rounded = value.rounded(places)
        let negative = rounded < 0
        let magnitude = negative ? -rounded : rounded
        var (integer, fraction) = digits(magnitude)
        if !trimZeros && fraction.count < places {
            fraction += String(repeating: "0", count: places - fraction.count)
        }
        if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        let group = language == .vi ? "." : ","
        let point = language == .vi ? "," : "."
        var grouped = ""
        while integer.count > 3 {
            grouped = group + String(integer.suffix(3)) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        let body = fraction.isEmpty ? grouped : grouped + point + fraction
        return (negative && rounded != 0 ? "−" : "") + body
    }

    /// The digits of a non-negative number before and after the point, the fraction without trailing zeros
    /// (`1234.5` → `("1234", "5")`), from `Decimal.description` (an `NSDecimalNumber` made for its text was a
    /// visible share of a page of numbers).
    static func digits(_ magnitude: Decimal) -> (integer: String, fraction: String) {
        guard !magnitude.isNaN else { return foundationDigits(magnitude) }
        let plain = magnitude.description
        guard let point = plain.utf8.firstIndex(of: UInt8(ascii: ".")) else { return (plain, "") }
        var fraction = plain[plain.index(after: point)...]
        while fraction.last == "0" { fraction.removeLast() }
        return (String(plain[..<point]), String(fraction))
    }

    /// As `NSDecimalNumber` writes the number: for NaN, and to check the fast path.
    static func foundationDigits(_ magnitude: Decimal) -> (integer: String, fraction: String) {
        let plain = NSDecimalNumber(decimal: magnitude).stringValue
        let pieces = plain.split(separator: ".", omittingEmptySubsequences: false)
        return (String(pieces[0]), pieces.count > 1 ? String(pieces[1]) : "")
    }

    /// A value in its unit: `1.234.000 ₫`, `$1,234.50`, `26%`, `150 MQL`.
    public static func format(_ value: Decimal, unit: MeasureUnit, _ language: Language) -> String {
        switch unit {
        case .number:
            return format(value, language, places: 2, trimZeros: true)
        case .percent:
            return format(value, language, places: 2, trimZeros: true) + "%"
        case .currency(let code, let precision):
            let amount = format(value, language, places: precision)
            switch (code, language) {
            case ("VND", _): return amount + " ₫"
            case ("USD", .en): return "$" + amount
            case ("EUR", _): return amount + " €"
            default: return amount + " " + code
            }
        case .label(let label):
            let number = format(value, language, places: 2, trimZeros: true)
            return label.hasPrefix("/") ? number + label : number + " " + label
        }
    }
}
