import Foundation
import Hummingbird
import NIOCore

/// What an API handler answers: a status, a JSON body (or none) and headers such as `ETag`.
struct APIReply: Sendable {
    let status: HTTPResponse.Status
    let body: ByteBuffer?
    var headers: HTTPFields

    /// A JSON body; `version` becomes the `ETag` that a later `If-Match` repeats.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, version: Int? = nil) throws
        -> APIReply
    {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let version { headers[.eTag] = ETag.header(version) }
        return APIReply(status: status, body: try APIJSON.encode(value), headers: headers)
    }

    static let noContent = APIReply(status: .noContent, body: nil, headers: [:])

    var response: Response {
        Response(status: status, headers: headers, body: body.map { .init(byteBuffer: $0) } ?? .init())
    }
}

/// Versions as HTTP entity tags: version 3 is `"v3"` (weak tags `W/"v3"` are read the same way).
enum ETag {
    static func header(_ version: Int) -> String { "\"v\(version)\"" }

    static func version(_ header: String) -> Int? {
        var text = header.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("W/") { text.removeFirst(2) }
        guard text.count >= 4, text.hasPrefix("\"v"), text.hasSuffix("\"") else { return nil }
        return Int(text.dropFirst(2).dropLast())
    }
}

extension JSONEncoder {
    /// The API's encoder: snake_case keys, sorted for stable output.
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    /// The API's decoder: snake_case keys.
    static var api: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
