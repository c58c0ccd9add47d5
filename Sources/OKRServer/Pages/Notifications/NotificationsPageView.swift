import OKRCore

/// Renders the notifications page: the unread count, "mark all read", and the list, each item a link to
/// what it is about, an unread one marked with a word (not only a colour).
enum NotificationsPageView {
    static func render(_ page: Page, _ model: NotificationsPage) -> String {
        Layout.render(page, title: page.t(.notificationsTitle)) { html in
            html.element("h1", text: page.t(.notificationsTitle))
            html.element(
                "p", [("id", "unread-count"), ("data-unread", String(model.unread))],
                text: page.t(.notificationsUnread, ["count": String(model.unread)]))
            if model.unread > 0 {
                html.element("form", [("method", "post"), ("action", Route.readNotifications.path)]) { html in
                    Layout.csrfField(page, &html)
                    html.element(
                        "button", [("type", "submit"), ("id", "mark-all-read")], text: page.t(.notificationsMarkAllRead)
                    )
                }
            }
            guard !model.items.isEmpty else {
                EmptyState.render(page, .notificationsNone, hint: .emptyNotificationsHint, &html)
                return
            }
            html.element("ul", [("class", "notifications"), ("id", "notifications")]) { html in
                for item in model.items {
                    let unread = !item.notification.isRead
                    html.element(
                        "li",
                        [
                            ("class", unread ? "notification unread" : "notification"),
                            ("data-kind", item.notification.kind.rawValue),
                            ("id", "notification-\(item.notification.id.rawValue)"),
                        ]
                    ) { html in
                        if unread {
                            html.element("strong", [("class", "badge")], text: page.t(.notificationsNew))
                            html.text(" ")
                        }
                        html.element("a", [("href", item.link)], text: item.text)
                        html.text(" ")
                        html.element("time", [("class", "muted")], text: item.when)
                    }
                }
            }
        }
    }
}
