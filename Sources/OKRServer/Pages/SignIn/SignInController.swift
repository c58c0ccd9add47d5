import Foundation
import Hummingbird
import NIOCore
import OKRCore
import OKRStore

/// Signing in with a password and out, and the language switch: the pages anyone may reach.
struct SignInController: Sendable {
    let web: PageKit

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.open.get(.signIn, use: signInForm)
        routes.open.post(.signIn, use: signIn)
        routes.open.post(.signOut, use: signOut)
        routes.open.post(.language, use: switchLanguage)
    }

    // MARK: Sign in and out

    struct SignInForm: Decodable {
        let email: String?
        let password: String?
        let next: String?
    }

    func signInForm(_ request: Request, context: OkraContext) async throws -> Response {
        if context.person != nil { return .redirect(to: Route.myWeek.path, type: .normal) }
        // An empty database has no one to sign in: its first run creates the organization and its admin.
        if try await !store.holdsPeople() { return .redirect(to: Route.setup.path, type: .normal) }
        let next = PageKit.localPath(request.uri.queryParameters["next"].map(String.init))
        let page = web.page(request, context)
        let notice = request.uri.queryParameters["reset"] != nil ? page.t(.passwordResetDone) : nil
        return web.html(SignInView.render(page, web.signInOptions, email: "", error: nil, next: next, notice: notice))
    }

    func signIn(_ request: Request, context: OkraContext) async throws -> Response {
        let form = try context.decodeForm(SignInForm.self)
        let page = web.page(request, context)
        let next = PageKit.localPath(form.next)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form.password ?? ""
        // With passwords turned off, only a break-glass admin's address gets as far as its password.
        guard web.signInOptions.passwordSignIn.allows(email: email) else {
            return web.html(
                SignInView.render(page, web.signInOptions, email: email, error: page.t(.passwordSignInOff), next: next),
                .forbidden)
        }
        guard !email.isEmpty, !password.isEmpty else {
            return web.html(
                SignInView.render(page, web.signInOptions, email: email, error: page.t(.signInMissing), next: next),
                .badRequest)
        }
        // The try is reserved (and counted) before the password is looked at; past a limit it is refused at once.
        let throttle = SignInThrottle(store: store, now: web.environment.now)
        let address = SignInThrottle.clientAddress(
            peer: context.remoteAddress, forwardedFor: request.headers[SignInThrottle.forwardedFor],
            trusted: web.trustedProxies)
        let reservation: SignInThrottle.Reservation
        switch try await throttle.reserve(email: email, address: address) {
        case .wait(let seconds):
            let error = page.t(.apiRateLimited, ["seconds": String(seconds)])
            var response = web.html(
                SignInView.render(page, web.signInOptions, email: email, error: error, next: next), .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        case .allowed(let allowed):
            reservation = allowed
        }
        let found = try await store.person(email: email)
        let matches: Bool
        if let (_, hash) = found, let hash {
            matches = try await web.hasher.verify(password, against: hash)
        } else {
            matches = try await web.hasher.verifyNobody(password)
        }
        // Someone who left is refused like a wrong password: the form tells no one who has an account.
        guard matches, let (person, _) = found, person.isActive, web.signInOptions.passwordSignIn.allows(person.role)
        else {
            return web.html(
                SignInView.render(page, web.signInOptions, email: email, error: page.t(.signInFailed), next: next),
                .unauthorized)
        }
        try await throttle.succeeded(reservation)
        return try await web.signedIn(person.id, next: next)
    }

    func signOut(_ request: Request, context: OkraContext) async throws -> Response {
        if let id = context.sessionID { try await web.persist.remove(key: SessionMiddleware.key(id)) }
        var response = Response.redirect(to: Route.signIn.path, type: .normal)
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
    }

    /// Remembers the chosen language: in a cookie for everyone, and on the person when signed in.
    func switchLanguage(_ request: Request, context: OkraContext) async throws -> Response {
        let form = try context.decodeForm(LanguageForm.self)
        guard let language = form.to.flatMap(Language.init(rawValue:)) else {
            throw HTTPError(.badRequest, message: "to: expected vi or en")
        }
        if let person = context.person { try await store.setLanguage(person: person.id, language) }
        var response = Response.redirect(to: PageKit.localPath(form.back), type: .normal)
        response.setCookie(
            Cookie(
                name: SessionMiddleware.languageCookie, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                secure: web.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }
}
