import OKRCore

/// The frame around every page: head, top bar with navigation, language switch and sign-out, then the body.
enum Layout {
    static func render(_ page: Page, title: String, _ body: (inout HTML) -> Void) -> String {
        var html = HTML()
        html.raw("<!DOCTYPE html>")
        html.open("html", [("lang", page.language.rawValue)])
        html.raw("<head><meta charset=\"utf-8\">")
        html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        html.element("title", text: title + " · Okra")
        html.raw("<link rel=\"stylesheet\" href=\"/assets/okra.css\">")
        html.raw("<script src=\"/assets/okra.js\" defer></script>")
        html.raw("</head><body>")
        html.element("a", [("class", "skip"), ("href", "#main")], text: page.t(.skipToContent))
        html.element("header", [("class", "topbar")]) { html in
            html.element("a", [("class", "brand"), ("href", "/")], text: "Okra")
            if page.person != nil {
                html.element("nav", [("aria-label", page.t(.navigation))]) { html in
                    html.element("a", [("href", "/")], text: page.t(.navMyWeek))
                    html.element("a", [("href", "/company")], text: page.t(.navCompany))
                    if let team = page.person?.teamIDs.first {
                        html.element("a", [("href", "/teams/\(team.rawValue)")], text: page.t(.navMyTeam))
                    }
                    html.element("a", [("href", "/map")], text: page.t(.navAlignmentMap))
                    html.element("a", [("href", "/notifications")], text: page.t(.navNotifications))
                    html.element("a", [("href", "/cycles")], text: page.t(.navCycles))
                    html.element("a", [("href", "/settings")], text: page.t(.navSettings))
                }
            }
            languageSwitch(page, &html)
            if let person = page.person {
                html.element("form", [("method", "post"), ("action", "/sign-out"), ("class", "signout")]) { html in
                    html.element("span", [("class", "who")], text: person.name)
                    csrfField(page, &html)
                    html.element("button", [("type", "submit")], text: page.t(.signOut))
                }
            }
        }
        html.element("main", [("id", "main")]) { html in
            // What the last action did, said once.
            if let flash = page.flash {
                html.element(
                    "p", [("class", "flash"), ("role", "status"), ("id", "flash"), ("data-flash", flash.rawValue)],
                    text: page.t(flash.text))
            }
            body(&html)
        }
        html.raw("</body></html>")
        return html.finish()
    }

    /// Links to the same page in the other language; the choice is remembered (cookie, and per user).
    static func languageSwitch(_ page: Page, _ html: inout HTML) {
        html.element("form", [("method", "post"), ("action", "/language"), ("class", "language")]) { html in
            csrfField(page, &html)
            html.open("input", [("type", "hidden"), ("name", "back"), ("value", page.path)])
            for language in Language.allCases {
                let current = language == page.language
                html.element(
                    "button",
                    [
                        ("type", "submit"), ("name", "to"), ("value", language.rawValue),
                        ("aria-pressed", current ? "true" : "false"),
                        ("lang", language.rawValue),
                        ("title", language == .vi ? "Tiếng Việt" : "English"),
                    ], text: language == .vi ? "VI" : "EN")
            }
        }
    }

    static func csrfField(_ page: Page, _ html: inout HTML) {
        guard let token = page.csrfToken else { return }
        html.open("input", [("type", "hidden"), ("name", "csrf"), ("value", token)])
    }
}
