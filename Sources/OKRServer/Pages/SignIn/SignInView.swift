/// The ways of signing in the form offers: the company's identity provider, passwords, or both.
struct SignInOptions: Sendable {
    /// The provider's name on its button ("" for "your company account"); nil when none is configured.
    var providerName: String?
    var passwordSignIn: PasswordSignIn

    static let passwordsOnly = SignInOptions(providerName: nil, passwordSignIn: .everyone)

    init(providerName: String?, passwordSignIn: PasswordSignIn) {
        self.providerName = providerName
        self.passwordSignIn = passwordSignIn
    }

    init(_ configuration: ServerConfiguration) {
        providerName = configuration.openIDConnect?.displayName
        passwordSignIn = configuration.passwordSignIn
    }
}

/// The sign-in form. Works without JavaScript; the error, if any, sits next to the form. With an identity
/// provider its button comes first; with passwords turned off for all but break-glass admins, the password form
/// is folded away under "Administrator sign-in".
enum SignInView {
    static func render(
        _ page: Page, _ options: SignInOptions, email: String, error: String?, next: String, notice: String? = nil
    ) -> String {
        Layout.render(page, title: page.t(.signInTitle)) { html in
            html.element("section", [("class", "card signin")]) { html in
                html.element("h1", text: page.t(.signInTitle))
                html.element("p", [("class", "muted")], text: page.t(.signInLead))
                if let notice {
                    html.element("p", [("class", "saved"), ("role", "status"), ("id", "signin-notice")], text: notice)
                }
                if let error {
                    html.element("p", [("class", "error"), ("role", "alert"), ("id", "signin-error")], text: error)
                }
                if let provider = options.providerName {
                    let label =
                        provider.isEmpty
                        ? page.t(.signInWithCompany) : page.t(.signInWithProvider, ["provider": provider])
                    html.element("p") { html in
                        html.element(
                            "a",
                            [
                                ("href", Route.signInWithProvider.path(["next": next])),
                                ("class", "button primary"), ("id", "sign-in-oidc"),
                            ], text: label)
                    }
                }
                if options.passwordSignIn.isEveryone {
                    passwordForm(page, email: email, error: error, next: next, &html)
                } else {
                    html.element("details", [("open", error == nil ? nil : "")]) { html in
                        html.element("summary", text: page.t(.breakGlassSignIn))
                        passwordForm(page, email: email, error: error, next: next, &html)
                    }
                }
            }
        }
    }

    private static func passwordForm(_ page: Page, email: String, error: String?, next: String, _ html: inout HTML) {
        html.element("form", [("method", "post"), ("action", Route.signIn.path)]) { html in
            Layout.csrfField(page, &html)
            html.open("input", [("type", "hidden"), ("name", "next"), ("value", next)])
            html.element("label", [("for", "email")], text: page.t(.email))
            html.open(
                "input",
                [
                    ("id", "email"), ("name", "email"), ("type", "email"), ("autocomplete", "username"),
                    ("required", ""), ("value", email), ("autofocus", email.isEmpty ? "" : nil),
                    ("aria-describedby", error == nil ? nil : "signin-error"),
                ])
            html.element("label", [("for", "password")], text: page.t(.password))
            html.open(
                "input",
                [
                    ("id", "password"), ("name", "password"), ("type", "password"),
                    ("autocomplete", "current-password"), ("required", ""),
                    ("autofocus", email.isEmpty ? nil : ""),
                ])
            html.element("button", [("type", "submit"), ("class", "primary")], text: page.t(.signIn))
        }
        html.element("p") { html in
            html.element(
                "a", [("href", Route.forgotPassword.path), ("id", "forgot")], text: page.t(.passwordForgotLink))
        }
    }
}
