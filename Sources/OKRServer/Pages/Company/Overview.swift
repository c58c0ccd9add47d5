import Foundation
import OKRCore
import OKRStore

/// The overview of a cycle: the company's and each team's objectives with their KRs, every number from the
/// read model's scorecard, filtered by what the viewer may see. The model of the company page (its view only
/// renders) and the source of the alignment map.
///
/// A small organization sees every team at once. Past `unfoldedLimit` visible objectives the company is shown
/// with its top-level teams folded — each a line with its number of objectives, their health and progress — and
/// a team opens on request (`?open=<team id>`, repeatable), showing its objectives and its own teams folded, so
/// the page stays small whatever the size of the company.
struct Overview: Sendable {
    struct KeyResultRow: Equatable, Sendable {
        let keyResult: KeyResult
        let score: Scorecard.KeyResultScore
        let lastCheckIn: CheckIn?
        let initiatives: [Initiative]
        /// The quality findings that point at this KR.
        let findings: [QualityFinding]
        /// Its last check-ins' values, oldest first, when read (`Sparkline.prefetch`).
        var sparkline: [Decimal]? = nil
    }

    struct ObjectiveCard: Equatable, Sendable {
        let objective: Objective
        let owner: String
        let score: Scorecard.ObjectiveScore
        let keyResults: [KeyResultRow]
        /// Titles of the objectives this one aligns to.
        let parents: [String]
        let childCount: Int
        /// The quality findings that point at the objective itself.
        let findings: [QualityFinding]
    }

    /// A team shown folded: what it holds, without its objectives.
    struct TeamSummary: Sendable {
        let team: Team
        /// Its objectives and those of every team below it, and of their people, that the viewer may see.
        let objectiveCount: Int
        let health: [Status: Int]
        /// The mean progress of those objectives; nil when there are none.
        let progress: Decimal?
    }

    struct Section: Sendable {
        let id: String
        let title: String
        let team: TeamID?
        let objectives: [ObjectiveCard]
        /// The teams right below this one that are folded.
        let folded: [TeamSummary]
    }

    let cycle: Cycle
    let cycles: [Cycle]
    let today: Day
    let sections: [Section]
    /// How many visible objectives are in each status.
    let health: [Status: Int]
    /// The mean progress of the objectives that count, each once.
    let overall: Decimal
    /// Whether some teams are folded (a large cycle).
    let folding: Bool
    /// The company's objectives of the longer cycles that hold this one (the year over its quarter), longest
    /// first: what this cycle's objectives align to.
    var longerGoals: [LongerGoal] = []

    /// A company objective of a longer cycle, with its cycle and its score there.
    struct LongerGoal: Sendable {
        let cycle: Cycle
        let objective: Objective
        let score: Scorecard.ObjectiveScore
    }

    /// Up to this many visible objectives every team of the company page is open (a card with its KRs is about
    /// a kilobyte of HTML).
    static let unfoldedLimit = 150

    /// The company page folds its teams past `unfoldedLimit` visible objectives.
    static func companyFolds(_ visible: [Objective]) -> Bool { visible.count > unfoldedLimit }

    /// The section id of a team, also its anchor: `team-<id>`.
    static func sectionID(_ team: TeamID) -> String { "team-\(team.rawValue)" }

    /// The card of one objective: its score, KRs with theirs, initiatives, alignment and findings.
    static func card(_ objective: Objective, report: CycleReport, language: Language) -> ObjectiveCard? {
        guard let score = report.score(objective.id) else { return nil }
        let krs = report.keyResults(of: objective.id)
        let findings = report.findings(of: objective, language: language)
        let rows = krs.enumerated().compactMap { index, entry -> KeyResultRow? in
            let kr = entry.value
            guard let krScore = report.score(kr.id) else { return nil }
            return KeyResultRow(
                keyResult: kr, score: krScore, lastCheckIn: report.lastCheckIn(kr.id),
                initiatives: report.initiatives(of: kr.id).map(\.value),
                findings: findings.filter { $0.target == .keyResult(index: index) },
                sparkline: Sparkline.points(entry, in: report))
        }
        let parents = objective.parents.compactMap { link -> String? in
            switch link.target {
            case .objective(let id):
                return (report.objective(id) ?? report.longerObjective(id)?.objective)?.value.title.text(language)
            case .keyResult(let id):
                return (report.keyResult(id)?.keyResult ?? report.longerKeyResult(id)?.keyResult)?.value.title.text(
                    language)
            }
        }
        return ObjectiveCard(
            objective: objective, owner: report.ownerName(objective.owner, language), score: score, keyResults: rows,
            parents: parents, childCount: report.children(of: objective.id).count,
            findings: findings.filter { $0.target == .objective })
    }

