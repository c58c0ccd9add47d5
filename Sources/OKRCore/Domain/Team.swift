/// A team in the organization's tree. The root (no parent) is the company; departments and squads below.
public struct Team: Hashable, Sendable, Codable, Identifiable {
    public let id: TeamID
    public var name: LocalizedName
    public var parentID: TeamID?
    public var leadIDs: [PersonID]
    public var memberIDs: [PersonID]

    public init(
        id: TeamID, name: LocalizedName, parentID: TeamID? = nil, leadIDs: [PersonID] = [],
        memberIDs: [PersonID] = []
    ) throws(DomainError) {
        guard parentID != id else { throw .invalid(field: "parent_id", reason: .outOfRange) }
        self.id = id
        self.name = name
        self.parentID = parentID
        self.leadIDs = leadIDs
        self.memberIDs = memberIDs
    }

    public var isCompany: Bool { parentID == nil }
}

/// The organization's teams as a tree, checked for a single root and no loops.
public struct TeamTree: Sendable {
    public let teams: [TeamID: Team]
    public let root: Team

    public init(_ teams: [Team]) throws(DomainError) {
        var byID: [TeamID: Team] = [:]
        for team in teams {
            guard byID[team.id] == nil else { throw .invalid(field: "teams", reason: .duplicate) }
            byID[team.id] = team
        }
        let roots = teams.filter(\.isCompany)
        guard roots.count == 1, let root = roots.first else {
            throw .invalid(field: "teams", reason: roots.isEmpty ? .required : .duplicate)
        }
        for team in teams {
            var seen: [TeamID] = [team.id]
            var cursor = team.parentID
            while let parent = cursor {
                guard let next = byID[parent] else {
                    throw .invalid(field: "parent_id", reason: .unknownValue(parent.rawValue))
                }
                if seen.contains(parent) { throw .alignmentCycle(path: (seen + [parent]).map(\.rawValue)) }
                seen.append(parent)
                cursor = next.parentID
            }
        }
        self.teams = byID
        self.root = root
    }

    public func children(of id: TeamID) -> [Team] {
        teams.values.filter { $0.parentID == id }.sorted { $0.id < $1.id }
    }

    /// The team and every team above it, nearest first.
    public func ancestry(of id: TeamID) -> [Team] {
        var chain: [Team] = []
        var cursor: TeamID? = id
        while let current = cursor, let team = teams[current] {
            chain.append(team)
            cursor = team.parentID
        }
        return chain
    }

    /// Whether `person` leads `team` or any team above it.
    public func isLead(_ person: PersonID, of team: TeamID) -> Bool {
        ancestry(of: team).contains { $0.leadIDs.contains(person) }
    }
}

/// A name shown in Vietnamese or English; the English one falls back to the Vietnamese when missing.
public struct LocalizedName: Hashable, Sendable, Codable {
    public let vi: String
    public let en: String?

    public init(vi: String, en: String? = nil) throws(DomainError) {
        self.vi = try Validate.text(vi, field: "title", max: 300)
        self.en = try Validate.optionalText(en, field: "title_en", max: 300)
    }

    public func text(_ language: Language) -> String { language == .en ? (en ?? vi) : vi }
}
