import OKRCore
import OKRStore

/// A cycle as one viewer sees it on one day: the board loaded in a constant number of queries, filtered by
/// what the viewer may see, and scored once by `OKRCore`. Pages and API endpoints start from here, so they
/// show the same objectives with the same numbers.
struct CycleReport: Sendable {
    let cycles: [Cycle]
    let settings: OrganizationSettings?
    let board: Board
    /// The objectives the viewer may see, in the board's order.
    let visible: [Versioned<Objective>]
    let scorecard: Scorecard
    let today: Day
    /// How many objectives each owner has in the cycle (all of them, private ones included), by `Owner`.
    let objectivesPerOwner: [String: Int]

    var cycle: Cycle { board.cycle.value }
    var calendar: WorkingCalendar { settings?.calendar ?? WorkingCalendar() }

    enum Choice {
        /// No cycle exists yet.
        case noCycle
        /// The cycle asked for does not exist.
        case unknown(String)
        case report(CycleReport)
    }

    /// Loads the cycle named by `query`, else the active one, else the latest.
    static func load(
        store: OKRStore, viewer: Person, cycle query: String?, environment: AppEnvironment
    ) async throws -> Choice {
        let cycles = try await store.cycles().map(\.value)
        if let query, !cycles.contains(where: { $0.id.rawValue == query }) { return .unknown(query) }
        guard let cycle = chosenCycle(cycles, query: query) else { return .noCycle }
        let settings = try await store.settings()
        let board = try await store.board(cycle: cycle.id)
        let grades = cycle.state == .closed ? try await store.grades(cycle: cycle.id) : [:]
        let access = Access(viewer: viewer, teams: board.teams)
        let visible = board.objectives.filter { access.canSee($0.value) }
        let keyResults = visible.flatMap { board.keyResults[$0.value.id]?.map(\.value) ?? [] }
        var lastDays: [KeyResultID: Day] = [:]
        for kr in keyResults { lastDays[kr.id] = board.checkIns[kr.id]?.last?.day }
        let today = environment.today(in: settings?.timeZone ?? "Asia/Ho_Chi_Minh")
        let scorecard = try Scorecard(
            cycle: cycle, objectives: visible.map(\.value), keyResults: keyResults, lastCheckIns: lastDays,
            grades: grades, today: today, calendar: settings?.calendar ?? WorkingCalendar())
        var perOwner: [String: Int] = [:]
        for objective in board.objectives { perOwner[objective.value.owner?.description ?? "", default: 0] += 1 }
        return .report(
            CycleReport(
                cycles: cycles, settings: settings, board: board, visible: visible, scorecard: scorecard, today: today,
                objectivesPerOwner: perOwner))
    }

    /// The cycle asked for, else the active one, else the latest.
    static func chosenCycle(_ cycles: [Cycle], query: String?) -> Cycle? {
        if let query, let match = cycles.first(where: { $0.id.rawValue == query }) { return match }
        return cycles.first { $0.state == .active } ?? cycles.max { $0.start < $1.start }
    }
}

extension CycleReport {
    /// The name of an owner as people read it: the company's or a team's name, a person's name.
    func ownerName(_ owner: Owner?, _ language: Language) -> String {
        switch owner {
        case .company: return board.teams.first(where: \.isCompany)?.name.text(language) ?? "—"
        case .team(let id): return board.teams.first { $0.id == id }?.name.text(language) ?? id.rawValue
        case .person(let id): return board.people.first { $0.id == id }?.name ?? id.rawValue
        case nil: return "—"
        }
    }

    /// The quality findings of an objective of this cycle: its KRs and their initiatives as stored, and how
    /// many objectives its owner has in the whole cycle (private ones count: the limit is the owner's focus).
    func findings(of objective: Objective, language: Language) -> [QualityFinding] {
        let keyResults = (board.keyResults[objective.id] ?? []).map(\.value)
        let initiatives = keyResults.flatMap { board.initiatives[$0.id]?.map(\.value) ?? [] }
        return QualityCheck.findings(
            for: QualityDraft(
                objective, keyResults: keyResults, initiatives: initiatives,
                ownerName: objective.owner == nil ? nil : ownerName(objective.owner, language)),
            context: QualityContext(
                otherObjectivesOfOwner: (objectivesPerOwner[objective.owner?.description ?? ""] ?? 1) - 1,
                maxObjectivesPerOwner: settings?.maxObjectivesPerOwner ?? 5))
    }
}
