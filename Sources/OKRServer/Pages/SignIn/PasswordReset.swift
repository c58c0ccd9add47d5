import Foundation
import Hummingbird
import Logging
import OKRCore
import OKRStore

/// Setting a new password from a link sent by e-mail, through the SMTP server the reminders use: asked for on
/// `/password/forgot` (the same answer whether or not the address has an account, so the form tells no one who
/// works here), or sent by an admin from the person's settings. A link works once, for an hour, only for someone
/// who has not left; the newest link replaces earlier ones. Setting the password ends every session of the person.
struct PasswordResetController: Sendable {
    let web: PageKit
    let mailer: SMTPClient?
    /// The base of the links in the e-mails (`https://okr.example.vn`).
    let publicURL: String

    static let lifetime: Duration = .seconds(3600)

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.open.get(.forgotPassword, use: forgotForm)
        routes.open.post(.forgotPassword, use: forgot)
        routes.open.get(.resetPassword, use: resetForm)
        routes.open.post(.resetPassword, use: reset)
        routes.signedIn.post(.resetLink(.key), use: sendByAdmin)
    }

    func forgotForm(_ request: Request, context: OkraContext) async throws -> Response {
        web.html(PasswordResetView.forgot(web.page(request, context), sent: false, email: ""))
    }

    func forgot(_ request: Request, context: OkraContext) async throws -> Response {
        let form = context.postedForm
        let page = web.page(request, context)
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        // With passwords off, a link is only sent to a break-glass admin: anyone else could not use the password.
        if let found = try await store.person(email: email)?.person, found.isActive,
            web.signInOptions.passwordSignIn.allows(email: found.email)
        {
            try await send(to: found, actor: nil)
        }
        return web.html(PasswordResetView.forgot(page, sent: true, email: email))
    }

    func resetForm(_ request: Request, context: OkraContext) async throws -> Response {
        let page = web.page(request, context)
        let secret = request.uri.queryParameters["token"].map(String.init) ?? ""
        guard Token.isWellFormed(secret), try await store.passwordReset(secret: secret) != nil else {
            return web.html(PasswordResetView.invalid(page), .notFound)
        }
        return web.html(PasswordResetView.reset(page, secret: secret, error: nil))
    }

    func reset(_ request: Request, context: OkraContext) async throws -> Response {
        let form = context.postedForm
        let page = web.page(request, context)
        let secret = form["token"] ?? ""
        let password = form["password"] ?? ""
        guard Token.isWellFormed(secret), try await store.passwordReset(secret: secret) != nil else {
            return web.html(PasswordResetView.invalid(page), .notFound)
        }
        guard PasswordHasher.isAcceptable(password), (10...200).contains(password.unicodeScalars.count) else {
            return web.html(
                PasswordResetView.reset(page, secret: secret, error: page.t(.adminPasswordLength)),
                .unprocessableContent)
        }
        let hash = try await web.hasher.hash(password)
        guard let person = try await store.resetPassword(secret: secret, hash: hash) else {
            return web.html(PasswordResetView.invalid(page), .notFound)
        }
        try await web.persist.endSessions(of: person)
        return .redirect(to: Route.signIn.path(["reset": "1"]), type: .normal)
    }

    /// An admin sends someone a link; without e-mail the page shows the link for the admin to pass on.
    func sendByAdmin(_ request: Request, context: SignedInContext) async throws -> Response {
        let admin = try await AdminController(web: web).adminForm(request, context)
        guard case .ready(_, let viewer, let page) = admin else { return admin.answer }
        guard let person = try await store.versionedPerson(id: PersonID(try context.parameters.require("id")))?.value,
            person.isActive
        else { throw HTTPError(.notFound) }
        let link = try await send(to: person, actor: viewer.id)
        let message =
            mailer == nil
            ? page.t(.passwordResetAdminLink, ["name": person.name, "link": link])
            : page.t(.passwordResetAdminSent, ["email": person.email])
        return web.html(PasswordResetView.adminSent(page, person: person, message: message))
    }

    /// Makes a link for `person` and e-mails it when the server can; returns the link.
    @discardableResult
    private func send(to person: Person, actor: PersonID?) async throws -> String {
        let secret = Token.random()
        try await store.createPasswordReset(person: person.id, secret: secret, lifetime: Self.lifetime, actor: actor)
        let link = publicURL + Route.resetPassword.path(["token": secret])
        guard let mailer else { return link }
        let organizationLanguage = try await store.settings()?.defaultLanguage
        let language = person.language ?? organizationLanguage ?? .vi
        let text = { (key: StringKey) in
            Strings.shipped.text(key, language, ["name": person.name, "email": person.email, "link": link])
        }
        do {
            try await mailer.send(
                MailMessage(
                    to: person.email, subject: text(.passwordResetMailSubject), body: text(.passwordResetMailBody)))
        } catch {
            // The answer stays the same (it must not tell whether the address exists); the operator sees why.
            Logger(label: "okra.password-reset").warning(
                "password reset e-mail not sent", metadata: ["error": "\(error)"])
        }
        return link
    }
}

