import Foundation
import OKRCore

/// Renders the one-form check-in and its result. Tab order is the DOM order: value → confidence → note, then
/// the next KR, so five KRs are checked in with the keyboard alone.
enum CheckInView {
    static func render(_ page: Page, _ form: CheckInForm) -> String {
        Layout.render(page, title: page.t(.checkInTitle)) { html in
            html.element("h1", text: page.t(.checkInTitle) + " — " + form.report.cycle.name)
            guard !form.rows.isEmpty else {
                EmptyState.render(
                    page, .checkInNone, next: (.emptyWriteFirstObjective, Route.newObjective.path),
                    hint: .emptyWriteObjective,
                    &html)
                return
            }
            html.element("p", [("class", "muted")], text: page.t(.checkInLead))
            // Focus starts on the first value (or the first field with a message); Enter moves to the next KR's
            // value and, on the last, sends the form (okra.js); confidence starts at the last check-in's.
            let focus = form.rows.first { !(form.problems[$0.keyResult.id] ?? [:]).isEmpty } ?? form.rows.first
            html.element(
                "form",
                [
                    ("method", "post"), ("action", Route.checkIn.path), ("class", "checkin-form"),
                    ("data-enter-moves", ""),
                ]
            ) { html in
                Layout.csrfField(page, &html)
                if let message = form.formProblem {
                    html.element("p", [("class", "error"), ("role", "alert")], text: message)
                } else if form.problemCount > 0 {
                    html.element(
                        "p", [("class", "error"), ("role", "alert")],
                        text: page.t(.checkInErrors, ["count": "\(form.problemCount)"]))
                }
                for row in form.rows {
                    let fresh = CheckInForm.Entry(confidence: row.lastCheckIn?.confidence.map { "\($0.value)" } ?? "")
                    self.row(
                        page, row, entry: form.entries[row.keyResult.id] ?? fresh,
                        problems: form.problems[row.keyResult.id] ?? [:],
                        focused: row.keyResult.id == focus?.keyResult.id, &html)
                }
                html.element("button", [("type", "submit"), ("id", "check-in-submit"), ("class", "primary")]) { html in
                    html.text(page.t(.checkInSubmit))
                }
            }
        }
    }

    static func row(
        _ page: Page, _ row: CheckInForm.Row, entry: CheckInForm.Entry, problems: [CheckInForm.Field: String],
        focused: Bool = false, _ html: inout HTML
    ) {
        let kr = row.keyResult
        let id = kr.id.rawValue
        html.element("fieldset", [("class", "checkin-row"), ("id", "row-\(id)")]) { html in
            html.element("legend") { html in
                html.element("span", [("class", "kr-title")], text: kr.title.text(page.language))
                html.element("span", [("class", "objective-title")], text: row.objective.title.text(page.language))
                if let cycle = row.cycle { html.element("span", [("class", "chip link-cycle")], text: cycle.name) }
            }
            html.element("p", [("class", "now")]) { html in
                html.text(page.t(.checkInNow, ["value": Components.valueText(page, kr)]) + " · ")
                html.element(
                    "span", [("class", "status-text s-\(row.score.status.status.rawValue)")],
                    text: row.score.status.status.label.text(page.language))
            }
            // Last time's value and confidence, to start from.
            if let last = row.lastCheckIn {
                html.element(
                    "p", [("class", "last muted"), ("id", "last-\(id)")],
                    text: page.t(
                        last.confidence == nil ? .checkInLast : .checkInLastWithConfidence,
                        [
                            "value": NumberText.format(last.value, unit: kr.unit, page.language),
                            "confidence": last.confidence.map { "\($0.value)" } ?? "",
                            "day": page.day(last.day),
                        ]))
            }
            html.element("div", [("class", "checkin-fields")]) { html in
                field(
                    page, "value", id, label: page.t(.checkInValue) + unitSuffix(kr), problem: problems[.value],
                    autofocus: focused, &html
                ) {
                    html, attributes in
                    if kr.kind == .milestone {
                        html.element("select", attributes) { html in
                            for (value, text) in [
                                ("", page.t(.checkInSkip)), ("0", page.t(.milestoneNotDone)),
                                ("1", page.t(.milestoneDone)),
                            ] {
                                html.element(
                                    "option", [("value", value), ("selected", entry.value == value ? "" : nil)],
                                    text: text)
                            }
                            let known = ["", "0", "1"]
                            if !known.contains(entry.value) {
                                html.element("option", [("value", entry.value), ("selected", "")], text: entry.value)
                            }
                        }
                    } else {
                        html.open(
                            "input",
                            attributes + [
                                ("type", "text"), ("inputmode", "decimal"), ("autocomplete", "off"),
                                ("value", entry.value),
                            ])
                    }
                }
                field(page, "confidence", id, label: page.t(.checkInConfidence), problem: problems[.confidence], &html)
                {
                    html, attributes in
                    html.open(
                        "input",
                        attributes + [
                            ("type", "number"), ("min", "0"), ("max", "10"), ("step", "1"), ("inputmode", "numeric"),
                            ("value", entry.confidence),
                        ])
                }
                field(page, "note", id, label: page.t(.checkInNote), problem: problems[.note], &html) {
                    html, attributes in
                    html.open(
                        "input", attributes + [("type", "text"), ("maxlength", "1000"), ("value", entry.note)])
                }
            }
        }
    }

