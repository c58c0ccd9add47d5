import Foundation
import Hummingbird
import NIOCore
import OKRCore
import OKRStore

/// What every page controller is given, built once by `buildRouter`: the store, the sessions, the password
/// hasher, the clock and the sign-in options, with the helpers that turn a view into a response.
struct PageKit: Sendable {
    let store: OKRStore
    let persist: SQLPersistDriver
    let hasher: PasswordHasher
    let environment: AppEnvironment
    let secureCookies: Bool
    /// Whose `X-Forwarded-For` the sign-in limits believe.
    var trustedProxies = TrustedProxies([])
    /// Which ways of signing in the form offers.
    var signInOptions = SignInOptions.passwordsOnly

    /// The page answering `request`, in the context's language, for the context's person.
    func page(_ request: Request, _ context: some PageContext) -> Page { Page(request, context) }

    /// A rendered page as the response, with `status`.
    func html(_ text: String, _ status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The cycle a page shows: the one named (`?cycle=`), else — or when that one is unknown — the shortest
    /// active cycle running today; nil before the first cycle.
    func report(_ viewer: Person, cycle: String?) async throws -> CycleReport? {
        var choice = try await CycleReport.load(store: store, viewer: viewer, cycle: cycle, environment: environment)
        if case .unknown = choice {
            choice = try await CycleReport.load(store: store, viewer: viewer, cycle: nil, environment: environment)
        }
        if case .report(let report) = choice { return report }
        return nil
    }

    /// A new session for `person`, its cookies, and on to `next`.
    func signedIn(_ person: PersonID, next: String) async throws -> Response {
        let sessionID = try await persist.startSession(for: person)
        var response = Response.redirect(to: next, type: .normal)
        // A new CSRF token with the new session: one planted before sign-in is worth nothing after it.
        response.setCookie(
            Cookie(
                name: SessionMiddleware.csrfCookie, value: Token.random(), path: "/", secure: secureCookies,
                httpOnly: true, sameSite: .lax))
        response.setCookie(
            Cookie(
                name: SessionMiddleware.sessionCookie, value: sessionID,
                maxAge: Int(SessionMiddleware.sessionLifetime.components.seconds), path: "/", secure: secureCookies,
                httpOnly: true, sameSite: .lax))
        return response
    }

    /// A page titled `title` that says no cycle exists yet.
    func noCycle(_ page: Page, title: StringKey) -> Response {
        html(Layout.render(page, title: page.t(title)) { $0.element("p", text: page.t(.noCycle)) })
    }

    /// Only local paths are followed after sign-in or a language switch (no open redirects).
    static func localPath(_ path: String?) -> String {
        guard let path, path.count < 500, path.hasPrefix("/"),
            path.unicodeScalars.allSatisfy({ urlCharacters.contains($0) }),
            path.dropFirst().first.map({ $0 != "/" }) ?? true
        else { return Route.myWeek.path }
        return path
    }

    /// The characters a URL may hold as they are (RFC 3986), without the backslash, whitespace or controls that
    /// browsers strip or turn into `/` — `/%09/evil.example` arrives as `/\t/evil.example` and a browser goes to
    /// `//evil.example`. Nothing is removed from a path: one with anything else is refused whole.
    static let urlCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%")

    /// The sign-in page, coming back to `request`'s page after.
    static func signInRedirect(_ request: Request) -> Response {
        var next = request.uri.path
        if let query = request.uri.query, !query.isEmpty { next += "?" + query }
        return .redirect(to: Route.signIn.path(["next": next]), type: .normal)
    }

    /// `text` as one value in a URL's query (`&`, `=` and `?` escaped).
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "?", "+"])) ?? "/"
    }
}

extension Page {
    /// The page answering `request`. Its path is where the language switch comes back to: the URL itself for a
    /// GET, and for a posted form — whose URL may have no page of its own (`/objectives/o-1/publish`) — the page
    /// it was posted from (its `Referer`), else My week.
    init(_ request: Request, _ context: some PageContext) {
        var path = request.uri.path
        if let query = request.uri.query, !query.isEmpty { path += "?" + query }
        if request.method != .get && request.method != .head {
            path = request.headers[.referer].flatMap(Self.localPath(ofReferer:)) ?? Route.myWeek.path
        }
        self.init(language: context.language, person: context.signedIn, csrfToken: context.csrfToken, path: path)
        flash = context.flash
    }

    /// `/objectives/new?parent=o-1` of `https://okr.example.com/objectives/new?parent=o-1`; the switch checks it
    /// again (`PageKit.localPath`) before going there.
    static func localPath(ofReferer referer: String) -> String? {
        guard let url = URLComponents(string: referer), !url.percentEncodedPath.isEmpty else { return nil }
        let query = url.percentEncodedQuery.map { "?" + $0 } ?? ""
        return url.percentEncodedPath + query
    }
}
