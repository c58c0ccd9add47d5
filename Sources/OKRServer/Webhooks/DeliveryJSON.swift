import Foundation
import OKRCore

/// The JSON of a delivery body, built member by member and written compactly with sorted keys, so the same
/// event always produces the same bytes (and so the same signature).
enum DeliveryJSON: Encodable, Sendable, Equatable {
    case string(String)
    case number(Decimal)
    case integer(Int)
    case bool(Bool)
    case array([DeliveryJSON])
    case object([String: DeliveryJSON])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }

    /// An object without the members whose value is nil, so absent facts are absent rather than `null`.
    static func members(_ pairs: KeyValuePairs<String, DeliveryJSON?>) -> DeliveryJSON {
        var members: [String: DeliveryJSON] = [:]
        for (key, value) in pairs { if let value { members[key] = value } }
        return .object(members)
    }

    static func text(_ value: String?) -> DeliveryJSON? { value.map(DeliveryJSON.string) }
    static func decimal(_ value: Decimal?) -> DeliveryJSON? { value.map(DeliveryJSON.number) }

    /// A name in both languages: `{"vi": …, "en": …}` (`en` only when there is one).
    static func name(_ name: LocalizedName) -> DeliveryJSON {
        members(["vi": .string(name.vi), "en": text(name.en)])
    }

    static func localized(_ text: LocalizedText) -> DeliveryJSON {
        .object(["vi": .string(text.vi), "en": .string(text.en)])
    }

    static func instant(_ date: Date) -> DeliveryJSON { .string(ISO8601DateFormatter().string(from: date)) }

    /// The compact bytes of the value.
    var bytes: Data {
        get throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(self)
        }
    }
}
