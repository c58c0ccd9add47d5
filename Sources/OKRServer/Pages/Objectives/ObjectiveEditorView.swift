import Foundation
import OKRCore

/// Renders the objective editor: one form that posts without JavaScript, every control labelled, each
/// message next to its field, and the quality findings in a live region that okra.js refreshes while typing.
enum ObjectiveEditorView {
    static func render(_ page: Page, _ editor: ObjectiveEditor) -> String {
        let title = editor.objectiveID == nil ? page.t(.editorNewTitle) : page.t(.editorEditTitle)
        let action = editor.objectiveID.map { Route.editObjective(.id($0)).path } ?? Route.newObjective.path
        return Layout.render(page, title: title) { html in
            html.element("h1", text: title)
            if let notice = editor.notice {
                html.element("p", [("class", "form-error"), ("role", "alert")], text: notice)
            } else if !editor.errors.isEmpty {
                html.element("p", [("class", "form-error"), ("role", "alert")], text: page.t(.editorInvalid))
            }
            publishBlocked(page, editor, &html)
            html.element(
                "form",
                [
                    ("method", "post"), ("action", action), ("class", "editor"),
                    ("data-findings", Route.checkObjective.path),
                ]
            ) { html in
                Layout.csrfField(page, &html)
                // Enter in a field saves: the form's first submit button is the one a browser presses for it, so
                // the rows' up and down buttons below must not come first.
                html.element(
                    "button",
                    [
                        ("type", "submit"), ("class", "visually-hidden"), ("tabindex", "-1"), ("aria-hidden", "true"),
                        ("id", "save-on-enter"),
                    ], text: page.t(.editorSave))
                if let id = editor.objectiveID {
                    html.open("input", [("type", "hidden"), ("name", "objective"), ("value", id.rawValue)])
                    html.open("input", [("type", "hidden"), ("name", "version"), ("value", editor.form["version"])])
                }
                objectiveFields(page, editor, &html)
                alignmentFields(page, editor, &html)
                keyResultRows(page, editor, &html)
                findingsSection(page, editor, &html)
                saveButtons(page, editor, &html)
            }
        }
    }

    /// Save; and when the viewer may make the move, save and submit for review or save and publish in one go.
    private static func saveButtons(_ page: Page, _ editor: ObjectiveEditor, _ html: inout HTML) {
        html.element("div", [("class", "editor-actions")]) { html in
            html.element(
                "button", [("type", "submit"), ("id", "save-objective"), ("class", "primary")],
                text: page.t(.editorSave))
            for move in editor.moves {
                html.element(
                    "button",
                    [
                        ("type", "submit"), ("name", "then"), ("value", move.rawValue),
                        ("id", "save-then-\(move.rawValue)"),
                    ],
                    text: page.t(move == .published ? .editorSaveAndPublish : .editorSaveAndSubmit))
            }
        }
    }

    /// Why the last "save and publish" did not publish: each reason links to the field it is about, or to the
    /// question on the objective's page.
    private static func publishBlocked(_ page: Page, _ editor: ObjectiveEditor, _ html: inout HTML) {
        guard let reasons = editor.publishBlocked else { return }
        html.element("div", [("class", "publish-blocked"), ("id", "publish-blocked"), ("role", "alert")]) { html in
            html.element("p", [("id", "publish-blocked-h")], text: page.t(.editorPublishBlocked))
            html.element("ul", [("aria-labelledby", "publish-blocked-h")]) { html in
                for reason in reasons {
                    let href: String
                    if let question = reason.question, let id = editor.objectiveID {
                        href = Route.objective(.id(id)).path + "#comment-\(question.id.rawValue)"
                    } else {
                        href = "#" + (reason.finding.map { editor.fieldID(of: $0) } ?? "title")
                    }
                    html.element("li", [("data-reason", reason.code.rawValue)]) { html in
                        html.element(
                            "a", [("href", href)], text: ObjectiveTransition.text(of: reason, page.language))
                    }
                }
            }
        }
    }

