import Foundation
import NIOCore
import OKRCore
import Synchronization

/// The API's JSON: by the value itself when it writes its own (`APIJSONWritable`), else written straight into the
/// answer's bytes as the value encodes itself: keys in snake_case in the
/// order the type declares them, nil optionals left out, numbers (`Decimal` included) as JSON numbers, dates in
/// ISO 8601 — what `JSONEncoder.api` writes, parsed, for a fraction of its time (Foundation's encoder builds a tree,
/// converts each key and sorts every object; it was over half of a list's time at Acme-5k).
///
/// It streams: a container is closed as soon as its parent writes again, which is how synthesized and hand-written
/// `encode(to:)` methods use containers. A value that goes back to a container after leaving it, or asks for a super
/// encoder, makes `encode` fall back to `JSONEncoder.api`, so every `Encodable` is still answered.
enum APIJSON {
    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        if let writable = value as? any APIJSONWritable {
            var out = JSONOut()
            writable.write(to: &out)
            return ByteBuffer(bytes: out.bytes)
        }
        let writer = JSONStreamWriter()
        do {
            try writer.encodeValue(value)
            writer.closeAbove(0)
            return writer.buffer
        } catch is JSONStreamWriter.OutOfOrder {
            return ByteBuffer(bytes: try JSONEncoder.api.encode(value))
        }
    }

    /// A key as `JSONEncoder.api` spells it (`someKeyID` → `some_key_id`): asked of Foundation once per key and
    /// remembered (the API has a few hundred distinct keys), so the two can never spell one differently.
    static func snakeCase(_ key: String) -> [UInt8] {
        if let known = snakeCaseKeys.withLock({ $0[key] }) { return known }
        let converted = Array(foundationSpelling(key).utf8)
        snakeCaseKeys.withLock { $0[key] = converted }
        return converted
    }

    private static let snakeCaseKeys = Mutex<[String: [UInt8]]>([:])

    private static func foundationSpelling(_ key: String) -> String {
        struct AnyKey: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
        struct OneKey: Encodable {
            let key: String
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: AnyKey.self)
                try container.encode(0, forKey: AnyKey(stringValue: key))
            }
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(OneKey(key: key)),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let spelled = object.keys.first
        else { return key }
        return spelled
    }
}

/// The writer behind `APIJSON`: one buffer and the stack of containers open in it.
final class JSONStreamWriter {
    struct OutOfOrder: Error {}

    private enum Kind { case object, array }
    private struct Open {
        let kind: Kind
        let serial: Int
        var count = 0
    }

    var buffer = ByteBufferAllocator().buffer(capacity: 16_384)
    private var stack: [Open] = []
    private var serials = 0

    var depth: Int { stack.count }