    /// The team whose section an objective sits in: a person's objectives with their (first) team, the company's
    /// and those without an owner with the company.
    static func sectionTeam(_ objective: Objective, report: CycleReport) -> TeamID? {
        let root = report.organization.company?.id
        switch objective.owner {
        case .company, nil: return root
        case .team(let id): return id
        case .person(let id): return report.person(id)?.teamIDs.first ?? root
        }
    }

    /// Builds the overview with the teams of `open` (and those above them) opened; `folds` says from the
    /// visible objectives whether the other teams are folded.
    static func build(
        _ report: CycleReport, language: Language, open: Set<TeamID> = [],
        folds: ([Objective]) -> Bool = companyFolds
    ) -> Overview {
        let visible = report.visible.map(\.value)
        let folding = folds(visible)
        let tree = report.organization.tree

        // One pass over what the viewer sees: each objective's section, and what it adds to its team's tally and
        // to the cycle's health (one score lookup each; drafts, proposals and archived objectives move no number).
        var grouped: [TeamID?: [Objective]] = [:]
        var own: [TeamID?: Tally] = [:]
        var health: [Status: Int] = [:]
        var scored: [ObjectiveID] = []
        for objective in visible {
            let team = sectionTeam(objective, report: report)
            grouped[team, default: []].append(objective)
            own[team, default: Tally()].objectives += 1
            guard objective.countsInRollUp, let score = report.score(objective.id) else { continue }
            own[team, default: Tally()].add(score)
            health[score.status.status, default: 0] += 1
            scored.append(objective.id)
        }

        var opened = Set<TeamID>()
        if let root = tree?.root.id { opened.insert(root) }
        for id in open { opened.formUnion(tree?.ancestry(of: id).map(\.id) ?? []) }
        func isOpen(_ team: Team) -> Bool { !folding || opened.contains(team.id) }

        // What each team holds, its own and everything below it: summed bottom-up, once per team.
        var subtree: [TeamID: Tally] = [:]
        func gather(_ team: Team) -> Tally {
            var all = own[team.id] ?? Tally()
            for child in tree?.children(of: team.id) ?? [] { all.add(gather(child)) }
            subtree[team.id] = all
            return all
        }
        if folding, let root = tree?.root { _ = gather(root) }
        func summary(_ team: Team) -> TeamSummary {
            let tally = subtree[team.id] ?? Tally()
            return TeamSummary(
                team: team, objectiveCount: tally.objectives, health: tally.health,
                progress: tally.counted == 0 ? nil : tally.total / Decimal(tally.counted))
        }

        // Sections: the company first, then every open team depth-first.
        var sections: [Section] = []
        func walk(_ team: Team) {
            let children = tree?.children(of: team.id) ?? []
            let objectives = (grouped[team.id] ?? []).sorted { a, b in
                let rank = { (o: Objective) -> Int in
                    if case .person = o.owner { return 1 }
                    return 0
                }
                return (rank(a), a.title.text(language), a.id.rawValue) < (
                    rank(b), b.title.text(language), b.id.rawValue
                )
            }
            let cards = objectives.compactMap { card($0, report: report, language: language) }
            let folded = children.filter { !isOpen($0) }.map(summary).filter { $0.objectiveCount > 0 }
            if !cards.isEmpty || !folded.isEmpty {
                sections.append(
                    Section(
                        id: sectionID(team.id), title: team.name.text(language), team: team.id, objectives: cards,
                        folded: folded))
            }
            for child in children where isOpen(child) { walk(child) }
        }
        if let root = tree?.root { walk(root) }

        var overview = Overview(
            cycle: report.cycle, cycles: report.cycles, today: report.today, sections: sections, health: health,
            overall: report.snapshot.scorecard.meanProgress(scored), folding: folding)
        for held in report.longer {
            for id in held.objectives(ownedBy: .company) {
                guard let entry = held.objective(id), entry.value.countsInRollUp, report.access.canSee(entry.value),
                    let score = held.score(id)
                else { continue }
                overview.longerGoals.append(.init(cycle: held.cycle.value, objective: entry.value, score: score))
            }
        }
        return overview
    }

    /// What a team holds for its folded line: how many objectives the viewer sees, and of those that count,
    /// their health and summed progress.
    struct Tally {
        var objectives = 0
        var counted = 0
        var health: [Status: Int] = [:]
        var total = Decimal(0)

        mutating func add(_ score: Scorecard.ObjectiveScore) {
            counted += 1
            health[score.status.status, default: 0] += 1
            total += score.progress.value
        }

        mutating func add(_ other: Tally) {
            objectives += other.objectives
            counted += other.counted
            health.merge(other.health, uniquingKeysWith: +)
            total += other.total
        }
    }

    /// The teams asked to be open: every `open=` of a query.
    static func openTeams(_ values: [String]) -> Set<TeamID> { Set(values.map { TeamID($0) }) }
}
