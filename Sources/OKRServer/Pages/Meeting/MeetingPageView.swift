import Foundation
import OKRCore

/// Renders a team's weekly meeting: the week with its neighbours, then one section per part of the meeting.
/// In present mode the sections carry large type and "section n of m"; okra.js shows one at a time and moves
/// with the keyboard, and without JavaScript every section simply shows. Print shows them all, without nav.
enum MeetingPageView {
    static func render(_ page: Page, _ model: TeamMeeting, present: Bool) -> String {
        let name = model.team.name.text(page.language)
        let meeting = Route.meeting(.id(model.team.id))
        let title = page.t(.meetingTitle, ["team": name])
        return Layout.render(page, title: title) { html in
            html.element(
                "div",
                [
                    ("class", present ? "meeting present" : "meeting"), ("id", "meeting"),
                    ("data-present", present ? "" : nil), ("data-exit", meeting.path(["week": model.week.iso])),
                ]
            ) { html in
                html.element("div", [("class", "pagehead")]) { html in
                    html.element("h1", text: title)
                    html.element(
                        "p", [("class", "muted"), ("id", "meeting-week")],
                        text: model.cycle.name + " · "
                            + page.t(.meetingWeek, ["start": page.day(model.week), "end": page.day(model.lastDay)]))
                }
                toolbar(page, model, meeting: meeting, present: present, &html)
                let sections = TeamMeeting.Section.allCases
                for (index, section) in sections.enumerated() {
                    html.element(
                        "section",
                        [
                            ("class", "card meeting-section"), ("id", "m-\(section.rawValue)"),
                            ("data-section", "\(index + 1)"), ("aria-labelledby", "m-\(section.rawValue)-h"),
                        ]
                    ) { html in
                        html.element(
                            "p", [("class", "section-count")],
                            text: page.t(.meetingSectionOf, ["n": "\(index + 1)", "m": "\(sections.count)"]))
                        body(page, model, section, &html)
                    }
                }
            }
        }
    }

    /// Previous and next week, present mode, the Markdown export and the team page.
    static func toolbar(_ page: Page, _ model: TeamMeeting, meeting: Route, present: Bool, _ html: inout HTML) {
        let mode: String? = present ? "1" : nil
        html.element("nav", [("class", "meeting-tools"), ("aria-label", page.t(.meetingTools))]) { html in
            html.element(
                "a",
                [("href", meeting.path(["week": model.previousWeek.iso, "present": mode])), ("id", "previous-week")],
                text: page.t(.meetingPrevious))
            html.element(
                "a", [("href", meeting.path(["week": model.nextWeek.iso, "present": mode])), ("id", "next-week")],
                text: page.t(.meetingNext))
            if present {
                html.element(
                    "a",
                    [("class", "button"), ("href", meeting.path(["week": model.week.iso])), ("id", "present-exit")],
                    text: page.t(.meetingExitPresent))
            } else {
                html.element(
                    "a",
                    [
                        ("class", "button primary"), ("href", meeting.path(["week": model.week.iso, "present": "1"])),
                        ("id", "present-start"),
                    ],
                    text: page.t(.meetingPresent))
            }
            html.element(
                "a",
                [
                    ("href", Route.meetingNotes(.id(model.team.id)).path(["week": model.week.iso])),
                    ("id", "meeting-markdown"),
                ],
                text: page.t(.meetingMarkdown))
            html.element(
                "a", [("href", Route.team(.id(model.team.id)).path)], text: model.team.name.text(page.language))
        }
        if present {
            html.element("p", [("class", "muted keys-hint"), ("id", "present-hint")], text: page.t(.meetingKeysHint))
        }
    }

