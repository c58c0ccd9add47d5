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
        html.raw("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">")
        html.raw("<link rel=\"stylesheet\" href=\"/assets/okra.css\">")
        html.raw("<script src=\"/assets/okra.js\" defer></script>")
        html.raw("</head><body>")
        html.element("a", [("class", "skip"), ("href", "#main")], text: page.t(.skipToContent))
        html.element("header", [("class", "topbar")]) { html in
            html.open("a", [("class", "brand"), ("href", Route.myWeek.path)])
            html.raw(brandMark)
            html.text("Okra")
            html.close("a")
            if page.person != nil { navigation(page, &html) }
            languageSwitch(page, &html)
            if let person = page.person {
                html.element("form", [("method", "post"), ("action", Route.signOut.path), ("class", "signout")]) {
                    html in
                    html.element("span", [("class", "who")]) { html in
                        Avatar.render(person.name, &html)
                        html.element("span", [("class", "person-name")], text: person.name)
                    }
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

    /// Okra's mark beside its name in the top bar (the name is the link's text).
    static let brandMark = Icon.mark.replacingOccurrences(
        of: "<svg ", with: "<svg class=\"mark\" width=\"28\" height=\"28\" aria-hidden=\"true\" focusable=\"false\" ")

    /// The sections of the app, each with its icon; the one the page belongs to is `aria-current="page"`. Below
    /// 700 px the links fold behind a menu button: a checkbox and its label, so it works without JavaScript.
    static func navigation(_ page: Page, _ html: inout HTML) {
        html.element("span", [("class", "nav-menu")]) { html in
            html.open("input", [("type", "checkbox"), ("id", "nav-toggle"), ("class", "nav-toggle")])
            html.element("label", [("for", "nav-toggle"), ("class", "nav-toggle-label")]) { html in
                html.raw(menuIcon)
                html.text(page.t(.navMenu))
            }
        }
        let current = section(of: page)
        html.element("nav", [("class", "main-nav"), ("aria-label", page.t(.navigation))]) { html in
            for (section, href, icon, label) in sections(page) {
                html.element("a", [("href", href), ("aria-current", section == current ? "page" : nil)]) { html in
                    html.raw(icon.svg)
                    html.element("span", text: page.t(label))
                }
            }
        }
    }

    /// Three lines, the menu button's icon.
    static let menuIcon =
        "<svg class=\"icon\" viewBox=\"0 0 24 24\" width=\"18\" height=\"18\" aria-hidden=\"true\" focusable=\"false\""
        + " fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\">"
        + "<path d=\"M4 7h16M4 12h16M4 17h16\"/></svg>"

    enum Section: Sendable { case week, company, team, map, kpis, notifications, cycles, settings }

    /// The navigation's links in their order: the person's own team only when they have one.
    static func sections(_ page: Page) -> [(Section, String, Icon, StringKey)] {
        var links: [(Section, String, Icon, StringKey)] = [
            (.week, Route.myWeek.path, .checkIn, .navMyWeek), (.company, Route.company.path, .objective, .navCompany),
        ]
        if let team = page.person?.teamIDs.first {
            links.append((.team, Route.team(.id(team)).path, .team, .navMyTeam))
        }
        links += [
            (.map, Route.map.path, .map, .navAlignmentMap), (.kpis, Route.kpis.path, .kpi, .navKPIs),
            (.notifications, Route.notifications.path, .notifications, .navNotifications),
            (.cycles, Route.cycles.path, .cycles, .navCycles),
            (.settings, Route.settings.path, .settings, .navSettings),
        ]
        return links
    }

    /// The section a page belongs to, from its path: My week holds the check-in, the company its objectives, the
    /// person's team its meeting and asks; another team's page belongs to the company.
    static func section(of page: Page) -> Section? {
        let path = page.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? page.path
        func under(_ prefix: String) -> Bool { path == prefix || path.hasPrefix(prefix + "/") }
        if path == "/" || under("/check-in") { return .week }
        if under("/company") || under("/objectives") { return .company }
        if under("/teams") || under("/asks") {
            if let team = page.person?.teamIDs.first, under("/teams/\(team.rawValue)") || under("/asks") {
                return .team
            }
            return .company
        }
        if under("/map") { return .map }
        if under("/kpis") { return .kpis }
        if under("/notifications") { return .notifications }
        if under("/cycles") { return .cycles }
        if under("/settings") { return .settings }
        return nil
    }

    /// Links to the same page in the other language; the choice is remembered (cookie, and per user).
    static func languageSwitch(_ page: Page, _ html: inout HTML) {
        html.element("form", [("method", "post"), ("action", Route.language.path), ("class", "language")]) { html in
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
