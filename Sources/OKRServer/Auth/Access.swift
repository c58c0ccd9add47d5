import OKRCore

/// Who may see what. Private objectives are visible only to their owner, their team's leads and admins —
/// in lists, search, the tree and counts alike, so every page and endpoint filters through here.
public struct Access: Sendable {
    public let viewer: Person
    public let teams: TeamTree?

    public init(viewer: Person, teams: [Team]) {
        self.viewer = viewer
        self.teams = try? TeamTree(teams)
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

    private func isLeadOfAnyTeam(of person: PersonID) -> Bool {
        guard let teams else { return false }
        return teams.teams.values.contains { $0.memberIDs.contains(person) && teams.isLead(viewer.id, of: $0.id) }
    }
}
