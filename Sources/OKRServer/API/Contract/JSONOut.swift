import Foundation
import OKRCore

/// A resource that writes its own JSON, field by field, for the answers that carry hundreds of objects (a page of
/// objectives): no `Encoder`, no boxed containers, no dynamic casts. It must write what `JSONEncoder.api` writes
/// of the same value — the tests compare the two on the demo's resources — and declares its `Encodable` form too.
protocol APIJSONWritable: Encodable {
    func write(to out: inout JSONOut)
}

/// A JSON document being written: values, and objects and arrays whose members are separated as they come.
struct JSONOut {
    private(set) var bytes: [UInt8] = []
    /// Whether the next member of the object or array being written needs a comma before it.
    private var needsComma = false

    init(capacity: Int = 65_536) { bytes.reserveCapacity(capacity) }

    // MARK: Containers

    mutating func object(_ body: (inout JSONOut) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout JSONOut, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for element in elements {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            write(&self, element)
            needsComma = true
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A value written before, as it was written (one element of an array).
    mutating func written(_ value: [UInt8]) {
        bytes.append(contentsOf: value)
        needsComma = true
    }

    /// `"key":`, after a comma when a member came before. Keys are our own snake_case literals.
    mutating func key(_ key: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    // MARK: Members (a nil optional leaves the member out, as `encodeIfPresent` does)

    mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        field(name, value)
    }

    mutating func field(_ name: StaticString, _ value: Decimal) {
        key(name)
        number(value)
    }

    mutating func field(_ name: StaticString, _ value: Decimal?) {
        guard let value else { return }
        field(name, value)
    }

    mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func field(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        field(name, value)
    }

    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    mutating func field(_ name: StaticString, _ value: Day?) {
        guard let value else { return }
        field(name, value.iso)
    }

    mutating func field(_ name: StaticString, _ values: [String]) {
        key(name)
        array(values) { out, value in out.string(value) }
    }

    mutating func field(_ name: StaticString, _ value: (some APIJSONWritable)?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    mutating func field(_ name: StaticString, _ values: [some APIJSONWritable]) {
        key(name)
        array(values) { out, value in value.write(to: &out) }
    }

    // MARK: Values

    /// A string in quotes, escaped as Foundation escapes it (`"`, `\`, control characters; `/` left alone).
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var plainFrom = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainFrom..<index]))
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
                plainFrom = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainFrom...]))
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A number as Foundation writes a `Decimal`.
    mutating func number(_ value: Decimal) {
        bytes.append(contentsOf: NumberText.plain(value).utf8)
        needsComma = true
    }
}

extension Explanation.Input: APIJSONWritable {
    func write(to out: inout JSONOut) {
        out.object { out in
            out.field("name", name)
            out.field("value", value)
        }
    }
}

extension PlannedValue: APIJSONWritable {
    func write(to out: inout JSONOut) {
        out.object { out in
            out.field("day", day.iso)
            out.field("value", value)
        }
    }
}

extension ValidityCondition: APIJSONWritable {
    func write(to out: inout JSONOut) {
        out.object { out in
            out.field("metric", metric)
            out.field("minimum", minimum)
            out.field("actual", actual)
        }
    }
}
