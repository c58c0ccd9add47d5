import Foundation
import OKRCore
import OKRStore

/// One quarter of a generated organization: the objectives of the company, its divisions, departments, teams and
/// people, aligned top down; their KRs of every kind with initiatives; the weekly check-ins; and, for a closed
/// cycle, every KR's grade. KRs are stored as their check-in history leaves them (`BulkLoad.keyResult`).
struct GeneratedCycle: Sendable {
    let cycle: Cycle
    /// 1 for the oldest cycle; the prefix of every id in it ("g5-o-000123").
    let number: Int
    /// The organization's seed, from which each KR's check-ins draw a stream of their own.
    private let seed: UInt64
    private(set) var objectives: [Objective] = []
    private(set) var keyResults: [KeyResult] = []
    private(set) var initiatives: [Initiative] = []
    private(set) var checkIns: [CheckIn] = []
    private(set) var grades: [KeyResultID: KeyResultGrade] = [:]
    /// For each objective: the unit it belongs to (a personal objective: its owner's), and its owner if a person.
    private(set) var objectiveUnit: [Int] = []
    private(set) var objectivePerson: [Int?] = []
    /// For each KR: its objective's index and the person who owns it, if a person does.
    private(set) var keyResultObjective: [Int] = []
    private(set) var keyResultPerson: [Int?] = []
    /// The KRs of each objective, as indexes into `keyResults`.
    private(set) var objectiveKeyResults: [[Int]] = []

    /// Extra words that make the teams' objectives differ from their neighbours'.
    static let qualifiers: [(vi: String, en: String)] = [
        (" cho khách hàng doanh nghiệp", " for enterprise customers"), (" ở khu vực phía Bắc", " in the north"),
        (" ở khu vực phía Nam", " in the south"), (" trong mùa cao điểm", " in the peak season"),
        (" cho khách hàng mới", " for new customers"), (" tại Đà Nẵng", " in Da Nang"),
    ]

    /// The five cycles of 13 weeks ending with the active one, whose 10th week holds `today`.
    static func cycles(today: Day, shape: OrganizationShape) throws -> [Cycle] {
        let currentStart = today.startOfWeek(.monday).adding(days: -7 * (shape.currentWeek - 1))
        var cycles: [Cycle] = []
        var lastQuarter = Int.min
        for n in 1...shape.cycles {
            let start = currentStart.adding(days: -7 * shape.weeksPerCycle * (shape.cycles - n))
            let end = start.adding(days: 7 * shape.weeksPerCycle - 1)
            let middle = start.adding(days: 7 * shape.weeksPerCycle / 2)
            let quarter = max(middle.year * 4 + (middle.month - 1) / 3, lastQuarter + 1)
            lastQuarter = quarter
            let name = "\(quarter / 4) Q\(quarter % 4 + 1)"
            cycles.append(
                try Cycle(
                    id: CycleID("g\(n)-\(quarter / 4)-q\(quarter % 4 + 1)"), name: name, start: start, end: end,
                    state: n == shape.cycles ? .active : .closed))
        }
        return cycles
    }

    var isCurrent: Bool { cycle.state == .active }

    init(
        organization: GeneratedOrganization, cycle: Cycle, number: Int, seed: UInt64, today: Day, factor: Int
    ) throws {
        self.cycle = cycle
        self.number = number
        self.seed = seed
        var random = SplitMix64(seed: seed, stream: "cycle-\(number)")
        var history = CheckInHistory(cycle: number, start: cycle.start, today: today, factor: factor)
        var byUnit: [[Int]] = Array(repeating: [], count: organization.units.count)
        for (index, unit) in organization.units.enumerated() {
            let count: Int
            switch unit.level {
            case .company: count = 5
            case .division, .department: count = random.int(3...5)
            case .team: count = random.int(2...4)
            }
            let parents = unit.parent.map { byUnit[$0] } ?? []
            var titles = Set<String>()
            for n in 0..<count {
                let made = try addObjective(
                    organization: organization, unit: index, person: nil, order: n, parents: parents, titles: &titles,
                    history: &history, random: &random)
                byUnit[index].append(made)
            }
        }
        for (person, member) in organization.people.enumerated() where member.role != .viewer {
            if member.role == .admin && !random.chance(0.3) { continue }
            let count = random.weighted([(0, 0.2), (1, 0.65), (2, 0.15)])
            var titles = Set<String>()
            for n in 0..<count {
                _ = try addObjective(
                    organization: organization, unit: member.unit, person: person, order: n,
                    parents: byUnit[member.unit], titles: &titles, history: &history, random: &random)
            }
        }
        try addInitiatives(organization: organization, random: &random)
    }

    // MARK: Objectives

