import Foundation
import Testing

@testable import OKRCore

/// Numbers and words as people read them in Vietnamese and English.
@Suite("Text: percentages, numbers, languages")
struct TextTests {
    typealias F = Fixture

    @Test("A percentage shows as 60%, not 59.99999%")
    func noBinarySurprises() {
        #expect(Percent.text(F.dec("0.6"), .en) == "60%")
        #expect(Percent.text(Decimal(3) / Decimal(5), .vi) == "60%")
        #expect(Percent.text(Decimal(1) / Decimal(3), .en) == "33%")
        #expect(Percent.text(Decimal(2) / Decimal(3), .en) == "67%")
        #expect(Percent.text(Decimal(exactly: 0.6)!, .en) == "60%")
        #expect(Percent.text(Decimal(exactly: 0.1 + 0.2)!, .en, places: 2) == "30%")
    }

    @Test("Percent places: 12,5% in Vietnamese, 12.5% in English, trailing zeros dropped")
    func percentPlaces() {
        #expect(Percent.text(F.dec("0.125"), .vi, places: 1) == "12,5%")
        #expect(Percent.text(F.dec("0.125"), .en, places: 1) == "12.5%")
        #expect(Percent.text(F.dec("0.125"), .en) == "13%")
        #expect(Percent.text(F.dec("0.5"), .en, places: 2) == "50%")
        #expect(Percent.text(F.dec("1.25"), .en) == "125%")
        #expect(Percent.text(0, .vi) == "0%")
        #expect(Percent.text(F.dec("-0.2"), .en) == "−20%")
        #expect(Percent.text(F.dec("-0.001"), .en) == "0%")
    }

