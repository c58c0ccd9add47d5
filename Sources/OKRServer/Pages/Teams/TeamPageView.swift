import OKRCore

/// Renders a team's page: cycle filter, health summary, objectives with their KRs, this week's updates and the
/// asks in and out.
enum TeamPageView {
    static func render(_ page: Page, _ model: TeamPage) -> String {
        let name = model.team.name.text(page.language)
        return Layout.render(page, title: page.t(.teamTitle, ["team": name])) { html in
            Navigation.breadcrumbs(page, Navigation.trail(to: model.team.id, model.report, page.language), &html)
            html.element("div", [("class", "pagehead")]) { html in
                html.element("h1", text: page.t(.teamTitle, ["team": name]) + " — " + model.cycle.name)
                Components.cyclePicker(
                    page, action: Route.team(.id(model.team.id)).path, cycles: model.cycles, chosen: model.cycle.id,
                    &html)
            }
            html.element("p", [("class", "team-links")]) { html in
                html.element(
                    "a", [("href", Route.meeting(.id(model.team.id)).path), ("id", "team-meeting")],
                    text: page.t(.meetingLink))
                if page.person.map({ $0.role != .viewer }) ?? false {
                    html.element(
                        "a", [("href", Route.newAsk.path), ("id", "new-ask-link")], text: page.t(.askNewTitle))
                }
                if model.cycle.state != .closed {
                    Components.newObjectiveLink(
                        page, id: "new-team-objective",
                        query: [
                            ("owner", Owner.team(model.team.id).description), ("cycle", model.cycle.id.rawValue),
                        ], &html)
                }
            }
            health(page, model, &html)
            people(page, model, &html)
            html.element("section", [("class", "team"), ("aria-labelledby", "team-objectives-h")]) { html in
                html.element("h2", [("id", "team-objectives-h")], text: page.t(.teamObjectives))
                if model.objectives.isEmpty {
                    EmptyState.render(
                        page, .teamNoObjectives,
                        next: model.cycle.state == .closed
                            ? nil
                            : (
                                .emptyWriteFirstObjective,
                                Route.newObjective.path([
                                    "owner": Owner.team(model.team.id).description, "cycle": model.cycle.id.rawValue,
                                ])
                            ), hint: .emptyWriteObjective, &html)
                }
                for entry in model.objectives { OverviewView.objective(page, entry, report: model.report, &html) }
            }
            html.element("div", [("class", "week-grid")]) { html in
                updates(page, model, &html)
                html.element("div", [("class", "week-side")]) { html in
                    asks(page, title: page.t(.teamAsksIn), id: "asks-in", model.asksIn, to: false, model: model, &html)
                    asks(
                        page, title: page.t(.teamAsksOut), id: "asks-out", model.asksOut, to: true, model: model, &html)
                }
            }
        }
    }

    /// Who is in the team (leads first, each a link to their page), the team it is part of and the teams within it.
    static func people(_ page: Page, _ model: TeamPage, _ html: inout HTML) {
        let report = model.report
        let members = report.organization.people(of: model.team)
        let children = report.teams.filter { $0.parentID == model.team.id }.sorted {
            $0.name.text(page.language) < $1.name.text(page.language)
        }
        html.element("section", [("class", "card team-people"), ("aria-labelledby", "team-people-h")]) { html in
            html.element("h2", [("id", "team-people-h")], text: page.t(.teamMembers))
            if members.isEmpty {
                html.element("p", [("class", "empty")], text: page.t(.teamNoMembers))
            } else {
                html.element("ul", [("class", "members"), ("id", "team-members")]) { html in
                    for person in members {
                        html.element("li") { html in
                            Navigation.personLink(person.id, name: person.name, &html)
                            if model.team.leadIDs.contains(person.id) {
                                html.element("span", [("class", "chip")], text: page.t(.teamLead))
                            }
                        }
                    }
                }
            }
            if let parent = model.team.parentID.flatMap({ report.team($0) }) {
                html.element("p", [("class", "team-parent")]) { html in
                    html.text(page.t(.teamParent) + ": ")
                    Navigation.teamLink(page, parent, &html)
                }
            }
            if !children.isEmpty {
                html.element("p", [("class", "team-children")]) { html in
                    html.text(page.t(.teamChildren) + ": ")
                    for (index, child) in children.enumerated() {
                        if index > 0 { html.text(", ") }
                        Navigation.teamLink(page, child, &html)
                    }
                }
            }
        }
    }

