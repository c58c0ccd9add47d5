import Foundation
import OKRCore

/// Renders `/cycles/{id}` — what the cycle is and what may be done next with it (edit and activate while
/// planning, close when active) — and the confirmation before closing, which lists every grade closing saves.
enum CyclePageView {
    static func render(_ page: Page, _ model: CyclePage) -> String {
        let cycle = model.cycle
        return Layout.render(page, title: cycle.name) { html in
            head(page, model, &html)
            if let notice = model.notice {
                html.element(
                    "p",
                    [
                        ("class", notice.isError ? "form-error" : "saved"),
                        ("role", notice.isError ? "alert" : "status"),
                        ("id", "cycle-notice"),
                    ], text: notice.text)
            }
            if model.canChange {
                switch cycle.state {
                case .planning:
                    editForm(page, model, &html)
                    activateForm(page, model, &html)
                case .active:
                    html.element("section", [("class", "card"), ("aria-labelledby", "close-h")]) { html in
                        html.element("h2", [("id", "close-h")], text: page.t(.cyclesCloseHeading))
                        html.element("p", text: page.t(.cyclesCloseLead))
                        html.element(
                            "a",
                            [
                                ("class", "button"), ("id", "close-cycle"),
                                ("href", Route.closeCycle(.id(cycle.id)).path),
                            ],
                            text: page.t(.cyclesCloseLink))
                    }
                case .closed:
                    reopenForm(page, model, &html)
                }
            } else if cycle.state != .closed {
                html.element("p", [("class", "muted")], text: page.t(.cyclesReadOnly))
            }
            if cycle.state == .closed {
                grades(page, model, base: .cycle(.id(cycle.id)), &html)
                calibration(page, model, &html)
            } else if cycle.state == .active, model.canGradeAny {
                // Before the close, whoever answers for a KR may set its grade, with a reason.
                html.element("p", [("class", "muted"), ("id", "adjust-hint")], text: page.t(.cyclesAdjustHint))
                grades(page, model, base: .cycle(.id(cycle.id)), &html)
            }
        }
    }

    /// The confirmation page: every objective with the grades closing will save, and the button that closes.
    static func confirm(_ page: Page, _ model: CyclePage) -> String {
        let cycle = model.cycle
        let title = page.t(.cyclesConfirmTitle, ["name": cycle.name])
        return Layout.render(page, title: title) { html in
            html.element("h1", text: title)
            html.element("p", text: page.t(.cyclesConfirmLead))
            if let notice = model.notice {
                html.element(
                    "p", [("class", "form-error"), ("role", "alert"), ("id", "cycle-notice")], text: notice.text)
            }
            html.element(
                "form", [("method", "post"), ("action", Route.closeCycle(.id(cycle.id)).path), ("class", "confirm")]
            ) { html in
                Layout.csrfField(page, &html)
                html.open("input", [("type", "hidden"), ("name", "version"), ("value", String(model.entry.version))])
                html.element(
                    "button", [("type", "submit"), ("class", "primary"), ("id", "confirm-close")],
                    text: page.t(.cyclesConfirm))
                html.element(
                    "a", [("class", "button"), ("href", Route.cycle(.id(cycle.id)).path)], text: page.t(.cyclesCancel))
            }
            grades(page, model, base: .closeCycle(.id(cycle.id)), &html)
        }
    }

