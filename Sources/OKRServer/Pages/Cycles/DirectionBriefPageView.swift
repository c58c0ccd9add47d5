import Foundation
import OKRCore

/// Renders `/cycles/{id}/brief`: the direction for everyone, and the form for leadership. A refused save
/// keeps what was typed, with each message next to its field.
enum DirectionBriefPageView {
    static func render(_ page: Page, _ model: DirectionBriefPage) -> String {
        let title = page.t(.draftingBriefTitle, ["cycle": model.cycle.name])
        return Layout.render(page, title: title) { html in
            html.element("h1", text: title)
            html.element("p", [("class", "muted")], text: page.t(.draftingBriefLead))
            html.element("section", [("class", "card brief"), ("id", "brief"), ("aria-labelledby", "brief-h")]) {
                html in
                html.element("h2", [("id", "brief-h"), ("class", "visually-hidden")], text: title)
                guard let brief = model.brief else {
                    html.element("p", [("class", "empty")], text: page.t(.draftingBriefNone))
                    return
                }
                for paragraph in brief.value.text(page.language).split(whereSeparator: \.isNewline) {
                    html.element("p", text: String(paragraph))
                }
                if !brief.value.themes.isEmpty {
                    html.element("h3", text: page.t(.draftingBriefThemes))
                    html.element("ul", [("class", "themes")]) { html in
                        for theme in brief.value.themes { html.element("li", text: theme) }
                    }
                }
                html.element(
                    "p", [("class", "meta")],
                    text: page.t(
                        .draftingBriefUpdated,
                        [
                            "who": model.author ?? page.t(.draftingSystem),
                            "when": ObjectiveWorkflowView.time(brief.value.updatedAt, page, timeZone: model.timeZone),
                        ]))
            }
            if model.brief != nil { discussion(page, model, &html) }
            if model.canEdit { form(page, model, &html) }
        }
    }

    /// The comments and questions on the brief, with the form to add one.
    static func discussion(_ page: Page, _ model: DirectionBriefPage, _ html: inout HTML) {
        html.element("section", [("class", "card"), ("id", "comments"), ("aria-labelledby", "comments-h")]) { html in
            html.element("h2", [("id", "comments-h")], text: page.t(.draftingBriefDiscussion))
            html.element("p", [("class", "muted")], text: page.t(.draftingBriefDiscussionLead))
            let draft = model.draft
            ObjectivePageView.discussion(page, model.comments, model.commentTarget, draft, &html)
            if model.canComment {
                ObjectivePageView.commentForm(
                    page, model.commentTarget, .objective, draft.form == .objective ? draft : .init(), &html)
            }
        }
    }

    static func form(_ page: Page, _ model: DirectionBriefPage, _ html: inout HTML) {
        html.element("section", [("class", "card"), ("aria-labelledby", "brief-edit-h")]) { html in
            html.element("h2", [("id", "brief-edit-h")], text: page.t(.draftingBriefEdit))
            if let notice = model.notice {
                html.element("p", [("class", "form-error"), ("role", "alert")], text: notice)
            } else if !model.errors.isEmpty {
                html.element("p", [("class", "form-error"), ("role", "alert")], text: page.t(.draftingBriefInvalid))
            }
            html.element(
                "form",
                [("method", "post"), ("action", Route.brief(.id(model.cycle.id)).path), ("class", "brief")]
            ) { html in
                Layout.csrfField(page, &html)
                html.open("input", [("type", "hidden"), ("name", "version"), ("value", model.form.version)])
                field(page, model, "body", label: .draftingBriefBody, value: model.form.body, rows: 8, &html)
                field(page, model, "body_en", label: .draftingBriefBodyEn, value: model.form.bodyEn, rows: 8, &html)
                field(page, model, "themes", label: .draftingBriefThemesField, value: model.form.themes, rows: 5, &html)
                html.element(
                    "button", [("type", "submit"), ("id", "save-brief"), ("class", "primary")],
                    text: page.t(.draftingBriefSave))
            }
        }
    }

    static func field(
        _ page: Page, _ model: DirectionBriefPage, _ name: String, label: StringKey, value: String, rows: Int,
        _ html: inout HTML
    ) {
        let id = "brief-" + name.replacingOccurrences(of: "_", with: "-")
        let error = model.errors[name]
        html.element("div", [("class", error == nil ? "field" : "field invalid")]) { html in
            html.element("label", [("for", id)], text: page.t(label))
            html.element(
                "textarea",
                [
                    ("id", id), ("name", name), ("rows", String(rows)),
                    ("required", name == "body" ? "" : nil),
                    ("aria-invalid", error == nil ? nil : "true"),
                    ("aria-describedby", error == nil ? nil : id + "-error"),
                ], text: value)
            if let error {
                html.element("p", [("id", id + "-error"), ("class", "field-error")], text: error)
            }
        }
    }
}
