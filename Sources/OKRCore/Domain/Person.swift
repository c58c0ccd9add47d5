import Foundation

/// Someone in the organization.
public struct Person: Hashable, Sendable, Codable, Identifiable {
    public let id: PersonID
    public var name: String
    public var email: String
    public var role: Role
    public var teamIDs: [TeamID]
    public var language: Language?
    /// When they left (an admin or the directory deactivated them): they cannot sign in, their sessions and API
    /// tokens no longer work, and pickers and reminders leave them out; their OKRs and history stay.
    public var deactivatedAt: Date?

    /// Whether they may sign in and be chosen: not deactivated.
    public var isActive: Bool { deactivatedAt == nil }

    public init(
        id: PersonID, name: String, email: String, role: Role = .member, teamIDs: [TeamID] = [],
        language: Language? = nil, deactivatedAt: Date? = nil
    ) throws(DomainError) {
        self.id = id
        self.name = try Validate.text(name, field: "name", max: 200)
        let address = try Validate.text(email, field: "email", max: 254).lowercased()
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        // The domain needs at least two labels and none empty: "example.vn", not "example." or ".vn".
        let labels = parts.count == 2 ? parts[1].split(separator: ".", omittingEmptySubsequences: false) : []
        guard parts.count == 2, !parts[0].isEmpty, labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
            !address.contains(where: \.isWhitespace)
        else {
            throw .invalid(field: "email", reason: .unknownValue(email))
        }
        self.email = address
        self.role = role
        self.teamIDs = teamIDs
        self.language = language
        self.deactivatedAt = deactivatedAt
    }
}

/// What a person may do: admin (everything), lead (their teams' OKRs), member (their own), viewer (read).
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer, member, lead, admin

    private var rank: Int { Role.allCases.firstIndex(of: self)! }
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
