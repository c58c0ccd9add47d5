import OKRCore

/// The sub-navigation every settings page shows under its title, so an administrator moves between the
/// organization, its holidays, teams, people, tokens, webhooks and reminders from any of them. Pages of other
/// areas call `render(_:current:_:)` (or `frame`) with their own `Route`; the current one is marked for screen
/// readers with `aria-current`.
enum SettingsNav {
    /// Each section's page and its name in the catalog, in the order they are listed.
    static let sections: [(route: Route, key: StringKey)] = [
        (.settings, .settingsNavOrganization), (.holidays, .settingsNavHolidays),
        (.settingsTeams, .settingsNavTeams), (.settingsPeople, .settingsNavPeople),
        (.tokens, .settingsNavTokens), (.scim, .settingsNavSCIM),
        (.webhooks, .settingsNavWebhooks),
        (.reminders, .settingsNavReminders), (.data, .settingsNavData),
    ]

    /// The list of sections; `current` is the page showing it (`.holidays`).
    static func render(_ page: Page, current: Route, _ html: inout HTML) {
        html.element("nav", [("class", "settings-nav"), ("aria-label", page.t(.settingsNavLabel))]) { html in
            html.element("ul") { html in
                for section in sections {
                    html.element("li") { html in
                        let path = section.route.path
                        html.element(
                            "a", [("href", path), ("aria-current", path == current.path ? "page" : nil)],
                            text: page.t(section.key))
                    }
                }
            }
        }
    }

    /// A whole settings page: the layout, the settings title, this navigation, then the page's own heading
    /// and body.
    static func frame(_ page: Page, title: String, current: Route, _ body: (inout HTML) -> Void) -> String {
        Layout.render(page, title: title + " · " + page.t(.settingsTitle)) { html in
            html.element("p", [("class", "settings-kicker muted")], text: page.t(.settingsTitle))
            render(page, current: current, &html)
            html.element("h1", text: title)
            body(&html)
        }
    }
}