    /// Closes every container deeper than `level`.
    func closeAbove(_ level: Int) {
        while stack.count > level {
            buffer.writeInteger(stack.removeLast().kind == .object ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    /// Opens a container at `level` (the stack's depth when its encoder was made) and names it by a serial.
    func open(object: Bool, at level: Int) -> Int {
        closeAbove(level)
        serials += 1
        buffer.writeInteger(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        stack.append(Open(kind: object ? .object : .array, serial: serials))
        return serials
    }

    /// The serial of the container open at `level` for an encoder asked twice for its container, if any.
    func serial(at level: Int) -> Int? { stack.count > level ? stack[level].serial : nil }

    /// Makes the container `serial` at `level` the innermost again and counts one more member in it.
    func beginMember(of serial: Int, at level: Int) throws {
        guard stack.count > level, stack[level].serial == serial else { throw OutOfOrder() }
        closeAbove(level + 1)
        if stack[level].count > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
        stack[level].count += 1
    }

    func writeKey(_ key: some CodingKey) {
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeBytes(APIJSON.snakeCase(key.stringValue))
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeInteger(UInt8(ascii: ":"))
    }

    func writeRaw(_ text: String) { buffer.writeString(text) }

    func writeString(_ text: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        let utf8 = text.utf8
        var plainFrom = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                buffer.writeBytes(utf8[plainFrom..<index])
                switch byte {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x08: buffer.writeStaticString("\\b")
                case 0x0C: buffer.writeStaticString("\\f")
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(hex[Int(byte >> 4)])
                    buffer.writeInteger(hex[Int(byte & 0xF)])
                }
                plainFrom = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        buffer.writeBytes(utf8[plainFrom..<utf8.endIndex])
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    func writeDouble(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "not a finite number"))
        }
        if value == value.rounded(), abs(value) < 1e15 {
            buffer.writeString(String(Int64(value)))
        } else {
            buffer.writeString(value.description)
        }
    }

    /// Any value: the types JSON has its own form for, else the value's own `encode(to:)`, after which whatever it
    /// left open is closed (an encoder that opened nothing writes `{}`, as Foundation does).
    func encodeValue(_ value: some Encodable) throws {
        switch value {
        case let text as String: writeString(text)
        case let number as Decimal: buffer.writeString(NumberText.plain(number))
        case let flag as Bool: buffer.writeString(flag ? "true" : "false")
        case let number as Int: buffer.writeString(String(number))
        case let number as Double: try writeDouble(number)
        case let date as Date: writeString(date.formatted(.iso8601))
        case let url as URL: writeString(url.absoluteString)
        case let data as Data: writeString(data.base64EncodedString())
        case let writable as any APIJSONWritable:
            // A value that writes its own JSON (an objective of a list, a node of the tree) does, in place.
            var out = JSONOut(capacity: 4_096)
            writable.write(to: &out)
            buffer.writeBytes(out.bytes)
        default:
            let level = stack.count
            let before = buffer.writerIndex
            try value.encode(to: JSONStreamEncoder(writer: self, level: level))
            closeAbove(level)
            if buffer.writerIndex == before { buffer.writeStaticString("{}") }
        }
    }
}

/// The `Encoder` handed to a value's `encode(to:)`: its containers write at `level` of the writer's stack.
struct JSONStreamEncoder: Encoder {
    let writer: JSONStreamWriter
    let level: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    private func containerSerial(object: Bool) -> Int {
        // Asked twice for its container, an encoder gets the one already open.
        if writer.depth > level, let serial = writer.serial(at: level) { return serial }
        return writer.open(object: object, at: level)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(
            JSONStreamKeyedContainer<Key>(writer: writer, level: level, serial: containerSerial(object: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONStreamUnkeyedContainer(writer: writer, level: level, serial: containerSerial(object: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONStreamSingleValue(writer: writer, level: level)
    }
}

struct JSONStreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    let level: Int
    let serial: Int
    var codingPath: [any CodingKey] { [] }

    private func member(_ key: Key) throws {
        try writer.beginMember(of: serial, at: level)
        writer.writeKey(key)
    }

    mutating func encodeNil(forKey key: Key) throws {
        try member(key)
        writer.writeRaw("null")
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try member(key)
        writer.writeRaw(value ? "true" : "false")
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        try member(key)
        writer.writeString(value)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        try member(key)
        try writer.writeDouble(value)
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws {
        try member(key)
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Int16, forKey key: Key) throws {
        try member(key)
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Int32, forKey key: Key) throws {
        try member(key)
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        try member(key)
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        try member(key)
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        try member(key)
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        try member(key)
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        try member(key)
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        try member(key)
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        try member(key)
        try writer.writeDouble(Double(value))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        try member(key)
        writer.writeRaw(String(value))
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try member(key)
        try writer.encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let serial = (try? member(key)).map { writer.open(object: true, at: level + 1) } ?? -1
        return KeyedEncodingContainer(
            JSONStreamKeyedContainer<NestedKey>(writer: writer, level: level + 1, serial: serial))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let serial = (try? member(key)).map { writer.open(object: false, at: level + 1) } ?? -1
        return JSONStreamUnkeyedContainer(writer: writer, level: level + 1, serial: serial)
    }

    mutating func superEncoder() -> any Encoder { JSONStreamRefusingEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { JSONStreamRefusingEncoder() }
}

struct JSONStreamUnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    let level: Int
    let serial: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(writer: JSONStreamWriter, level: Int, serial: Int) {
        self.writer = writer
        self.level = level
        self.serial = serial
    }

    private mutating func element() throws {
        try writer.beginMember(of: serial, at: level)
        count += 1
    }

    mutating func encodeNil() throws {
        try element()
        writer.writeRaw("null")
    }
    mutating func encode(_ value: Bool) throws {
        try element()
        writer.writeRaw(value ? "true" : "false")
    }
    mutating func encode(_ value: String) throws {
        try element()
        writer.writeString(value)
    }
    mutating func encode(_ value: Double) throws {
        try element()
        try writer.writeDouble(value)
    }
    mutating func encode(_ value: Int) throws {
        try element()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Int8) throws {
        try element()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Int16) throws {
        try element()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Int32) throws {
        try element()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Int64) throws {
        try element()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt) throws {
        try element()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt8) throws {
        try element()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt16) throws {
        try element()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt32) throws {
        try element()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt64) throws {
        try element()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Float) throws {
        try element()
        try writer.writeDouble(Double(value))
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try element()
        try writer.encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let serial = (try? element()).map { writer.open(object: true, at: level + 1) } ?? -1
        return KeyedEncodingContainer(
            JSONStreamKeyedContainer<NestedKey>(writer: writer, level: level + 1, serial: serial))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let serial = (try? element()).map { writer.open(object: false, at: level + 1) } ?? -1
        return JSONStreamUnkeyedContainer(writer: writer, level: level + 1, serial: serial)
    }

    mutating func superEncoder() -> any Encoder { JSONStreamRefusingEncoder() }
}

struct JSONStreamSingleValue: SingleValueEncodingContainer {
    let writer: JSONStreamWriter
    let level: Int
    var codingPath: [any CodingKey] { [] }

    private func start() throws {
        // One value, once, where nothing was written for this encoder yet.
        guard writer.depth == level else { throw JSONStreamWriter.OutOfOrder() }
    }

    mutating func encodeNil() throws {
        try start()
        writer.writeRaw("null")
    }
    mutating func encode(_ value: Bool) throws {
        try start()
        writer.writeRaw(value ? "true" : "false")
    }
    mutating func encode(_ value: String) throws {
        try start()
        writer.writeString(value)
    }
    mutating func encode(_ value: Double) throws {
        try start()
        try writer.writeDouble(value)
    }
    mutating func encode(_ value: Int) throws {
        try start()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Int8) throws {
        try start()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Int16) throws {
        try start()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Int32) throws {
        try start()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Int64) throws {
        try start()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt) throws {
        try start()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt8) throws {
        try start()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt16) throws {
        try start()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt32) throws {
        try start()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: UInt64) throws {
        try start()
        writer.writeRaw(String(value))
    }
    mutating func encode(_ value: Float) throws {
        try start()
        try writer.writeDouble(Double(value))
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try start()
        try writer.encodeValue(value)
    }
}

/// What a super encoder is: not supported by the stream, so every container it gives refuses, and `APIJSON`
/// falls back to Foundation's encoder.
struct JSONStreamRefusingEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let writer = JSONStreamWriter()
        return KeyedEncodingContainer(JSONStreamKeyedContainer<Key>(writer: writer, level: 0, serial: -1))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONStreamUnkeyedContainer(writer: JSONStreamWriter(), level: 0, serial: -1)
    }
    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONStreamSingleValue(writer: JSONStreamWriter(), level: -1)
    }
}
