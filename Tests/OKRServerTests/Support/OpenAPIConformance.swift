import Foundation
import HTTPTypes

/// JSON as parsed for schema checks, keeping `true` apart from `1` (which `JSONSerialization` does not).
indirect enum JSONNode: Decodable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([String: JSONNode])

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
        } else if let value = try? container.decode([JSONNode].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONNode].self))
        }
    }

    static func parse(_ text: String) -> JSONNode? {
        try? JSONDecoder().decode(JSONNode.self, from: Data(text.utf8))
    }

    subscript(key: String) -> JSONNode? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? { if case .string(let value) = self { value } else { nil } }
    var members: [String: JSONNode] { if case .object(let value) = self { value } else { [:] } }
    var elements: [JSONNode] { if case .array(let value) = self { value } else { [] } }
    var number: Double? { if case .number(let value) = self { value } else { nil } }
}

/// Checks API answers against the served OpenAPI document: the status must be documented for the operation,
/// and the body must fit its schema (the subset of JSON Schema the document uses: types, `enum`, `required`,
/// `properties`, `additionalProperties`, `items`, `$ref`, `oneOf`, bounds and `date` formats). A response
/// member the schema does not list is a failure too, so the document cannot fall behind the code.
struct OpenAPIConformance: Sendable {
    let document: JSONNode

    init(_ text: String) throws {
        guard let document = JSONNode.parse(text) else { throw CocoaError(.propertyListReadCorrupt) }
        self.document = document
    }

    var paths: [String: JSONNode] { document["paths"]?.members ?? [:] }

    /// Every `(method, path)` the document declares, like `GET /api/v1/objectives`.
    var operations: [String] {
        paths.flatMap { path, item in item.members.keys.map { "\($0.uppercased()) \(path)" } }.sorted()
    }

    /// The operation object for a concrete request, if the document has one.
    func operation(method: HTTPRequest.Method, path: String) -> JSONNode? {
        let segments = path.split(separator: "/")
        var best: (score: Int, node: JSONNode)?
        for (template, item) in paths {
            let parts = template.split(separator: "/")
            guard parts.count == segments.count else { continue }
            let matches = zip(parts, segments).allSatisfy { part, segment in part.hasPrefix("{") || part == segment }
            guard matches, let operation = item[method.rawValue.lowercased()] else { continue }
            let score = parts.filter { !$0.hasPrefix("{") }.count
            if score > (best?.score ?? -1) { best = (score, operation) }
        }
        return best?.node
    }

    /// What is wrong with `answer` for the request `method uri`; empty when it conforms. Paths the document
    /// does not describe (pages, `/openapi.json`) are not checked, nor 405 answers to undeclared methods.
    func check(method: HTTPRequest.Method, uri: String, answer: APIAnswer) -> [String] {
        let path = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
        guard path.hasPrefix("/api/"), answer.status != .methodNotAllowed else { return [] }
        guard let operation = operation(method: method == .head ? .get : method, path: path) else {
            return answer.status == .notFound ? [] : ["no operation in the document"]
        }
        guard var response = operation["responses"]?[String(answer.status.code)] else {
            return ["status \(answer.status.code) is not documented"]
        }
        if let ref = response["$ref"]?.string { response = resolve(ref) }
        // A file (an export) is checked for its media type being documented; JSON against its schema.
        let mediaType = (answer.headers[.contentType] ?? "application/json").split(separator: ";")[0]
            .trimmingCharacters(in: .whitespaces)
        if mediaType != "application/json", !answer.text.isEmpty {
            return response["content"]?[mediaType] == nil ? ["\(mediaType) is not a documented media type"] : []
        }
        guard let schema = response["content"]?["application/json"]?["schema"] else {
            return answer.text.isEmpty || method == .head ? [] : ["a body where none is documented"]
        }
        guard let json = JSONNode.parse(answer.text) else {
            return ["the body is not JSON: \(answer.text.prefix(200))"]
        }
        return validate(json, schema, at: "$")
    }

    func resolve(_ ref: String) -> JSONNode {
        var node = document
        for part in ref.dropFirst(2).split(separator: "/") { node = node[String(part)] ?? .null }
        return node
    }

    func validate(_ value: JSONNode, _ schema: JSONNode, at path: String) -> [String] {
        if let ref = schema["$ref"]?.string { return validate(value, resolve(ref), at: path) }
        if let options = schema["oneOf"]?.elements {
            let fits = options.filter { validate(value, $0, at: path).isEmpty }.count
            return fits == 1 ? [] : ["\(path): fits \(fits) of the oneOf schemas"]
        }
        var problems: [String] = []
        switch (schema["type"]?.string, value) {
        case ("null", .null), ("boolean", .bool), (nil, _):
            break
        case ("string", .string(let text)):
            if let values = schema["enum"]?.elements.compactMap(\.string), !values.contains(text) {
                problems.append("\(path): \(text) is not one of \(values)")
            }
            if schema["format"]?.string == "date",
                text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil
            {
                problems.append("\(path): \(text) is not a date")
            }
            if let min = schema["minLength"]?.number, Double(text.count) < min {
                problems.append("\(path): shorter than \(min)")
            }
            if let max = schema["maxLength"]?.number, Double(text.count) > max {
                problems.append("\(path): longer than \(max)")
            }
        case ("integer", .number(let number)), ("number", .number(let number)):
            if schema["type"]?.string == "integer", number.rounded() != number {
                problems.append("\(path): \(number) is not an integer")
            }
            if let min = schema["minimum"]?.number, number < min { problems.append("\(path): \(number) < \(min)") }
            if let max = schema["maximum"]?.number, number > max { problems.append("\(path): \(number) > \(max)") }
        case ("array", .array(let items)):
            if let item = schema["items"] {
                for (index, element) in items.enumerated() {
                    problems += validate(element, item, at: "\(path)[\(index)]")
                }
            }
        case ("object", .object(let object)):
            let properties = schema["properties"]?.members ?? [:]
            for case .string(let name) in schema["required"]?.elements ?? [] where object[name] == nil {
                problems.append("\(path).\(name) is required")
            }
            for (name, member) in object {
                if let property = properties[name] {
                    problems += validate(member, property, at: "\(path).\(name)")
                } else if !properties.isEmpty || schema["additionalProperties"] == .bool(false) {
                    problems.append("\(path).\(name) is not in the schema")
                }
            }
        case (let type?, _):
            problems.append("\(path): expected \(type), got \(value)")
        }
        return problems
    }
}

extension JSONNode: Equatable {}
