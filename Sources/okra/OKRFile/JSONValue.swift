import Foundation
import OKRCore

/// JSON written by hand for `--json`, so that numbers are exact decimal literals: a `Decimal` 0.6 is written
/// `0.6`, never `0.59999999999999998` as a trip through `Double` would give. Keys keep the order they are
/// given in, so the output reads the same every time.
enum JSONValue: Equatable {
    case string(String)
    /// Written rounded half away from zero to 4 decimals (0.6667 for 2/3).
    case number(Decimal)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([Member])

    /// One key and its value in an object.
    struct Member: Equatable {
        let key: String
        let value: JSONValue

        init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// A string, or `null` when absent.
    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// A number, or `null` when absent.
    static func decimal(_ value: Decimal?) -> JSONValue { value.map(JSONValue.number) ?? .null }

    /// Pretty-printed with two spaces per level, ending without a newline.
    func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case .string(let text): return JSONValue.quoted(text)
        case .number(let value): return JSONValue.literal(value)
        case .integer(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            let lines = items.map { inner + $0.rendered(indent: indent + 1) }
            return "[\n" + lines.joined(separator: ",\n") + "\n" + pad + "]"
        case .object(let members):
            guard !members.isEmpty else { return "{}" }
            let lines = members.map { inner + JSONValue.quoted($0.key) + ": " + $0.value.rendered(indent: indent + 1) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + pad + "}"
        }
    }

    /// The decimal's own digits after rounding to 4 places: `0.6`, `0.6667`, `-12.5`, `150`.
    static func literal(_ value: Decimal) -> String {
        guard value.isFinite else { return "null" }
        return NSDecimalNumber(decimal: value.rounded(4)).stringValue
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, everything else as is.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
