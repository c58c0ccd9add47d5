import Hummingbird
import Synchronization

/// The API's paths and the methods each declares, filled in while the router is built.
final class DeclaredRoutes: Sendable {
    private let routes = Mutex<[(segments: [Substring], methods: [HTTPRequest.Method])]>([])

    func declare(path: String, methods: [HTTPRequest.Method]) {
        routes.withLock { $0.append((path.split(separator: "/"), methods)) }
    }

    /// The methods declared for the template `path` matches (a `{param}` segment matches any one segment).
    func methods(for path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/")
        return routes.withLock { routes in
            routes.first { route in
                route.segments.count == segments.count
                    && zip(route.segments, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            }?.methods
        }
    }
}

/// Answers a method that an API path does not declare — any method, `QUERY` and extension methods included —
/// with `405 Method Not Allowed` and the `Allow` header, in the API's error shape, instead of the router's 404.
struct UndeclaredMethodMiddleware: RouterMiddleware {
    typealias Context = OkraContext
    let routes: DeclaredRoutes

    func handle(
        _ request: Request, context: OkraContext, next: (Request, OkraContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            // A page is read with GET (or HEAD) and changed with POST: any other method is 405, as a page.
            if !request.uri.path.hasPrefix(OpenAPIDocument.prefix + "/"),
                ![.get, .head, .post].contains(request.method)
            {
                throw HTTPError(.methodNotAllowed, headers: [.allow: "GET, HEAD, POST"])
            }
            guard let allowed = routes.methods(for: request.uri.path), !allowed.contains(request.method) else {
                throw error
            }
            return try APIError.methodNotAllowed(request.method, allowed: allowed).response(
                from: request, context: context)
        }
    }
}
