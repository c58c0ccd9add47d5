import OKRCore
import OKRStore

/// Renders the SCIM settings page: the URL to give a directory, the token just made (only on the answer that
/// made it), each directory's token with a revoke button while it works, and the form to make one.
enum SCIMSettingsPageView {
    static func render(_ page: Page, _ model: SCIMSettingsPage) -> String {
        let title = page.t(.scimTitle)
        return SettingsNav.frame(page, title: title, current: .scim) { html in
            html.element("p", [("class", "muted")], text: page.t(.scimLead))
            html.element("p", [("id", "scim-url")]) { html in
                html.text(page.t(.scimBaseURL) + " ")
                html.element("code", text: model.baseURL)
            }
            if let created = model.created {
                TokensSettingsPageView.secret(
                    page, name: created.directory.name, secret: created.secret, usage: .scimUsage, &html)
            }
            html.element("section", [("class", "card"), ("aria-labelledby", "directories-h")]) { html in
                html.element("h2", [("id", "directories-h")], text: page.t(.scimDirectories))
                if model.directories.isEmpty {
                    html.element("p", [("class", "muted")], text: page.t(.scimNoDirectories))
                } else {
                    table(page, model, &html)
                }
            }
            html.element("section", [("class", "card"), ("aria-labelledby", "new-scim-h")]) { html in
                html.element("h2", [("id", "new-scim-h")], text: page.t(.scimNewToken))
                form(page, model, &html)
            }
        }
    }

    static func table(_ page: Page, _ model: SCIMSettingsPage, _ html: inout HTML) {
        TokensSettingsPageView.table(page, columns: [.adminTokenName, .adminTokenCreated, .adminTokenState], &html) {
            html in
            for directory in model.directories {
                html.element(
                    "tr", [("id", "scim-\(directory.id)"), ("class", directory.isRevoked ? "revoked" : nil)]
                ) { html in
                    html.element("th", [("scope", "row")], text: directory.name)
                    html.element("td", text: model.day(directory.createdAt, page))
                    TokensSettingsPageView.state(
                        page, revokedOn: directory.revokedAt.map { model.day($0, page) }, name: directory.name,
                        action: .revokeDirectory(.id(.init(directory.id))), id: directory.id, &html)
                }
            }
        }
    }

    static func form(_ page: Page, _ model: SCIMSettingsPage, _ html: inout HTML) {
        SettingsControls.notice(nil, invalid: model.error != nil, page, &html)
        html.element("form", [("method", "post"), ("action", Route.scim.path), ("class", "editor settings-form")]) {
            html in
            Layout.csrfField(page, &html)
            SettingsControls.text(
                id: "name", label: page.t(.adminTokenName), value: model.name, error: model.error,
                hint: page.t(.scimNameHint), required: true, maxLength: 100, autocomplete: "off", &html)
            html.element("button", [("type", "submit"), ("id", "create-scim-token"), ("class", "primary")]) { html in
                html.text(page.t(.adminCreateToken))
            }
        }
    }
}