    /// The digits agree with NSDecimalNumber's text of the same number, across magnitudes and
    /// scales (with Foundation's trailing fraction zeros, if any, dropped as the fast path drops them).
    @Test("Digits from Decimal.description equal NSDecimalNumber's, from 0 to 19 digits and 20 places")
    func digitsAgreeWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        var values: [Decimal] = [
            0, 1, 10, 100, Decimal(string: "0.5")!, Decimal(string: "1234.5")!,
            Decimal(1) / Decimal(3), Decimal(2) / Decimal(3), Decimal(string: "99999999999999999999999")!,
            Decimal(string: "0.000000000000000000001")!, Decimal(UInt64.max), Decimal(string: "1e18")!,
        ]
        for _ in 0..<2_000 {
            let mantissa = UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63)
            let exponent = Int.random(in: -20...20, using: &generator)
            values.append(Decimal(sign: .plus, exponent: exponent, significand: Decimal(mantissa)))
        }
        for value in values {
            let fast = NumberText.digits(value)
            var slow = NumberText.foundationDigits(value)
            while slow.fraction.hasSuffix("0") { slow.fraction.removeLast() }
            #expect(fast.integer == slow.integer && fast.fraction == slow.fraction, "\(value)")
            for places in [0, 2] {
                let rounded = value.rounded(places)
                let fastRounded = NumberText.digits(rounded)
                var slowRounded = NumberText.foundationDigits(rounded)
                while slowRounded.fraction.hasSuffix("0") { slowRounded.fraction.removeLast() }
                #expect(fastRounded.integer == slowRounded.integer && fastRounded.fraction == slowRounded.fraction)
            }
        }
    }

    /// The integer path writes what Foundation's rounding and printing write, for every sign, magnitude,
    /// scale, number of places and language, including halves (rounded away from zero) and the numbers it
    /// hands to the long way (mantissas over 64 bits, NaN).
    @Test("Numbers and percentages from the mantissa equal Foundation's rounding, for 0 to 8 places")
    func exactFormatAgreesWithFoundation() {
        #expect(NumberText.layoutHolds, "the integer path is off on this platform: nothing below tests it")
        var generator = SystemRandomNumberGenerator()
        var values: [Decimal] = [
            0, 1, -1, Decimal(string: "0.5")!, Decimal(string: "-0.5")!, Decimal(string: "0.125")!,
            Decimal(string: "-0.005")!, Decimal(string: "2.675")!, Decimal(1) / Decimal(3), Decimal(2) / Decimal(3),
            Decimal(string: "99999999999999999999999")!, Decimal(UInt64.max), Decimal(string: "1e18")!,
            Decimal(string: "0.000000000000000000001")!, Decimal.nan, Decimal(string: "-0.0001")!,
        ]
        for _ in 0..<800 {
            let mantissa = UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63)
            let exponent = Int.random(in: -22...12, using: &generator)
            let sign: FloatingPointSign = Bool.random(using: &generator) ? .plus : .minus
            values.append(Decimal(sign: sign, exponent: exponent, significand: Decimal(mantissa)))
            // Exact halves at the rounding digit.
            let half = Decimal(sign: sign, exponent: -Int.random(in: 1...6, using: &generator), significand: 5)
            values.append(Decimal(Int.random(in: 0...10_000, using: &generator)) + half)
            values += Self.quotients(&generator)
        }
        for value in values where !value.isNaN {
            for places in 0...8 {
                for language in [Language.en, .vi] {
                    for trim in [false, true] {
                        let fast = NumberText.format(value, language, places: places, trimZeros: trim)
                        let slow = NumberText.decimalFormat(value, language, places: places, trimZeros: trim)
                        #expect(fast == slow, "\(value) places \(places)")
                    }
                }
                let percent = NumberText.format(value, .vi, places: places, trimZeros: true, scale: 2)
                #expect(percent == NumberText.decimalFormat(value * 100, .vi, places: places, trimZeros: true))
            }
            let whole = NSDecimalNumber(decimal: (value * 100).rounded(0))
            if whole.compare(NSDecimalNumber(value: Int.max)) == .orderedAscending,
                whole.compare(NSDecimalNumber(value: Int.min)) == .orderedDescending
            {
                #expect(Percent.whole(value) == whole.intValue, "\(value)")
            }
        }
        #expect(
            NumberText.format(.nan, .en, places: 2) == NumberText.decimalFormat(.nan, .en, places: 2, trimZeros: false))
        #expect(Percent.whole(Decimal(string: "0.125")!) == 13)
        #expect(Percent.whole(Decimal(string: "-0.2")!) == -20)
    }

    /// The API writes decimals with `NumberText.plain`: the same text as `Decimal.description`, for normalized
    /// numbers and for mantissas that end in zeros (what arithmetic leaves).
    @Test("Plain decimal text from the mantissa equals Decimal.description, and rounded equals NSDecimalNumber's")
    func plainAgreesWithDescription() {
        var generator = SystemRandomNumberGenerator()
        var values: [Decimal] = [
            0, 1, -1, 100, Decimal(string: "1.50")!, Decimal(string: "0.000120")!, Decimal(1) / Decimal(3),
            Decimal(string: "12345678901234567890123")!, Decimal(10) * Decimal(string: "0.5")!, .nan,
            Decimal(sign: .plus, exponent: -3, significand: 1500), Decimal(sign: .minus, exponent: 2, significand: 70),
        ]
        for _ in 0..<800 {
            let mantissa = UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63)
            let sign: FloatingPointSign = Bool.random(using: &generator) ? .plus : .minus
            let exponent = Int.random(in: -30...20, using: &generator)
            values.append(Decimal(sign: sign, exponent: exponent, significand: Decimal(mantissa)))
            values.append(Decimal(sign: sign, exponent: exponent, significand: Decimal(mantissa % 1_000) * 1_000))
        }
        for value in values where !value.isNaN {
            #expect(NumberText.plain(value) == value.description, "\(value)")
            for places in [0, 2, 4] {
                let foundation = NSDecimalNumber(decimal: value.rounded(places)).stringValue
                #expect(NumberText.plain(value, places: places) == foundation, "\(value) places \(places)")
            }
        }
        #expect(NumberText.plain(.nan) == Decimal.nan.description)
    }

    @Test("Stored text is trimmed as Foundation trims it, and text with nothing to trim comes back as is")
    func trimmingAgreesWithFoundation() {
        let ends: [String] = [
            "", " ", "\t", "\n", "\r\n", "\u{00A0}", "\u{3000}", "\u{2028}", "\u{0085}", "\u{200B}", "a", "ơ", "ệ",
            "1", ".", "\u{0301}", "😀", "~",
        ]
        for head in ends {
            for tail in ends {
                for body in ["", "Tăng MQL", " giữa  ", "x"] {
                    let text = head + body + tail
                    #expect(
                        Validate.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines),
                        "\(text.unicodeScalars.map(\.value))")
                }
            }
        }
    }

    /// What progress is made of: quotients whose mantissas take all 128 bits (2/3 has 38 digits), scaled.
    static func quotients(_ generator: inout SystemRandomNumberGenerator) -> [Decimal] {
        let quotient =
            Decimal(Int.random(in: -1_000_000...1_000_000, using: &generator))
            / Decimal(Int.random(in: 1...9_999, using: &generator))
        let scale = Decimal(sign: .plus, exponent: Int.random(in: -8...8, using: &generator), significand: 1)
        return [quotient, quotient * scale]
    }

    @Test("Rounding from the mantissa equals NSDecimalRound: the same value, text and hash")
    func roundingAgreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        var values: [Decimal] = [
            0, 1, -1, Decimal(string: "0.00005")!, Decimal(string: "-0.00005")!, Decimal(1) / Decimal(3),
        ]
        for _ in 0..<800 {
            let mantissa = UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63)
            let sign: FloatingPointSign = Bool.random(using: &generator) ? .plus : .minus
            values.append(
                Decimal(
                    sign: sign, exponent: Int.random(in: -24...10, using: &generator), significand: Decimal(mantissa)))
            values += Self.quotients(&generator)
        }
        for value in values {
            for places in [0, 1, 2, 4, 6] {
                var input = value
                var foundation = Decimal()
                NSDecimalRound(&foundation, &input, places, .plain)
                let fast = value.rounded(places)
                #expect(fast == foundation, "\(value) places \(places)")
                #expect(fast.description == foundation.description, "\(value) places \(places)")
                #expect(fast.hashValue == foundation.hashValue, "\(value) places \(places)")
            }
        }
    }

    @Test("Numbers: 1.234,5 in Vietnamese, 1,234.5 in English")
    func numbers() {
        #expect(NumberText.format(F.dec("1234.5"), .vi, places: 1) == "1.234,5")
        #expect(NumberText.format(F.dec("1234.5"), .en, places: 1) == "1,234.5")
        #expect(NumberText.format(F.dec("1234.5"), .en, places: 2) == "1,234.50")
        #expect(NumberText.format(F.dec("1234.5"), .en, places: 2, trimZeros: true) == "1,234.5")
        #expect(NumberText.format(F.dec("1234567.891"), .vi, places: 2) == "1.234.567,89")
        #expect(NumberText.format(F.dec("999"), .en, places: 0) == "999")
        #expect(NumberText.format(F.dec("1000"), .en, places: 0) == "1,000")
        #expect(NumberText.format(F.dec("-1234.5"), .en, places: 0) == "−1,235")
        #expect(NumberText.format(F.dec("2.5"), .en, places: 0) == "3")
        #expect(NumberText.format(F.dec("-2.5"), .en, places: 0) == "−3")
        #expect(NumberText.format(F.dec("0.004"), .en, places: 2, trimZeros: true) == "0")
    }

    @Test("A value in its unit")
    func units() throws {
        #expect(NumberText.format(1_234_000, unit: try .currency("VND"), .vi) == "1.234.000 ₫")
        #expect(NumberText.format(F.dec("1234.5"), unit: try .currency("USD"), .en) == "$1,234.50")
        #expect(NumberText.format(F.dec("1234.5"), unit: try .currency("USD"), .vi) == "1.234,50 USD")
        #expect(NumberText.format(F.dec("9.9"), unit: try .currency("EUR"), .en) == "9.90 €")
        #expect(NumberText.format(26, unit: .percent, .vi) == "26%")
        #expect(NumberText.format(F.dec("26.25"), unit: .percent, .vi) == "26,25%")
        #expect(NumberText.format(150, unit: .label("MQL"), .en) == "150 MQL")
        #expect(NumberText.format(F.dec("8.6"), unit: .label("/10"), .vi) == "8,6/10")
        #expect(NumberText.format(F.dec("1234.567"), unit: .number, .en) == "1,234.57")
    }

    @Test("Plain text for formulas: locale-free, at most four decimals")
    func plain() {
        #expect(Plain.text(F.dec("0.6")) == "0.6")
        #expect(Plain.text(Decimal(1) / Decimal(3)) == "0.3333")
        #expect(Plain.text(Decimal(2) / Decimal(3), places: 2) == "0.67")
        #expect(Plain.text(1234) == "1234")
    }

    @Test("Decimal helpers: school rounding, clamping, Doubles by their shortest text")
    func decimalHelpers() {
        #expect(F.dec("0.35").rounded(1) == F.dec("0.4"))
        #expect(F.dec("0.25").rounded(1) == F.dec("0.3"))
        #expect(F.dec("-0.25").rounded(1) == F.dec("-0.3"))
        #expect(F.dec("1.5").clampedToUnit == 1)
        #expect(F.dec("-0.5").clampedToUnit == 0)
        #expect(F.dec("0.5").clampedToUnit == F.dec("0.5"))
        #expect(Decimal(exactly: 8.6) == F.dec("8.6"))
        #expect(Decimal(exactly: .nan) == nil)
        #expect(Decimal(exactly: .infinity) == nil)
    }

    @Test(
        "The language from Accept-Language",
        arguments: [
            ("vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7", Language.vi),
            ("en-US,en;q=0.9,vi;q=0.8", .en),
            ("fr-FR,fr;q=0.9,en;q=0.5,vi;q=0.4", .en),
            ("vi;q=0.3, en;q=0.6", .en),
            ("EN_gb", .en),
            ("de,fr", .vi),
            ("", .vi),
            ("en;q=0, vi;q=0.1", .vi),
            ("en;q=0", .vi),
        ])
    func acceptLanguage(header: String, language: Language) {
        #expect(Language.preferred(acceptLanguage: header) == language)
    }

    @Test("No header, or nothing acceptable, falls back to the organization's language")
    func acceptLanguageFallback() {
        #expect(Language.preferred(acceptLanguage: nil) == .vi)
        #expect(Language.preferred(acceptLanguage: nil, fallback: .en) == .en)
        #expect(Language.preferred(acceptLanguage: "ja", fallback: .en) == .en)
        #expect(Language.preferred(acceptLanguage: "en;q=0", fallback: .vi) == .vi)
    }

    @Test("A localized sentence picks its language")
    func localizedText() {
        let text = LocalizedText(vi: "Đúng tiến độ", en: "On track")
        #expect(text.text(.vi) == "Đúng tiến độ")
        #expect(text.text(.en) == "On track")
    }

    @Test("Folding for search: marks dropped, đ → d, lower case, white space collapsed")
    func folding() {
        #expect(Folding.fold("Tăng tỷ lệ chuyển đổi") == "tang ty le chuyen doi")
        #expect(Folding.fold("ĐỘI NGŨ\tBán hàng\n") == "doi ngu ban hang")
        #expect(Folding.fold("Mục tiêu") == Folding.fold("MUC TIEU"))
        #expect(Folding.fold("") == "")
    }

    @Test("An explanation reads as one paragraph: computation, policy, notes")
    func explanationText() {
        let explanation = Explanation(
            formula: "f", computation: "(130 − 100) / (150 − 100) = 0.6", policy: "ratio",
            notes: [LocalizedText(vi: "Ghi chú", en: "Note")])
        #expect(explanation.text(.en) == "(130 − 100) / (150 − 100) = 0.6; ratio; Note")
        #expect(explanation.text(.vi) == "(130 − 100) / (150 − 100) = 0,6; ratio; Ghi chú")
        #expect(Explanation(formula: "f", computation: "= 0").text(.en) == "= 0")
    }

    @Test("Hex gives two lowercase digits per byte, as String(format: \"%02x\") does")
    func hex() {
        #expect(Hex.string([]) == "")
        #expect(Hex.string([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255) }
            #expect(Hex.string(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        }
    }
}
