import Foundation
import Hummingbird
import NIOCore
import OKRCore
import OKRStore

/// The one error shape of the JSON API: `{"error": {"code": "…", "message": "…", "field": "…"}}`, with its
/// HTTP status. Every error of the lower layers is mapped to one of these here, once.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public let field: String?

    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    public static let unauthorized = APIError(
        .unauthorized, code: "unauthorized", message: "Sign in or send an API token: Authorization: Bearer <token>.")
    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not_found", message: "\(what) was not found.")
    }

    /// Maps a domain, store or decoding error to the API's shape.
    public static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as DomainError:
            return APIError(
                .unprocessableContent, code: "validation_failed", message: error.message(.en), field: error.field)
        case let error as StoreError:
            switch error {
            case .notFound(let entity, let id):
                return APIError(.notFound, code: "not_found", message: "\(entity) \(id) was not found.")
            case .conflict:
                return APIError(.conflict, code: "version_conflict", message: "\(error)")
            case .duplicate(_, let field):
                return APIError(.conflict, code: "duplicate", message: "\(error)", field: field)
            case .invalidReference(_, let field):
                return APIError(.unprocessableContent, code: "invalid_reference", message: "\(error)", field: field)
            case .corrupt:
                return APIError(.internalServerError, code: "internal", message: "Stored data could not be read.")
            }
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, code: "payload_too_large", message: "The request body is too large.")
        case let error as HTTPError:
            return APIError(
                error.status, code: "http_\(error.status.code)", message: error.body ?? error.status.reasonPhrase)
        default:
            return APIError(.internalServerError, code: "internal", message: "The request could not be completed.")
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(
            APIErrorBody(error: .init(code: code, message: message, field: field)))
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// `{"error": {"code", "message", "field"}}`.
private struct APIErrorBody: Encodable {
    struct Inner: Encodable {
        let code: String
        let message: String
        let field: String?
    }
    let error: Inner
}