    static func head(_ page: Page, _ model: CyclePage, _ html: inout HTML) {
        let cycle = model.cycle
        html.element("p", [("class", "muted")]) { html in
            html.element("a", [("href", Route.cycles.path)], text: page.t(.cyclesTitle))
        }
        html.element("h1", text: cycle.name)
        html.element("p", [("class", "meta")]) { html in
            html.element(
                "span", [("class", "chip"), ("id", "cycle-state")],
                text: page.t(.cyclesState, ["state": page.t(StringKey(cycleState: cycle.state))]))
            html.text(" " + CyclesPageView.dates(page, cycle))
        }
        if let expected = model.expected, let daysLeft = model.daysLeft {
            html.element("p", text: page.t(.cyclesDaysLeft, ["days": String(daysLeft)]))
            let text = page.t(.cyclesExpectedToday, ["value": page.percent(expected.value)])
            Components.progressBar(page, progress: expected.value, expected: nil, label: text, &html)
            html.element("p", [("class", "muted")], text: text)
        }
        html.element("p", [("class", "cycle-links")]) { html in
            let query: KeyValuePairs<String, String?> = ["cycle": cycle.id.rawValue]
            html.element("a", [("href", Route.company.path(query))], text: page.t(.cyclesCompanyLink))
            html.text(" · ")
            html.element("a", [("href", Route.map.path(query))], text: page.t(.cyclesMapLink))
            html.text(" · ")
            html.element(
                "a", [("id", "cycle-brief"), ("href", Route.brief(.id(cycle.id)).path)], text: page.t(.cyclesBriefLink))
            html.text(" · ")
            html.element(
                "a", [("id", "cycle-planning"), ("href", Route.planning(.id(cycle.id)).path)],
                text: page.t(.cyclesPlanningLink))
        }
    }

    static func editForm(_ page: Page, _ model: CyclePage, _ html: inout HTML) {
        html.element("section", [("class", "card"), ("aria-labelledby", "edit-h")]) { html in
            html.element("h2", [("id", "edit-h")], text: page.t(.cyclesEditHeading))
            if !model.form.errors.isEmpty {
                html.element("p", [("class", "form-error"), ("role", "alert")], text: page.t(.cyclesInvalid))
            }
            html.element(
                "form",
                [("method", "post"), ("action", Route.cycle(.id(model.cycle.id)).path), ("class", "editor cycle-form")]
            ) { html in
                Layout.csrfField(page, &html)
                html.open("input", [("type", "hidden"), ("name", "version"), ("value", model.form["version"])])
                CyclesPageView.fields(page, model.form, &html)
                html.element("button", [("type", "submit"), ("id", "save-cycle")], text: page.t(.cyclesSave))
            }
        }
    }

    /// Starting a planned cycle fixes its dates and rules.
    static func activateForm(_ page: Page, _ model: CyclePage, _ html: inout HTML) {
        transitionForm(
            page, model, "activate", to: .activateCycle(.id(model.cycle.id)), heading: .cyclesActivateHeading,
            lead: .cyclesActivateLead, button: .cyclesActivate, primary: true, &html)
    }

    /// A closed cycle is read-only; an admin who must correct its record opens it again (audited).
    static func reopenForm(_ page: Page, _ model: CyclePage, _ html: inout HTML) {
        transitionForm(
            page, model, "reopen", to: .reopenCycle(.id(model.cycle.id)), heading: .cyclesReopenHeading,
            lead: .cyclesReopenLead, button: .cyclesReopen, primary: false, &html)
    }

    /// A card with one button that posts the cycle's version to `route` (`/cycles/{id}/{action}`).
    private static func transitionForm(
        _ page: Page, _ model: CyclePage, _ action: String, to route: Route, heading: StringKey, lead: StringKey,
        button: StringKey, primary: Bool, _ html: inout HTML
    ) {
        html.element("section", [("class", "card"), ("aria-labelledby", "\(action)-h")]) { html in
            html.element("h2", [("id", "\(action)-h")], text: page.t(heading))
            html.element("p", text: page.t(lead))
            html.element("form", [("method", "post"), ("action", route.path)]) { html in
                Layout.csrfField(page, &html)
                html.open("input", [("type", "hidden"), ("name", "version"), ("value", String(model.entry.version))])
                let kind = primary ? [("class", "primary")] : []
                html.element(
                    "button", [("type", "submit")] + kind + [("id", "\(action)-cycle")], text: page.t(button))
            }
        }
    }

