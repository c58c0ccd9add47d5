import OKRCore

/// The objective page's "Looking back" section (see `LookBack`).
enum LookBackView {
    static func render(_ page: Page, _ model: ObjectivePage, _ html: inout HTML) {
        let lookBack = model.lookBack
        guard lookBack.isShown else { return }
        let id = model.objective.id
        html.element("section", [("class", "card look-back"), ("id", "look-back"), ("aria-labelledby", "look-back-h")])
        { html in
            html.element("h2", [("id", "look-back-h")], text: page.t(.lookbackHeading))
            for (label, link, linkID) in [
                (StringKey.lookbackCarriedFrom, lookBack.carriedFrom, "carried-from"),
                (.lookbackCarriedInto, lookBack.carriedInto, "carried-into"),
            ] {
                guard let link else { continue }
                html.element("p", [("id", linkID)]) { html in
                    html.text(page.t(label) + " ")
                    html.element(
                        "a", [("href", Route.objective(.id(link.id)).path)], text: link.title.text(page.language))
                    html.text(" (\(link.cycle))")
                }
            }
            if let message = lookBack.error {
                html.element(
                    "p", [("class", "field-error"), ("role", "alert"), ("id", "look-back-error")], text: message)
            }
            if lookBack.mayWrite {
                form(page, lookBack, id: id, &html)
            } else if let retrospective = lookBack.retrospective {
                answers(page, retrospective, &html)
            } else {
                html.element("p", [("class", "muted")], text: page.t(.lookbackNone))
            }
            if !lookBack.targets.isEmpty {
                carryOver(page, lookBack, id: id, &html)
            }
        }
    }

    private static let questions: [(name: String, label: StringKey)] = [
        ("worked", .lookbackWorked), ("did_not_work", .lookbackDidNotWork), ("learned", .lookbackLearned),
    ]

    private static func answers(_ page: Page, _ retrospective: Retrospective, _ html: inout HTML) {
        html.element("dl", [("class", "retrospective")]) { html in
            for (question, answer) in zip(
                questions, [retrospective.worked, retrospective.didNotWork, retrospective.learned])
            {
                guard let answer else { continue }
                html.element("dt", text: page.t(question.label))
                html.element("dd", text: answer)
            }
        }
    }

    private static func form(_ page: Page, _ lookBack: LookBack, id: ObjectiveID, _ html: inout HTML) {
        let saved = lookBack.retrospective
        let values =
            lookBack.draft.map { [$0.worked, $0.didNotWork, $0.learned] }
            ?? [saved?.worked ?? "", saved?.didNotWork ?? "", saved?.learned ?? ""]
        html.element("p", [("class", "hint")], text: page.t(.lookbackLead))
        html.element("form", [("method", "post"), ("action", Route.retrospective(.id(id)).path), ("class", "stack")]) {
            html in
            Layout.csrfField(page, &html)
            for (question, value) in zip(questions, values) {
                html.element("div", [("class", "field")]) { html in
                    html.element("label", [("for", "retro-\(question.name)")], text: page.t(question.label))
                    html.element(
                        "textarea",
                        [
                            ("id", "retro-\(question.name)"), ("name", question.name), ("rows", "3"),
                            ("maxlength", String(Retrospective.maxLength)),
                        ], text: value)
                }
            }
            html.element("button", [("type", "submit"), ("id", "retro-save")], text: page.t(.lookbackSave))
        }
    }

    private static func carryOver(_ page: Page, _ lookBack: LookBack, id: ObjectiveID, _ html: inout HTML) {
        html.element("h3", text: page.t(.lookbackCarryHeading))
        html.element("p", [("class", "hint")], text: page.t(.lookbackCarryLead))
        html.element("form", [("method", "post"), ("action", Route.carryOver(.id(id)).path), ("class", "inline")]) {
            html in
            Layout.csrfField(page, &html)
            html.element("label", [("for", "carry-cycle")], text: page.t(.lookbackCarryCycle))
            html.element("select", [("id", "carry-cycle"), ("name", "cycle_id")]) { html in
                for cycle in lookBack.targets {
                    html.element("option", [("value", cycle.id.rawValue)], text: cycle.name)
                }
            }
            html.element("button", [("type", "submit"), ("id", "carry-over")], text: page.t(.lookbackCarry))
        }
    }
}
