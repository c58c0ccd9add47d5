/// Who is in which teams, looked up without walking every team (the read model's organization answers it).
public protocol TeamMembership: Sendable {
    /// The teams `person` is a member of; nil when the person is not known here.
    func teamIDs(of person: PersonID) -> [TeamID]?
}

/// Who may see what. Private objectives are visible only to their owner, their team's leads and admins —
/// in lists, search, the tree and counts alike, so every page and endpoint filters through here.
public struct Access: Sendable {
    public let viewer: Person
    public let teams: TeamTree?
    /// Who is in which team, when known without walking every team.
    private let people: (any TeamMembership)?

    public init(viewer: Person, teams: [Team]) {
        self.viewer = viewer
        self.teams = try? TeamTree(teams)
        self.people = nil
    }

    /// From the read model's organization: its tree is built once, and a person's teams are a lookup.
    public init(viewer: Person, tree: TeamTree?, people: any TeamMembership) {
        self.viewer = viewer
        self.teams = tree
        self.people = people
    }

    public func canSee(_ objective: Objective) -> Bool {
        if objective.visibility == .organization || viewer.role == .admin { return true }
        switch objective.owner {
        case .person(let id):
            if id == viewer.id { return true }
            return viewer.role == .lead && isLeadOfAnyTeam(of: id)
        case .team(let id):
            return teams?.isLead(viewer.id, of: id) ?? false
        case .company, nil:
            return false
        }
    }

    public func isLeadOfAnyTeam(of person: PersonID) -> Bool {
        guard let teams else { return false }
        if let memberOf = people?.teamIDs(of: person) {
            return memberOf.contains { teams.isLead(viewer.id, of: $0) }
        }
        return teams.teams.values.contains { $0.memberIDs.contains(person) && teams.isLead(viewer.id, of: $0.id) }
    }
}

/// Who may change what. Admins change everything; leads their teams' OKRs (teams below theirs included) and
/// their members' personal ones; members their own OKRs and check-ins on KRs they own or contribute to;
/// viewers read. Nobody may change what they cannot see.
extension Access {
    public var isAdmin: Bool { viewer.role == .admin }

    /// Whether the viewer may write anything at all (viewers only read).
    public var canWrite: Bool { viewer.role != .viewer }

    /// May create, edit or move this objective through its states? For an edit, both the objective as it was
    /// and as it will be must pass, so nobody hands an objective to an owner they could not have chosen.
    public func canEdit(_ objective: Objective) -> Bool {
        guard canSee(objective) else { return false }
        switch viewer.role {
        case .admin: return true
        case .viewer: return false
        case .member: return objective.owner == .person(viewer.id)
        case .lead:
            switch objective.owner {
            case .person(let id): return id == viewer.id || isLeadOfAnyTeam(of: id)
            case .team(let id): return leads(id)
            case .company, nil: return false
            }
        }
    }

    /// May edit this KR: whoever may edit its objective, and the KR's own owner.
    public func canEdit(_ keyResult: KeyResult, of objective: Objective) -> Bool {
        guard canSee(objective), canWrite else { return false }
        return canEdit(objective) || keyResult.owner == .person(viewer.id)
    }

    /// May check in on this KR: whoever may edit it, and a member of the team that owns it. Driving a KR with
    /// an initiative grants nothing more: the initiative's owner reports to the KR's owner, who checks in.
    public func canCheckIn(_ keyResult: KeyResult, of objective: Objective) -> Bool {
        guard canSee(objective), canWrite else { return false }
        if canEdit(keyResult, of: objective) { return true }
        if case .team(let team) = keyResult.owner, viewer.teamIDs.contains(team) { return true }
        return false
    }

    /// Comments and questions: everyone but viewers, wherever they can see.
    public func canComment(on objective: Objective) -> Bool {
        canSee(objective) && canWrite
    }

    /// Leads `team` or a team above it (admins lead everything).
    public func leads(_ team: TeamID) -> Bool {
        isAdmin || (viewer.role == .lead && (teams?.isLead(viewer.id, of: team) ?? false))
    }

    /// May define or change a KPI owned by `owner`: a lead of that team (or of one above it); without an owner
    /// team, only an admin.
    public func mayDefineKPI(ownedBy owner: TeamID?) -> Bool {
        guard canWrite else { return false }
        guard let owner else { return isAdmin }
        return leads(owner)
    }

    /// May record a KPI's value: an admin, or anyone but a viewer in (or leading) the team that owns it.
    public func mayRecordValue(of kpi: KPI) -> Bool {
        isAdmin || (canWrite && kpi.ownerTeamID.map { leads($0) || viewer.teamIDs.contains($0) } == true)
    }

    /// May act for `owner`: set it as the owner of an initiative or a KR.
    public func mayAssign(_ owner: Owner?) -> Bool {
        switch owner {
        case nil: return canWrite
        case .company: return isAdmin
        case .team(let id): return leads(id) || (canWrite && viewer.teamIDs.contains(id))
        case .person(let id): return id == viewer.id ? canWrite : (isAdmin || isLeadOfAnyTeam(of: id))
        }
    }

    /// Leadership writes the direction of a cycle: admins, and the leads of the company (the root team).
    public var mayWriteDirection: Bool {
        if isAdmin { return true }
        guard let root = teams?.teams.values.first(where: \.isCompany) else { return false }
        return leads(root.id)
    }
}
