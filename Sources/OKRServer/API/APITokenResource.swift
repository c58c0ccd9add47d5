import Foundation
import OKRCore
import OKRStore

/// An API token as its owner sees it: its name, rights and dates — never the token, which the store does not
/// keep (only its SHA-256).
struct APITokenResource: Encodable, Sendable {
    let id: String
    let personId: String
    let name: String
    let readOnly: Bool
    let createdAt: Date
    let revokedAt: Date?

    init(_ record: APITokenRecord) {
        id = record.id
        personId = record.personID.rawValue
        name = record.name
        readOnly = record.readOnly
        createdAt = record.createdAt
        revokedAt = record.revokedAt
    }

    static let schema = Schema.object([
        .required("id", .string), .required("person_id", .string), .required("name", .string),
        .required("read_only", .boolean, "A read-only token may only read."),
        .required("created_at", .dateTime), .optional("revoked_at", .dateTime, "Absent while the token works."),
    ])

    /// A token just made: its record and, this once, the token itself.
    struct Created: Encodable, Sendable {
        let token: String
        let apiToken: APITokenResource

        static let schema = Schema.object([
            .required(
                "token", .string, "Send as `Authorization: Bearer <token>`. Shown only now: Okra keeps its hash."),
            .required("api_token", .ref("APIToken")),
        ])
    }
}
