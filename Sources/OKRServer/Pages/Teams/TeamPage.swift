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
    /// The report the page is made from: the view builds each objective's card from it, or takes it kept.
    let report: CycleReport
    /// The objectives shown, the team's first, then its people's (each by title).
    let objectives: [Versioned<Objective>]
    let health: [Status: Int]
    let week: Day
    let updates: [Update]
    let asksIn: [Ask]
    let asksOut: [Ask]
    /// The titles of the objectives and KRs the plans and asks point at, as the viewer may see them.
    let titles: [String: String]

    /// Builds the page from the report plus the team's week (this week's updates of its people, its asks), read
    /// from the database only when something but check-ins was written since (`TeamWeekMemo`). Only the team's
    /// own objectives and its people's are looked at.
    static func load(_ report: CycleReport, team: Team, store: OKRStore, language: Language) async throws -> TeamPage {
        var entries = report.objectives(ofTeam: team)
        if team.isCompany {
            entries += report.objectives(ownedBy: .company) + report.objectives(ownedBy: nil)
        }
        let objectives = entries.filter {
            Overview.sectionTeam($0.value, report: report) == team.id && report.score($0.value.id) != nil
        }.sorted { a, b in
            let rank = { (o: Objective) -> Int in
                if case .person = o.owner { return 1 }
                return 0
            }
            return (rank(a.value), a.value.title.text(language), a.value.id.rawValue)
                < (rank(b.value), b.value.title.text(language), b.value.id.rawValue)
        }
        try await Sparkline.prefetch(
            objectives.flatMap { report.keyResults(of: $0.value.id) }, report: report, store: store)
        var health: [Status: Int] = [:]
        for entry in objectives where entry.value.countsInRollUp {
            if let score = report.score(entry.value.id) { health[score.status.status, default: 0] += 1 }
        }

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
        let stored = try await TeamWeekMemo.week(of: team.id, people: people, starting: week, store: store)
        let updates = stored.updates.map { update in
            let plans = update.plans.filter { plan in
                guard plan.keyResultID != nil || plan.objectiveID != nil else { return true }
                return title(objective: plan.keyResultID == nil ? plan.objectiveID : nil, keyResult: plan.keyResultID)
                    != nil
            }
            return Update(person: report.name(update.personID), update: update, plans: plans)
        }

        var asksIn: [Ask] = []
        var asksOut: [Ask] = []
        for ask in stored.asks {
            // Asks on objectives or KRs the viewer cannot see in this cycle are left out, as in the API.
            guard let about = title(objective: ask.objectiveID, keyResult: ask.keyResultID) else { continue }
            let accepted = ask.state == .accepted || ask.state == .done
            let initiative = accepted ? stored.initiatives[ask.id] : nil
            if ask.toTeamID == team.id {
                let other = report.team(ask.fromTeamID)?.name.text(language) ?? ask.fromTeamID.rawValue
                asksIn.append(Ask(ask: ask, otherTeam: other, about: about, initiative: initiative))
            } else {
                let other = report.team(ask.toTeamID)?.name.text(language) ?? ask.toTeamID.rawValue
                asksOut.append(Ask(ask: ask, otherTeam: other, about: about, initiative: initiative))
            }
        }
        return TeamPage(
            team: team, cycle: report.cycle, cycles: report.cycles, today: report.today, report: report,
            objectives: objectives,
            health: health, week: week, updates: updates, asksIn: asksIn, asksOut: asksOut, titles: titles)
    }
}
