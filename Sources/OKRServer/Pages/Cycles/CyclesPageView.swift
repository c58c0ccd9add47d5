import Foundation
import OKRCore

/// Renders `/cycles`: one section per state with a card per cycle, then, for admins, the form to plan a new
/// one (it posts without JavaScript; each message sits next to its field and what was typed stays).
enum CyclesPageView {
    static func render(_ page: Page, _ model: CyclesPage) -> String {
        Layout.render(page, title: page.t(.cyclesTitle)) { html in
            html.element("h1", text: page.t(.cyclesTitle))
            html.element("p", [("class", "muted")], text: page.t(.cyclesLead))
            if let notice = model.notice {
                html.element("p", [("class", "saved"), ("role", "status")], text: notice)
            }
            for group in model.groups {
                let id = "cycles-\(group.state.rawValue)"
                html.element("section", [("class", "cycle-group"), ("id", id), ("aria-labelledby", id + "-h")]) {
                    html in
                    html.element("h2", [("id", id + "-h")], text: page.t(heading(group.state)))
                    if group.rows.isEmpty {
                        html.element("p", [("class", "empty muted")], text: page.t(.cyclesNone))
                    } else {
                        html.element("ul", [("class", "cycle-list")]) { html in
                            for row in group.rows { card(page, row, &html) }
                        }
                    }
                }
            }
            if model.canPlan {
                newCycleForm(page, model.form, &html)
            } else {
                html.element("p", [("class", "muted")], text: page.t(.cyclesReadOnly))
            }
        }
    }

    static func heading(_ state: Cycle.State) -> StringKey {
        switch state {
        case .planning: return .cyclesPlanningHeading
        case .active: return .cyclesActiveHeading
        case .closed: return .cyclesClosedHeading
        }
    }

    static func dates(_ page: Page, _ cycle: Cycle) -> String {
        page.t(
            .cyclesDates,
            ["start": page.day(cycle.start), "end": page.day(cycle.end)])
    }

    static func card(_ page: Page, _ row: CyclesPage.Row, _ html: inout HTML) {
        let cycle = row.cycle
        html.element("li", [("class", "card cycle"), ("id", "cycle-\(cycle.id.rawValue)")]) { html in
            html.element("h3") { html in
                html.element("a", [("href", Route.cycle(.id(cycle.id)).path)], text: cycle.name)
            }
            html.element("p", [("class", "meta")]) { html in
                html.element("span", [("class", "chip")], text: page.t(StringKey(cycleState: cycle.state)))
                html.text(" " + dates(page, cycle) + " · ")
                html.text(page.t(.cyclesObjectives, ["count": String(row.objectives)]))
            }
            if let expected = row.expected, let daysLeft = row.daysLeft {
                html.element("p", [("class", "days-left")], text: page.t(.cyclesDaysLeft, ["days": String(daysLeft)]))
                let text = page.t(.cyclesExpectedToday, ["value": page.percent(expected.value)])
                Components.progressBar(page, progress: expected.value, expected: nil, label: text, &html)
                html.element("p", [("class", "muted")], text: text)
            }
        }
    }

    static func newCycleForm(_ page: Page, _ form: CyclesPage.Form, _ html: inout HTML) {
        html.element("section", [("class", "card"), ("aria-labelledby", "new-cycle-h")]) { html in
            html.element("h2", [("id", "new-cycle-h")], text: page.t(.cyclesNewHeading))
            if !form.errors.isEmpty {
                html.element("p", [("class", "form-error"), ("role", "alert")], text: page.t(.cyclesInvalid))
            }
            html.element(
                "form",
                [
                    ("method", "post"), ("action", Route.cycles.path), ("class", "editor cycle-form"),
                    ("id", "new-cycle"),
                ]
            ) { html in
                Layout.csrfField(page, &html)
                fields(page, form, &html)
                html.element(
                    "button", [("type", "submit"), ("class", "primary"), ("id", "create-cycle")],
                    text: page.t(.cyclesCreate))
            }
        }
    }

    /// The name and the two days, each labelled, with its message tied by `aria-describedby`.
    static func fields(_ page: Page, _ form: CyclesPage.Form, _ html: inout HTML) {
        field(page, form, id: "name", label: page.t(.cyclesName), type: "text", &html)
        field(page, form, id: "start", label: page.t(.cyclesStart), type: "date", &html)
        field(page, form, id: "end", label: page.t(.cyclesEnd), type: "date", &html)
    }

    static func field(
        _ page: Page, _ form: CyclesPage.Form, id: String, label: String, type: String, _ html: inout HTML
    ) {
        let error = form.errors[id]
        html.element("div", [("class", error == nil ? "field" : "field invalid")]) { html in
            html.element("label", [("for", id)], text: label)
            var described = type == "date" ? id + "-hint" : nil
            if error != nil { described = [described, id + "-error"].compactMap { $0 }.joined(separator: " ") }
            html.open(
                "input",
                [
                    ("type", type), ("id", id), ("name", id), ("value", form[id]), ("required", ""),
                    ("maxlength", type == "text" ? "100" : nil), ("placeholder", type == "date" ? "YYYY-MM-DD" : nil),
                    ("aria-invalid", error == nil ? nil : "true"), ("aria-describedby", described),
                ])
            if type == "date" {
                html.element("small", [("id", id + "-hint"), ("class", "hint")], text: page.t(.cyclesDateHint))
            }
            if let error { html.element("p", [("id", id + "-error"), ("class", "field-error")], text: error) }
        }
    }
}
