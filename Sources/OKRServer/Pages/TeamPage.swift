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
        /// What an accepted ask became in the plan of the team asked.
        var initiative: Initiative? = nil
    }

    let team: Team
    let cycle: Cycle
    let cycles: [Cycle]
    let today: Day
    let objectives: [Overview.ObjectiveCard]
    let health: [Status: Int]
    let week: Day
    let updates: [Update]
    let asksIn: [Ask]
    let asksOut: [Ask]
    /// The titles of the objectives and KRs the plans and asks point at, as the viewer may see them.
    let titles: [String: String]

    /// Builds the page from the report plus two queries: this week's updates of the team's people, and its asks.
    /// Only the team's own objectives and its people's are read.
    static func load(_ report: CycleReport, team: Team, store: OKRStore, language: Language) async throws -> TeamPage {
        var entries = report.objectives(ofTeam: team).map(\.value)
        if team.isCompany {
            entries += report.objectives(ownedBy: .company).map(\.value) + report.objectives(ownedBy: nil).map(\.value)
        }
        let mine = entries.filter { Overview.sectionTeam($0, report: report) == team.id }.sorted { a, b in
            let rank = { (o: Objective) -> Int in
                if case .person = o.owner { return 1 }
                return 0
            }
            return (rank(a), a.title.text(language), a.id.rawValue) < (rank(b), b.title.text(language), b.id.rawValue)
        }
        let objectives = mine.compactMap { Overview.card($0, report: report, language: language) }
        var health: [Status: Int] = [:]
        for card in objectives where card.objective.countsInRollUp { health[card.score.status.status, default: 0] += 1 }

        var titles: [String: String] = [:]
        /// The title of an objective or KR the viewer may see, remembered for the view.
        func title(objective: ObjectiveID?, keyResult: KeyResultID?) -> String? {
            if let keyResult, let found = report.keyResult(keyResult) {
                let text = found.keyResult.value.title.text(language)
                titles[keyResult.rawValue] = text
                return text
            }
            if let objective, let found = report.objective(objective) {
                let text = found.value.title.text(language)
                titles[objective.rawValue] = text
                return text
            }
            return nil
        }

        let week = report.today.startOfWeek(report.weekStart)
        let people = report.organization.people(of: team).map(\.id)
        let updates = try await store.weeklyUpdates(week: week, people: people).map { update in
            let plans = update.plans.filter { plan in
                guard plan.keyResultID != nil || plan.objectiveID != nil else { return true }
                return title(objective: plan.keyResultID == nil ? plan.objectiveID : nil, keyResult: plan.keyResultID)
                    != nil
            }
            return Update(person: report.name(update.personID), update: update, plans: plans)
        }

        var asksIn: [Ask] = []
        var asksOut: [Ask] = []
        for ask in try await store.asks(team: team.id).map(\.value) {
            // Asks on objectives or KRs the viewer cannot see in this cycle are left out, as in the API.
            guard let about = title(objective: ask.objectiveID, keyResult: ask.keyResultID) else { continue }
            if ask.toTeamID == team.id {
                let other = report.team(ask.fromTeamID)?.name.text(language) ?? ask.fromTeamID.rawValue
                asksIn.append(Ask(ask: ask, otherTeam: other, about: about))
            } else {
                let other = report.team(ask.toTeamID)?.name.text(language) ?? ask.toTeamID.rawValue
                asksOut.append(Ask(ask: ask, otherTeam: other, about: about))
            }
        }
        let accepted = (asksIn + asksOut).filter { $0.ask.state == .accepted || $0.ask.state == .done }
        let initiatives = try await store.initiatives(asks: accepted.map(\.ask.id))
        asksIn = asksIn.map {
            var ask = $0
            ask.initiative = initiatives[ask.ask.id]
            return ask
        }
        asksOut = asksOut.map {
            var ask = $0
            ask.initiative = initiatives[ask.ask.id]
            return ask
        }
        return TeamPage(
            team: team, cycle: report.cycle, cycles: report.cycles, today: report.today, objectives: objectives,
            health: health, week: week, updates: updates, asksIn: asksIn, asksOut: asksOut, titles: titles)
    }
}
