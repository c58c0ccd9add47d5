import Foundation

/// A JSON value as SCIM reads and writes it: resources are patched, filtered and projected as JSON, whose
/// attribute names are case-insensitive.
enum SCIMJSON: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([SCIMJSON])
    case object([String: SCIMJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SCIMJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: SCIMJSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 {
                try container.encode(Int(value))
            } else {
                try container.encode(value)
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses a request body; anything that is not JSON is the client's error.
    static func parse(_ data: Data) throws -> SCIMJSON {
        do {
            return try JSONDecoder().decode(SCIMJSON.self, from: data)
        } catch {
            throw SCIMError.invalidSyntax("The body is not valid JSON.")
        }
    }

    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    var objectValue: [String: SCIMJSON]? {
        if case .object(let value) = self { return value }
        return nil
    }

    var arrayValue: [SCIMJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// A boolean, also as Entra ID sends it: the string "True" or "False".
    var boolValue: Bool? {
        switch self {
        case .bool(let value): return value
        case .string(let text) where text.lowercased() == "true": return true
        case .string(let text) where text.lowercased() == "false": return false
        default: return nil
        }
    }

    /// The member named `name`, whatever its case.
    subscript(_ name: String) -> SCIMJSON? {
        guard case .object(let members) = self else { return nil }
        if let exact = members[name] { return exact }
        return members.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}

extension Dictionary where Key == String, Value == SCIMJSON {
    /// The key under which `name` is stored, whatever its case.
    func key(matching name: String) -> String? {
        if self[name] != nil { return name }
        return keys.first { $0.lowercased() == name.lowercased() }
    }
}
