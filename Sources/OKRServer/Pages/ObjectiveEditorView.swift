import Foundation
import OKRCore

/// Renders the objective editor: one form that posts without JavaScript, every control labelled, each
/// message next to its field, and the quality findings in a live region that okra.js refreshes while typing.
enum ObjectiveEditorView {
    static func render(_ page: Page, _ editor: ObjectiveEditor) -> String {
        let title = editor.objectiveID == nil ? page.t(.editorNewTitle) : page.t(.editorEditTitle)
        let action = editor.objectiveID.map { "/objectives/\($0.rawValue)/edit" } ?? "/objectives/new"
        return Layout.render(page, title: title) { html in
            html.element("h1", text: title)
            if let notice = editor.notice {
                html.element("p", [("class", "form-error"), ("role", "alert")], text: notice)
            } else if !editor.errors.isEmpty {
                html.element("p", [("class", "form-error"), ("role", "alert")], text: page.t(.editorInvalid))
            }
            html.element(
                "form",
                [("method", "post"), ("action", action), ("class", "editor"), ("data-findings", "/objectives/check")]
            ) { html in
                Layout.csrfField(page, &html)
                if let id = editor.objectiveID {
                    html.open("input", [("type", "hidden"), ("name", "objective"), ("value", id.rawValue)])
                    html.open("input", [("type", "hidden"), ("name", "version"), ("value", editor.form["version"])])
                }
                objectiveFields(page, editor, &html)
                alignmentFields(page, editor, &html)
                keyResultRows(page, editor, &html)
                html.element("button", [("type", "submit"), ("id", "save-objective")], text: page.t(.editorSave))
            }
            findingsSection(page, editor.findings, &html)
        }
    }

    /// The findings fragment: the whole page on GET and after a failed save, alone for `POST /objectives/check`.
    static func findingsSection(_ page: Page, _ findings: [QualityFinding], _ html: inout HTML) {
        html.element("section", [("id", "findings"), ("aria-live", "polite"), ("class", "card")]) { html in
            html.element("h2", text: page.t(.qualityFindings))
            if findings.isEmpty {
                html.element("p", [("class", "muted")], text: page.t(.editorNoFindings))
            } else {
                Components.findings(page, findings, &html)
            }
        }
    }

    private static func objectiveFields(_ page: Page, _ editor: ObjectiveEditor, _ html: inout HTML) {
        html.element("fieldset", [("class", "objective-fields")]) { html in
            textField(page, editor, id: "title", label: page.t(.editorTitle), required: true, &html)
            textField(page, editor, id: "title_en", label: page.t(.editorTitleEn), &html)
            field(page, editor, id: "owner", label: page.t(.editorOwner), &html) { html in
                select(editor, id: "owner", editor.owners, &html)
            }
            field(page, editor, id: "kind", label: page.t(.editorKind), &html) { html in
                select(
                    editor, id: "kind",
                    [
                        .init(value: "committed", label: page.t(.editorKindCommitted)),
                        .init(value: "aspirational", label: page.t(.editorKindAspirational)),
                    ], &html)
            }
            field(page, editor, id: "visibility", label: page.t(.editorVisibility), &html) { html in
                select(
                    editor, id: "visibility",
                    [
                        .init(value: "organization", label: page.t(.editorVisibilityOrganization)),
                        .init(value: "private", label: page.t(.editorVisibilityPrivate)),
                    ], &html)
            }
            field(page, editor, id: "cycle", label: page.t(.editorCycle), &html) { html in
                select(editor, id: "cycle", editor.cycles, &html)
                // Teams draft against leadership's direction for the cycle.
                let cycle = editor.form["cycle"]
                if !cycle.isEmpty {
                    let path = cycle.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? cycle
                    html.element(
                        "a", [("id", "direction-brief"), ("href", "/cycles/\(path)/brief")],
                        text: page.t(.editorReadBrief))
                }
            }
        }
    }

    /// What the objective is for (its description) and what it drives: up to a few parents with their weights,
    /// and where its progress comes from.
    private static func alignmentFields(_ page: Page, _ editor: ObjectiveEditor, _ html: inout HTML) {
        html.element("fieldset", [("class", "objective-fields alignment"), ("id", "alignment")]) { html in
            html.element("legend", text: page.t(.editorAlignment))
            field(
                page, editor, id: "description", label: page.t(.editorDescription),
                hint: page.t(.editorDescriptionHint), wide: true, &html
            ) { html in
                html.element(
                    "textarea",
                    [
                        ("id", "description"), ("name", "description"), ("rows", "3"), ("maxlength", "4000"),
                        ("aria-invalid", editor.errors["description"] == nil ? nil : "true"),
                        ("aria-describedby", describedBy(editor, id: "description", hint: true)),
                    ], text: editor.form["description"])
            }
            let none = ObjectiveEditor.Choice(value: "", label: page.t(.editorParentNone))
            for row in 0..<editor.parentRowCount {
                field(
                    page, editor, id: "parent-\(row)", label: page.t(.editorParent, ["number": String(row + 1)]),
                    hint: row == 0 ? page.t(.editorParentHint) : nil, wide: true, &html
                ) { html in
                    select(editor, id: "parent-\(row)", [none] + editor.parentChoices, &html)
                }
                textField(
                    page, editor, id: "weight-\(row)", label: page.t(.editorParentWeight), numeric: true, &html)
            }
            field(page, editor, id: "progress_source", label: page.t(.editorProgressSource), &html) { html in
                select(
                    editor, id: "progress_source",
                    [
                        .init(value: "key_results", label: page.t(.editorProgressFromKeyResults)),
                        .init(value: "children", label: page.t(.editorProgressFromChildren)),
                        .init(value: "both", label: page.t(.editorProgressFromBoth)),
                    ], &html)
            }
        }
    }

