import HTTPTypes
import Hummingbird

/// The headers every answer carries so that a browser treats it safely: never sniff a type, send no referrer,
/// no framing, and for pages a Content-Security-Policy that runs only Okra's own script file and stylesheet (no
/// inline script or style, no `eval`), posts forms only to Okra and fixes the base URL. What is not a static
/// asset is never stored by a cache (pages and JSON hold a person's data). Behind HTTPS (`secureCookies`), HSTS
/// too. drheader's default rules find nothing high on a page served with `--secure-cookies`.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = OkraContext

    let secure: Bool

    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "object-src 'none'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'",
    ].joined(separator: "; ")

    static let dataPolicy = "default-src 'none'; frame-ancestors 'none'"

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let xssProtection = HTTPField.Name("X-XSS-Protection")!
    static let pragma = HTTPField.Name("Pragma")!

    func handle(
        _ request: Request, context: OkraContext, next: (Request, OkraContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        // No referrer at all: Okra needs none, and a page's address (an objective's id, a search) stays home.
        response.headers[Self.referrerPolicy] = "no-referrer"
        response.headers[Self.frameOptions] = "DENY"
        // The old XSS auditors are off (they could be turned against a page); the CSP does that work.
        response.headers[Self.xssProtection] = "0"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        } else if !request.uri.path.hasPrefix("/assets/") {
            // JSON, Markdown and the rest are data: nothing in them may load or run, nor be framed.
            response.headers[.contentSecurityPolicy] = Self.dataPolicy
        }
        if !request.uri.path.hasPrefix("/assets/") {
            response.headers[.cacheControl] = "no-store, max-age=0"
            response.headers[Self.pragma] = "no-cache"
        }
        if secure { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        return response
    }
}
