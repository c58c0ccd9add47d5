import Foundation

/// Percentages and numbers as people read them in each language, with no binary floating-point surprises:
/// the fraction 0.6 shows as 60%, 1/3 as 33%, 0.125 as 12,5% in Vietnamese and 12.5% in English.
public enum Percent {
    /// A fraction as a percentage, rounded half-up to at most `places` decimals, trailing zeros dropped.
    public static func text(_ fraction: Decimal, _ language: Language, places: Int = 0) -> String {
        NumberText.format(fraction, language, places: places, trimZeros: true, scale: 2) + "%"
    }

    /// A fraction as the nearest whole percent (half away from zero): 0.125 → 13, −0.2 → −20.
    public static func whole(_ fraction: Decimal) -> Int {
        if let exact = NumberText.exact(fraction, places: 0, scale: 2), exact.rounded <= UInt64(Int.max) {
            return exact.negative ? -Int(exact.rounded) : Int(exact.rounded)
        }
        return NSDecimalNumber(decimal: (fraction * 100).rounded(0)).intValue
    }
}

/// Decimal numbers in the conventions of each language: `1.234,5` in Vietnamese, `1,234.5` in English.
public enum NumberText {
    public static func format(
        _ value: Decimal, _ language: Language, places: Int, trimZeros: Bool = false, scale: Int = 0
    ) -> String {
        if let fast = exact(value, places: places, scale: scale) {
            return text(fast.rounded, negative: fast.negative, language, places: places, trimZeros: trimZeros)
        }
        return decimalFormat(scale == 0 ? value : value * power(scale), language, places: places, trimZeros: trimZeros)
    }

    /// `value × 10^scale` rounded half away from zero to `places` decimals, as a whole number of units of
    /// 10^-places with its sign — from the decimal's own mantissa and exponent, without Foundation's decimal
    /// arithmetic (rounding and printing through it was an eighth of a page full of progress bars). Nil when
    /// the number does not fit 64 bits that way (NaN, huge mantissas or exponents): the caller then formats
    /// it the long way, with the same result.
    public static func exact(_ value: Decimal, places: Int, scale: Int) -> (rounded: UInt64, negative: Bool)? {
        guard (0...18).contains(places), layoutHolds, let parts = wideParts(value) else { return nil }
        let (mantissa, exponent, negative) = parts
        if mantissa == 0 { return (0, false) }
        let shift = exponent + places + scale
        if shift >= 0 {
            guard shift <= 19 else { return nil }
            let (product, overflow) = mantissa.multipliedReportingOverflow(by: UInt128(tenTo[shift]))
            guard !overflow, let fits = UInt64(exactly: product) else { return nil }
            return (fits, negative)
        }
        let drop = -shift
        // A mantissa is below 2^128 < 10^39 / 2: dropping 39 digits or more leaves nothing to round up.
        guard drop <= 38 else { return (0, negative) }
        let divisor = wideTenTo[drop]
        let (quotient, remainder) = mantissa.quotientAndRemainder(dividingBy: divisor)
        // Half away from zero, as `NSDecimalRound(…, .plain)` does on the magnitude.
        let rounded = remainder >= divisor - remainder ? quotient + 1 : quotient
        guard let fits = UInt64(exactly: rounded) else { return nil }
        return (fits, negative)
    }

    /// The mantissa (when it fits 64 bits), exponent and sign of a decimal (see `wideParts`).
    private static func parts(_ value: Decimal) -> (mantissa: UInt64, exponent: Int, negative: Bool)? {
        guard let (mantissa, exponent, negative) = wideParts(value), let narrow = UInt64(exactly: mantissa) else {
            return nil
        }
        return (narrow, exponent, negative)
    }

    /// The mantissa, exponent and sign of a decimal, read from its 20 bytes: the exponent's byte, a byte with
    /// the length in 16-bit words (high nibble) and the sign (bit 3), two reserved bytes, then the mantissa's
    /// eight words, least significant first. Foundation keeps these fields internal on Linux; `layoutHolds`
    /// checks the layout once on known numbers, and nothing is read this way unless it holds. A quotient such
    /// as 1/3 has a mantissa of 38 digits: it needs all 128 bits.
    private static func wideParts(_ value: Decimal) -> (mantissa: UInt128, exponent: Int, negative: Bool)? {
        withUnsafeBytes(of: value) { bytes -> (UInt128, Int, Bool)? in
            guard bytes.count == 20 else { return nil }
            let length = Int(bytes[1] >> 4)
            let negative = bytes[1] & 0x08 != 0
            if length == 0 { return negative ? nil : (0, 0, false) }  // NaN, or zero
            var mantissa: UInt128 = 0
            for index in stride(from: 19, through: 4, by: -1) { mantissa = mantissa << 8 | UInt128(bytes[index]) }
            return (mantissa, Int(Int8(bitPattern: bytes[0])), negative)
        }
    }