    private static func keyResultRows(_ page: Page, _ editor: ObjectiveEditor, _ html: inout HTML) {
        html.element("h2", text: page.t(.editorKeyResults))
        html.element("p", [("class", "muted")], text: page.t(.editorKeyResultsHint))
        let kinds = KeyResult.Kind.allCases.map { kind in
            ObjectiveEditor.Choice(value: kind.rawValue, label: page.t(kindLabel(kind)))
        }
        for row in 0..<editor.form.rowCount {
            let prefix = "kr-\(row)-"
            html.element("fieldset", [("class", "kr-row"), ("id", "kr-\(row)")]) { html in
                html.element("legend", text: page.t(.editorKrRow, ["number": String(row + 1)]))
                if !editor.form[prefix + "id"].isEmpty {
                    html.open(
                        "input", [("type", "hidden"), ("name", prefix + "id"), ("value", editor.form[prefix + "id"])])
                    html.open(
                        "input",
                        [("type", "hidden"), ("name", prefix + "version"), ("value", editor.form[prefix + "version"])])
                    // A stored KR can be taken off the objective; its check-ins and comments go with it.
                    html.element("div", [("class", "field check kr-remove")]) { html in
                        html.open(
                            "input",
                            [
                                ("type", "checkbox"), ("id", prefix + "remove"), ("value", "1"),
                                ("name", prefix + "remove"), ("checked", editor.form.isRemoved(row) ? "" : nil),
                                ("aria-describedby", prefix + "remove-hint"),
                            ])
                        html.element("label", [("for", prefix + "remove")], text: page.t(.editorKrRemove))
                        html.element(
                            "span", [("id", prefix + "remove-hint"), ("class", "hint")],
                            text: page.t(.editorKrRemoveHint))
                    }
                }
                textField(page, editor, id: prefix + "title", label: page.t(.editorKrTitle), wide: true, &html)
                field(page, editor, id: prefix + "kind", label: page.t(.editorKrKind), &html) { html in
                    select(editor, id: prefix + "kind", kinds, &html)
                }
                textField(
                    page, editor, id: prefix + "unit", label: page.t(.editorKrUnit), hint: page.t(.editorKrUnitHint),
                    &html)
                for (name, key) in [
                    ("start", StringKey.editorKrStart), ("target", .editorKrTarget),
                    ("target_high", .editorKrTargetHigh),
                ] {
                    textField(page, editor, id: prefix + name, label: page.t(key), numeric: true, &html)
                }
                textField(page, editor, id: prefix + "condition_metric", label: page.t(.editorKrConditionMetric), &html)
                textField(
                    page, editor, id: prefix + "condition_minimum", label: page.t(.editorKrConditionMinimum),
                    numeric: true, &html)
            }
        }
    }

    static func kindLabel(_ kind: KeyResult.Kind) -> StringKey {
        switch kind {
        case .increase: return .editorKrKindIncrease
        case .decrease: return .editorKrKindDecrease
        case .atLeast: return .editorKrKindAtLeast
        case .atMost: return .editorKrKindAtMost
        case .range: return .editorKrKindRange
        case .milestone: return .editorKrKindMilestone
        case .baseline: return .editorKrKindBaseline
        }
    }

    /// A labelled control with its hint and its message, tied together by `aria-describedby`.
    private static func field(
        _ page: Page, _ editor: ObjectiveEditor, id: String, label: String, hint: String? = nil, wide: Bool = false,
        _ html: inout HTML, control: (inout HTML) -> Void
    ) {
        let error = editor.errors[id]
        html.element("div", [("class", error == nil ? (wide ? "field wide" : "field") : "field invalid")]) { html in
            html.element("label", [("for", id)], text: label)
            control(&html)
            if let hint { html.element("small", [("id", id + "-hint"), ("class", "hint")], text: hint) }
            if let error {
                html.element("p", [("id", id + "-error"), ("class", "field-error")], text: error)
            }
        }
    }

    private static func describedBy(_ editor: ObjectiveEditor, id: String, hint: Bool) -> String? {
        let ids = [hint ? id + "-hint" : nil, editor.errors[id] == nil ? nil : id + "-error"].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    private static func textField(
        _ page: Page, _ editor: ObjectiveEditor, id: String, label: String, hint: String? = nil,
        required: Bool = false, numeric: Bool = false, wide: Bool = false, _ html: inout HTML
    ) {
        field(page, editor, id: id, label: label, hint: hint, wide: wide, &html) { html in
            html.open(
                "input",
                [
                    ("type", "text"), ("id", id), ("name", id), ("value", editor.form[id]),
                    ("inputmode", numeric ? "decimal" : nil), ("required", required ? "" : nil),
                    ("maxlength", numeric ? "40" : "300"),
                    ("aria-invalid", editor.errors[id] == nil ? nil : "true"),
                    ("aria-describedby", describedBy(editor, id: id, hint: hint != nil)),
                ])
        }
    }

    private static func select(
        _ editor: ObjectiveEditor, id: String, _ choices: [ObjectiveEditor.Choice], _ html: inout HTML
    ) {
        let chosen = editor.form[id]
        html.element(
            "select",
            [
                ("id", id), ("name", id), ("aria-invalid", editor.errors[id] == nil ? nil : "true"),
                ("aria-describedby", describedBy(editor, id: id, hint: false)),
            ]
        ) { html in
            for choice in choices {
                html.element(
                    "option", [("value", choice.value), ("selected", choice.value == chosen ? "" : nil)],
                    text: choice.label)
            }
        }
    }
}
