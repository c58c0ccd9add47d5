import Foundation
import OKRCore

/// What people do around the active cycle's OKRs besides checking in: weekly updates for the last six weeks
/// (plans linked to their KRs and objectives, progress, problems, mood), comments and questions (most answered)
/// on objectives and KRs, and dependency asks between teams in every state, with the initiative an accepted ask
/// puts into the providing team's plan.
struct CurrentCycleActivity: Sendable {
    private(set) var weeklyUpdates: [WeeklyUpdate] = []
    private(set) var comments: [Comment] = []
    private(set) var asks: [DependencyAsk] = []
    /// The initiatives of accepted (and done) asks.
    private(set) var initiatives: [Initiative] = []

    init(organization: GeneratedOrganization, current: GeneratedCycle, seed: UInt64, today: Day) throws {
        var random = SplitMix64(seed: seed, stream: "activity")
        try addWeeklyUpdates(organization: organization, current: current, today: today, random: &random)
        try addComments(organization: organization, current: current, today: today, random: &random)
        try addAsks(organization: organization, current: current, today: today, random: &random)
    }

    // MARK: Weekly updates

    private mutating func addWeeklyUpdates(
        organization: GeneratedOrganization, current: GeneratedCycle, today: Day, random: inout SplitMix64
    ) throws {
        let prefix = "g\(current.number)"
        var keyResultsOf: [[Int]] = Array(repeating: [], count: organization.people.count)
        for (index, person) in current.keyResultPerson.enumerated() {
            if let person { keyResultsOf[person].append(index) }
        }
        var objectivesOf: [[Int]] = Array(repeating: [], count: organization.units.count)
        for (index, unit) in current.objectiveUnit.enumerated() where current.objectivePerson[index] == nil {
            objectivesOf[unit].append(index)
        }
        let thisWeek = today.startOfWeek(.monday)
        let weeks = (0..<6).map { thisWeek.adding(days: -7 * (5 - $0)) }.filter { $0 >= current.cycle.start }
        for (person, member) in organization.people.enumerated() where member.role != .viewer {
            guard random.chance(0.85) else { continue }
            for week in weeks where random.chance(0.85) {
                var plans: [PlanItem] = []
                for _ in 0..<random.int(2...4) {
                    let text = random.pick(Phrases.plans)
                    let done = week < thisWeek ? random.chance(0.7) : random.chance(0.2)
                    if !keyResultsOf[person].isEmpty && random.chance(0.6) {
                        let keyResult = current.keyResults[random.pick(keyResultsOf[person])]
                        plans.append(try PlanItem(text: text, keyResultID: keyResult.id, done: done))
                    } else if !objectivesOf[member.unit].isEmpty && random.chance(0.7) {
                        let objective = current.objectives[random.pick(objectivesOf[member.unit])]
                        plans.append(try PlanItem(text: text, objectiveID: objective.id, done: done))
                    } else {
                        plans.append(try PlanItem(text: text, done: done))
                    }
                }
                let id = WeeklyUpdateID("\(prefix)-w-" + GeneratedOrganization.padded(weeklyUpdates.count + 1, 6))
                weeklyUpdates.append(
                    try WeeklyUpdate(
                        id: id, personID: member.id, week: week, plans: plans,
                        progress: random.chance(0.8) ? random.pick(Phrases.progress) : nil,
                        problems: random.chance(0.3) ? random.pick(Phrases.problems) : nil,
                        mood: random.chance(0.9) ? random.weighted([(2, 0.1), (3, 0.3), (4, 0.45), (5, 0.15)]) : nil))
            }
        }
    }

    // MARK: Comments and questions

