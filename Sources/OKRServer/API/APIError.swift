import Foundation
import Hummingbird
import NIOCore
import OKRCore
import OKRStore

/// The one error shape of the JSON API: `{"error": {"code": "…", "message": "…", "field": "…"}}`, with its
/// HTTP status. Every error of the lower layers is mapped to one of these here, once. The message comes from
/// the string catalog in the caller's language; `code` and `field` are for programs and never translated.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let field: String?
    /// Headers the error carries: `Allow` on 405, `Retry-After` on 429.
    public var headers: HTTPFields = [:]
    /// Each thing a refused import says is wrong, by row and column (`import_refused`).
    public var problems: [ImportProblem]?
    private let text: @Sendable (Language) -> String

    init(
        _ status: HTTPResponse.Status, code: String, field: String? = nil,
        text: @escaping @Sendable (Language) -> String
    ) {
        self.status = status
        self.code = code
        self.field = field
        self.text = text
    }

    init(
        _ status: HTTPResponse.Status, code: String, _ key: StringKey, _ values: [String: String] = [:],
        field: String? = nil
    ) {
        self.init(status, code: code, field: field) { Strings.shipped.text(key, $0, values) }
    }

    /// The message in `language`.
    public func message(_ language: Language) -> String { text(language) }

    // MARK: The errors of the API

    static let unauthorized = APIError(.unauthorized, code: "unauthorized", .apiUnauthorized)
    static let readOnlyToken = APIError(.forbidden, code: "read_only_token", .apiReadOnlyToken)
    static let forbidden = APIError(.forbidden, code: "forbidden", .apiForbidden)
    static let csrf = APIError(.forbidden, code: "csrf_failed", .apiCSRF)
    static let unsupportedMediaType = APIError(
        .unsupportedMediaType, code: "unsupported_media_type", .apiUnsupportedMediaType)
    static let versionRequired = APIError(.preconditionRequired, code: "version_required", .apiVersionRequired)
    static let routeNotFound = APIError(.notFound, code: "not_found", .apiRouteNotFound)
    static let serverFailure = APIError(.internalServerError, code: "internal", .apiInternal)

    static func notFound(_ entity: Entity, _ id: String, field: String? = nil) -> APIError {
        APIError(.notFound, code: "not_found", field: field) { language in
            Strings.shipped.text(.apiNotFound, language, ["entity": entity.name(language), "id": id])
        }
    }

    static func malformed(_ key: StringKey = .apiMalformedJSON) -> APIError {
        APIError(.badRequest, code: "malformed_json", key)
    }

    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "payload_too_large", .apiTooLarge, ["limit": String(limit)])
    }

    /// A query parameter or header that cannot be read.
    static func invalidParameter(_ name: String) -> APIError {
        APIError(.badRequest, code: "invalid_parameter", .apiInvalidParameter, ["name": name], field: name)
    }

    /// A body member of the wrong JSON type.
    static func wrongType(field: String, expected: String) -> APIError {
        APIError(
            .unprocessableContent, code: "validation_failed", .apiWrongType, ["field": field, "type": expected],
            field: field)
    }

    static func invalid(_ field: String, _ reason: InvalidReason) -> APIError {
        from(DomainError.invalid(field: field, reason: reason))
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> APIError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        var error = APIError(
            .methodNotAllowed, code: "method_not_allowed", .apiMethodNotAllowed,
            ["method": method.rawValue, "allowed": list])
        error.headers[.allow] = list
        return error
    }

    /// An import that cannot be applied: `problems` says where and why; nothing was written.
    static func importRefused(_ problems: [ImportProblem]) -> APIError {
        var error = APIError(
            .unprocessableContent, code: "import_refused", .importRefused, ["count": String(problems.count)])
        error.problems = problems
        return error
    }

    static func rateLimited(retryAfter seconds: Int) -> APIError {
        var error = APIError(.tooManyRequests, code: "rate_limited", .apiRateLimited, ["seconds": String(seconds)])
        error.headers[.retryAfter] = String(seconds)
        return error
    }

    /// Maps a domain, store or decoding error to the API's shape.
    public static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as DomainError:
            let code: String
            if case .transitionNotAllowed = error {
                code = "transition_not_allowed"
            } else {
                code = "validation_failed"
            }
            return APIError(.unprocessableContent, code: code, field: error.field) { error.message($0) }
        case let error as StoreError:
            return from(error)
        case is NIOTooManyBytesError:
            return tooLarge(limit: OkraContext.maxBodySize)
        case let error as HTTPError where error.status == .notFound:
            return routeNotFound
        case let error as HTTPError where error.status == .contentTooLarge:
            return tooLarge(limit: OkraContext.maxBodySize)
        case let error as HTTPError where (400..<500).contains(error.status.code):
            return APIError(error.status, code: "http_\(error.status.code)", .apiBadRequest)
        default:
            return serverFailure
        }
    }

    static func from(_ error: StoreError) -> APIError {
        switch error {
        case .notFound(let entity, let id):
            return notFound(Entity(rawValue: entity) ?? .record, id)
        case .conflict(let entity, let id, _, let actual):
            return APIError(.conflict, code: "version_conflict") { language in
                Strings.shipped.text(
                    .apiVersionConflict, language,
                    [
                        "entity": (Entity(rawValue: entity) ?? .record).name(language), "id": id,
                        "version": actual.map(String.init) ?? "–",
                    ])
            }
        case .duplicate(_, let field):
            return APIError(.conflict, code: "duplicate", .apiDuplicate, ["field": field], field: field)
        case .invalidReference(_, let field):
            return APIError(
                .unprocessableContent, code: "invalid_reference", .apiInvalidReference, ["field": field], field: field)
        case .corrupt:
            return serverFailure
        case .cycleClosed(let cycle):
            return APIError(.conflict, code: "cycle_closed", .apiCycleClosed, ["cycle": cycle])
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let okra = context as? OkraContext
        let language = okra?.language ?? .en
        let requestID = okra.flatMap { $0.requestID.isEmpty ? nil : $0.requestID }
        let data = try JSONEncoder().encode(
            APIErrorBody(
                error: .init(
                    code: code, message: text(language), field: field, requestID: requestID, problems: problems)))
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// `{"error": {"code", "message", "field", "request_id"}}`.
private struct APIErrorBody: Encodable {
    struct Inner: Encodable {
        let code: String
        let message: String
        let field: String?
        let requestID: String?
        let problems: [ImportProblem]?

        enum CodingKeys: String, CodingKey {
            case code, message, field, problems
            case requestID = "request_id"
        }
    }
    let error: Inner
}

/// The kinds of record the API names in its messages, by the store's entity names.
enum Entity: String, Sendable {
    case objective
    case keyResult = "key_result"
    case cycle, team, person, initiative
    case checkIn = "check_in"
    case weeklyUpdate = "weekly_update"
    case ask = "dependency_ask"
    case comment, kpi, retrospective
    case directionBrief = "direction_brief"
    case token = "api_token"
    case record

    func name(_ language: Language) -> String {
        Strings.shipped.text(key, language)
    }

    private var key: StringKey {
        switch self {
        case .objective: return .entityObjective
        case .keyResult: return .entityKeyResult
        case .cycle: return .entityCycle
        case .team: return .entityTeam
        case .person: return .entityPerson
        case .initiative: return .entityInitiative
        case .checkIn: return .entityCheckIn
        case .weeklyUpdate: return .entityWeeklyUpdate
        case .ask: return .entityAsk
        case .comment: return .entityComment
        case .kpi: return .entityKPI
        case .directionBrief: return .entityDirectionBrief
        case .retrospective: return .entityRetrospective
        case .token: return .entityToken
        case .record: return .entityRecord
        }
    }
}
