import Foundation

/// A directory (Okta, Entra ID) allowed to provision people and teams through SCIM with its bearer token; the
/// store keeps only the token's SHA-256.
public struct SCIMDirectory: Hashable, Sendable, Codable, Identifiable {
    public let id: String
    public let name: String
    public let createdAt: Date
    public let revokedAt: Date?

    public init(id: String, name: String, createdAt: Date, revokedAt: Date?) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}

/// The kinds of SCIM resource Okra serves: a User is a person, a Group a team.
public enum SCIMResourceType: String, Sendable, Codable, CaseIterable {
    case user = "User"
    case group = "Group"
}

/// What a directory knows of a person or team that Okra does not model itself: its `externalId`, the `userName`
/// when it is not the e-mail, other attributes it sent (JSON), and when the directory deleted it.
public struct SCIMLink: Hashable, Sendable, Codable {
    public var externalID: String?
    public var userName: String?
    public var attributes: String?
    public var deletedAt: Date?

    public init(externalID: String? = nil, userName: String? = nil, attributes: String? = nil, deletedAt: Date? = nil) {
        self.externalID = externalID
        self.userName = userName
        self.attributes = attributes
        self.deletedAt = deletedAt
    }
}
