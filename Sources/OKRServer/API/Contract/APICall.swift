import Foundation
import Hummingbird
import NIOCore
import OKRCore

/// One call of an API operation as its handler sees it: who is calling, the path and query parameters, and
/// the body decoded with every problem reported as a 4xx naming the field.
struct APICall: Sendable {
    let request: Request
    let context: OkraContext
    let operation: APIOperation
    /// Who is calling (the middleware refuses anonymous calls before a handler runs).
    let viewer: Person

    init(request: Request, context: OkraContext, operation: APIOperation) throws {
        guard let viewer = context.person else { throw APIError.unauthorized }
        if let lang = request.uri.queryParameters["lang"], Language(rawValue: String(lang)) == nil {
            throw APIError.invalidParameter("lang")
        }
        self.request = request
        self.context = context
        self.operation = operation
        self.viewer = viewer
    }

    /// The language of messages and explanations: `?lang=`, else the caller's.
    var language: Language {
        query("lang").flatMap(Language.init(rawValue:)) ?? context.language
    }

    /// A path parameter (the router only calls the handler when every one is present).
    func parameter(_ name: String) throws -> String {
        guard let value = context.parameters.get(name) else { throw APIError.invalidParameter(name) }
        return value
    }

    /// A free-text query parameter; an empty one (`?cycle=`) counts as absent.
    func query(_ name: String) -> String? {
        guard let value = rawQuery(name), !value.isEmpty else { return nil }
        return value
    }

    /// A query parameter exactly as sent, empty or not.
    func rawQuery(_ name: String) -> String? {
        request.uri.queryParameters[Substring(name)].map(String.init)
    }

    /// A query parameter naming one of an enumeration's values; anything else (empty too) is a 400 naming it.
    func query<T: RawRepresentable>(_ name: String, as _: T.Type) throws -> T? where T.RawValue == String {
        guard let text = rawQuery(name) else { return nil }
        guard let value = T(rawValue: text) else { throw APIError.invalidParameter(name) }
        return value
    }

    /// A query parameter that is `true` or `false` (absent: false); anything else is a 400 naming it.
    func queryFlag(_ name: String) throws -> Bool {
        switch rawQuery(name) {
        case nil, "false": return false
        case "true": return true
        default: throw APIError.invalidParameter(name)
        }
    }

    /// A query parameter that is a calendar day, `2026-11-27`.
    func queryDay(_ name: String) throws -> Day? {
        guard let text = rawQuery(name) else { return nil }
        guard let day = Day(iso: text) else { throw APIError.invalidParameter(name) }
        return day
    }

    /// A query parameter naming an owner: `company`, `team:<id>` or `person:<id>` (see `Parameter.owner`).
    func queryOwner(_ name: String = "owner") throws -> Owner? {
        guard let text = rawQuery(name) else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let wellFormed =
            text == "company"
            || (parts.count == 2 && ["team", "person"].contains(parts[0]) && APIIdentifier.isWellFormed(parts[1]))
        guard wellFormed, let owner = Owner(text) else { throw APIError.invalidParameter(name) }
        return owner
    }

    /// `limit` and `cursor` of a list.
    var page: PageRequest {
        get throws {
            var limit = PageRequest.defaultLimit
            if let text = rawQuery("limit") {
                guard let value = Int(text), (1...PageRequest.maxLimit).contains(value) else {
                    throw APIError.invalidParameter("limit")
                }
                limit = value
            }
            var after: String?
            if let cursor = query("cursor") {
                guard let key = PageRequest.key(cursor: cursor) else { throw APIError.invalidParameter("cursor") }
                after = key
            }
            return PageRequest(limit: limit, after: after)
        }
    }

