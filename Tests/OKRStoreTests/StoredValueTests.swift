import Foundation
import Testing

@testable import OKRStore

@Suite("Decimals in columns")
struct StoredValueTests {
    /// The fast reader must give the very decimal Foundation's scanner gives: the same value, the same
    /// representation (bytes), hence the same text and hash everywhere afterwards.
    @Test("A stored decimal reads back as Decimal(string:) reads it, byte for byte; other text goes to the scanner")
    func plainDecimalsReadAsFoundationReadsThem() {
        var generator = SystemRandomNumberGenerator()
        var texts = [
            "0", "-0", "1", "-1", "100", "1.5", "1.50", "0.000120", "-2.5", "123456789012345678", "0.6923",
            "999999999999999999", "10.0",
        ]
        for _ in 0..<3_000 {
            let mantissa =
                UInt64.random(in: 0...999_999_999_999_999_999, using: &generator)
                / UInt64(pow(10, Double(Int.random(in: 0...17, using: &generator))))
            let value = Decimal(
                sign: Bool.random(using: &generator) ? .plus : .minus, exponent: Int.random(in: -18...6),
                significand: Decimal(mantissa))
            texts.append(StoredValue.text(value))
        }
        let posix = Locale(identifier: "en_US_POSIX")
        for text in texts {
            let foundation = Decimal(string: text, locale: posix)
            let fast = StoredValue.plainDecimal(text)
            if let fast, let foundation {
                #expect(fast == foundation, "\(text)")
                #expect(
                    withUnsafeBytes(of: fast) { Array($0) } == withUnsafeBytes(of: foundation) { Array($0) }, "\(text)")
            }
            #expect(StoredValue.decimal(text) == foundation, "\(text)")
        }
        for refused in ["", "-", ".", "1.", ".5", "1e5", "1,5", "--1", "1.2.3", " 1", "abc", "1234567890123456789"] {
            #expect(StoredValue.plainDecimal(refused) == nil, "\(refused)")
        }
        #expect(StoredValue.decimal("1e5") == 100_000)
        #expect(StoredValue.decimal("1234567890123456789") == Decimal(string: "1234567890123456789"))
        #expect(StoredValue.decimal("abc") == nil)
    }
}
