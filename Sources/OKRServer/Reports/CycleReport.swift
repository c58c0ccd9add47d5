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
        return .report(
            CycleReport(
                cycles: cycles, settings: settings, board: board, visible: visible, scorecard: scorecard, today: today))
    }

    /// The cycle asked for, else the active one, else the latest.
    static func chosenCycle(_ cycles: [Cycle], query: String?) -> Cycle? {
        if let query, let match = cycles.first(where: { $0.id.rawValue == query }) { return match }
        return cycles.first { $0.state == .active } ?? cycles.max { $0.start < $1.start }
    }
}