    static func body(_ page: Page, _ model: TeamMeeting, _ section: TeamMeeting.Section, _ html: inout HTML) {
        let id = "m-\(section.rawValue)-h"
        switch section {
        case .moves:
            html.element("h2", [("id", id)], text: page.t(.meetingMoves))
            list(page, model.moves, empty: .meetingNoMoves, &html) { html, move in Self.move(page, move, &html) }
        case .risks:
            html.element("h2", [("id", id)], text: page.t(.meetingRisks))
            html.element("p", [("class", "muted")], text: page.t(.meetingStatusAsOf, ["day": page.day(model.today)]))
            list(page, model.risks, empty: .meetingNoRisks, &html) { html, risk in
                let kr = risk.keyResult.id.rawValue
                html.element("li", [("class", "meeting-risk"), ("id", "risk-\(kr)"), ("data-live-kr", kr)]) { html in
                    html.element("strong", text: risk.keyResult.title.text(page.language))
                    html.element("span", [("class", "muted")]) { html in
                        html.text(" · " + risk.objective.title.text(page.language) + " · ")
                        html.element("span", [("class", "kr-value")], text: Components.valueText(page, risk.keyResult))
                    }
                    html.element("span", [("class", "kr-status")]) { html in
                        Components.statusChip(
                            page, risk.score.status, progress: risk.score.progress.explanation, &html)
                    }
                }
            }
        case .problems:
            html.element("h2", [("id", id)], text: page.t(.meetingProblems))
            list(page, model.problems, empty: .meetingNoProblems, &html) { html, note in
                Self.note(note, class: "meeting-problem", &html)
            }
        case .unlinked:
            html.element("h2", [("id", id)], text: page.t(.meetingUnlinked))
            if !model.unlinkedPlans.isEmpty {
                html.element("p", [("class", "muted")], text: page.t(.meetingUnlinkedHint))
            }
            list(page, model.unlinkedPlans, empty: .meetingNoUnlinked, &html) { html, note in
                Self.note(note, class: "meeting-unlinked", &html)
            }
        case .asks:
            html.element("h2", [("id", id)], text: page.t(.meetingAsks))
            asks(page, model, &html)
        case .questions:
            html.element("h2", [("id", id)], text: page.t(.meetingQuestions))
            list(page, model.questions, empty: .meetingNoQuestions, &html) { html, question in
                html.element("li", [("class", "question"), ("id", "question-\(question.comment.id.rawValue)")]) {
                    html in
                    html.element("q", text: question.comment.body)
                    html.element(
                        "span", [("class", "muted")],
                        text: " — " + question.author + " · " + page.t(.weekOnQuestion, ["title": question.about]))
                }
            }
        }
    }

    static func list<Item>(
        _ page: Page, _ items: [Item], empty: StringKey, _ html: inout HTML, _ row: (inout HTML, Item) -> Void
    ) {
        guard !items.isEmpty else {
            html.element("p", [("class", "empty")], text: page.t(empty))
            return
        }
        html.element("ul", [("class", "meeting-list")]) { html in
            for item in items { row(&html, item) }
        }
    }

    static func move(_ page: Page, _ move: TeamMeeting.Move, _ html: inout HTML) {
        let kr = move.keyResult
        html.element(
            "li",
            [
                ("class", "meeting-move"), ("id", "move-\(kr.id.rawValue)"),
                ("data-delta", NumberText.format(move.progressDelta, .en, places: 4, trimZeros: true)),
            ]
        ) { html in
            html.element("strong", text: kr.title.text(page.language))
            html.element("span", [("class", "move-values")], text: " " + values(page, move))
            html.element("span", [("class", "chip")], text: page.t(.meetingDelta, ["delta": delta(page, move)]))
            html.element(
                "span", [("class", "muted")],
                text: " " + page.t(.meetingMovedBy, ["people": move.people.joined(separator: ", ")]))
        }
    }

    /// "120 → 130 MQL": the two values in the page's language, the unit once.
    static func values(_ page: Page, _ move: TeamMeeting.Move) -> String {
        let unit = move.keyResult.unit
        let from = move.from.map { NumberText.format($0, page.language, places: 2, trimZeros: true) } ?? "—"
        return from + " → " + NumberText.format(move.to, unit: unit, page.language)
    }

    /// The progress change with its sign: "+10%", "−5%".
    static func delta(_ page: Page, _ move: TeamMeeting.Move) -> String {
        let magnitude = page.percent(abs(move.progressDelta))
        if move.progressDelta > 0 { return "+" + magnitude }
        if move.progressDelta < 0 { return "−" + magnitude }
        return magnitude
    }

    static func note(_ note: TeamMeeting.Note, class name: String, _ html: inout HTML) {
        html.element("li", [("class", name)]) { html in
            Avatar.render(note.person, &html)
            html.element("strong", text: note.person + ": ")
            html.element("span", [("class", "note-text")], text: note.text)
        }
    }

    static func asks(_ page: Page, _ model: TeamMeeting, _ html: inout HTML) {
        for (incoming, items) in [(true, model.asksIn), (false, model.asksOut)] {
            let id = incoming ? "meeting-asks-in" : "meeting-asks-out"
            html.element("div", [("class", "meeting-asks"), ("id", id)]) { html in
                html.element("h3", text: page.t(incoming ? .teamAsksIn : .teamAsksOut))
                guard !items.isEmpty else {
                    html.element("p", [("class", "empty")], text: page.t(.teamNoAsks))
                    return
                }
                html.element("ul") { html in
                    for item in items {
                        let team = page.t(incoming ? .weekAskFrom : .teamAskTo, ["team": item.otherTeam])
                        AskForms.item(
                            page, item.ask, team: team, about: item.about, overdue: item.overdue,
                            initiative: item.initiative, back: page.path,
                            other: (incoming ? item.ask.fromTeamID : item.ask.toTeamID, item.otherTeam), &html)
                    }
                }
            }
        }
    }
}
