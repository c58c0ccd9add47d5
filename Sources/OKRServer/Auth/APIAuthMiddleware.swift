import Hummingbird
import OKRCore
import OKRStore

/// Authenticates API requests by bearer token (scripts) or, failing that, by the browser session. Answers
/// 401 in the API's error shape when neither is present; read-only tokens may only read.
struct APIAuthMiddleware: RouterMiddleware {
    typealias Context = OkraContext
    let store: OKRStore

    func handle(
        _ request: Request, context: OkraContext, next: (Request, OkraContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                let (person, readOnly) = try await store.person(apiToken: String(parts[1]))
            else { throw APIError.unauthorized }
            context.person = person
            context.readOnlyToken = readOnly
            if readOnly && request.method != .get && request.method != .head {
                throw APIError(.forbidden, code: "read_only_token", message: "This API token may only read.")
            }
        }
        guard context.person != nil else { throw APIError.unauthorized }
        do {
            return try await next(request, context)
        } catch {
            throw APIError.from(error)
        }
    }
}
