import Foundation
import Hummingbird

/// A SCIM error (RFC 7644 §3.12), answered in SCIM's error schema: machine-facing English `detail`, the HTTP
/// status (also as a string in the body) and, for 400 and 409, a `scimType`.
struct SCIMError: Error, Sendable, Equatable {
    let status: HTTPResponse.Status
    let scimType: String?
    let detail: String

    static func invalidFilter(_ detail: String) -> SCIMError {
        SCIMError(status: .badRequest, scimType: "invalidFilter", detail: detail)
    }
    static func invalidValue(_ detail: String) -> SCIMError {
        SCIMError(status: .badRequest, scimType: "invalidValue", detail: detail)
    }
    static func invalidSyntax(_ detail: String) -> SCIMError {
        SCIMError(status: .badRequest, scimType: "invalidSyntax", detail: detail)
    }
    static func invalidPath(_ detail: String) -> SCIMError {
        SCIMError(status: .badRequest, scimType: "invalidPath", detail: detail)
    }
    static func noTarget(_ detail: String) -> SCIMError {
        SCIMError(status: .badRequest, scimType: "noTarget", detail: detail)
    }
    static func mutability(_ detail: String) -> SCIMError {
        SCIMError(status: .badRequest, scimType: "mutability", detail: detail)
    }
    static func uniqueness(_ detail: String) -> SCIMError {
        SCIMError(status: .conflict, scimType: "uniqueness", detail: detail)
    }
    static func notFound(_ detail: String) -> SCIMError {
        SCIMError(status: .notFound, scimType: nil, detail: detail)
    }
    static let unauthorized = SCIMError(
        status: .unauthorized, scimType: nil, detail: "A valid SCIM bearer token is required.")

    static let errorSchema = "urn:ietf:params:scim:api:messages:2.0:Error"

    var json: SCIMJSON {
        var body: [String: SCIMJSON] = [
            "schemas": .array([.string(Self.errorSchema)]), "status": .string(String(status.code)),
            "detail": .string(detail),
        ]
        if let scimType { body["scimType"] = .string(scimType) }
        return .object(body)
    }

    func response() -> Response {
        var headers: HTTPFields = [.contentType: SCIMResponse.contentType]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"okra-scim\"" }
        // Only the read-only discovery endpoints answer 405.
        if status == .methodNotAllowed { headers[.allow] = "GET, HEAD" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: json.encoded())))
    }
}

/// A SCIM answer: JSON in `application/scim+json`.
enum SCIMResponse {
    static let contentType = "application/scim+json; charset=utf-8"

    static func json(_ value: SCIMJSON, status: HTTPResponse.Status = .ok, location: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: value.encoded())))
    }
}