    /// How many of the team's objectives are on track, at risk, off track: counts with their status as text.
    static func health(_ page: Page, _ model: TeamPage, _ html: inout HTML) {
        html.element("section", [("class", "health card"), ("aria-labelledby", "team-health-h")]) { html in
            html.element("h2", [("id", "team-health-h")], text: page.t(.teamHealth))
            // Live updates move these counts only for the objectives on this page (the team's).
            let live: [(String, String?)] = [
                ("data-live-health", model.cycle.id.rawValue), ("data-live-scope", "page"),
            ]
            html.element("ul", [("class", "counts")] + live) { html in
                for status in [Status.onTrack, .atRisk, .offTrack, .notStarted, .done] {
                    html.element("li", [("class", "s-\(status.rawValue)"), ("data-status", status.rawValue)]) { html in
                        html.element("strong", text: "\(model.health[status] ?? 0)")
                        html.text(" " + status.label.text(page.language))
                    }
                }
            }
        }
    }

    static func updates(_ page: Page, _ model: TeamPage, _ html: inout HTML) {
        html.element("section", [("class", "card team-updates"), ("aria-labelledby", "team-updates-h")]) { html in
            html.element("h2", [("id", "team-updates-h")], text: page.t(.teamUpdates))
            html.element("p", [("class", "muted")], text: page.t(.weekOf, ["day": page.day(model.week)]))
            guard !model.updates.isEmpty else {
                html.element("p", [("class", "empty")], text: page.t(.teamNoUpdates))
                return
            }
            for item in model.updates {
                html.element("article", [("class", "update"), ("id", "update-\(item.update.personID.rawValue)")]) {
                    html in
                    html.element("h3") { html in
                        Navigation.personLink(item.update.personID, name: item.person, &html)
                    }
                    if !item.plans.isEmpty {
                        html.element("h4", text: page.t(.weekPlans))
                        html.element("ul", [("class", "plans")]) { html in
                            for plan in item.plans {
                                html.element("li", [("class", plan.isLinked ? "plan linked" : "plan unlinked")]) {
                                    html in
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
                    if let progress = item.update.progress {
                        html.element("h4", text: page.t(.weekProgress))
                        html.element("p", text: progress)
                    }
                    if let problems = item.update.problems {
                        html.element("h4", text: page.t(.weekProblems))
                        html.element("p", text: problems)
                    }
                }
            }
        }
    }

    static func asks(
        _ page: Page, title: String, id: String, _ asks: [TeamPage.Ask], to: Bool, model: TeamPage,
        _ html: inout HTML
    ) {
        html.element("section", [("class", "card asks"), ("id", id), ("aria-labelledby", id + "-h")]) { html in
            html.element("h2", [("id", id + "-h")], text: title)
            guard !asks.isEmpty else {
                EmptyState.render(page, .teamNoAsks, next: to ? (.emptyAskForHelp, Route.newAsk.path) : nil, &html)
                return
            }
            html.element("ul") { html in
                for item in asks {
                    let team = page.t(to ? .teamAskTo : .weekAskFrom, ["team": item.otherTeam])
                    AskForms.item(
                        page, item.ask, team: team, about: item.about,
                        overdue: item.ask.isOverdue(on: model.today),
                        initiative: item.initiative, back: page.path,
                        other: (to ? item.ask.toTeamID : item.ask.fromTeamID, item.otherTeam), &html)
                }
            }
        }
    }
}
