import OKRCore
import OKRStore

/// Renders a person's API tokens: the one just made with its secret (only on the answer that made it), the
/// list with a revoke button per working token, and the form to make one.
enum TokensSettingsPageView {
    static func render(_ page: Page, _ model: TokensSettingsPage) -> String {
        let title = page.t(.adminTokensTitle)
        return SettingsNav.frame(page, title: title, current: .tokens) { html in
            html.element("p", [("class", "muted")], text: page.t(.adminTokensLead))
            if model.isAdmin {
                html.element(
                    "p", [("class", "tokens-note"), ("id", "tokens-personal")], text: page.t(.adminTokensPersonal))
            }
            if let created = model.created {
                secret(page, name: created.record.name, secret: created.secret, usage: .adminTokenUsage, &html)
            }
            html.element("section", [("class", "card"), ("aria-labelledby", "tokens-h")]) { html in
                html.element("h2", [("id", "tokens-h")], text: page.t(.adminYourTokens))
                if model.tokens.isEmpty {
                    html.element("p", [("class", "muted")], text: page.t(.adminNoTokens))
                } else {
                    table(page, model, &html)
                }
            }
            html.element("section", [("class", "card"), ("aria-labelledby", "new-token-h")]) { html in
                html.element("h2", [("id", "new-token-h")], text: page.t(.adminNewToken))
                form(page, model, &html)
            }
        }
    }

    /// The secret, this once, with how to use it (`usage`, before the header) and the warning that it will not be
    /// shown again.
    static func secret(_ page: Page, name: String, secret: String, usage: StringKey, _ html: inout HTML) {
        html.element("section", [("class", "card token-made"), ("id", "token-made"), ("role", "status")]) { html in
            html.element("h2", text: page.t(.adminTokenMade, ["name": name]))
            html.element("label", [("for", "token-secret")], text: page.t(.adminTokenSecret))
            html.open(
                "input",
                [
                    ("type", "text"), ("id", "token-secret"), ("class", "secret"), ("readonly", ""),
                    ("value", secret), ("aria-describedby", "token-secret-hint"), ("spellcheck", "false"),
                    ("autocomplete", "off"),
                ])
            html.element("p", [("id", "token-secret-hint"), ("class", "hint")], text: page.t(.adminTokenCopyHint))
            html.element("p", [("class", "muted")]) { html in
                html.text(page.t(usage) + " ")
                html.element("code", text: "Authorization: Bearer …")
            }
        }
    }

    static func table(_ page: Page, _ model: TokensSettingsPage, _ html: inout HTML) {
        table(page, columns: [.adminTokenName, .adminTokenCreated, .adminTokenAccess, .adminTokenState], &html) {
            html in
            for token in model.tokens { row(page, model, token, &html) }
        }
    }

    /// A table of tokens (this page's, the SCIM page's): the columns' headings, one for the revoke buttons, and
    /// the rows.
    static func table(
        _ page: Page, columns: [StringKey], _ html: inout HTML, rows: (inout HTML) -> Void
    ) {
        html.element("div", [("class", "table-scroll")]) { html in
            html.element("table", [("class", "history tokens")]) { html in
                html.element("thead") { html in
                    html.element("tr") { html in
                        for key in columns { html.element("th", [("scope", "col")], text: page.t(key)) }
                        html.element("th", [("scope", "col")]) { html in
                            html.element("span", [("class", "visually-hidden")], text: page.t(.adminRevoke))
                        }
                    }
                }
                html.element("tbody") { html in rows(&html) }
            }
        }
    }

    static func row(_ page: Page, _ model: TokensSettingsPage, _ token: APITokenRecord, _ html: inout HTML) {
        html.element("tr", [("id", "token-\(token.id)"), ("class", token.isRevoked ? "revoked" : nil)]) { html in
            html.element("th", [("scope", "row")], text: token.name)
            html.element("td", text: model.day(token.createdAt, page))
            html.element("td", text: page.t(token.readOnly ? .adminTokenReadOnly : .adminTokenReadWrite))
            state(
                page, revokedOn: token.revokedAt.map { model.day($0, page) }, name: token.name,
                action: .revokeToken(.id(.init(token.id))), id: token.id, &html)
        }
    }

    /// A token's last two cells: revoked on a day, or active with its revoke button (posting to `action`).
    static func state(
        _ page: Page, revokedOn: String?, name: String, action: Route, id: String, _ html: inout HTML
    ) {
        if let revokedOn {
            html.element("td", text: page.t(.adminTokenRevokedOn, ["day": revokedOn]))
            html.element("td", text: "")
            return
        }
        html.element("td", text: page.t(.adminTokenActive))
        html.element("td") { html in
            html.element("form", [("method", "post"), ("action", action.path), ("class", "revoke")]) { html in
                Layout.csrfField(page, &html)
                html.element(
                    "button",
                    [
                        ("type", "submit"), ("id", "revoke-\(id)"),
                        ("aria-label", page.t(.adminRevokeToken, ["name": name])),
                    ], text: page.t(.adminRevoke))
            }
        }
    }

    static func form(_ page: Page, _ model: TokensSettingsPage, _ html: inout HTML) {
        SettingsControls.notice(nil, invalid: !model.errors.isEmpty, page, &html)
        html.element("form", [("method", "post"), ("action", Route.tokens.path), ("class", "editor settings-form")]) {
            html in
            Layout.csrfField(page, &html)
            html.element("fieldset") { html in
                html.element("legend", text: page.t(.adminTokenDetails))
                SettingsControls.text(
                    id: "name", label: page.t(.adminTokenName), value: model.form.name, error: model.errors["name"],
                    hint: page.t(.adminTokenNameHint), required: true, maxLength: 100, autocomplete: "off", &html)
                SettingsControls.checkbox(
                    id: "read_only", label: page.t(.adminTokenReadOnlyLabel), checked: model.form.readOnly,
                    hint: page.t(.adminTokenReadOnlyHint), &html)
            }
            html.element("button", [("type", "submit"), ("id", "create-token"), ("class", "primary")]) { html in
                html.text(page.t(.adminCreateToken))
            }
        }
    }
}
