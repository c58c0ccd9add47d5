import OKRCore
import OKRStore

/// One team in a cycle: its objectives (the team's and its members') with KR progress, status and initiatives,
/// a health summary, this week's updates of its people, and the asks it made and received. The model of
/// `/teams/{id}`; the objective cards are the overview's, so both pages show the same numbers.
struct TeamPage: Sendable {
    struct Update: Sendable {
        let person: String
        let update: WeeklyUpdate
        /// The plans the viewer may see (a plan linked to a private objective they cannot see is left out).
        let plans: [PlanItem]
    }

    struct Ask: Sendable {
        let ask: DependencyAsk
        /// The other team of the ask.
        let otherTeam: String
        let about: String
    }

    let team: Team
    let overview: Overview
    let objectives: [Overview.ObjectiveCard]
    let health: [Status: Int]
    let week: Day
    let updates: [Update]
    let asksIn: [Ask]
    let asksOut: [Ask]
    let titles: [String: String]

    /// Builds the page from the report plus two queries: this week's updates of the team's people, and its asks.
    static func load(_ report: CycleReport, team: Team, store: OKRStore, language: Language) async throws -> TeamPage {
        let overview = Overview.build(report, language: language)
        let objectives = overview.sections.first { $0.id == "team-\(team.id.rawValue)" }?.objectives ?? []
        var health: [Status: Int] = [:]
        for card in objectives { health[card.score.status.status, default: 0] += 1 }

        var titles: [String: String] = [:]
        for objective in report.visible.map(\.value) {
            titles[objective.id.rawValue] = objective.title.text(language)
            for kr in report.board.keyResults[objective.id] ?? [] {
                titles[kr.value.id.rawValue] = kr.value.title.text(language)
            }
        }
        let names = Dictionary(report.board.people.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let teamNames = Dictionary(
            report.board.teams.map { ($0.id, $0.name.text(language)) }, uniquingKeysWith: { a, _ in a })

        let week = report.today.startOfWeek(report.settings?.weekStart ?? .monday)
        var people: [PersonID] = []
        for id in team.leadIDs + team.memberIDs where !people.contains(id) { people.append(id) }
        let updates = try await store.weeklyUpdates(week: week, people: people).map { update in
            let plans = update.plans.filter { plan in
                guard let id = plan.keyResultID?.rawValue ?? plan.objectiveID?.rawValue else { return true }
                return titles[id] != nil
            }
            return Update(
                person: names[update.personID] ?? update.personID.rawValue, update: update, plans: plans)
        }

        var asksIn: [Ask] = []
        var asksOut: [Ask] = []
        for ask in try await store.asks(team: team.id).map(\.value) {
            // Asks on objectives or KRs the viewer cannot see in this cycle are left out, as in the API.
            guard
                let about = ask.keyResultID.flatMap({ titles[$0.rawValue] })
                    ?? ask.objectiveID.flatMap({ titles[$0.rawValue] })
            else { continue }
            if ask.toTeamID == team.id {
                let other = teamNames[ask.fromTeamID] ?? ask.fromTeamID.rawValue
                asksIn.append(Ask(ask: ask, otherTeam: other, about: about))
            } else {
                let other = teamNames[ask.toTeamID] ?? ask.toTeamID.rawValue
                asksOut.append(Ask(ask: ask, otherTeam: other, about: about))
            }
        }
        return TeamPage(
            team: team, overview: overview, objectives: objectives, health: health, week: week, updates: updates,
            asksIn: asksIn, asksOut: asksOut, titles: titles)
    }
}