    private mutating func addObjective(
        organization: GeneratedOrganization, unit: Int, person: Int?, order: Int, parents: [Int],
        titles: inout Set<String>, history: inout CheckInHistory, random: inout SplitMix64
    ) throws -> Int {
        let level = organization.units[unit].level
        let theme = Theme.all[level == .company ? order % Theme.all.count : organization.units[unit].theme]
        var title = pickTitle(level: level, personal: person != nil, theme: theme, titles: titles, random: &random)
        titles.insert(title.vi)
        if person == nil && level == .team && random.chance(0.3) {
            let qualifier = random.pick(Self.qualifiers)
            title = (title.vi + qualifier.vi, title.en + qualifier.en)
        }
        let bilingual = random.chance(0.5)
        let owner: Owner =
            person.map { Owner.person(organization.people[$0].id) }
            ?? (level == .company ? .company : .team(organization.units[unit].id))
        let index = objectives.count
        let id = ObjectiveID("g\(number)-o-" + GeneratedOrganization.padded(index + 1, 6))
        var links: [AlignmentLink] = []
        if !parents.isEmpty {
            let first = random.pick(parents)
            let weight = Self.weight(&random)
            if person != nil, random.chance(0.25), let keyResult = objectiveKeyResults[first].first {
                links.append(try AlignmentLink(to: .keyResult(keyResults[keyResult].id), weight: weight))
            } else {
                links.append(try AlignmentLink(to: .objective(objectives[first].id), weight: weight))
            }
            if parents.count > 1 && random.chance(0.05) {
                let second = random.pick(parents.filter { $0 != first })
                links.append(try AlignmentLink(to: .objective(objectives[second].id), weight: Self.weight(&random)))
            }
        }
        let aspirational: Double
        switch (level, person) {
        case (_, .some): aspirational = 0.35
        case (.company, _): aspirational = 0.6
        case (.division, _): aspirational = 0.4
        case (.department, _): aspirational = 0.3
        case (.team, _): aspirational = 0.25
        }
        var source = Objective.ProgressSource.keyResults
        if person == nil && level == .company {
            source = order < 2 ? .both : (order == 2 ? .children : .keyResults)
        } else if person == nil && level == .division && random.chance(0.2) {
            source = .both
        }
        let objective = try Objective(
            id: id, cycleID: cycle.id, title: LocalizedName(vi: title.vi, en: bilingual ? title.en : nil),
            description: random.chance(0.4) ? random.pick(Phrases.whys) : nil, owner: owner,
            kind: random.chance(aspirational) ? .aspirational : .committed,
            state: state(personal: person != nil, &random),
            visibility: visibility(level: level, personal: person != nil, &random), parents: links,
            progressSource: source)
        objectives.append(objective)
        objectiveUnit.append(unit)
        objectivePerson.append(person)
        objectiveKeyResults.append([])
        let count = random.weighted([(2, 0.2), (3, 0.35), (4, 0.3), (5, 0.15)])
        for _ in 0..<count {
            try addKeyResult(
                to: index, organization: organization, theme: theme, bilingual: bilingual, history: &history,
                random: &random)
        }
        return index
    }

    private func pickTitle(
        level: GeneratedOrganization.Level, personal: Bool, theme: Theme, titles: Set<String>,
        random: inout SplitMix64
    ) -> (vi: String, en: String) {
        let choices =
            personal ? Phrases.personalObjectives : (level == .company ? Phrases.companyObjectives : theme.objectives)
        let fresh = choices.filter { !titles.contains($0.vi) }
        return random.pick(fresh.isEmpty ? choices : fresh)
    }

    private static func weight(_ random: inout SplitMix64) -> Decimal {
        random.weighted([(Decimal(1), 0.8), (Decimal(string: "0.5") ?? 1, 0.1), (Decimal(2), 0.1)])
    }

    private func state(personal: Bool, _ random: inout SplitMix64) -> Objective.State {
        let published: Objective.State = isCurrent ? .published : .closed
        if personal {
            return random.weighted([(published, 0.945), (.draft, 0.025), (.inReview, 0.02), (.archived, 0.01)])
        }
        return random.weighted([(published, 0.96), (.inReview, 0.02), (.draft, 0.01), (.archived, 0.01)])
    }

    private func visibility(level: GeneratedOrganization.Level, personal: Bool, _ random: inout SplitMix64)
        -> Objective.Visibility
    {
        if personal { return random.chance(0.04) ? .private : .organization }
        return level >= .department && random.chance(0.01) ? .private : .organization
    }

    // MARK: Key results

