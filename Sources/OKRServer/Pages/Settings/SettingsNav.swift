import OKRCore

/// The sub-navigation every settings page shows under its title, so an administrator moves between the
/// organization, its holidays, teams, people, tokens, webhooks and reminders from any of them. Pages of other
/// areas call `render(_:current:_:)` (or `frame`) with their own path; the current one is marked for screen
/// readers with `aria-current`.
enum SettingsNav {
    /// Each section's path and its name in the catalog, in the order they are listed.
    static let sections: [(path: String, key: StringKey)] = [
        ("/settings", .settingsNavOrganization), ("/settings/holidays", .settingsNavHolidays),
        ("/settings/teams", .settingsNavTeams), ("/settings/people", .settingsNavPeople),
        ("/settings/tokens", .settingsNavTokens), ("/settings/scim", .settingsNavSCIM),
        ("/settings/webhooks", .settingsNavWebhooks),
        ("/settings/reminders", .settingsNavReminders), ("/settings/data", .settingsNavData),
    ]

    /// The list of sections; `current` is the path of the page showing it (`/settings/holidays`).
    static func render(_ page: Page, current: String, _ html: inout HTML) {
        html.element("nav", [("class", "settings-nav"), ("aria-label", page.t(.settingsNavLabel))]) { html in
            html.element("ul") { html in
                for section in sections {
                    html.element("li") { html in
                        html.element(
                            "a", [("href", section.path), ("aria-current", section.path == current ? "page" : nil)],
                            text: page.t(section.key))
                    }
                }
            }
        }
    }

    /// A whole settings page: the layout, the settings title, this navigation, then the page's own heading
    /// and body.
    static func frame(_ page: Page, title: String, current: String, _ body: (inout HTML) -> Void) -> String {
        Layout.render(page, title: title + " · " + page.t(.settingsTitle)) { html in
            html.element("p", [("class", "settings-kicker muted")], text: page.t(.settingsTitle))
            render(page, current: current, &html)
            html.element("h1", text: title)
            body(&html)
        }
    }
}
