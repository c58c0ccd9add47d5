import OKRCore

/// The organization as it stands, in memory: its settings, cycles, teams and people. Pages read it instead of
/// the database; every committed change to one of them makes a new one.
public struct OrganizationSnapshot: Sendable {
    public let settings: Versioned<OrganizationSettings>?
    /// By start day, then end day.
    public let cycles: [Versioned<Cycle>]
    /// By id.
    public let versionedTeams: [Versioned<Team>]
    /// The team tree; nil until there is exactly one company team.
    public let tree: TeamTree?
    private let teamsByID: [TeamID: Versioned<Team>]
    private let peopleByID: [PersonID: Versioned<Person>]
    /// By id.
    public let people: [Person]
    /// Everyone who has not left: whom pickers offer and reminders reach.
    public let activePeople: [Person]

    init(
        settings: Versioned<OrganizationSettings>?, cycles: [Versioned<Cycle>], teams: [Versioned<Team>],
        people: [Versioned<Person>]
    ) {
        self.settings = settings
        self.cycles = cycles
        self.versionedTeams = teams
        self.tree = try? TeamTree(teams.map(\.value))
        self.teamsByID = Dictionary(teams.map { ($0.value.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.peopleByID = Dictionary(people.map { ($0.value.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.people = people.map(\.value)
        self.activePeople = self.people.filter(\.isActive)
    }

    public var teams: [Team] { versionedTeams.map(\.value) }
    public var calendar: WorkingCalendar { settings?.value.calendar ?? WorkingCalendar() }
    /// The organization's time zone: where "today" is.
    public var timeZone: String { settings?.value.timeZone ?? "Asia/Ho_Chi_Minh" }

    public func team(_ id: TeamID) -> Versioned<Team>? { teamsByID[id] }
    public func person(_ id: PersonID) -> Versioned<Person>? { peopleByID[id] }
    public func cycle(_ id: CycleID) -> Versioned<Cycle>? { cycles.first { $0.value.id == id } }

    /// The company team (the root of the tree).
    public var company: Team? { tree?.root ?? versionedTeams.first { $0.value.isCompany }?.value }

    /// The people of a team who have not left, leads first, each once.
    public func people(of team: Team) -> [Person] {
        var ids: [PersonID] = []
        for id in team.leadIDs + team.memberIDs where !ids.contains(id) { ids.append(id) }
        return ids.compactMap { peopleByID[$0]?.value }.filter(\.isActive)
    }
}

extension OrganizationSnapshot: TeamMembership {
    public func teamIDs(of id: PersonID) -> [TeamID]? { person(id)?.value.teamIDs }
}
