import Foundation
import Hummingbird
import NIOCore
import OKRCore

/// A form the browser posted as `application/x-www-form-urlencoded`, read once for every page route by
/// `PostedFormMiddleware`: its pairs in the order sent. Repeated names stay (ticked checkboxes of one name arrive
/// once each); names may hold any character (the editor's `kr-0-title`, the check-in's `value.kr-1`); values are
/// text in Unicode's composed form, so a Vietnamese word typed on a keyboard that sends decomposed marks is the
/// same word Core counts and stores.
struct PageForm: Sendable {
    let pairs: [(name: String, value: String)]

    init(pairs: [(name: String, value: String)]) { self.pairs = pairs }

    /// Reads `name=value&…` (`+` is a space, `%XX` a UTF-8 byte; a broken escape is kept as sent).
    init(urlEncoded text: String) {
        func decoded(_ part: Substring) -> String {
            let spaced = part.replacingOccurrences(of: "+", with: " ")
            return (spaced.removingPercentEncoding ?? spaced).precomposedStringWithCanonicalMapping
        }
        pairs = text.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first else { return nil }
            return (decoded(name), parts.count > 1 ? decoded(parts[1]) : "")
        }
    }

    /// Reads the body of `request`, up to `limit` bytes (413 beyond).
    static func read(_ request: Request, limit: Int) async throws -> PageForm {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "The form is larger than \(limit) bytes.")
        }
        return PageForm(urlEncoded: String(buffer: body))
    }

    /// The last value sent for `name`, or nil when the form had no such field.
    subscript(_ name: String) -> String? { pairs.last { $0.name == name }?.value }

    /// Every value sent for `name`, in order.
    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// The last value sent for `name` as a number typed in either language (`1.234,5` or `1,234.5`); nil when
    /// the field is missing, empty or not a number.
    func number(_ name: String) -> Decimal? { self[name].flatMap(TypedNumber.parse) }

    /// The last value of each name.
    var fields: [String: String] {
        var fields: [String: String] = [:]
        for pair in pairs { fields[pair.name] = pair.value }
        return fields
    }

    /// The form as `type`, each property read from the field of its name (the last value when repeated); a
    /// property whose field cannot be read as its type is a 400.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try T(from: FieldsDecoder(fields: fields))
        } catch {
            throw HTTPError(.badRequest, message: "The form could not be read.")
        }
    }
}

/// Decodes a flat `Decodable` (strings, numbers, booleans, optionals) from a form's fields.
private struct FieldsDecoder: Decoder {
    let fields: [String: String]
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Fields<Key>(fields: fields))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(
            [String].self, .init(codingPath: [], debugDescription: "a form is a set of named fields"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(
            String.self, .init(codingPath: [], debugDescription: "a form is a set of named fields"))
    }

    struct Fields<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let fields: [String: String]
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }

        func decodeNil(forKey key: Key) throws -> Bool { fields[key.stringValue] == nil }

        private func text(_ key: Key) throws -> String {
            guard let text = fields[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [key], debugDescription: "missing"))
            }
            return text
        }

        private func value<T: LosslessStringConvertible>(_ key: Key) throws -> T {
            guard let value = T(try text(key).trimmingCharacters(in: .whitespaces)) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: self, debugDescription: "not a \(T.self)")
            }
            return value
        }

        func decode(_ type: String.Type, forKey key: Key) throws -> String { try text(key) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            switch try text(key).lowercased() {
            case "on", "true", "1", "yes": return true
            case "off", "false", "0", "no", "": return false
            default:
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a yes or no")
            }
        }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(key) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            if type == Decimal.self, let value = Decimal(string: try text(key)) { return value as! T }
            return try T(from: Single(text: try text(key), key: key))
        }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type, forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch(
                [String: String].self, .init(codingPath: [key], debugDescription: "a form's fields are flat"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch(
                [String].self, .init(codingPath: [key], debugDescription: "a form's fields are flat"))
        }

        func superDecoder() throws -> any Decoder { FieldsDecoder(fields: fields) }
        func superDecoder(forKey key: Key) throws -> any Decoder { FieldsDecoder(fields: fields) }
    }

    /// One field's text, for a type that decodes itself from a single value (an enum with a raw value).
    struct Single: Decoder, SingleValueDecodingContainer {
        let text: String
        let key: any CodingKey
        var codingPath: [any CodingKey] { [key] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "a form field is text"))
        }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch(
                [String].self, .init(codingPath: [key], debugDescription: "a form field is text"))
        }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

        func decodeNil() -> Bool { false }
        func decode(_ type: String.Type) throws -> String { text }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if let convertible = type as? any LosslessStringConvertible.Type,
                let value = convertible.init(text.trimmingCharacters(in: .whitespaces)) as? T
            {
                return value
            }
            throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "not a \(type)"))
        }
    }
}
