import OKRCore
import OKRStore

/// The overview of a cycle: the company's and each team's objectives with their KRs, every number from one
/// `Scorecard`, filtered by what the viewer may see. The model of the overview page (its view only renders).
struct Overview: Sendable {
    struct KeyResultRow: Sendable {
        let keyResult: KeyResult
        let score: Scorecard.KeyResultScore
        let lastCheckIn: CheckIn?
        let initiatives: [Initiative]
        /// The quality findings that point at this KR.
        let findings: [QualityFinding]
    }

    struct ObjectiveCard: Sendable {
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

    struct Section: Sendable {
        let id: String
        let title: String
        let objectives: [ObjectiveCard]
    }

    let cycle: Cycle
    let cycles: [Cycle]
    let today: Day
    let sections: [Section]
    /// How many visible objectives are in each status.
    let health: [Status: Int]
    let overall: ObjectiveProgress

    static func build(_ report: CycleReport, language: Language) -> Overview {
        let board = report.board
        let scorecard = report.scorecard
        let visible = report.visible.map(\.value)
        let keyResults = visible.flatMap { board.keyResults[$0.id]?.map(\.value) ?? [] }
        let people = Dictionary(board.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let titles = Dictionary(visible.map { ($0.id, $0.title.text(language)) }, uniquingKeysWith: { a, _ in a })
        let krTitles = Dictionary(keyResults.map { ($0.id, $0.title.text(language)) }, uniquingKeysWith: { a, _ in a })

        func card(_ objective: Objective) -> ObjectiveCard? {
            guard let score = scorecard.objectives[objective.id] else { return nil }
            let krs = (board.keyResults[objective.id] ?? []).map(\.value)
            let findings = report.findings(of: objective, language: language)
            let rows = krs.enumerated().compactMap { index, kr -> KeyResultRow? in
                guard let krScore = scorecard.keyResults[kr.id] else { return nil }
                return KeyResultRow(
                    keyResult: kr, score: krScore, lastCheckIn: board.checkIns[kr.id]?.last,
                    initiatives: board.initiatives[kr.id]?.map(\.value) ?? [],
                    findings: findings.filter { $0.target == .keyResult(index: index) })
            }
            let parents = objective.parents.compactMap { link -> String? in
                switch link.target {
                case .objective(let id): return titles[id]
                case .keyResult(let id): return krTitles[id]
                }
            }
            return ObjectiveCard(
                objective: objective, owner: report.ownerName(objective.owner, language), score: score,
                keyResults: rows,
                parents: parents, childCount: scorecard.alignment.children[objective.id]?.count ?? 0,
                findings: findings.filter { $0.target == .objective })
        }

        // Sections: the company first, then every team depth-first; a person's objectives sit with their team.
        let tree = try? TeamTree(board.teams)
        var order: [Team] = []
        func walk(_ team: Team) {
            order.append(team)
            for child in tree?.children(of: team.id) ?? [] { walk(child) }
        }
        if let root = tree?.root { walk(root) }
        func sectionKey(_ objective: Objective) -> TeamID? {
            switch objective.owner {
            case .company: return tree?.root.id
            case .team(let id): return id
            case .person(let id): return people[id]?.teamIDs.first ?? tree?.root.id
            case nil: return tree?.root.id
            }
        }
        let grouped = Dictionary(grouping: visible, by: sectionKey)
        var sections: [Section] = []
        for team in order {
            let objectives = (grouped[team.id] ?? []).sorted { a, b in
                let rank = { (o: Objective) -> Int in
                    if case .person = o.owner { return 1 }
                    return 0
                }
                return (rank(a), a.title.text(language), a.id.rawValue) < (
                    rank(b), b.title.text(language), b.id.rawValue
                )
            }
            let cards = objectives.compactMap(card)
            if cards.isEmpty { continue }
            sections.append(Section(id: "team-\(team.id.rawValue)", title: team.name.text(language), objectives: cards))
        }
        var health: [Status: Int] = [:]
        for score in scorecard.objectives.values { health[score.status.status, default: 0] += 1 }
        return Overview(
            cycle: report.cycle, cycles: report.cycles, today: report.today, sections: sections, health: health,
            overall: scorecard.overall)
    }
}
