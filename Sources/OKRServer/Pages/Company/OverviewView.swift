import Foundation
import OKRCore
import OKRStore

/// Renders the overview: cycle picker, health summary, then each section's objectives with their KRs.
enum OverviewView {
    static func render(_ page: Page, _ model: Overview) -> String {
        Layout.render(page, title: page.t(.overviewTitle)) { html in
            html.element("div", [("class", "pagehead")]) { html in
                html.element("h1", text: page.t(.overviewTitle) + " — " + model.cycle.name)
                Components.cyclePicker(
                    page, action: Route.company.path, cycles: model.cycles, chosen: model.cycle.id, &html)
                if model.cycle.state != .closed {
                    Components.newObjectiveLink(
                        page, id: "new-objective", query: [("cycle", model.cycle.id.rawValue)], &html)
                }
            }
            html.element(
                "p", [("class", "muted")],
                text: page.t(
                    .cycleDates,
                    [
                        "start": page.day(model.cycle.start), "end": page.day(model.cycle.end),
                        "today": page.day(model.today),
                    ]))
            longerGoals(page, model, &html)
            healthSummary(page, model, &html)
            if model.folding {
                html.element(
                    "p", [("class", "muted")],
                    text: page.t(.overviewFolding, ["count": "\(model.health.values.reduce(0, +))"]))
            }
            if model.sections.isEmpty {
                EmptyState.render(
                    page, .noObjectives, next: (.emptyWriteFirstObjective, Route.newObjective.path),
                    hint: .emptyWriteObjective,
                    &html)
            }
            for section in model.sections {
                html.element(
                    "section", [("class", "team"), ("id", section.id), ("aria-labelledby", section.id + "-h")]
                ) {
                    html in
                    html.element("h2", [("id", section.id + "-h")], text: section.title)
                    for card in section.objectives { objective(page, card, &html) }
                    folded(page, title: section.title, section.folded, &html)
                }
            }
        }
    }

    /// The teams below a section that are folded: one line each, with a link that opens it.
    static func folded(_ page: Page, title: String, _ folded: [Overview.TeamSummary], _ html: inout HTML) {
        guard !folded.isEmpty else { return }
        html.element(
            "ul", [("class", "folded-teams"), ("aria-label", page.t(.overviewFoldedTeams, ["team": title]))]
        ) { html in
            for summary in folded {
                let name = summary.team.name.text(page.language)
                html.element("li", [("class", "folded-team")]) { html in
                    html.element(
                        "a",
                        [
                            ("href", openLink(page.path, summary.team.id)),
                            ("aria-label", page.t(.overviewOpenTeam, ["team": name])),
                        ],
                        text: name)
                    html.text(
                        " — "
                            + page.t(
                                .overviewTeamSummary,
                                [
                                    "count": "\(summary.objectiveCount)",
                                    "progress": summary.progress.map { page.percent($0) } ?? "—",
                                ]))
                    let counts = [Status.onTrack, .atRisk, .offTrack, .notStarted, .done].compactMap { status in
                        summary.health[status].map { "\($0) \(status.label.text(page.language))" }
                    }
                    if !counts.isEmpty { html.text(" · " + counts.joined(separator: " · ")) }
                }
            }
        }
    }

    /// The same page (its cycle and opened teams kept) with `team` opened too, landing on it.
    static func openLink(_ path: String, _ team: TeamID) -> String {
        var components = URLComponents(string: path) ?? URLComponents()
        var items = components.queryItems ?? []
        if !items.contains(where: { $0.name == "open" && $0.value == team.rawValue }) {
            items.append(URLQueryItem(name: "open", value: team.rawValue))
        }
        components.queryItems = items
        components.fragment = Overview.sectionID(team)
        return components.string ?? path
    }

    /// The company's goals of the longer cycles over this one (the year's), each with its progress there.
    static func longerGoals(_ page: Page, _ model: Overview, _ html: inout HTML) {
        guard !model.longerGoals.isEmpty else { return }
        html.element("section", [("class", "card longer-goals"), ("aria-labelledby", "longer-goals-h")]) { html in
            html.element("h2", [("id", "longer-goals-h")], text: page.t(.overviewLongerGoals))
            html.element("ul", [("class", "longer-goals")]) { html in
                for goal in model.longerGoals {
                    let title = goal.objective.title.text(page.language)
                    html.element("li", [("data-objective", goal.objective.id.rawValue)]) { html in
                        html.element("a", [("href", Route.objective(.id(goal.objective.id)).path)], text: title)
                        html.text(" ")
                        html.element(
                            "a",
                            [
                                ("class", "chip link-cycle"),
                                ("href", Route.company.path(["cycle": goal.cycle.id.rawValue])),
                            ], text: goal.cycle.name)
                        Components.progressBar(
                            page, progress: goal.score.progress.value, expected: nil,
                            label: page.t(.progressOf, ["title": title]), &html)
                    }
                }
            }
        }
    }

    static func healthSummary(_ page: Page, _ model: Overview, _ html: inout HTML) {
        html.element("section", [("class", "health card"), ("aria-label", page.t(.health))]) { html in
            html.element("div", [("class", "overall")]) { html in
                html.element("h2", text: page.t(.health))
                Components.progressBar(
                    page, progress: model.overall, expected: nil, label: page.t(.overallProgress), &html)
            }
            html.element("ul", [("class", "counts"), ("data-live-health", model.cycle.id.rawValue)]) { html in
                for status in [Status.onTrack, .atRisk, .offTrack, .notStarted, .done] {
                    html.element("li", [("class", "s-\(status.rawValue)"), ("data-status", status.rawValue)]) { html in
                        html.element("strong", text: "\(model.health[status] ?? 0)")
                        html.text(" " + status.label.text(page.language))
                    }
                }
            }
        }
    }

