import OKRCore

/// What a page shows where a list is empty: what is (not) there and what to do next — a link to the page that
/// fills it, for someone who may (a viewer writes nothing, so sees only the sentence).
enum EmptyState {
    /// `text`, then `next` as a link to `href` when given and the viewer may write.
    static func render(
        _ page: Page, _ text: StringKey, next: (label: StringKey, href: String)? = nil, hint: StringKey? = nil,
        _ html: inout HTML
    ) {
        html.element("div", [("class", "empty")]) { html in
            html.element("p", text: page.t(text))
            if let hint { html.element("p", [("class", "muted")], text: page.t(hint)) }
            if let next, let person = page.person, person.role != .viewer {
                html.element("p") { html in
                    html.element("a", [("href", next.href)], text: page.t(next.label))
                }
            }
        }
    }
}