    /// The findings of the form as it stands: a summary where each kind of finding is said once ("3 key results
    /// have no initiative"), each linking to its field, and every finding again next to the field it is about
    /// (in a `<template>` per field, which okra.js moves into place while typing; the page itself renders them in
    /// place). Both use the publish gate's words: "must fix" blocks publishing, "worth a look" does not.
    static func findingsSection(_ page: Page, _ editor: ObjectiveEditor, _ html: inout HTML) {
        html.element("section", [("id", "findings"), ("aria-live", "polite"), ("class", "card")]) { html in
            html.element("h2", text: page.t(.qualityFindings))
            let findings = editor.findings
            if findings.isEmpty {
                html.element("p", [("class", "muted")], text: page.t(.editorNoFindings))
            } else {
                let blocking = findings.filter(\.blocksPublishing).count
                html.element(
                    "p", [("class", blocking > 0 ? "gate blocked" : "gate")],
                    text: blocking > 0
                        ? page.t(.editorMustFixCount, ["count": String(blocking)]) : page.t(.editorGateClear))
                html.element("ul", [("class", "findings"), ("aria-label", page.t(.qualityFindings))]) { html in
                    for group in grouped(findings) {
                        let first = group[0]
                        html.element(
                            "li",
                            [("class", "finding f-\(first.severity.rawValue)"), ("data-code", first.code.rawValue)]
                        ) { html in
                            html.element("strong", text: severityWord(page, first) + ": ")
                            let text =
                                group.count > 1
                                ? page.t(
                                    summaryKey(first.code) ?? .editorFindingsMore,
                                    [
                                        "count": String(group.count), "finding": first.message.text(page.language),
                                    ]) : first.message.text(page.language)
                            html.element("a", [("href", "#" + editor.fieldID(of: first))], text: text)
                            html.element("span", [("class", "hint")], text: " " + first.hint.text(page.language))
                        }
                    }
                }
            }
            html.element("p", [("class", "hint")], text: page.t(.editorSeverityLegend))
            for target in editor.findingTargets {
                html.element("template", [("data-findings-for", target)]) { html in
                    fieldFindings(page, editor.findings(at: target), &html)
                }
            }
        }
    }

    /// The findings about one field, beside it.
    static func fieldFindings(_ page: Page, _ findings: [QualityFinding], _ html: inout HTML) {
        guard !findings.isEmpty else { return }
        html.element("ul", [("class", "findings")]) { html in
            for finding in findings {
                html.element(
                    "li", [("class", "finding f-\(finding.severity.rawValue)"), ("data-code", finding.code.rawValue)]
                ) { html in
                    html.element("strong", text: severityWord(page, finding) + ": ")
                    html.text(finding.message.text(page.language))
                    html.element("span", [("class", "hint")], text: " " + finding.hint.text(page.language))
                }
            }
        }
    }

    /// Where the findings about `target` show beside their field; okra.js fills it from the section's template.
    private static func findingsSlot(_ page: Page, _ editor: ObjectiveEditor, target: String, _ html: inout HTML) {
        html.element("div", [("class", "field-findings"), ("data-findings-at", target)]) { html in
            fieldFindings(page, editor.findings(at: target), &html)
        }
    }

    static func severityWord(_ page: Page, _ finding: QualityFinding) -> String {
        page.t(finding.blocksPublishing ? .severityError : .severityWarning)
    }

    /// The findings with the same rule and severity together, in the order they first appear.
    static func grouped(_ findings: [QualityFinding]) -> [[QualityFinding]] {
        var groups: [[QualityFinding]] = []
        for finding in findings {
            if let at = groups.firstIndex(where: { $0[0].code == finding.code && $0[0].severity == finding.severity }) {
                groups[at].append(finding)
            } else {
                groups.append([finding])
            }
        }
        return groups
    }

