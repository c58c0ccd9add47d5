import Foundation
import OKRCore

/// Renders "My week": my KRs with a one-click check-in, my weekly update and its form, the questions and asks
/// waiting for me, and what is stale.
enum MyWeekView {
    static func render(_ page: Page, _ model: MyWeek, saved: Bool = false) -> String {
        Layout.render(page, title: page.t(.weekTitle)) { html in
            html.element("div", [("class", "pagehead")]) { html in
                html.element("h1", [("class", "person")]) { html in
                    if let person = page.person { Avatar.render(person.name, &html) }
                    html.text(page.t(.weekTitle))
                }
                html.element(
                    "p", [("class", "muted")],
                    text: model.cycle.name + " · " + page.t(.weekOf, ["day": page.day(model.week)]))
                Components.newObjectiveLink(page, id: "new-objective", &html)
            }
            keyResults(page, model, &html)
            html.element("div", [("class", "week-grid")]) { html in
                weeklyUpdate(page, model, saved: saved, &html)
                html.element("div", [("class", "week-side")]) { html in
                    questions(page, model, &html)
                    asks(page, model, &html)
                    stale(page, model, &html)
                }
            }
        }
    }

    static func keyResults(_ page: Page, _ model: MyWeek, _ html: inout HTML) {
        html.element("section", [("class", "card my-krs"), ("aria-labelledby", "my-krs-h")]) { html in
            html.element("div", [("class", "section-head")]) { html in
                html.element("h2", [("id", "my-krs-h")], text: page.t(.weekMyKeyResults))
                if !model.keyResults.rows.isEmpty {
                    html.element(
                        "a", [("class", "button primary"), ("href", Route.checkIn.path), ("id", "check-in-all")],
                        text: page.t(.weekCheckInAll))
                }
            }
            guard !model.keyResults.rows.isEmpty else {
                EmptyState.render(
                    page, .weekNoKeyResults, next: (.emptyWriteFirstObjective, Route.newObjective.path),
                    hint: .emptyWriteObjective,
                    &html)
                return
            }
            html.element("ol", [("class", "krs")]) { html in
                for row in model.keyResults.rows { html.raw(keptKeyResult(page, row)) }
            }
        }
    }

    /// A KR's row as rendered before while nothing it shows has changed: its KR (a check-in is a new version), its
    /// objective's title, its score (a new day moves what is expected) and its last check-in's day, in one
    /// language. Most of a person's rows are the same from one visit to the next.
    private struct RowStamp: Equatable, Sendable {
        let keyResult: KeyResult
        let objectiveTitle: LocalizedName
        let score: Scorecard.KeyResultScore
        let lastCheckIn: Day?
    }

    private struct RowKey: Hashable, Sendable {
        let keyResult: KeyResultID
        let language: Language
    }

    /// A few thousand people's rows of about a kilobyte each.
    private static let rows = BoundedMemo<RowKey, (stamp: RowStamp, html: String)>(limit: 20_000)

    static func keptKeyResult(_ page: Page, _ row: CheckInForm.Row) -> String {
        let stamp = RowStamp(
            keyResult: row.keyResult, objectiveTitle: row.objective.title, score: row.score,
            lastCheckIn: row.lastCheckIn?.day)
        let key = RowKey(keyResult: row.keyResult.id, language: page.language)
        if let kept = rows.kept(for: key), kept.stamp == stamp { return kept.html }
        var html = HTML(capacity: 2_048)
        keyResult(page, row, &html)
        let written = html.finish()
        rows.keep((stamp, written), for: key)
        return written
    }

