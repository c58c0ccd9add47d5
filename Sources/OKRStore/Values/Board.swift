import OKRCore

/// Everything an overview page of one cycle shows, loaded in a fixed number of queries.
public struct Board: Sendable {
    public let cycle: Versioned<Cycle>
    /// In their stored order (creation order within the cycle).
    public let objectives: [Versioned<Objective>]
    /// Each objective's KRs in their stored order; objectives without KRs have an empty list.
    public let keyResults: [ObjectiveID: [Versioned<KeyResult>]]
    /// The initiatives linked to each KR of the cycle.
    public let initiatives: [KeyResultID: [Versioned<Initiative>]]
    /// Each KR's effective history (superseded check-ins dropped), oldest first.
    public let checkIns: [KeyResultID: [CheckIn]]
    public let teams: [Team]
    public let people: [Person]

    public init(
        cycle: Versioned<Cycle>, objectives: [Versioned<Objective>], keyResults: [ObjectiveID: [Versioned<KeyResult>]],
        initiatives: [KeyResultID: [Versioned<Initiative>]], checkIns: [KeyResultID: [CheckIn]], teams: [Team],
        people: [Person]
    ) {
        self.cycle = cycle
        self.objectives = objectives
        self.keyResults = keyResults
        self.initiatives = initiatives
        self.checkIns = checkIns
        self.teams = teams
        self.people = people
    }

    /// The latest effective check-in of a KR, if any.
    public func latestCheckIn(_ keyResult: KeyResultID) -> CheckIn? { checkIns[keyResult]?.last }

    /// Every KR of the board, in objective order.
    public var allKeyResults: [Versioned<KeyResult>] {
        objectives.flatMap { keyResults[$0.value.id] ?? [] }
    }
}