    /// The body as `T`. Refuses a body that is not JSON (415), too large (413), not JSON at all (400), or with
    /// a member missing or of the wrong type (422, naming it). Values are checked by the domain afterwards.
    func body<T: Decodable>(_ type: T.Type) async throws -> T {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") || contentType.contains("+json") else {
            throw APIError.unsupportedMediaType
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > OkraContext.maxBodySize {
            throw APIError.tooLarge(limit: OkraContext.maxBodySize)
        }
        let buffer = try await request.body.collect(upTo: OkraContext.maxBodySize)
        let data = Data(buffer.readableBytesView)
        guard let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw APIError.malformed()
        }
        guard json is [String: Any] else { throw APIError.malformed(.apiBodyNotObject) }
        if let path = Self.firstNull(in: json, at: []) {
            throw APIError.invalid(path.joined(separator: "."), .required)
        }
        // A NUL would be cut off (or refused) by the database: refuse it here, naming the member, before anything.
        if let path = Self.firstNUL(in: json, at: []) {
            throw APIError.invalid(path.joined(separator: "."), .containsNUL)
        }
        do {
            return try JSONDecoder.api.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Self.explain(error)
        }
    }

    /// The body as it came (a file), up to `limit` bytes (413 beyond it).
    func rawBody(limit: Int) async throws -> Data {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError.tooLarge(limit: limit)
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit)
        }
    }

    /// The version the caller is changing: the `If-Match` header, else the body's `version`. Neither is 428.
    func expectedVersion(_ bodyVersion: Int?) throws -> Int {
        if let header = request.headers[.ifMatch] {
            guard let version = ETag.version(header) else { throw APIError.invalidParameter("If-Match") }
            return version
        }
        guard let bodyVersion else { throw APIError.versionRequired }
        return bodyVersion
    }

    /// A decoding failure as the error that names the member.
    static func explain(_ error: DecodingError) -> APIError {
        func name(_ path: [any CodingKey]) -> String {
            path.map { key in key.intValue.map(String.init) ?? snakeCase(key.stringValue) }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return APIError.invalid(name(context.codingPath + [key]), .required)
        case .valueNotFound(_, let context) where !context.codingPath.isEmpty:
            return APIError.invalid(name(context.codingPath), .required)
        case .typeMismatch(let type, let context) where !context.codingPath.isEmpty:
            return APIError.wrongType(field: name(context.codingPath), expected: jsonType(type))
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            let field = name(context.codingPath)
            if let domain = context.underlyingError as? DomainError { return APIError.from(domain) }
            return APIError(
                .unprocessableContent, code: "validation_failed", .apiInvalidParameter, ["name": field], field: field)
        default:
            return APIError(.unprocessableContent, code: "validation_failed", .apiUnreadableValue)
        }
    }

    /// Where the body holds a `null`: a member is either absent or has a value (the schemas allow no nulls).
    static func firstNull(in value: Any, at path: [String]) -> [String]? {
        switch value {
        case is NSNull: return path
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if let found = firstNull(in: object[key] as Any, at: path + [key]) { return found }
            }
        case let array as [Any]:
            for (index, item) in array.enumerated() {
                if let found = firstNull(in: item, at: path + [String(index)]) { return found }
            }
        default: break
        }
        return nil
    }

    /// The path of the first string (a value or a member's name) holding U+0000.
    static func firstNUL(in value: Any, at path: [String]) -> [String]? {
        switch value {
        case let text as String: return text.unicodeScalars.contains("\u{0}") ? path : nil
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if key.unicodeScalars.contains("\u{0}") { return path + [key] }
                if let found = firstNUL(in: object[key] as Any, at: path + [key]) { return found }
            }
        case let array as [Any]:
            for (index, item) in array.enumerated() {
                if let found = firstNUL(in: item, at: path + [String(index)]) { return found }
            }
        default: break
        }
        return nil
    }

    private static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "string"
        case is Bool.Type: return "boolean"
        case is Int.Type, is Int64.Type: return "integer"
        case is Decimal.Type, is Double.Type: return "number"
        case is [Any].Type: return "array"
        default: return "object"
        }
    }

    /// `keyResultId` → `key_result_id`: the decoder's key strategy turned the member's name into the property's,
    /// and a message names the member as the caller wrote it. (Input properties are spelled `…Id`, not `…ID`, so
    /// that the decoder's `convertFromSnakeCase` finds them.)
    static func snakeCase(_ key: String) -> String {
        var out = ""
        for character in key {
            if character.isUppercase {
                if !out.isEmpty && out.last != "_" { out.append("_") }
                out.append(contentsOf: character.lowercased())
            } else {
                out.append(character)
            }
        }
        return out
    }
}
