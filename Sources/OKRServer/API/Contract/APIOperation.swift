import HTTPTypes

/// One operation of the JSON API: how it is called and what it answers. The router and the OpenAPI document
/// are both built from these, so a route cannot exist without its description, nor the other way round.
struct APIOperation: Sendable {
    let method: HTTPRequest.Method
    /// Below `/api/v1`, with parameters in braces: `/objectives/{id}`.
    let path: String
    /// The OpenAPI `operationId`: `listObjectives`.
    let id: String
    let tag: String
    let summary: String
    var query: [Parameter] = []
    /// Headers the operation reads (for example `If-Match`).
    var headers: [Parameter] = []
    var body: Schema?
    var success: HTTPResponse.Status = .ok
    /// The success body; `nil` for `204 No Content`.
    var response: Schema?
    /// Bodies other than JSON (files), by media type; when set, they replace `body` in the document.
    var bodyMedia: [Media] = []
    /// Success bodies other than JSON (files), by media type; when set, they replace `response`.
    var responseMedia: [Media] = []
    /// Path parameters get examples from the demo organization, so a fuzzer reaches real records too.
    var examples: [String: String] = [:]

    /// A media type and the schema of its body.
    struct Media: Sendable {
        let type: String
        let schema: Schema
    }

    struct Parameter: Sendable {
        let name: String
        let schema: Schema
        let description: String
        var required = false
    }

    /// The names in braces of `path`, in order.
    var pathParameters: [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    /// Hummingbird's spelling of the path: `/objectives/:id`.
    var routerPath: String {
        "/"
            + path.split(separator: "/").map { segment in
                segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : segment
            }.joined(separator: "/")
    }

    /// Whether the operation changes anything (read-only tokens and viewers may not call it).
    var writes: Bool { method != .get && method != .head }

    /// The statuses an error may carry, documented on every operation.
    static let errorStatuses: [HTTPResponse.Status] = [
        .badRequest, .unauthorized, .forbidden, .notFound, .conflict, .contentTooLarge, .unsupportedMediaType,
        .unprocessableContent, .preconditionRequired, .tooManyRequests,
    ]
}

extension APIOperation.Parameter {
    /// The page size of a list: 1 to 200, 50 by default.
    static let limit = Self(
        name: "limit", schema: .integer(minimum: 1, maximum: 200), description: "Items per page (1–200, default 50).")
    /// Where the previous page ended, as its `next_cursor` gave it (unpadded base64url).
    static let cursor = Self(
        name: "cursor", schema: .string(.init(pattern: PageRequest.cursorPattern)),
        description: "The `next_cursor` of the previous page.")
    /// An owner filter: `company`, `team:<id>` or `person:<id>`.
    static let owner = Self(
        name: "owner", schema: .string(.init(pattern: "^(company|(team|person):[A-Za-z0-9._-]{1,64})$")),
        description: "`company`, `team:<id>` or `person:<id>`.")
    static let language = Self(
        name: "lang", schema: .oneOf(["vi", "en"]),
        description: "Language of explanations and messages (default: the caller's).")
}

extension APIOperation {
    /// How an update names the version it changes. `If-Match` (with the ETag of a GET) is read too and wins, but
    /// is not declared as a parameter: a fuzzer sending any string there would expect it to be accepted.
    static let versionDescription =
        "The version being changed, as read (a stale one is 409). An `If-Match` header with the ETag of a GET wins over it."
}
