import HTTPTypes
import Hummingbird

/// The headers every answer carries so that a browser treats it safely: never sniff a type, no referrer to
/// other sites, no framing, and for pages a Content-Security-Policy that runs only Okra's own script file (no
/// inline script, no `eval`), posts forms only to Okra and fixes the base URL. What is not a static asset is
/// never stored by a cache (pages and JSON hold a person's data). Behind HTTPS (`secureCookies`), HSTS too.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = OkraContext

    let secure: Bool

    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "object-src 'none'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'",
    ].joined(separator: "; ")

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!

    func handle(
        _ request: Request, context: OkraContext, next: (Request, OkraContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "same-origin"
        response.headers[Self.frameOptions] = "DENY"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        }
        if response.headers[.cacheControl] == nil, !request.uri.path.hasPrefix("/assets/") {
            response.headers[.cacheControl] = "no-store"
        }
        if secure { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        return response
    }
}