    /// One objective's card. The same card in the same language is the same HTML, whoever looks (the card holds
    /// only what its viewer may see), so it is rendered once and kept until any of its numbers or words change.
    static func objective(_ page: Page, _ card: Overview.ObjectiveCard, _ html: inout HTML) {
        guard page.strings.isShipped else { return render(page, card, &html) }
        html.raw(
            CardMemo.html(for: card, language: page.language) {
                var fragment = HTML(capacity: 4_096)
                render(page, card, &fragment)
                return fragment.finish()
            })
    }

    /// The card of a stored objective of `report`, built only when what it shows has changed.
    static func objective(_ page: Page, _ entry: Versioned<Objective>, report: CycleReport, _ html: inout HTML) {
        guard page.strings.isShipped else {
            if let card = Overview.card(entry.value, report: report, language: page.language) {
                render(page, card, &html)
            }
            return
        }
        let kept = CardMemo.html(entry, report: report, language: page.language) { card in
            var fragment = HTML(capacity: 4_096)
            render(page, card, &fragment)
            return fragment.finish()
        }
        if let kept { html.raw(kept) }
    }

    private static func render(_ page: Page, _ card: Overview.ObjectiveCard, _ html: inout HTML) {
        let objective = card.objective
        html.element("article", [("class", "objective card"), ("id", "o-\(objective.id.rawValue)")]) { html in
            html.element("header") { html in
                html.element("h3") { html in
                    html.element(
                        "a", [("href", Route.objective(.id(objective.id)).path)],
                        text: objective.title.text(page.language))
                }
                html.element("p", [("class", "meta")]) { html in
                    Navigation.ownerLink(objective.owner, name: card.owner, &html)
                    html.element(
                        "span", [("class", "chip kind-\(objective.kind.rawValue)")],
                        text: page.t(objective.kind == .committed ? .committed : .aspirational))
                    if objective.state != .published {
                        html.element(
                            "span", [("class", "chip state")], text: page.t(StringKey(objectiveState: objective.state)))
                    }
                    if objective.visibility == .private {
                        html.element("span", [("class", "chip private")], text: page.t(.privateObjective))
                    }
                }
                if !card.parents.isEmpty {
                    html.element(
                        "p", [("class", "aligned")],
                        text: page.t(.alignedTo, ["parents": card.parents.joined(separator: "; ")]))
                }
            }
            Components.findings(page, card.findings, &html)
            html.element("div", [("class", "objective-score"), ("data-live-objective", objective.id.rawValue)]) {
                html in
                Components.progressBar(
                    page, progress: card.score.progress.value, expected: card.score.expected,
                    label: page.t(.progressOf, ["title": objective.title.text(page.language)]), &html)
                Components.statusChip(page, card.score.status, progress: card.score.progress.explanation, &html)
            }
            if card.keyResults.isEmpty {
                html.element("p", [("class", "empty")], text: page.t(.noKeyResults))
            } else {
                html.element("ol", [("class", "krs")]) { html in
                    for row in card.keyResults { keyResult(page, row, &html) }
                }
            }
        }
    }

    static func keyResult(_ page: Page, _ row: Overview.KeyResultRow, _ html: inout HTML) {
        let kr = row.keyResult
        html.element("li", [("class", "kr"), ("id", "kr-\(kr.id.rawValue)"), ("data-live-kr", kr.id.rawValue)]) {
            html in
            html.element("div", [("class", "kr-head")]) { html in
                html.element("span", [("class", "kr-title")], text: kr.title.text(page.language))
                html.element("span", [("class", "kr-value")], text: Components.valueText(page, kr))
            }
            html.element("div", [("class", "kr-score")]) { html in
                Components.progressBar(
                    page, progress: row.score.progress.raw, expected: row.score.expected.value,
                    label: page.t(.progressOf, ["title": kr.title.text(page.language)]), &html)
                Components.statusChip(page, row.score.status, progress: row.score.progress.explanation, &html)
                if let sparkline = row.sparkline { Sparkline.render(page, kr, sparkline, &html) }
            }
            html.element("p", [("class", "kr-meta")]) { html in
                if let confidence = kr.confidence {
                    html.element("span", text: page.t(.confidence, ["value": "\(confidence.value)"]))
                }
                if let last = row.lastCheckIn {
                    html.element("span", text: page.t(.lastCheckIn, ["day": page.day(last.day)]))
                    if let note = last.note { html.element("q", text: note) }
                }
            }
            Components.findings(page, row.findings, &html)
            if !row.initiatives.isEmpty {
                html.element("ul", [("class", "initiatives"), ("aria-label", page.t(.initiatives))]) { html in
                    for initiative in row.initiatives {
                        html.element("li", [("class", "i-\(initiative.state.rawValue)")]) { html in
                            html.text(initiative.title.text(page.language))
                            html.element(
                                "span", [("class", "chip")], text: page.t(StringKey(initiativeState: initiative.state)))
                        }
                    }
                }
            }
        }
    }
}
