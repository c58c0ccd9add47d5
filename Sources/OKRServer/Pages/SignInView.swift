/// The sign-in form. Works without JavaScript; the error, if any, sits next to the form.
enum SignInView {
    static func render(_ page: Page, email: String, error: String?, next: String, notice: String? = nil) -> String {
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
                html.element("form", [("method", "post"), ("action", "/sign-in")]) { html in
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
                        "a", [("href", "/password/forgot"), ("id", "forgot")], text: page.t(.passwordForgotLink))
                }
            }
        }
    }
}
