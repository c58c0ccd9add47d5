import Foundation

/// A JSON Schema (the OpenAPI 3.1 dialect), written next to the code it describes: every request body,
/// response body and parameter of the API has one, and the OpenAPI document is assembled from them.
indirect enum Schema: Sendable {
    case string(StringRules)
    case integer(minimum: Int?, maximum: Int?)
    case number(minimum: Decimal?, maximum: Decimal?)
    case boolean
    case array(Schema, maxItems: Int?)
    /// `additional: false` only where the server refuses unknown members.
    case object([Property], additional: Bool)
    /// A named schema under `#/components/schemas`.
    case ref(String)
    /// The value or `null`.
    case nullable(Schema)
    /// A free-form JSON object (for example an audit snapshot).
    case anyObject

    struct StringRules: Sendable {
        var format: String?
        var values: [String]?
        var minLength: Int?
        var maxLength: Int?
        var pattern: String?
    }

    /// One member of an object.
    struct Property: Sendable {
        let name: String
        let schema: Schema
        let required: Bool
        let description: String?
    }

    // MARK: Shorthands

    static let string = Schema.string(StringRules())
    static let integer = Schema.integer(minimum: nil, maximum: nil)
    static let number = Schema.number(minimum: nil, maximum: nil)
    /// A calendar day, `2026-11-27`.
    static let day = Schema.string(StringRules(format: "date"))
    /// An instant, `2026-11-27T05:00:00Z`.
    static let dateTime = Schema.string(StringRules(format: "date-time"))

    /// Text that must hold something other than spaces, at most `max` characters.
    static func text(max: Int) -> Schema {
        .string(StringRules(minLength: 1, maxLength: max, pattern: "\\S"))
    }

    /// An identifier as the client may choose it: letters, digits, `-`, `_` and `.`, up to 64 characters.
    static let identifier = Schema.string(StringRules(minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._-]+$"))

    static func oneOf(_ values: [String]) -> Schema { .string(StringRules(values: values)) }

    static func values<T: RawRepresentable & CaseIterable>(of _: T.Type) -> Schema where T.RawValue == String {
        .oneOf(T.allCases.map(\.rawValue))
    }

    static func array(_ item: Schema) -> Schema { .array(item, maxItems: nil) }

    static func object(_ properties: [Property]) -> Schema { .object(properties, additional: true) }

    // MARK: Rendering

    var json: JSONValue {
        switch self {
        case .string(let rules):
            var members: [JSONValue.Member] = [.init("type", "string")]
            if let format = rules.format { members.append(.init("format", .string(format))) }
            if let values = rules.values { members.append(.init("enum", .array(values.map(JSONValue.string)))) }
            if let min = rules.minLength { members.append(.init("minLength", .integer(min))) }
            if let max = rules.maxLength { members.append(.init("maxLength", .integer(max))) }
            if let pattern = rules.pattern { members.append(.init("pattern", .string(pattern))) }
            return .object(members)
        case .integer(let minimum, let maximum):
            var members: [JSONValue.Member] = [.init("type", "integer")]
            if let minimum { members.append(.init("minimum", .integer(minimum))) }
            if let maximum { members.append(.init("maximum", .integer(maximum))) }
            return .object(members)
        case .number(let minimum, let maximum):
            var members: [JSONValue.Member] = [.init("type", "number")]
            if let minimum { members.append(.init("minimum", .number(minimum))) }
            if let maximum { members.append(.init("maximum", .number(maximum))) }
            return .object(members)
        case .boolean:
            return .object([.init("type", "boolean")])
        case .array(let item, let maxItems):
            var members: [JSONValue.Member] = [.init("type", "array"), .init("items", item.json)]
            if let maxItems { members.append(.init("maxItems", .integer(maxItems))) }
            return .object(members)
        case .object(let properties, let additional):
            var members: [JSONValue.Member] = [
                .init("type", "object"),
                .init("properties", .object(properties.map { .init($0.name, $0.rendered) })),
            ]
            let required = properties.filter(\.required).map { JSONValue.string($0.name) }
            if !required.isEmpty { members.append(.init("required", .array(required))) }
            if !additional { members.append(.init("additionalProperties", .bool(false))) }
            return .object(members)
        case .ref(let name):
            return .object([.init("$ref", .string("#/components/schemas/" + name))])
        case .nullable(let inner):
            return .object([.init("oneOf", .array([inner.json, .object([.init("type", "null")])]))])
        case .anyObject:
            return .object([.init("type", "object")])
        }
    }
}

extension Schema.Property {
    var rendered: JSONValue {
        guard let description, case .object(var members) = schema.json else { return schema.json }
        members.append(.init("description", .string(description)))
        return .object(members)
    }
}

/// Builds an object member: `.required("title", .text(max: 300))` or `.optional("note", .string)`.
extension Schema.Property {
    static func required(_ name: String, _ schema: Schema, _ description: String? = nil) -> Self {
        Self(name: name, schema: schema, required: true, description: description)
    }

    static func optional(_ name: String, _ schema: Schema, _ description: String? = nil) -> Self {
        Self(name: name, schema: schema, required: false, description: description)
    }
}
