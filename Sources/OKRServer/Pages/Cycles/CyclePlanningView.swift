import Foundation
import OKRCore

/// Renders `/cycles/{id}/planning`: the guide's steps of planning with who is late, each team's drafts, the
/// open questions and the asks waiting for an answer, and what activation waits for.
enum CyclePlanningView {
    static func render(_ page: Page, _ model: CyclePlanning) -> String {
        let title = page.t(.planningTitle, ["cycle": model.cycle.name])
        return Layout.render(page, title: title) { html in
            html.element("h1", text: title)
            html.element("p", [("class", "muted")], text: page.t(.planningLead))
            steps(page, model, &html)
            gate(page, model, &html)
            teams(page, model, &html)
            questions(page, model, &html)
            asks(page, model, &html)
        }
    }

    static func steps(_ page: Page, _ model: CyclePlanning, _ html: inout HTML) {
        html.element("section", [("class", "card planning-steps"), ("aria-labelledby", "steps-h")]) { html in
            html.element("h2", [("id", "steps-h")], text: page.t(.planningSteps))
            html.element("ol", [("class", "checklist")]) { html in
                for step in CyclePlanning.Step.allCases {
                    let done = model.isDone(step)
                    html.element(
                        "li", [("id", "step-\(step.rawValue)"), ("class", done ? "done" : "waiting")]
                    ) { html in
                        html.element("span", [("class", "step-name")], text: page.t(name(step)))
                        html.text(" — ")
                        html.element(
                            "span", [("class", done ? "chip on-track" : "chip at-risk")],
                            text: done ? page.t(.planningStepDone) : waiting(page, model, step))
                        if step == .brief {
                            html.text(" ")
                            html.element(
                                "a", [("href", Route.brief(.id(model.cycle.id)).path)],
                                text: page.t(.cyclesBriefLink))
                        }
                    }
                }
            }
        }
    }

    static func name(_ step: CyclePlanning.Step) -> StringKey {
        switch step {
        case .brief: .planningStepBrief
        case .drafts: .planningStepDrafts
        case .review: .planningStepReview
        case .asks: .planningStepAsks
        case .questions: .planningStepQuestions
        }
    }

    /// Who a step waits for: the teams late with it, or how many are left.
    static func waiting(_ page: Page, _ model: CyclePlanning, _ step: CyclePlanning.Step) -> String {
        func teams(_ list: [Team]) -> String {
            let names = list.prefix(8).map { $0.name.text(page.language) }
            let more = list.count > 8 ? ", +\(list.count - 8)" : ""
            return page.t(.planningStepWaiting, ["who": names.joined(separator: ", ") + more])
        }
        switch step {
        case .brief: return page.t(.planningStepNoBrief)
        case .drafts: return teams(model.teamsWithoutDrafts)
        case .review: return teams(model.teamsInReview)
        case .asks:
            var turns: [Team] = []
            for ask in model.asks {
                if let team = ask.turn, !turns.contains(where: { $0.id == team.id }) { turns.append(team) }
            }
            return teams(turns)
        case .questions:
            return page.t(.planningStepCount, ["count": String(model.questions.count + model.hiddenQuestions)])
        }
    }

    static func gate(_ page: Page, _ model: CyclePlanning, _ html: inout HTML) {
        html.element("section", [("class", "card planning-gate"), ("id", "gate"), ("aria-labelledby", "gate-h")]) {
            html in
            html.element("h2", [("id", "gate-h")], text: page.t(.planningGate))
            let questions = model.reasons.filter { $0.code == .openQuestion }.count
            let asks = model.reasons.filter { $0.code == .openAsk }.count
            if !model.gate.requiresAnsweredQuestions && !model.gate.requiresAnsweredAsks {
                html.element("p", [("class", "muted")], text: page.t(.planningGateOff))
            } else if model.reasons.isEmpty {
                html.element("p", [("class", "gate-ready")], text: page.t(.planningGateReady))
            } else {
                html.element(
                    "p", [("class", "gate-holds")],
                    text: page.t(.planningGateHolds, ["questions": String(questions), "asks": String(asks)]))
            }
            if model.canActivate {
                html.element(
                    "a", [("id", "to-cycle"), ("href", Route.cycle(.id(model.cycle.id)).path)],
                    text: page.t(.planningToCycle))
            }
        }
    }

