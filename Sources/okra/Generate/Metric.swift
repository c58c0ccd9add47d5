import Foundation
import OKRCore

/// Something a KR measures ("tỉ lệ mở email", "p95 API latency"), with the range its values live in, so the
/// generated numbers look like a real team's.
struct Metric: Sendable {
    let vi: String
    let en: String
    let unit: MeasureUnit
    /// What follows a number in a title: "%", " giây" / " s", or nothing.
    let viSuffix: String
    let enSuffix: String
    /// Where a quarter usually starts.
    let low: Double
    let high: Double
    let decimals: Int
    let higherIsBetter: Bool
    /// What a validity condition counts for this metric (a survey's responses), if it can have one.
    let counted: (vi: String, en: String)?

    /// A plain count: no unit after the number.
    init(
        _ vi: String, _ en: String, _ low: Double, _ high: Double, decimals: Int = 0, up: Bool = true,
        counted: (vi: String, en: String)? = nil
    ) {
        self.init(vi, en, .number, low, high, decimals: decimals, up: up, counted: counted)
    }

    init(
        _ vi: String, _ en: String, _ unit: MeasureUnit, suffix: (vi: String, en: String) = ("", ""),
        _ low: Double, _ high: Double, decimals: Int = 0, up: Bool = true, counted: (vi: String, en: String)? = nil
    ) {
        self.vi = vi
        self.en = en
        self.unit = unit
        if unit == .percent {
            (viSuffix, enSuffix) = ("%", "%")
        } else {
            viSuffix = suffix.vi.isEmpty ? "" : " " + suffix.vi
            enSuffix = suffix.en.isEmpty ? "" : " " + suffix.en
        }
        self.low = low
        self.high = high
        self.decimals = decimals
        self.higherIsBetter = up
        self.counted = counted
    }

    /// `value` rounded to the metric's decimals, as an exact decimal (no binary fractions).
    func decimal(_ value: Double) -> Decimal {
        let scale = pow(10, Double(decimals))
        let scaled = Int64((value * scale).rounded())
        return Decimal(sign: scaled < 0 ? .minus : .plus, exponent: -decimals, significand: Decimal(abs(scaled)))
    }

    /// The smallest step a value moves by.
    var step: Double { pow(10, -Double(decimals)) }

    /// The value written in a Vietnamese title: "1.250", "3,2", "45%".
    func vi(_ value: Decimal) -> String { Self.format(value, decimals: decimals, group: ".", point: ",") + viSuffix }

    /// The value written in an English title: "1,250", "3.2", "45%".
    func en(_ value: Decimal) -> String { Self.format(value, decimals: decimals, group: ",", point: ".") + enSuffix }

    static func format(_ value: Decimal, decimals: Int, group: String, point: String) -> String {
        let scale = pow(10, Double(decimals))
        let scaled = Int64((NSDecimalNumber(decimal: value).doubleValue * scale).rounded())
        let negative = scaled < 0
        let magnitude = abs(scaled)
        let whole = magnitude / Int64(scale)
        let fraction = magnitude % Int64(scale)
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = group + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if decimals > 0 && fraction != 0 {
            var tail = String(fraction)
            while tail.count < decimals { tail = "0" + tail }
            while tail.hasSuffix("0") { tail.removeLast() }
            grouped += point + tail
        }
        return (negative ? "-" : "") + grouped
    }
}