    private mutating func addComments(
        organization: GeneratedOrganization, current: GeneratedCycle, today: Day, random: inout SplitMix64
    ) throws {
        let prefix = "g\(current.number)"
        let open = current.objectives.indices.filter {
            let objective = current.objectives[$0]
            return objective.visibility == .organization && objective.state != .archived
        }
        guard !open.isEmpty else { return }
        let days = max(1, current.cycle.start.days(to: today) - 1)
        func nextID() -> CommentID { CommentID("\(prefix)-m-" + GeneratedOrganization.padded(comments.count + 1, 6)) }
        for _ in 0..<organization.shape.comments {
            let objective = random.pick(open)
            let keyResults = current.objectiveKeyResults[objective]
            let subject: Comment.Subject =
                !keyResults.isEmpty && random.chance(0.3)
                ? .keyResult(current.keyResults[random.pick(keyResults)].id)
                : .objective(current.objectives[objective].id)
            let author = organization.people[random.int(0...(organization.people.count - 1))].id
            let day = current.cycle.start.adding(days: random.int(0...(days - 1)))
            let asked = instant(day, minutes: random.int((8 * 60)...(18 * 60)))
            guard random.chance(0.4) else {
                comments.append(
                    try Comment(
                        id: nextID(), subject: subject, authorID: author, body: random.pick(Phrases.comments),
                        createdAt: asked))
                continue
            }
            let question = try Comment(
                id: nextID(), subject: subject, authorID: author, body: random.pick(Phrases.questions),
                isQuestion: true, createdAt: asked)
            comments.append(question)
            guard random.chance(0.6) else { continue }
            let unit = organization.units[current.objectiveUnit[objective]]
            let answerer =
                current.objectivePerson[objective].map { organization.people[$0].id }
                ?? organization.people[unit.lead].id
            comments.append(
                try Comment(
                    id: nextID(), subject: subject, authorID: answerer, body: random.pick(Phrases.answers),
                    createdAt: asked.addingTimeInterval(Double(random.int(10...600)) * 60), answers: question.id))
        }
    }

    private func instant(_ day: Day, minutes: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.julianDay - 2_440_588) * 86_400 - 7 * 3600 + Double(minutes) * 60)
    }

    // MARK: Dependency asks

    private mutating func addAsks(
        organization: GeneratedOrganization, current: GeneratedCycle, today: Day, random: inout SplitMix64
    ) throws {
        let teams = organization.units.indices.filter { organization.units[$0].level == .team }
        guard teams.count > 1 else { return }
        var keyResultsOf: [Int: [Int]] = [:]
        for (index, objective) in current.objectives.enumerated()
        where current.objectivePerson[index] == nil && objective.state == .published
            && objective.visibility == .organization
        {
            keyResultsOf[current.objectiveUnit[index], default: []].append(
                contentsOf: current.objectiveKeyResults[index])
        }
        for n in 0..<organization.shape.asks {
            let from = random.pick(teams)
            let others = teams.filter { organization.units[$0].parent != organization.units[from].parent }
            let to = random.pick(others.isEmpty ? teams.filter { $0 != from } : others)
            guard let keyResults = keyResultsOf[from], !keyResults.isEmpty else { continue }
            let keyResult = current.keyResults[random.pick(keyResults)]
            let byKeyResult = random.chance(0.7)
            let due = min(current.cycle.end, today.adding(days: random.int(-10...30)))
            let asked = try DependencyAsk(
                id: DependencyAskID("g\(current.number)-a-" + GeneratedOrganization.padded(n + 1, 5)),
                fromTeamID: organization.units[from].id, toTeamID: organization.units[to].id,
                objectiveID: byKeyResult ? nil : keyResult.objectiveID, keyResultID: byKeyResult ? keyResult.id : nil,
                need: random.pick(Phrases.needs), dueBy: due)
            let ask: DependencyAsk
            switch random.weighted([(0, 0.3), (1, 0.25), (2, 0.1), (3, 0.1), (4, 0.25)]) {
            case 1: ask = try asked.accepted()
            case 2: ask = try asked.declined(reason: random.pick(Phrases.declineReasons))
            case 3:
                ask = try asked.countered(
                    due: due.adding(days: random.int(7...21)),
                    scope: random.chance(0.5) ? random.pick(Phrases.counterScopes) : nil)
            case 4: ask = try asked.accepted().done()
            default: ask = asked
            }
            asks.append(ask)
            if ask.state == .accepted || ask.state == .done {
                // As `AcceptedAsk` in the server makes it: the providing team's initiative, linked to the ask.
                initiatives.append(
                    try Initiative(
                        id: InitiativeID("initiative-\(ask.id.rawValue)"), title: LocalizedName(vi: ask.need),
                        owner: .team(ask.toTeamID), state: ask.state == .done ? .done : .planned,
                        due: ask.counterDue ?? ask.dueBy, keyResultIDs: [ask.keyResultID].compactMap(\.self),
                        askID: ask.id))
            }
        }
    }
}
