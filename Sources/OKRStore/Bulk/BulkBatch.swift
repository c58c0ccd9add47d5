import OKRCore

/// Domain values to write in one go with `BulkLoad`: everything in it is inserted in one transaction, in the
/// order the foreign keys need (teams before people, objectives before their KRs, a check-in before its
/// correction, a question before its answer).
///
/// Positions follow the order of each list: objectives are numbered after those their cycle already holds,
/// KRs after those their objective already holds, initiatives and asks after all others.
public struct BulkBatch: Sendable {
    /// The organization's settings, for the first batch of a new database.
    public var settings: OrganizationSettings?
    /// Teams with their leads and members (both must be among `people` or already stored).
    public var teams: [Team] = []
    public var people: [Person] = []
    /// The password hash every person of this batch signs in with (nil: no password).
    public var passwordHash: String?
    public var cycles: [Cycle] = []
    public var kpis: [KPI] = []
    public var kpiValues: [KPIValue] = []
    public var objectives: [Objective] = []
    /// KRs as they are stored: `current`, `confidence` and the condition's count as their history leaves them
    /// (`KeyResult.following(_:)` over `CheckIn.effective`).
    public var keyResults: [KeyResult] = []
    public var grades: [KeyResultID: KeyResultGrade] = [:]
    public var asks: [DependencyAsk] = []
    public var initiatives: [Initiative] = []
    public var checkIns: [CheckIn] = []
    public var weeklyUpdates: [WeeklyUpdate] = []
    public var comments: [Comment] = []

    public init() {}

    /// How many rows of the main tables the batch holds (links and memberships not counted).
    public var count: Int {
        teams.count + people.count + cycles.count + kpis.count + kpiValues.count + objectives.count
            + keyResults.count + grades.count + asks.count + initiatives.count + checkIns.count
            + weeklyUpdates.count + comments.count
    }
}
