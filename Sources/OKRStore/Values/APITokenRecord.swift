import Foundation
import OKRCore

/// An API token as the store keeps it: never the token itself, only its name, rights and dates.
public struct APITokenRecord: Hashable, Sendable, Codable, Identifiable {
    public let id: String
    public let personID: PersonID
    public let name: String
    public let readOnly: Bool
    public let createdAt: Date
    public let revokedAt: Date?

    public init(id: String, personID: PersonID, name: String, readOnly: Bool, createdAt: Date, revokedAt: Date?) {
        self.id = id
        self.personID = personID
        self.name = name
        self.readOnly = readOnly
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}