    static func teams(_ page: Page, _ model: CyclePlanning, _ html: inout HTML) {
        guard !model.teams.isEmpty else { return }
        html.element("section", [("class", "card"), ("aria-labelledby", "teams-h")]) { html in
            html.element("h2", [("id", "teams-h")], text: page.t(.planningTeams))
            html.element("div", [("class", "table-scroll")]) { html in
                html.element("table", [("class", "planning-teams"), ("id", "planning-teams")]) { html in
                    html.element("thead") { html in
                        html.element("tr") { html in
                            for key: StringKey in [
                                .planningColTeam, .planningColDrafts, .planningColReview, .planningColPublished,
                                .planningColQuestions, .planningColAsks,
                            ] {
                                html.element("th", [("scope", "col")], text: page.t(key))
                            }
                        }
                    }
                    html.element("tbody") { html in
                        for row in model.teams {
                            html.element("tr", [("data-team", row.team.id.rawValue)]) { html in
                                html.element("th", [("scope", "row")]) { html in
                                    html.element(
                                        "a", [("href", Route.team(.id(row.team.id)).path)],
                                        text: row.team.name.text(page.language))
                                }
                                for count in [
                                    row.drafts, row.inReview, row.published, row.openQuestions, row.asksToAnswer,
                                ] {
                                    html.element("td", text: String(count))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func questions(_ page: Page, _ model: CyclePlanning, _ html: inout HTML) {
        html.element("section", [("class", "card"), ("id", "open-questions"), ("aria-labelledby", "questions-h")]) {
            html in
            html.element("h2", [("id", "questions-h")], text: page.t(.planningQuestions))
            if model.questions.isEmpty && model.hiddenQuestions == 0 {
                html.element("p", [("class", "muted")], text: page.t(.planningNoQuestions))
                return
            }
            html.element("ul", [("class", "planning-questions")]) { html in
                for question in model.questions {
                    html.element("li", [("data-comment", question.comment.id.rawValue)]) { html in
                        html.element("q", text: question.comment.body)
                        html.text(" — ")
                        if let objective = question.objective {
                            html.element(
                                "a", [("href", Route.objective(.id(objective.id)).path)],
                                text: page.t(
                                    .planningQuestionBy,
                                    ["asker": question.asker, "objective": objective.title.text(page.language)]))
                        } else {
                            html.element(
                                "a", [("href", Route.brief(.id(model.cycle.id)).path + "#comments")],
                                text: page.t(.planningQuestionOnBrief, ["asker": question.asker]))
                        }
                    }
                }
                if model.hiddenQuestions > 0 {
                    html.element(
                        "li", [("class", "muted")],
                        text: page.t(.planningHiddenQuestions, ["count": String(model.hiddenQuestions)]))
                }
            }
        }
    }

    static func asks(_ page: Page, _ model: CyclePlanning, _ html: inout HTML) {
        html.element("section", [("class", "card"), ("id", "open-asks"), ("aria-labelledby", "asks-h")]) { html in
            html.element("h2", [("id", "asks-h")], text: page.t(.planningAsks))
            guard !model.asks.isEmpty else {
                html.element("p", [("class", "muted")], text: page.t(.planningNoAsks))
                return
            }
            html.element("ul", [("class", "planning-asks")]) { html in
                for waiting in model.asks {
                    html.element("li", [("data-ask", waiting.ask.id.rawValue)]) { html in
                        html.element(
                            "a", [("href", Route.ask(.id(waiting.ask.id)).path)],
                            text: page.t(
                                .planningAskLine,
                                [
                                    "from": teamName(page, waiting.from, waiting.ask.fromTeamID),
                                    "to": teamName(page, waiting.to, waiting.ask.toTeamID),
                                    "need": waiting.ask.need,
                                ]))
                        html.element(
                            "p", [("class", "muted")],
                            text: page.t(
                                .planningAskTurn,
                                [
                                    "team": teamName(page, waiting.turn, waiting.ask.toTeamID),
                                    "day": page.day(waiting.ask.counterDue ?? waiting.ask.dueBy),
                                ]))
                        if waiting.overdue {
                            html.element("span", [("class", "chip off-track")], text: page.t(.planningOverdue))
                        }
                    }
                }
            }
        }
    }

    static func teamName(_ page: Page, _ team: Team?, _ id: TeamID) -> String {
        team?.name.text(page.language) ?? id.rawValue
    }
}
