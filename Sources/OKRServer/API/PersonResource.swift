import Foundation
import OKRCore
import OKRStore

/// A person as the API shows them: who they are, their role and the teams they belong to (as a member;
/// the teams they lead are on the team). Never a password or its hash.
struct PersonResource: Encodable, Sendable {
    let id: String
    let name: String
    let email: String
    let role: String
    let teamIds: [String]
    let language: String?
    let active: Bool
    let deactivatedAt: Date?
    let version: Int?

    /// `version` is nil in lists: the store lists people without their versions.
    init(_ entry: Versioned<Person>) {
        self.init(entry.value, version: entry.version)
    }

    init(_ person: Person, version: Int?) {
        id = person.id.rawValue
        name = person.name
        email = person.email
        role = person.role.rawValue
        teamIds = person.teamIDs.map(\.rawValue)
        language = person.language?.rawValue
        active = person.isActive
        deactivatedAt = person.deactivatedAt
        self.version = version
    }

    static let schema = Schema.object([
        .required("id", .string), .required("name", .string), .required("email", .string),
        .required("role", .values(of: Role.self), "admin, lead, member or viewer."),
        .required("team_ids", .array(.string), "The teams the person belongs to as a member."),
        .optional("language", .values(of: Language.self), "The language the person chose; absent until they do."),
        .required(
            "active", .boolean,
            "False once the person has left: they cannot sign in, their tokens are revoked, pickers and reminders "
                + "leave them out; their OKRs and history stay."),
        .optional("deactivated_at", .dateTime, "When the person was deactivated."),
        .optional(
            "version", .integer,
            "Send it back (or its ETag in If-Match) to change the person. Absent in lists: read the person for it."),
    ])
}
