import Foundation
import OKRCore
import OKRStore

/// A cycle as one viewer sees it on one day: the read model's snapshot of the cycle and of the organization,
/// with what the viewer may see. Pages and API endpoints start from here, so they show the same objectives with
/// the same numbers — the snapshot's `LiveScorecard`, one number per objective whoever looks.
///
/// Everything here is a lookup that costs what it returns; only `visible` walks the whole cycle, for the pages
/// that show all of it (the company page, the map, the tree, closing).
struct CycleReport: Sendable {
    let organization: OrganizationSnapshot
    let snapshot: CycleSnapshot
    let viewer: Person
    let access: Access
    let today: Day
    /// The longer cycles that hold this one (the year over its quarter), longest first: its objectives may align
    /// to theirs.
    let longer: [CycleSnapshot]

    init(
        organization: OrganizationSnapshot, snapshot: CycleSnapshot, viewer: Person, today: Day,
        longer: [CycleSnapshot] = []
    ) {
        self.organization = organization
        self.snapshot = snapshot
        self.longer = longer
        self.viewer = viewer
        self.access = Access(viewer: viewer, tree: organization.tree, people: organization)
        self.today = today
    }

    var cycle: Cycle { snapshot.cycle.value }
    var versionedCycle: Versioned<Cycle> { snapshot.cycle }
    var cycles: [Cycle] { organization.cycles.map(\.value) }
    var settings: OrganizationSettings? { organization.settings?.value }
    var calendar: WorkingCalendar { organization.calendar }
    var teams: [Team] { organization.teams }
    var weekStart: Weekday { settings?.weekStart ?? .monday }

    enum Choice {
        /// No cycle exists yet.
        case noCycle
        /// The cycle asked for does not exist.
        case unknown(String)
        case report(CycleReport)
    }

    /// The cycle named by `query`, else the current one (`chosenCycle`), from the read model.
    static func load(
        store: OKRStore, viewer: Person, cycle query: String?, environment: AppEnvironment
    ) async throws -> Choice {
        let organization = try await store.readModel.organization()
        let cycles = organization.cycles.map(\.value)
        if let query, !cycles.contains(where: { $0.id.rawValue == query }) { return .unknown(query) }
        let today = environment.today(in: organization.timeZone)
        guard let cycle = chosenCycle(cycles, query: query, today: today) else { return .noCycle }
        guard let snapshot = try await store.readModel.cycle(cycle.id, on: today) else {
            return .unknown(cycle.id.rawValue)
        }
        var longer: [CycleSnapshot] = []
        for holder in cycles.filter({ $0.holds(cycle) }).sorted(by: { $0.length > $1.length }) {
            if let held = try await store.readModel.cycle(holder.id, on: today) { longer.append(held) }
        }
        return .report(
            CycleReport(organization: organization, snapshot: snapshot, viewer: viewer, today: today, longer: longer))
    }

    /// The cycle asked for; else the shortest active cycle that runs today (the quarter rather than its year),
    /// else the shortest active one; else the latest.
    static func chosenCycle(_ cycles: [Cycle], query: String?, today: Day) -> Cycle? {
        if let query, let match = cycles.first(where: { $0.id.rawValue == query }) { return match }
        let active = cycles.filter { $0.state == .active }
        let shortest: (Cycle, Cycle) -> Bool = { ($0.length, $0.start, $0.id) < ($1.length, $1.start, $1.id) }
        return active.filter { $0.contains(today) }.min(by: shortest) ?? active.min(by: shortest)
            ?? cycles.max { $0.start < $1.start }
    }

    // MARK: What the viewer may see

    /// The objective `id` of this cycle, if the viewer may see it.
    func objective(_ id: ObjectiveID) -> Versioned<Objective>? {
        guard let entry = snapshot.objective(id), access.canSee(entry.value) else { return nil }
        return entry
    }

    /// Every objective of the cycle the viewer may see, in the cycle's order. Walks the whole cycle: only for
    /// pages that show all of it.
    var visible: [Versioned<Objective>] {
        snapshot.order.compactMap { objective($0) }
    }

    /// The objectives of an owner the viewer may see, in the cycle's order.
    func objectives(ownedBy owner: Owner?) -> [Versioned<Objective>] {
        snapshot.objectives(ownedBy: owner).compactMap { objective($0) }
    }

    /// The objectives of a team and of its people that the viewer may see, in the cycle's order.
    func objectives(ofTeam team: Team) -> [Versioned<Objective>] {
        let owners = [Owner.team(team.id)] + organization.people(of: team).map { Owner.person($0.id) }
        let ids = Set(owners.flatMap { snapshot.objectives(ownedBy: $0) })
        return snapshot.ordered(ids).compactMap { objective($0) }
    }

    func keyResults(of objective: ObjectiveID) -> [Versioned<KeyResult>] { snapshot.keyResults(of: objective) }

    /// A KR of this cycle, with its objective, if the viewer may see that objective.
    func keyResult(_ id: KeyResultID) -> (keyResult: Versioned<KeyResult>, objective: Versioned<Objective>)? {
        guard let kr = snapshot.keyResult(id), let objective = objective(kr.value.objectiveID) else { return nil }
        return (kr, objective)
    }