    static func keyResult(_ page: Page, _ row: CheckInForm.Row, _ html: inout HTML) {
        let kr = row.keyResult
        let title = kr.title.text(page.language)
        html.element("li", [("class", "kr"), ("id", "kr-\(kr.id.rawValue)"), ("data-live-kr", kr.id.rawValue)]) {
            html in
            html.element("div", [("class", "kr-head")]) { html in
                html.element("span", [("class", "kr-title")], text: title)
                html.element("span", [("class", "kr-value")], text: Components.valueText(page, kr))
            }
            html.element("div", [("class", "kr-score")]) { html in
                Components.progressBar(
                    page, progress: row.score.progress.raw, expected: row.score.expected.value,
                    label: page.t(.progressOf, ["title": title]), &html)
                Components.statusChip(page, row.score.status, progress: row.score.progress.explanation, &html)
                html.element(
                    "a",
                    [
                        ("class", "button"), ("href", Route.checkIn.path + "#row-\(kr.id.rawValue)"),
                        ("aria-label", page.t(.weekCheckIn) + ": " + title),
                    ], text: page.t(.weekCheckIn))
            }
            html.element("p", [("class", "kr-meta")]) { html in
                html.element("span", [("class", "objective-title")], text: row.objective.title.text(page.language))
                if let cycle = row.cycle { html.element("span", [("class", "chip link-cycle")], text: cycle.name) }
                if let last = row.lastCheckIn {
                    html.element("span", text: page.t(.lastCheckIn, ["day": page.day(last.day)]))
                } else {
                    html.element("span", text: page.t(.weekNeverCheckedIn))
                }
            }
        }
    }

    static func weeklyUpdate(_ page: Page, _ model: MyWeek, saved: Bool, _ html: inout HTML) {
        html.element("section", [("class", "card week-update"), ("aria-labelledby", "week-update-h")]) { html in
            html.element("h2", [("id", "week-update-h")], text: page.t(.weekUpdate))
            if saved {
                html.element("p", [("class", "saved"), ("role", "status")], text: page.t(.weekSaved))
            }
            if let update = model.update, !update.plans.isEmpty {
                html.element("ul", [("class", "plans"), ("aria-label", page.t(.weekPlans))]) { html in
                    for plan in update.plans {
                        html.element("li", [("class", plan.isLinked ? "plan linked" : "plan unlinked")]) { html in
                            html.element("span", [("class", "plan-text")], text: plan.text)
                            if let id = plan.keyResultID?.rawValue ?? plan.objectiveID?.rawValue {
                                html.element(
                                    "span", [("class", "chip link")],
                                    text: page.t(.weekLinked, ["title": model.titles[id] ?? id]))
                            } else {
                                html.element("span", [("class", "chip warn")], text: page.t(.weekUnlinked))
                            }
                        }
                    }
                }
            }
            if let mood = model.update?.mood {
                html.element("p", [("class", "mood")], text: page.t(.weekMoodSaved, ["mood": moodLabel(page, mood)]))
            }
            // Viewers read; they have no update to write.
            guard page.person?.role != .viewer else { return }
            html.element("form", [("method", "post"), ("action", Route.week.path)]) { html in
                Layout.csrfField(page, &html)
                if let version = model.version {
                    html.open("input", [("type", "hidden"), ("name", "version"), ("value", String(version))])
                }
                planRows(page, model, &html)
                textArea(
                    page, "progress", label: page.t(.weekProgress), hint: nil, value: model.entry.progress,
                    problem: model.problems[.progress], rows: 3, &html)
                textArea(
                    page, "problems", label: page.t(.weekProblems), hint: nil, value: model.entry.problems,
                    problem: model.problems[.problems], rows: 3, &html)
                mood(page, model, &html)
                html.element("button", [("type", "submit"), ("id", "save-week"), ("class", "primary")]) { html in
                    html.text(page.t(.weekSave))
                }
            }
        }
    }