/// The pages of a password reset.
enum PasswordResetView {
    static func forgot(_ page: Page, sent: Bool, email: String) -> String {
        Layout.render(page, title: page.t(.passwordForgotTitle)) { html in
            html.element("section", [("class", "card signin")]) { html in
                html.element("h1", text: page.t(.passwordForgotTitle))
                if sent {
                    html.element("p", [("role", "status"), ("id", "reset-sent")], text: page.t(.passwordForgotSent))
                    html.element("a", [("href", Route.signIn.path)], text: page.t(.signIn))
                    return
                }
                html.element("p", [("class", "muted")], text: page.t(.passwordForgotLead))
                html.element("form", [("method", "post"), ("action", Route.forgotPassword.path)]) { html in
                    Layout.csrfField(page, &html)
                    html.element("label", [("for", "email")], text: page.t(.email))
                    html.open(
                        "input",
                        [
                            ("id", "email"), ("name", "email"), ("type", "email"), ("autocomplete", "username"),
                            ("required", ""), ("value", email), ("autofocus", ""),
                        ])
                    html.element(
                        "button", [("type", "submit"), ("class", "primary")], text: page.t(.passwordForgotSend))
                }
            }
        }
    }

    static func reset(_ page: Page, secret: String, error: String?) -> String {
        Layout.render(page, title: page.t(.passwordResetTitle)) { html in
            html.element("section", [("class", "card signin")]) { html in
                html.element("h1", text: page.t(.passwordResetTitle))
                if let error {
                    html.element("p", [("class", "error"), ("role", "alert"), ("id", "reset-error")], text: error)
                }
                html.element("form", [("method", "post"), ("action", Route.resetPassword.path)]) { html in
                    Layout.csrfField(page, &html)
                    html.open("input", [("type", "hidden"), ("name", "token"), ("value", secret)])
                    html.element("label", [("for", "password")], text: page.t(.passwordResetNew))
                    html.open(
                        "input",
                        [
                            ("id", "password"), ("name", "password"), ("type", "password"),
                            ("autocomplete", "new-password"), ("required", ""), ("minlength", "10"),
                            ("maxlength", "200"), ("autofocus", ""),
                            ("aria-describedby", error == nil ? "password-hint" : "reset-error"),
                        ])
                    html.element(
                        "p", [("class", "hint muted"), ("id", "password-hint")], text: page.t(.setupPasswordHint))
                    html.element(
                        "button", [("type", "submit"), ("class", "primary")], text: page.t(.passwordResetSave))
                }
            }
        }
    }

    static func invalid(_ page: Page) -> String {
        Layout.render(page, title: page.t(.passwordResetTitle)) { html in
            html.element("section", [("class", "card signin")]) { html in
                html.element("h1", text: page.t(.passwordResetTitle))
                html.element("p", [("role", "alert"), ("id", "reset-invalid")], text: page.t(.passwordResetInvalid))
                html.element("a", [("href", Route.forgotPassword.path)], text: page.t(.passwordForgotTitle))
            }
        }
    }

    static func adminSent(_ page: Page, person: Person, message: String) -> String {
        SettingsNav.frame(page, title: page.t(.adminEditPerson, ["name": person.name]), current: .settingsPeople) {
            html in
            html.element("p", [("class", "saved"), ("role", "status"), ("id", "reset-link-sent")], text: message)
            html.element("a", [("href", Route.settingsPerson(.id(person.id)).path)], text: page.t(.adminBackToPeople))
        }
    }
}
