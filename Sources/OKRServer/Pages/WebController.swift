import Foundation
import Hummingbird
import NIOCore
import OKRCore
import OKRStore

/// The browser's routes: sign in and out, the language switch, the company overview and the alignment map.
struct WebController: Sendable {
    let store: OKRStore
    let persist: SQLPersistDriver
    let hasher: PasswordHasher
    let environment: AppEnvironment
    let secureCookies: Bool
    /// Whose `X-Forwarded-For` the sign-in limits believe.
    var trustedProxies = TrustedProxies([])
    /// Which ways of signing in the form offers.
    var signInOptions = SignInOptions.passwordsOnly

    func addRoutes(to router: some RouterMethods<OkraContext>) {
        router.get("/sign-in", use: signInForm)
        router.post("/sign-in", use: signIn)
        router.post("/sign-out", use: signOut)
        router.post("/language", use: switchLanguage)
        router.get("/company", use: overview)
        router.get("/map", use: map)
    }

    // MARK: Sign in and out

    struct SignInForm: Decodable {
        let email: String?
        let password: String?
        let csrf: String?
        let next: String?
    }

    func signInForm(_ request: Request, context: OkraContext) async throws -> Response {
        if context.person != nil { return .redirect(to: "/", type: .normal) }
        // An empty database has no one to sign in: its first run creates the organization and its admin.
        if try await !store.holdsPeople() { return .redirect(to: "/setup", type: .normal) }
        let next = Self.localPath(request.uri.queryParameters["next"].map(String.init))
        let page = page(request, context)
        let notice = request.uri.queryParameters["reset"] != nil ? page.t(.passwordResetDone) : nil
        return html(SignInView.render(page, signInOptions, email: "", error: nil, next: next, notice: notice))
    }