    /// This week's plans, one row each: what, and which of one's KRs (or objectives) it moves, picked from a list;
    /// a plan linked to nothing is asked about ("keep it or drop it?"). Empty rows add plans.
    static func planRows(_ page: Page, _ model: MyWeek, _ html: inout HTML) {
        let problem = model.problems[.plans]
        let links = model.planLinks(page.language)
        let rows = model.planRows
        html.element(
            "fieldset",
            [
                ("class", problem == nil ? "plan-rows" : "plan-rows invalid"), ("id", "plans"),
                ("aria-describedby", problem == nil ? "plans-hint" : "plans-hint plans-error"),
            ]
        ) { html in
            html.element("legend", text: page.t(.weekPlans))
            html.element("small", [("class", "hint"), ("id", "plans-hint")], text: page.t(.weekPlansPickHint))
            if let problem { html.element("p", [("class", "field-error"), ("id", "plans-error")], text: problem) }
            for index in 0..<(rows.count + MyWeek.emptyPlanRows) {
                let row = index < rows.count ? rows[index] : (text: "", link: "")
                html.element("div", [("class", "plan-row")]) { html in
                    html.element("div", [("class", "field")]) { html in
                        html.element(
                            "label", [("for", "plan-\(index)-text")],
                            text: page.t(.weekPlanText, ["number": String(index + 1)]))
                        html.open(
                            "input",
                            [
                                ("type", "text"), ("id", "plan-\(index)-text"), ("name", "plan-\(index)-text"),
                                ("value", row.text), ("maxlength", "500"),
                            ])
                    }
                    html.element("div", [("class", "field")]) { html in
                        html.element(
                            "label", [("for", "plan-\(index)-link")],
                            text: page.t(.weekPlanLink, ["number": String(index + 1)]))
                        html.element("select", [("id", "plan-\(index)-link"), ("name", "plan-\(index)-link")]) {
                            html in
                            html.element(
                                "option", [("value", ""), ("selected", row.link.isEmpty ? "" : nil)],
                                text: page.t(.weekPlanNotLinked))
                            for link in links {
                                html.element(
                                    "option", [("value", link.value), ("selected", link.value == row.link ? "" : nil)],
                                    text: link.label)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The optional mood of the week, 1 to 5, each with its words (a number alone says little).
    static func mood(_ page: Page, _ model: MyWeek, _ html: inout HTML) {
        let problem = model.problems[.mood]
        html.element("div", [("class", problem == nil ? "field" : "field invalid")]) { html in
            html.element("label", [("for", "mood")], text: page.t(.weekMood))
            if let problem {
                html.element("p", [("class", "field-error"), ("id", "mood-error")], text: problem)
            }
            html.element(
                "select",
                [
                    ("id", "mood"), ("name", "mood"), ("aria-describedby", problem == nil ? nil : "mood-error"),
                    ("aria-invalid", problem == nil ? nil : "true"),
                ]
            ) { html in
                html.element(
                    "option", [("value", ""), ("selected", model.entry.mood.isEmpty ? "" : nil)],
                    text: page.t(.weekMoodNone))
                for mood in 1...5 {
                    html.element(
                        "option", [("value", "\(mood)"), ("selected", model.entry.mood == "\(mood)" ? "" : nil)],
                        text: moodLabel(page, mood))
                }
            }
        }
    }

    static func moodLabel(_ page: Page, _ mood: Int) -> String {
        let words: [StringKey] = [.weekMood1, .weekMood2, .weekMood3, .weekMood4, .weekMood5]
        return "\(mood) — " + page.t(words[min(max(mood, 1), 5) - 1])
    }

    static func textArea(
        _ page: Page, _ name: String, label: String, hint: String?, value: String, problem: String?, rows: Int,
        _ html: inout HTML
    ) {
        let hintID = hint == nil ? nil : "\(name)-hint"
        let errorID = problem == nil ? nil : "\(name)-error"
        let described = [errorID, hintID].compactMap { $0 }.joined(separator: " ")
        html.element("div", [("class", problem == nil ? "field" : "field invalid")]) { html in
            html.element("label", [("for", name)], text: label)
            if let problem, let errorID {
                html.element("p", [("class", "field-error"), ("id", errorID)], text: problem)
            }
            html.element(
                "textarea",
                [
                    ("id", name), ("name", name), ("rows", "\(rows)"),
                    ("aria-describedby", described.isEmpty ? nil : described),
                    ("aria-invalid", problem == nil ? nil : "true"),
                ], text: value)
            if let hint, let hintID {
                html.element("p", [("class", "hint muted"), ("id", hintID)], text: hint)
            }
        }
    }

    static func questions(_ page: Page, _ model: MyWeek, _ html: inout HTML) {
        html.element("section", [("class", "card questions"), ("aria-labelledby", "questions-h")]) { html in
            html.element("h2", [("id", "questions-h")], text: page.t(.weekQuestions))
            guard !model.questions.isEmpty else {
                html.element("p", [("class", "empty")], text: page.t(.weekNoQuestions))
                return
            }
            html.element("ul") { html in
                for question in model.questions {
                    html.element("li", [("class", "question")]) { html in
                        html.element("q", text: question.comment.body)
                        html.element(
                            "span", [("class", "muted")],
                            text: " — " + question.author + " · " + page.t(.weekOnQuestion, ["title": question.about]))
                    }
                }
            }
        }
    }

    static func asks(_ page: Page, _ model: MyWeek, _ html: inout HTML) {
        html.element("section", [("class", "card asks"), ("aria-labelledby", "asks-h")]) { html in
            html.element("h2", [("id", "asks-h")], text: page.t(.weekAsks))
            guard !model.asks.isEmpty else {
                EmptyState.render(page, .weekNoAsks, next: (.emptyAskForHelp, Route.newAsk.path), &html)
                return
            }
            html.element("ul") { html in
                for ask in model.asks {
                    AskForms.item(
                        page, ask.ask, team: page.t(ask.incoming ? .weekAskFrom : .teamAskTo, ["team": ask.fromTeam]),
                        about: ask.about, overdue: ask.ask.isOverdue(on: model.keyResults.report.today),
                        initiative: nil,
                        back: Route.myWeek.path,
                        other: (ask.incoming ? ask.ask.fromTeamID : ask.ask.toTeamID, ask.fromTeam), &html)
                }
            }
        }
    }

    /// One ask: what is needed, by when, from or to which team, and its state as text.
    static func ask(_ page: Page, _ ask: DependencyAsk, team: String, about: String, _ html: inout HTML) {
        html.element("li", [("class", "ask a-\(ask.state.rawValue)"), ("id", "ask-\(ask.id.rawValue)")]) { html in
            html.element("span", [("class", "ask-need")], text: ask.need)
            html.element("span", [("class", "chip")], text: askState(page, ask.state))
            html.element("span", [("class", "muted")], text: " " + team + " · " + about + " · " + page.day(ask.dueBy))
            if let reason = ask.reason { html.element("q", text: reason) }
        }
    }

    static func askState(_ page: Page, _ state: DependencyAsk.State) -> String {
        switch state {
        case .requested: return page.t(.weekAskRequested)
        case .countered: return page.t(.weekAskCountered)
        case .accepted: return page.t(.weekAskAccepted)
        case .declined: return page.t(.weekAskDeclined)
        case .done: return page.t(.weekAskDone)
        }
    }

    static func stale(_ page: Page, _ model: MyWeek, _ html: inout HTML) {
        html.element("section", [("class", "card stale"), ("aria-labelledby", "stale-h")]) { html in
            html.element("h2", [("id", "stale-h")], text: page.t(.weekStale))
            guard !model.stale.isEmpty else {
                html.element("p", [("class", "empty")], text: page.t(.weekNoStale))
                return
            }
            html.element("ul") { html in
                for item in model.stale {
                    let id = item.row.keyResult.id.rawValue
                    html.element("li", [("class", "stale-kr"), ("id", "stale-\(id)")]) { html in
                        html.element(
                            "a", [("href", Route.checkIn.path + "#row-\(id)")],
                            text: item.row.keyResult.title.text(page.language))
                        let since =
                            item.days.map { page.t(.weekStaleSince, ["days": "\($0)"]) } ?? page.t(.weekStaleNever)
                        html.element("span", [("class", "muted")], text: " — " + since)
                    }
                }
            }
        }
    }
}