    /// A labelled control with its message below it, tied by `aria-describedby`.
    static func field(
        _ page: Page, _ name: String, _ id: String, label: String, problem: String?, autofocus: Bool = false,
        _ html: inout HTML, control: (inout HTML, [(String, String?)]) -> Void
    ) {
        let controlID = "\(name)-\(id)"
        let messageID = controlID + "-error"
        html.element("div", [("class", problem == nil ? "field" : "field invalid")]) { html in
            html.element("label", [("for", controlID)], text: label)
            control(
                &html,
                [
                    ("id", controlID), ("name", "\(name).\(id)"),
                    ("aria-describedby", problem == nil ? nil : messageID),
                    ("aria-invalid", problem == nil ? nil : "true"), ("autofocus", autofocus ? "" : nil),
                ])
            if let problem {
                html.element("p", [("class", "field-error"), ("id", messageID)], text: problem)
            }
        }
    }

    private static func unitSuffix(_ kr: KeyResult) -> String {
        switch kr.unit {
        case .number: return ""
        case .percent: return " (%)"
        case .currency(let code, _): return " (\(code))"
        case .label(let text): return " (\(text))"
        }
    }

    /// What was just checked in, with the new progress (`data-progress`) and status of each KR.
    static func done(_ page: Page, _ form: CheckInForm, rows: [CheckInForm.Row]) -> String {
        Layout.render(page, title: page.t(.checkInDoneTitle)) { html in
            html.element("h1", text: page.t(.checkInDoneTitle))
            if rows.isEmpty {
                html.element("p", [("class", "empty")], text: page.t(.checkInDoneNone))
            } else {
                html.element("p", [("class", "muted")], text: page.t(.checkInDoneLead))
                html.element("ul", [("class", "checkin-results")]) { html in
                    for row in rows { result(page, row, &html) }
                }
            }
            html.element("p", [("class", "actions")]) { html in
                html.element("a", [("href", Route.checkIn.path)], text: page.t(.checkInAgain))
                html.text(" · ")
                html.element("a", [("href", Route.myWeek.path)], text: page.t(.checkInBackHome))
            }
        }
    }

    static func result(_ page: Page, _ row: CheckInForm.Row, _ html: inout HTML) {
        let kr = row.keyResult
        let progress = NumberText.format(row.score.progress.raw, .en, places: 4, trimZeros: true)
        html.element(
            "li",
            [
                ("class", "kr card"), ("id", "result-\(kr.id.rawValue)"), ("data-progress", progress),
                ("data-status", row.score.status.status.rawValue),
            ]
        ) { html in
            html.element("div", [("class", "kr-head")]) { html in
                html.element("span", [("class", "kr-title")], text: kr.title.text(page.language))
                html.element("span", [("class", "kr-value")], text: Components.valueText(page, kr))
            }
            html.element("div", [("class", "kr-score")]) { html in
                Components.progressBar(
                    page, progress: row.score.progress.raw, expected: row.score.expected.value,
                    label: page.t(.progressOf, ["title": kr.title.text(page.language)]), &html)
                Components.statusChip(page, row.score.status, progress: row.score.progress.explanation, &html)
            }
            if let note = row.lastCheckIn?.note { html.element("q", text: note) }
        }
    }
}