    func signIn(_ request: Request, context: OkraContext) async throws -> Response {
        let form = try await decodeForm(SignInForm.self, request, context)
        let page = page(request, context)
        let next = Self.localPath(form.next)
        guard form.csrf == request.cookies[SessionMiddleware.csrfCookie]?.value, form.csrf != nil else {
            return html(
                SignInView.render(
                    page, signInOptions, email: form.email ?? "", error: page.t(.formExpired), next: next), .forbidden)
        }
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form.password ?? ""
        // With passwords turned off, only a break-glass admin's address gets as far as its password.
        guard signInOptions.passwordSignIn.allows(email: email) else {
            return html(
                SignInView.render(page, signInOptions, email: email, error: page.t(.passwordSignInOff), next: next),
                .forbidden)
        }
        guard !email.isEmpty, !password.isEmpty else {
            return html(
                SignInView.render(page, signInOptions, email: email, error: page.t(.signInMissing), next: next),
                .badRequest)
        }
        // The try is reserved (and counted) before the password is looked at; past a limit it is refused at once.
        let throttle = SignInThrottle(store: store, now: environment.now)
        let address = SignInThrottle.clientAddress(
            peer: context.remoteAddress, forwardedFor: request.headers[SignInThrottle.forwardedFor],
            trusted: trustedProxies)
        let reservation: SignInThrottle.Reservation
        switch try await throttle.reserve(email: email, address: address) {
        case .wait(let seconds):
            let error = page.t(.apiRateLimited, ["seconds": String(seconds)])
            var response = html(
                SignInView.render(page, signInOptions, email: email, error: error, next: next), .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        case .allowed(let allowed):
            reservation = allowed
        }
        let found = try await store.person(email: email)
        let matches: Bool
        if let (_, hash) = found, let hash {
            matches = try await hasher.verify(password, against: hash)
        } else {
            matches = try await hasher.verifyNobody(password)
        }
        // Someone who left is refused like a wrong password: the form tells no one who has an account.
        guard matches, let (person, _) = found, person.isActive, signInOptions.passwordSignIn.allows(person.role)
        else {
            return html(
                SignInView.render(page, signInOptions, email: email, error: page.t(.signInFailed), next: next),
                .unauthorized)
        }
        try await throttle.succeeded(reservation)
        return try await signedIn(person.id, next: next)
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

    struct CSRFForm: Decodable {
        let csrf: String?
    }

    func signOut(_ request: Request, context: OkraContext) async throws -> Response {
        let form = try await decodeForm(CSRFForm.self, request, context)
        try checkCSRF(form.csrf, request)
        if let id = context.sessionID { try await persist.remove(key: SessionMiddleware.key(id)) }
        var response = Response.redirect(to: "/sign-in", type: .normal)
        response.setCookie(
            Cookie(
                name: SessionMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        response.setCookie(
            Cookie(name: SessionMiddleware.csrfCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        return response
    }

    struct LanguageForm: Decodable {
        let to: String?
        let back: String?
        let csrf: String?
    }

    /// Remembers the chosen language: in a cookie for everyone, and on the person when signed in.
    func switchLanguage(_ request: Request, context: OkraContext) async throws -> Response {
        let form = try await decodeForm(LanguageForm.self, request, context)
        try checkCSRF(form.csrf, request)
        guard let language = form.to.flatMap(Language.init(rawValue:)) else {
            throw HTTPError(.badRequest, message: "to: expected vi or en")
        }
        if let person = context.person { try await store.setLanguage(person: person.id, language) }
        var response = Response.redirect(to: Self.localPath(form.back), type: .normal)
        response.setCookie(
            Cookie(
                name: SessionMiddleware.languageCookie, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    // MARK: Pages

    func overview(_ request: Request, context: OkraContext) async throws -> Response {
        guard let viewer = context.person else { return signInRedirect(request) }
        let page = page(request, context)
        guard let report = try await report(request, viewer: viewer) else {
            return html(Layout.render(page, title: page.t(.overviewTitle)) { $0.element("p", text: page.t(.noCycle)) })
        }
        let open = Overview.openTeams(request.uri.queryParameters.getAll("open").map { String($0) })
        var overview = Overview.build(report, language: page.language, open: open)
        // The cards' sparklines: read for the KRs shown when some are not kept yet, then the page built again.
        let shown = overview.sections.flatMap(\.objectives).flatMap { report.keyResults(of: $0.objective.id) }
        if shown.contains(where: { Sparkline.points($0, last: report.lastCheckIn($0.value.id)) == nil }) {
            try await Sparkline.prefetch(shown, report: report, store: store)
            overview = Overview.build(report, language: page.language, open: open)
        }
        return html(OverviewView.render(page, overview))
    }

    func map(_ request: Request, context: OkraContext) async throws -> Response {
        guard let viewer = context.person else { return signInRedirect(request) }
        let page = page(request, context)
        guard let report = try await report(request, viewer: viewer) else {
            return html(Layout.render(page, title: page.t(.mapTitle)) { $0.element("p", text: page.t(.noCycle)) })
        }
        // A team whose people were asked for (`?team=team-<id>`) is open too.
        let teams = request.uri.queryParameters.getAll("team").map { String($0) }.filter { $0.hasPrefix("team-") }
        let open = Overview.openTeams(
            request.uri.queryParameters.getAll("open").map { String($0) } + teams.map { String($0.dropFirst(5)) })
        let overview = Overview.build(report, language: page.language, open: open, folds: AlignmentMap.teamsFold)
        return html(AlignmentMapView.render(page, AlignmentMap(overview: overview, language: page.language)))
    }

    /// The cycle of `?cycle=` (an unknown one falls back to the active cycle), or nil when there is none yet.
    private func report(_ request: Request, viewer: Person) async throws -> CycleReport? {
        let query = request.uri.queryParameters["cycle"].map(String.init)
        var choice = try await CycleReport.load(store: store, viewer: viewer, cycle: query, environment: environment)
        if case .unknown = choice {
            choice = try await CycleReport.load(store: store, viewer: viewer, cycle: nil, environment: environment)
        }
        if case .report(let report) = choice { return report }
        return nil
    }

    // MARK: Plumbing

    /// Only local paths are followed after sign-in or a language switch (no open redirects).
    static func localPath(_ path: String?) -> String {
        guard let path, path.count < 500, path.hasPrefix("/"),
            path.unicodeScalars.allSatisfy({ urlCharacters.contains($0) }),
            path.dropFirst().first.map({ $0 != "/" }) ?? true
        else { return "/" }
        return path
    }

    /// The characters a URL may hold as they are (RFC 3986), without the backslash, whitespace or controls that
    /// browsers strip or turn into `/` — `/%09/evil.example` arrives as `/\t/evil.example` and a browser goes to
    /// `//evil.example`. Nothing is removed from a path: one with anything else is refused whole.
    static let urlCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%")

    func page(_ request: Request, _ context: OkraContext) -> Page { Page(request, context) }

    func signInRedirect(_ request: Request) -> Response {
        var next = request.uri.path
        if let query = request.uri.query, !query.isEmpty { next += "?" + query }
        return .redirect(to: "/sign-in?next=" + Self.queryValue(next), type: .normal)
    }

    /// `text` as one value in a URL's query (`&`, `=` and `?` escaped).
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "?", "+"])) ?? "/"
    }

    func checkCSRF(_ field: String?, _ request: Request) throws {
        guard let field, let cookie = request.cookies[SessionMiddleware.csrfCookie]?.value, field == cookie else {
            throw HTTPError(.forbidden, message: "The form has expired; reload the page and try again.")
        }
    }

    func decodeForm<T: Decodable>(_ type: T.Type, _ request: Request, _ context: OkraContext) async throws -> T {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "The form is larger than \(context.maxUploadSize) bytes.")
        }
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: body))
        } catch {
            throw HTTPError(.badRequest, message: "The form could not be read.")
        }
    }

    func html(_ text: String, _ status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension Page {
    /// The page answering `request`. Its path is where the language switch comes back to: the URL itself for a
    /// GET, and for a posted form — whose URL may have no page of its own (`/objectives/o-1/publish`) — the page
    /// it was posted from (its `Referer`), else My week.
    init(_ request: Request, _ context: OkraContext) {
        var path = request.uri.path
        if let query = request.uri.query, !query.isEmpty { path += "?" + query }
        if request.method != .get && request.method != .head {
            path = request.headers[.referer].flatMap(Self.localPath(ofReferer:)) ?? "/"
        }
        self.init(language: context.language, person: context.person, csrfToken: context.csrfToken, path: path)
        flash = context.flash
    }

    /// `/objectives/new?parent=o-1` of `https://okr.example.com/objectives/new?parent=o-1`; the switch checks it
    /// again (`WebController.localPath`) before going there.
    static func localPath(ofReferer referer: String) -> String? {
        guard let url = URLComponents(string: referer), !url.percentEncodedPath.isEmpty else { return nil }
        let query = url.percentEncodedQuery.map { "?" + $0 } ?? ""
        return url.percentEncodedPath + query
    }
}
