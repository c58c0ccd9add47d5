import HTTPTypes
import Hummingbird
import OKRCore
import OKRStore

/// Authenticates API requests by bearer token (scripts) or, failing that, by the browser session. Answers
/// 401 in the API's error shape when neither is present; read-only tokens may only read. A browser session
/// writes only with the `X-CSRF-Token` header repeating its CSRF cookie, so another site cannot write for it.
///
/// Every error below this point is answered here, in the caller's language (`?lang=`, else the person's,
/// else `Accept-Language`).
struct APIAuthMiddleware: RouterMiddleware {
    typealias Context = OkraContext
    let store: OKRStore

    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func handle(
        _ request: Request, context: OkraContext, next: (Request, OkraContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let asked = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) {
            context.language = asked
        }
        do {
            try await authenticate(request, &context)
            return try await next(request, context)
        } catch {
            let apiError = APIError.from(error)
            if apiError.status == .internalServerError {
                context.logger.error(
                    "API request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            }
            return try apiError.response(from: request, context: context)
        }
    }

    private func authenticate(_ request: Request, _ context: inout OkraContext) async throws {
        let writes = request.method != .get && request.method != .head
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                let (person, readOnly) = try await store.person(apiToken: String(parts[1])), person.isActive
            else { throw APIError.unauthorized }
            context.person = person
            context.readOnlyToken = readOnly
            if request.uri.queryParameters["lang"] == nil, let language = person.language {
                context.language = language
            }
            if readOnly && writes { throw APIError.readOnlyToken }
        } else if context.person != nil, writes {
            guard let sent = request.headers[Self.csrfHeader],
                sent == request.cookies[SessionMiddleware.csrfCookie]?.value
            else { throw APIError.csrf }
        }
        guard context.person != nil else { throw APIError.unauthorized }
    }
}
