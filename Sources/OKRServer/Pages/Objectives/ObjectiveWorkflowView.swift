import Foundation
import OKRCore

/// Renders the workflow section of an objective's page: its state, what blocks publishing (each reason
/// linking to the question or the findings), one small form per move the viewer may make, and the history
/// of its moves. Plain forms: works without JavaScript.
enum ObjectiveWorkflowView {
    static func render(_ page: Page, _ workflow: ObjectiveWorkflow, _ html: inout HTML) {
        html.element("section", [("class", "card workflow"), ("id", "workflow"), ("aria-labelledby", "workflow-h")]) {
            html in
            html.element("h2", [("id", "workflow-h")], text: page.t(.draftingWorkflow))
            if let error = workflow.error {
                html.element("p", [("class", "form-error"), ("role", "alert"), ("id", "workflow-error")], text: error)
            }
            html.element("p", [("class", "workflow-state")]) { html in
                html.text(page.t(.draftingStateNow, ["state": ""]))
                html.element(
                    "span", [("class", "chip state"), ("data-state", workflow.state.rawValue)],
                    text: page.t(StringKey(objectiveState: workflow.state)))
            }
            blocking(page, workflow, &html)
            moves(page, workflow, &html)
            history(page, workflow, &html)
        }
    }

    static func blocking(_ page: Page, _ workflow: ObjectiveWorkflow, _ html: inout HTML) {
        guard !workflow.blocking.isEmpty else { return }
        html.element("div", [("class", "publish-blocked"), ("id", "publish-blocked")]) { html in
            html.element("p", [("id", "publish-blocked-h")], text: page.t(.draftingBlockedTitle))
            html.element("ul", [("aria-labelledby", "publish-blocked-h")]) { html in
                for reason in workflow.blocking {
                    let target: String
                    if let question = reason.question {
                        target = "#comment-\(question.id.rawValue)"
                    } else {
                        target = "#quality-h"
                    }
                    html.element("li", [("data-reason", reason.code.rawValue)]) { html in
                        html.element(
                            "a", [("href", target)], text: ObjectiveTransition.text(of: reason, page.language))
                    }
                }
            }
        }
    }

    static func moves(_ page: Page, _ workflow: ObjectiveWorkflow, _ html: inout HTML) {
        guard !workflow.moves.isEmpty else { return }
        html.element("div", [("class", "workflow-actions")]) { html in
            for move in workflow.moves {
                html.element(
                    "form", [("method", "post"), ("action", Route.objectiveState(.id(workflow.objectiveID)).path)]
                ) { html in
                    Layout.csrfField(page, &html)
                    html.open("input", [("type", "hidden"), ("name", "version"), ("value", String(workflow.version))])
                    html.open("input", [("type", "hidden"), ("name", "to"), ("value", move.rawValue)])
                    html.element(
                        "button",
                        [
                            ("type", "submit"), ("id", "workflow-\(move.rawValue)"),
                            ("class", move == .published ? "primary" : nil),
                        ], text: label(page, move))
                }
            }
        }
        html.element("p", [("class", "muted")], text: page.t(.draftingWhoPublishes))
    }

    static func label(_ page: Page, _ move: Objective.State) -> String {
        switch move {
        case .inReview: return page.t(.draftingSubmit)
        case .published: return page.t(.draftingPublish)
        default: return page.t(.draftingBackToDraft)
        }
    }

    static func history(_ page: Page, _ workflow: ObjectiveWorkflow, _ html: inout HTML) {
        html.element("h3", text: page.t(.draftingHistory))
        guard !workflow.history.isEmpty else {
            html.element("p", [("class", "muted")], text: page.t(.draftingHistoryNone))
            return
        }
        html.element("ol", [("class", "workflow-history")]) { html in
            for step in workflow.history {
                let values = [
                    "who": step.who ?? page.t(.draftingSystem),
                    "from": step.from.map { page.t(StringKey(objectiveState: $0)) } ?? "",
                    "to": page.t(StringKey(objectiveState: step.to)),
                    "when": time(step.at, page, timeZone: workflow.timeZone),
                ]
                html.element(
                    "li", [("data-to", step.to.rawValue)],
                    text: page.t(step.from == nil ? .draftingHistoryCreated : .draftingHistoryMoved, values))
            }
        }
    }

    /// An instant in the organization's time zone: 27/11/2026 14:05 in Vietnamese, Nov 27, 2026 14:05 in English.
    static func time(_ date: Date, _ page: Page, timeZone: String) -> String {
        Formats.time(date, timeZone: timeZone, page.language)
    }
}
