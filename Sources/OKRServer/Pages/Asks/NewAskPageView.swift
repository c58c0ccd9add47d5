import OKRCore

/// Renders "Ask another team for help": one form, each control labelled, its message next to it and what was
/// typed kept when the server sends it back.
enum NewAskPageView {
    static func render(_ page: Page, _ model: NewAskPage) -> String {
        Layout.render(page, title: page.t(.askNewTitle)) { html in
            html.element("section", [("class", "card new-ask")]) { html in
                html.element("h1", text: page.t(.askNewTitle))
                html.element("p", [("class", "muted")], text: page.t(.askNewLead))
                html.element("form", [("method", "post"), ("action", Route.asks.path), ("id", "new-ask")]) { html in
                    Layout.csrfField(page, &html)
                    select(
                        page, model, .about, label: page.t(.askAbout),
                        options: model.choices.map { ($0.value, $0.label) }, &html)
                    select(
                        page, model, .from, label: page.t(.askFromTeam),
                        options: model.askingTeams.map { ($0.id.rawValue, $0.name.text(page.language)) }, &html)
                    // One asks another team: the team one asks from is not offered (a lead of several may ask
                    // one of theirs from another, so then all are, and the form says when both are the same).
                    let asking = model.askingTeams.count == 1 ? model.askingTeams[0].id : nil
                    select(
                        page, model, .to, label: page.t(.askToTeam),
                        options: [("", "—")]
                            + model.teams.filter { $0.id != asking }.map {
                                ($0.id.rawValue, $0.name.text(page.language))
                            }, &html)
                    field(page, model, .need, label: page.t(.askNeed), &html) { html, attributes in
                        html.element("textarea", attributes + [("rows", "4")], text: model.entry.need)
                    }
                    field(page, model, .due, label: page.t(.askDueBy), &html) { html, attributes in
                        html.open("input", attributes + [("type", "date"), ("value", model.entry.due)])
                    }
                    html.element(
                        "button", [("type", "submit"), ("id", "send-ask"), ("class", "primary")],
                        text: page.t(.askSend))
                }
            }
        }
    }

    static func value(_ model: NewAskPage, _ field: NewAskPage.Field) -> String {
        switch field {
        case .about: return model.entry.about
        case .from: return model.entry.from
        case .to: return model.entry.to
        case .need: return model.entry.need
        case .due: return model.entry.due
        }
    }

    static func select(
        _ page: Page, _ model: NewAskPage, _ name: NewAskPage.Field, label: String, options: [(String, String)],
        _ html: inout HTML
    ) {
        let chosen = value(model, name)
        field(page, model, name, label: label, &html) { html, attributes in
            html.element("select", attributes) { html in
                for (value, text) in options {
                    html.element("option", [("value", value), ("selected", value == chosen ? "" : nil)], text: text)
                }
            }
        }
    }

    /// A labelled control (`id` = the field's name) with its message, tied by `aria-describedby`.
    static func field(
        _ page: Page, _ model: NewAskPage, _ name: NewAskPage.Field, label: String, _ html: inout HTML,
        _ control: (inout HTML, [(String, String?)]) -> Void
    ) {
        let id = "ask-" + name.rawValue
        let problem = model.problems[name]
        let errorID = problem == nil ? nil : id + "-error"
        html.element("div", [("class", problem == nil ? "field" : "field invalid")]) { html in
            html.element("label", [("for", id)], text: label)
            if let problem, let errorID {
                html.element("p", [("class", "field-error"), ("id", errorID)], text: problem)
            }
            control(
                &html,
                [
                    ("id", id), ("name", name.rawValue), ("aria-describedby", errorID),
                    ("aria-invalid", problem == nil ? nil : "true"),
                ])
        }
    }
}