    private mutating func addKeyResult(
        to objective: Int, organization: GeneratedOrganization, theme: Theme, bilingual: Bool,
        history: inout CheckInHistory, random: inout SplitMix64
    ) throws {
        let index = keyResults.count
        let id = KeyResultID("g\(number)-k-" + GeneratedOrganization.padded(index + 1, 6))
        let (owner, person, author) = keyResultOwner(of: objective, organization: organization, random: &random)
        let design = KeyResultDesign(theme: theme, random: &random)
        let aspirational = objectives[objective].kind == .aspirational
        let trajectory = design.trajectory(aspirational: aspirational, weeks: 13, random: &random)
        let plan: [PlannedValue] =
            design.kind.isDirectional && random.chance(0.1)
            ? [4, 8, 13].map { week in
                PlannedValue(
                    day: cycle.start.adding(days: 7 * (week - 1) + 4),
                    value: design.metric.decimal(
                        design.start + (design.target - design.start) * Double(week) / 13))
            } : []
        var keyResult = try KeyResult(
            id: id, objectiveID: objectives[objective].id,
            title: LocalizedName(vi: design.title.vi, en: bilingual ? design.title.en : nil), owner: owner,
            kind: design.kind, unit: design.unit, start: design.startValue, target: design.targetValue,
            targetHigh: design.targetHighValue,
            weight: random.weighted([(Decimal(1), 0.85), (Decimal(2), 0.1), (Decimal(string: "0.5") ?? 1, 0.05)]),
            condition: design.condition, plan: plan,
            due: random.chance(0.05) ? cycle.start.adding(days: 7 * random.int(7...11) + 4) : nil, cycle: cycle)
        let state = objectives[objective].state
        if state != .draft && state != .inReview {
            var lastWeek = isCurrent ? 10 : 13
            if isCurrent && random.chance(0.05) { lastWeek = random.int(6...8) }
            let usualDay = [4, 4, 3, 3, 4, 0, 2][(author.rawValue.utf8.last.map { Int($0) } ?? 0) % 7]
            // Each KR's history draws from a stream of its own, so that `--check-in-factor` changes the check-ins
            // and nothing else: the organization with twice the history is the same organization.
            var drawing = SplitMix64(seed: seed, stream: "check-ins-\(id.rawValue)")
            let made = try history.checkIns(
                for: id, along: trajectory, author: author, usualDay: usualDay, through: lastWeek, random: &drawing)
            keyResult = try keyResult.following(CheckIn.effective(made))
            checkIns.append(contentsOf: made)
        }
        if !isCurrent {
            var grade = KeyResultGrade(progress: keyResult.progress())
            if random.chance(0.02) {
                let moved = min(1, max(0, grade.proposed + (random.chance(0.5) ? Decimal(1) / 10 : -Decimal(1) / 10)))
                if moved != grade.proposed {
                    grade = try grade.adjusted(to: moved, reason: random.pick(Phrases.gradeReasons))
                }
            }
            grades[id] = grade
        }
        keyResults.append(keyResult)
        keyResultObjective.append(objective)
        keyResultPerson.append(person)
        objectiveKeyResults[objective].append(index)
    }

    /// Who owns a KR (a person mostly, sometimes the team) and who checks in on it.
    private func keyResultOwner(
        of objective: Int, organization: GeneratedOrganization, random: inout SplitMix64
    ) -> (owner: Owner, person: Int?, author: PersonID) {
        if let person = objectivePerson[objective] {
            return (.person(organization.people[person].id), person, organization.people[person].id)
        }
        let unit = organization.units[objectiveUnit[objective]]
        let lead = organization.people[unit.lead].id
        if unit.level != .company && random.chance(0.1) { return (.team(unit.id), nil, lead) }
        var candidates = unit.members.filter { organization.people[$0].role != .viewer }
        if unit.level == .company { candidates += unit.children.map { organization.units[$0].lead } }
        if unit.level == .team && random.chance(0.35) { candidates = [unit.lead] }
        let person = candidates.isEmpty ? unit.lead : random.pick(candidates)
        return (.person(organization.people[person].id), person, organization.people[person].id)
    }

    // MARK: Initiatives

    /// About one initiative per KR (a few KRs have two, a few none, so the quality check shows); some drive
    /// the next KR of the same objective too.
    private mutating func addInitiatives(organization: GeneratedOrganization, random: inout SplitMix64) throws {
        for (objective, indexes) in objectiveKeyResults.enumerated() {
            let theme = Theme.all[organization.units[objectiveUnit[objective]].theme]
            let bilingual = objectives[objective].title.en != nil
            for (position, index) in indexes.enumerated() {
                let count = random.weighted([(1, 0.92), (0, 0.04), (2, 0.04)])
                for n in 0..<count {
                    var linked = [keyResults[index].id]
                    if position + 1 < indexes.count && random.chance(0.05) {
                        linked.append(keyResults[indexes[position + 1]].id)
                    }
                    let title = random.pick(theme.initiatives)
                    let id = InitiativeID("g\(number)-i-" + GeneratedOrganization.padded(initiatives.count + 1, 6))
                    // In the active cycle only a second initiative is ever dropped: a KR left with nothing
                    // but a dropped one is flagged, and that is kept for the few KRs with none at all.
                    let state: Initiative.State =
                        isCurrent
                        ? random.weighted([
                            (.planned, 0.25), (.inProgress, 0.5), (.done, 0.2), (.dropped, n == 0 ? 0 : 0.3),
                        ])
                        : random.weighted([(.done, 0.65), (.dropped, 0.15), (.inProgress, 0.12), (.planned, 0.08)])
                    initiatives.append(
                        try Initiative(
                            id: id, title: LocalizedName(vi: title.vi, en: bilingual ? title.en : nil),
                            owner: keyResults[index].owner, state: state,
                            due: random.chance(0.7) ? cycle.start.adding(days: 7 * random.int(3...12) + 4) : nil,
                            link: random.chance(0.15) ? "https://wiki.\(GeneratedOrganization.domain)/okr/\(id)" : nil,
                            keyResultIDs: linked))
                }
            }
        }
    }
}