    /// Each objective of the page with its grade (and whether it succeeded for its kind), then its KRs' grades in
    /// a table; pages of `CyclePage.gradesPerPage` objectives, linked from `base`.
    static func grades(_ page: Page, _ model: CyclePage, base: Route, _ html: inout HTML) {
        html.element("section", [("class", "grades"), ("aria-labelledby", "grades-h")]) { html in
            html.element("h2", [("id", "grades-h")], text: page.t(.cyclesGradesHeading))
            if model.objectives.isEmpty {
                html.element("p", [("class", "empty")], text: page.t(.noObjectives))
            }
            if model.gradesPageCount > 1 { pager(page, model, base: base, &html) }
            for row in model.objectives {
                let objective = row.objective
                html.element(
                    "article", [("class", "card objective-grade"), ("id", "grade-\(objective.id.rawValue)")]
                ) { html in
                    html.element("h3") { html in
                        html.element(
                            "a", [("href", Route.objective(.id(objective.id)).path)],
                            text: objective.title.text(page.language))
                    }
                    html.element("p", [("class", "meta")]) { html in
                        html.element("span", [("class", "owner")], text: row.owner)
                        html.text(" · ")
                        html.element(
                            "span", [("class", "chip kind-\(objective.kind.rawValue)")],
                            text: page.t(objective.kind == .committed ? .committed : .aspirational))
                    }
                    html.element("p", [("class", "objective-grade-value")]) { html in
                        html.element(
                            "strong", [("data-grade", grade(row.grade.value))],
                            text: page.t(.cyclesObjectiveGrade, ["value": number(row.grade.value, page)]))
                        html.text(" ")
                        band(page, row.grade.band, &html)
                        html.text(" ")
                        html.element(
                            "span", [("class", "status-text")],
                            text: page.t(row.grade.isSuccess ? .cyclesSuccess : .cyclesNotSuccess))
                    }
                    html.element("p", [("class", "formula")], text: row.grade.explanation.computation(page.language))
                    if !row.keyResults.isEmpty { keyResultTable(page, model, row, base: base, &html) }
                    if model.entry.value.state == .closed { lookBackLink(page, row, &html) }
                }
            }
        }
    }

    /// After the close, each objective's way to its look back: the retrospective, and for an unfinished one the
    /// choice to carry it over, drop it or keep it.
    static func lookBackLink(_ page: Page, _ row: CyclePage.ObjectiveRow, _ html: inout HTML) {
        let unfinished = row.keyResults.contains { $0.keyResult.goesOn }
        html.element("p", [("class", "look-back-link")]) { html in
            html.element(
                "a", [("href", Route.objective(.id(row.objective.id)).path + "#look-back")],
                text: page.t(unfinished ? .cyclesLookBackUnfinished : .cyclesLookBack))
        }
    }

    /// "Objectives 51–100 of 5,912", with the previous and next pages.
    static func pager(_ page: Page, _ model: CyclePage, base: Route, _ html: inout HTML) {
        let first = (model.gradesPage - 1) * CyclePage.gradesPerPage + 1
        let last = first + model.objectives.count - 1
        html.element("nav", [("class", "pager"), ("id", "grades-pager"), ("aria-label", page.t(.cyclesGradesPages))]) {
            html in
            html.element(
                "span",
                text: page.t(
                    .cyclesGradesRange,
                    [
                        "first": NumberText.format(Decimal(first), page.language, places: 0),
                        "last": NumberText.format(Decimal(last), page.language, places: 0),
                        "count": NumberText.format(Decimal(model.gradeCount), page.language, places: 0),
                    ]))
            if model.gradesPage > 1 {
                html.text(" · ")
                html.element(
                    "a", [("href", base.path(["page": String(model.gradesPage - 1)]) + "#grades-h"), ("rel", "prev")],
                    text: page.t(.cyclesGradesPrevious))
            }
            if model.gradesPage < model.gradesPageCount {
                html.text(" · ")
                html.element(
                    "a", [("href", base.path(["page": String(model.gradesPage + 1)]) + "#grades-h"), ("rel", "next")],
                    text: page.t(.cyclesGradesNext))
            }
        }
    }