    /// Whether `parts` reads this platform's decimals right: every probe comes back as itself.
    static let layoutHolds: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let probes = ["0", "123456789", "-1.5", "0.000123", "18446744073709551615", "1e5", "-0.0001", "-987654.321"]
        for text in probes {
            guard let value = Decimal(string: text), let (mantissa, exponent, negative) = parts(value) else {
                return false
            }
            let rebuilt = Decimal(
                sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
            guard rebuilt == value, mantissa == 0 || exponent == value.exponent else { return false }
        }
        // 1/3: a mantissa of 38 threes, 10^-38.
        let third = Decimal(1) / Decimal(3)
        guard let (mantissa, exponent, _) = wideParts(third), exponent == third.exponent,
            mantissa == UInt128("33333333333333333333333333333333333333")
        else { return false }
        return parts(.nan) == nil
    }()

    /// The number as `Decimal.description` writes it (`-1234.5`, `0.00012`, `100`), from its mantissa and
    /// exponent when the mantissa fits 64 bits (Foundation divides the mantissa by ten digit by digit).
    public static func plain(_ value: Decimal) -> String {
        guard layoutHolds, let (mantissa, exponent, negative) = parts(value), (-40...40).contains(exponent) else {
            return value.description
        }
        if mantissa == 0 { return "0" }
        var digits = Array(String(mantissa).utf8)
        if exponent >= 0 {
            digits.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: exponent))
        } else {
            let places = -exponent
            if digits.count <= places {
                digits.insert(
                    contentsOf: repeatElement(UInt8(ascii: "0"), count: places + 1 - digits.count), at: 0)
            }
            var fraction = digits[(digits.count - places)...]
            while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
            let integer = digits[..<(digits.count - places)]
            digits = Array(integer)
            if !fraction.isEmpty {
                digits.append(UInt8(ascii: "."))
                digits.append(contentsOf: fraction)
            }
        }
        if negative { digits.insert(UInt8(ascii: "-"), at: 0) }
        return String(decoding: digits, as: UTF8.self)
    }

    /// 10^0 … 10^19, every power that fits in 64 bits.
    private static let tenTo: [UInt64] = (0...19).map { (0..<$0).reduce(UInt64(1)) { product, _ in product * 10 } }

    /// 10^0 … 10^38, every power that fits in 128 bits.
    private static let wideTenTo: [UInt128] = (0...38).map {
        (0..<$0).reduce(UInt128(1)) { product, _ in product * 10 }
    }

    private static func power(_ exponent: Int) -> Decimal { Decimal(sign: .plus, exponent: exponent, significand: 1) }

    /// A whole number of units of 10^-places, written with the language's separators.
    private static func text(
        _ units: UInt64, negative: Bool, _ language: Language, places: Int, trimZeros: Bool
    ) -> String {
        written(
            units, negative: negative, places: places, trimZeros: trimZeros,
            group: UInt8(ascii: language == .vi ? "." : ","), point: UInt8(ascii: language == .vi ? "," : "."),
            minus: "−")
    }

    /// `value` rounded half away from zero to `places` decimals as `NSDecimalNumber` writes it: no grouping, a
    /// point, an ASCII minus, no trailing zeros (`-1234.5`) — the numbers of the explanations' formulas.
    public static func plain(_ value: Decimal, places: Int) -> String {
        guard let (units, negative) = exact(value, places: places, scale: 0) else {
            return NSDecimalNumber(decimal: value.rounded(places)).stringValue
        }
        return written(
            units, negative: negative, places: places, trimZeros: true, group: nil, point: UInt8(ascii: "."),
            minus: "-")
    }

    private static func written(
        _ units: UInt64, negative: Bool, places: Int, trimZeros: Bool, group: UInt8?, point: UInt8, minus: String
    ) -> String {
        var digits = Array(String(units).utf8)
        if digits.count <= places {
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: places + 1 - digits.count), at: 0)
        }
        var fraction = digits[(digits.count - places)...]
        if trimZeros { while fraction.last == UInt8(ascii: "0") { fraction.removeLast() } }
        let integer = digits[..<(digits.count - places)]
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + digits.count / 3 + 5)
        if negative && units != 0 { out.append(contentsOf: minus.utf8) }
        for (index, digit) in integer.enumerated() {
            if let group, index > 0 && (integer.count - index) % 3 == 0 { out.append(group) }
            out.append(digit)
        }
        if !fraction.isEmpty {
            out.append(point)
            out.append(contentsOf: fraction)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The long way, through Foundation's decimal rounding: for the numbers `exact` cannot hold, and to check it.
    static func decimalFormat(_ value: Decimal, _ language: Language, places: Int, trimZeros: Bool) -> String {
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