    func initiatives(of keyResult: KeyResultID) -> [Versioned<Initiative>] { snapshot.initiatives(of: keyResult) }
    func lastCheckIn(_ keyResult: KeyResultID) -> CheckIn? { snapshot.lastCheckIn(keyResult) }
    func score(_ id: ObjectiveID) -> Scorecard.ObjectiveScore? { snapshot.score(id) }
    func score(_ id: KeyResultID) -> Scorecard.KeyResultScore? { snapshot.score(id) }

    /// The visible objectives aligned under `id`, each once, with the first link's weight.
    func children(of id: ObjectiveID) -> [(objective: Versioned<Objective>, weight: Decimal)] {
        var seen = Set<ObjectiveID>()
        return snapshot.children(of: id).compactMap { child in
            guard seen.insert(child.child).inserted, let entry = objective(child.child) else { return nil }
            return (entry, child.weight)
        }
    }

    /// An objective of a longer cycle that holds this one, if the viewer may see it, with that cycle.
    func longerObjective(_ id: ObjectiveID) -> (objective: Versioned<Objective>, cycle: Cycle)? {
        for held in longer {
            if let entry = held.objective(id), access.canSee(entry.value) { return (entry, held.cycle.value) }
        }
        return nil
    }

    /// A KR of a longer cycle that holds this one, with its objective, if the viewer may see that objective.
    func longerKeyResult(_ id: KeyResultID)
        -> (keyResult: Versioned<KeyResult>, objective: Versioned<Objective>, cycle: Cycle)?
    {
        for held in longer {
            guard let kr = held.keyResult(id) else { continue }
            guard let entry = held.objective(kr.value.objectiveID), access.canSee(entry.value) else { return nil }
            return (kr, entry, held.cycle.value)
        }
        return nil
    }

    func person(_ id: PersonID) -> Person? { organization.person(id)?.value }
    func team(_ id: TeamID) -> Team? { organization.team(id)?.value }

    /// A person's name, or their id when they are gone.
    func name(_ id: PersonID) -> String { person(id)?.name ?? id.rawValue }

    /// How many objectives an owner has in the cycle (all of them, private ones included).
    func objectiveCount(of owner: Owner?) -> Int { snapshot.objectives(ownedBy: owner).count }
}

extension CycleReport {
    /// The name of an owner as people read it: the company's or a team's name, a person's name.
    func ownerName(_ owner: Owner?, _ language: Language) -> String {
        switch owner {
        case .company: return organization.company?.name.text(language) ?? "—"
        case .team(let id): return team(id)?.name.text(language) ?? id.rawValue
        case .person(let id): return name(id)
        case nil: return "—"
        }
    }

    /// The quality findings of an objective of this cycle: its KRs and their initiatives as stored, and how
    /// many objectives its owner has in the whole cycle (private ones count: the limit is the owner's focus).
    func findings(of objective: Objective, language: Language) -> [QualityFinding] {
        let entries = keyResults(of: objective.id)
        let driven = entries.map { self.initiatives(of: $0.value.id) }
        let ownerName = objective.owner == nil ? nil : ownerName(objective.owner, language)
        let context = QualityContext(
            otherObjectivesOfOwner: max(objectiveCount(of: objective.owner), 1) - 1,
            maxObjectivesPerOwner: settings?.maxObjectivesPerOwner ?? 5)
        func draft() -> QualityDraft {
            QualityDraft(
                objective, keyResults: entries.map(\.value), initiatives: driven.flatMap { $0.map(\.value) },
                ownerName: ownerName)
        }
        // The stored objective (what pages show) is named by its versions; another one (a form's) by its content.
        guard let stored = self.objective(objective.id), stored.value == objective else {
            return FindingsMemo.findings(for: draft(), context: context)
        }
        let key = findingsKey(stored, keyResults: entries, initiatives: driven.flatMap { $0 }, language: language)
        return FindingsMemo.findings(stored: key, draft: draft, context: context)
    }

    /// What the findings of a stored objective are made of, by versions: its KRs and their initiatives (as
    /// `keyResults(of:)` and `initiatives(of:)` give them), its owner's name and the owner's objective count.
    func findingsKey(
        _ stored: Versioned<Objective>, keyResults: [Versioned<KeyResult>], initiatives: [Versioned<Initiative>],
        language: Language
    ) -> FindingsMemo.Stored {
        let objective = stored.value
        return FindingsMemo.Stored(
            generation: snapshot.generation, objective: objective.id, keyResults: keyResults.map(\.value.id),
            initiatives: initiatives.map(\.value.id),
            versions: [stored.version] + keyResults.map(\.version) + initiatives.map(\.version),
            ownerName: objective.owner == nil ? nil : ownerName(objective.owner, language),
            context: QualityContext(
                otherObjectivesOfOwner: max(objectiveCount(of: objective.owner), 1) - 1,
                maxObjectivesPerOwner: settings?.maxObjectivesPerOwner ?? 5))
    }
}