    static func keyResultTable(
        _ page: Page, _ model: CyclePage, _ row: CyclePage.ObjectiveRow, base: Route, _ html: inout HTML
    ) {
        let adjusting = row.keyResults.contains(where: \.canGrade)
        html.element("div", [("class", "table-scroll")]) { html in
            html.element("table", [("class", "history grades-table")]) { html in
                html.element("thead") { html in
                    html.element("tr") { html in
                        html.element("th", [("scope", "col")], text: page.t(.cyclesColKeyResult))
                        html.element("th", [("scope", "col"), ("class", "number")], text: page.t(.cyclesColProgress))
                        html.element("th", [("scope", "col"), ("class", "number")], text: page.t(.cyclesColGrade))
                        if adjusting { html.element("th", [("scope", "col")], text: page.t(.cyclesColAdjust)) }
                    }
                }
                html.element("tbody") { html in
                    for kr in row.keyResults {
                        html.element(
                            "tr", [("id", "grade-\(kr.keyResult.id.rawValue)"), ("data-grade", grade(kr.grade.value))]
                        ) { html in
                            html.element("td") { html in
                                html.text(kr.keyResult.title.text(page.language))
                                if let reason = kr.grade.reason {
                                    html.element(
                                        "small", [("class", "hint")],
                                        text: " "
                                            + page.t(
                                                .cyclesGradeReason,
                                                ["proposed": number(kr.grade.proposed, page), "reason": reason]))
                                }
                            }
                            html.element("td", [("class", "number")], text: page.percent(kr.progress))
                            html.element("td", [("class", "number")]) { html in
                                html.element("strong", text: number(kr.grade.value, page))
                                html.text(" ")
                                band(page, kr.grade.band, &html)
                            }
                            if adjusting {
                                html.element("td") { html in
                                    if kr.canGrade { adjustForm(page, model, kr, base: base, &html) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func calibration(_ page: Page, _ model: CyclePage, _ html: inout HTML) {
        html.element("section", [("class", "card calibration"), ("aria-labelledby", "calibration-h")]) { html in
            html.element("h2", [("id", "calibration-h")], text: page.t(.cyclesCalibrationHeading))
            guard let breakdown = model.calibration, let calibration = breakdown.overall else {
                html.element("p", [("class", "muted")], text: page.t(.cyclesCalibrationNone))
                return
            }
            summary(page, calibration, id: "calibration-verdict", &html)
            html.element("p", [("class", "muted")], text: page.t(.cyclesCalibrationSuccessLines))
            table(
                page, caption: .cyclesCalibrationByTeam, column: .cyclesCalibrationColTeam, id: "calibration-teams",
                breakdown.teams.map { team, calibration in
                    (team.name.text(page.language), Route.team(.id(team.id)).path, calibration)
                }, &html)
            table(
                page, caption: .cyclesCalibrationByPerson, column: .cyclesCalibrationColPerson,
                id: "calibration-people",
                breakdown.people.map { person, calibration in
                    (person.name, Route.person(.id(person.id)).path, calibration)
                }, &html)
        }
    }

    /// One calibration in words: the verdict, the figures behind it, the formula.
    static func summary(_ page: Page, _ calibration: Calibration, id: String, _ html: inout HTML) {
        html.element("p") { html in
            html.element("strong", [("id", id)], text: page.t(verdict(calibration.verdict)))
        }
        html.element(
            "p",
            text: page.t(
                .cyclesCalibrationText,
                [
                    "brier": NumberText.format(calibration.brierScore, page.language, places: 2),
                    "count": String(calibration.forecasts),
                    "confidence": page.percent(calibration.meanConfidence),
                    "success": page.percent(calibration.successRate),
                ]))
        html.element("p", [("class", "formula")], text: calibration.explanation.computation(page.language))
    }

    static func verdict(_ verdict: Calibration.Verdict) -> StringKey {
        switch verdict {
        case .overconfident: .cyclesVerdictOverconfident
        case .underconfident: .cyclesVerdictUnderconfident
        case .calibrated: .cyclesVerdictCalibrated
        }
    }

    /// Calibration per team or per person: who, how many forecasts, the Brier score and the verdict.
    static func table(
        _ page: Page, caption: StringKey, column: StringKey, id: String,
        _ rows: [(name: String, href: String, calibration: Calibration)], _ html: inout HTML
    ) {
        guard !rows.isEmpty else { return }
        html.element("div", [("class", "table-scroll")]) { html in
            html.element("table", [("class", "calibration-table"), ("id", id)]) { html in
                html.element("caption", text: page.t(caption))
                html.element("thead") { html in
                    html.element("tr") { html in
                        for key: StringKey in [
                            column, .cyclesCalibrationColCount, .cyclesCalibrationColBrier,
                            .cyclesCalibrationColConfidence, .cyclesCalibrationColSuccess, .cyclesCalibrationColVerdict,
                        ] {
                            html.element("th", [("scope", "col")], text: page.t(key))
                        }
                    }
                }
                html.element("tbody") { html in
                    for row in rows {
                        html.element("tr") { html in
                            html.element("th", [("scope", "row")]) { html in
                                html.element("a", [("href", row.href)], text: row.name)
                            }
                            html.element("td", text: String(row.calibration.forecasts))
                            html.element(
                                "td", [("data-brier", NumberText.format(row.calibration.brierScore, .en, places: 4))],
                                text: NumberText.format(row.calibration.brierScore, page.language, places: 2))
                            html.element("td", text: page.percent(row.calibration.meanConfidence))
                            html.element("td", text: page.percent(row.calibration.successRate))
                            html.element(
                                "td", [("data-verdict", row.calibration.verdict.rawValue)],
                                text: page.t(verdict(row.calibration.verdict)))
                        }
                    }
                }
            }
        }
    }

    /// A KR's grade and the reason for it, saved on its own; a refused one comes back with its message.
    static func adjustForm(
        _ page: Page, _ model: CyclePage, _ kr: CyclePage.KeyResultRow, base: Route, _ html: inout HTML
    ) {
        let id = kr.keyResult.id.rawValue
        let typed = model.gradeEntry?.keyResult == kr.keyResult.id ? model.gradeEntry : nil
        html.element(
            "form",
            [
                ("method", "post"), ("action", Route.grade(.id(model.cycle.id), .id(kr.keyResult.id)).path),
                ("class", "adjust-grade"),
            ]
        ) { html in
            Layout.csrfField(page, &html)
            html.open("input", [("type", "hidden"), ("name", "back"), ("value", base.path)])
            for (field, label) in [("grade", page.t(.cyclesAdjustGrade)), ("reason", page.t(.cyclesAdjustReason))] {
                let fieldID = "adjust-\(field)-\(id)"
                let error = typed?.field == field ? typed?.message : nil
                html.element("label", [("for", fieldID)], text: label)
                let value =
                    typed.map { field == "grade" ? $0.grade : $0.reason }
                    ?? (field == "grade" ? grade(kr.grade.value) : kr.grade.reason ?? "")
                var attributes: [(String, String?)] = [
                    ("id", fieldID), ("name", field), ("value", value),
                    ("aria-invalid", error == nil ? nil : "true"),
                    ("aria-describedby", error == nil ? nil : fieldID + "-error"),
                ]
                attributes +=
                    field == "grade"
                    ? [("type", "number"), ("min", "0"), ("max", "1"), ("step", "0.1"), ("inputmode", "decimal")]
                    : [("type", "text"), ("maxlength", "1000")]
                html.open("input", attributes)
                if let error {
                    html.element("span", [("class", "field-error"), ("id", fieldID + "-error")], text: error)
                }
            }
            html.element("button", [("type", "submit"), ("id", "adjust-\(id)")], text: page.t(.cyclesAdjustSave))
        }
    }

    /// The grade band in words, so colour is never the only signal.
    static func band(_ page: Page, _ band: GradeBand, _ html: inout HTML) {
        let key: StringKey
        switch band {
        case .red: key = .cyclesBandRed
        case .yellow: key = .cyclesBandYellow
        case .green: key = .cyclesBandGreen
        }
        html.element("span", [("class", "band band-\(band.rawValue)")], text: page.t(key))
    }

    /// A grade as people of the language write it: 0,7 in Vietnamese, 0.7 in English.
    static func number(_ value: Decimal, _ page: Page) -> String { page.number(value) }

    /// A grade as machines read it, for `data-grade`.
    static func grade(_ value: Decimal) -> String {
        NumberText.format(value, .en, places: 2, trimZeros: true)
    }
}

extension String {
    /// The string as one value of a URL query.
    var addingPercentEncodingForQuery: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", "."])) ?? self
    }
}