    /// The summary of several findings of one rule, for the rules that apply to each KR.
    static func summaryKey(_ code: QualityCode) -> StringKey? {
        switch code {
        case .keyResultWithoutInitiative: return .editorFindingsWithoutInitiative
        case .keyResultNotMeasurable: return .editorFindingsNotMeasurable
        case .keyResultIsActivity: return .editorFindingsActivity
        case .validityConditionNotMet: return .editorFindingsCondition
        default: return nil
        }
    }

    private static func objectiveFields(_ page: Page, _ editor: ObjectiveEditor, _ html: inout HTML) {
        html.element("fieldset", [("class", "objective-fields")]) { html in
            textField(page, editor, id: "title", label: page.t(.editorTitle), required: true, &html)
            findingsSlot(page, editor, target: "objective", &html)
            guidingQuestions(page, editor, &html)
            textField(page, editor, id: "title_en", label: page.t(.editorTitleEn), &html)
            field(page, editor, id: "owner", label: page.t(.editorOwner), &html) { html in
                pickerSearch(
                    page, for: "owner",
                    path: Route.objectiveOptions.path(["for": "owner", "cycle": editor.form["cycle"]]),
                    label: page.t(.editorOwnerSearch), &html)
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
                    html.element(
                        "a", [("id", "direction-brief"), ("href", Route.brief(.id(.init(cycle))).path)],
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
                    pickerSearch(
                        page, for: "parent-\(row)",
                        path: Route.objectiveOptions.path([
                            "for": "parent", "cycle": editor.form["cycle"],
                            "objective": editor.objectiveID?.rawValue ?? "",
                        ]),
                        label: page.t(.editorParentSearch, ["number": String(row + 1)]), &html)
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
        templates(page, &html)
        let kinds = KeyResult.Kind.allCases.map { kind in
            ObjectiveEditor.Choice(value: kind.rawValue, label: page.t(kindLabel(kind)))
        }
        for row in 0..<editor.form.rowCount {
            let prefix = "kr-\(row)-"
            html.element("fieldset", [("class", "kr-row"), ("id", "kr-\(row)")]) { html in
                html.element("legend", text: page.t(.editorKrRow, ["number": String(row + 1)]))
                moveButtons(page, row: row, of: editor.form.rowCount, &html)
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
                field(page, editor, id: prefix + "owner", label: page.t(.editorKrOwner), &html) { html in
                    select(editor, id: prefix + "owner", editor.keyResultOwners, &html)
                }
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
                findingsSlot(page, editor, target: "kr-\(row)", &html)
                initiativeRows(page, editor, row: row, &html)
            }
        }
    }

    /// The guide's three questions for writing a team's objective; open while a team owns it.
    private static func guidingQuestions(_ page: Page, _ editor: ObjectiveEditor, _ html: inout HTML) {
        var isTeam = false
        if case .team = Owner(editor.form["owner"]) { isTeam = true }
        html.element("details", [("class", "guide"), ("id", "guiding-questions"), ("open", isTeam ? "" : nil)]) {
            html in
            html.element("summary", text: page.t(.guideTeamQuestions))
            html.element("ul") { html in
                for question in [StringKey.guideRole, .guideCreate, .guideBlocks] {
                    html.element("li", text: page.t(question))
                }
            }
        }
    }

    /// The guide's kinds of results, each a button that fills an empty KR row (the form comes back, unsaved).
    private static func templates(_ page: Page, _ html: inout HTML) {
        html.element("details", [("class", "guide"), ("id", "kr-templates")]) { html in
            html.element("summary", text: page.t(.templatesHeading))
            html.element("p", [("class", "hint")], text: page.t(.templatesLead))
            for group in KeyResultTemplate.Group.allCases {
                html.element("h3", text: page.t(group.title))
                html.element("ul", [("class", "templates")]) { html in
                    for template in KeyResultTemplate.all where template.group == group {
                        html.element("li") { html in
                            html.element(
                                "button",
                                [
                                    ("type", "submit"), ("name", "template"), ("value", template.id),
                                    ("formnovalidate", ""), ("class", "link"),
                                ], text: page.t(template.title))
                        }
                    }
                }
            }
        }
    }

    /// Moving a KR up or down: the form comes back with the rows traded, nothing saved until "Save".
    private static func moveButtons(_ page: Page, row: Int, of count: Int, _ html: inout HTML) {
        html.element("div", [("class", "kr-move")]) { html in
            let number = String(row + 1)
            if row > 0 {
                html.element(
                    "button",
                    [
                        ("type", "submit"), ("name", "move"), ("value", "\(row)-up"), ("formnovalidate", ""),
                        ("id", "kr-\(row)-up"), ("aria-label", page.t(.editorKrMoveUpLabel, ["number": number])),
                    ], text: "↑ " + page.t(.editorKrMoveUp))
            }
            if row < count - 1 {
                html.element(
                    "button",
                    [
                        ("type", "submit"), ("name", "move"), ("value", "\(row)-down"), ("formnovalidate", ""),
                        ("id", "kr-\(row)-down"), ("aria-label", page.t(.editorKrMoveDownLabel, ["number": number])),
                    ], text: "↓ " + page.t(.editorKrMoveDown))
            }
        }
    }

    /// The initiatives that drive KR row `row`: each stored one (title, state, link) and an empty row to add one.
    private static func initiativeRows(_ page: Page, _ editor: ObjectiveEditor, row: Int, _ html: inout HTML) {
        let states = Initiative.State.allCases.map {
            ObjectiveEditor.Choice(value: $0.rawValue, label: page.t(StringKey(initiativeState: $0)))
        }
        html.element("fieldset", [("class", "initiatives"), ("id", "kr-\(row)-initiatives")]) { html in
            html.element("legend", text: page.t(.editorInitiatives))
            html.element("p", [("class", "hint")], text: page.t(.editorInitiativesHint))
            for index in 0..<editor.form.initiativeRowCount(row) {
                let prefix = "kr-\(row)-init-\(index)-"
                html.element("div", [("class", "init-row")]) { html in
                    for name in ["id", "version"] where !editor.form[prefix + "id"].isEmpty {
                        html.open(
                            "input",
                            [("type", "hidden"), ("name", prefix + name), ("value", editor.form[prefix + name])])
                    }
                    textField(
                        page, editor, id: prefix + "title",
                        label: page.t(.editorInitiativeTitle, ["number": String(index + 1)]), wide: true, &html)
                    field(page, editor, id: prefix + "state", label: page.t(.editorInitiativeState), &html) { html in
                        select(editor, id: prefix + "state", states, &html)
                    }
                    textField(page, editor, id: prefix + "link", label: page.t(.editorInitiativeLink), &html)
                }
            }
            // With JavaScript, another empty row at once; without it, saving leaves one empty row for the next.
            html.element(
                "button",
                [
                    ("type", "button"), ("class", "add-initiative"), ("id", "kr-\(row)-add-initiative"),
                    ("data-add-initiative", ""), ("hidden", ""),
                ],
                text: page.t(.editorInitiativeAdd))
        }
    }

    /// A search box for a long list (every person, every objective): okra.js shows it and fills the list below
    /// it with what matches (no diacritics needed). Without JavaScript it stays hidden and the list offers the
    /// nearby choices.
    private static func pickerSearch(
        _ page: Page, for id: String, path: String, label: String, _ html: inout HTML
    ) {
        html.open(
            "input",
            [
                ("type", "search"), ("id", id + "-search"), ("class", "picker-search"), ("hidden", ""),
                ("data-picker", path), ("data-picker-for", id), ("aria-label", label), ("placeholder", label),
                ("autocomplete", "off"), ("aria-controls", id),
            ])
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
