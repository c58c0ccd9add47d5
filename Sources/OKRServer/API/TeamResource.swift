import Foundation
import OKRCore
import OKRStore

/// A team as the API shows it: its place in the tree (`parent_id`, absent on the company), its leads and its
/// members. The list is flat; a client builds the tree from `parent_id`.
struct TeamResource: Encodable, Sendable {
    let id: String
    let name: String
    let nameEn: String?
    let parentId: String?
    let leadIds: [String]
    let memberIds: [String]
    let version: Int

    init(_ entry: Versioned<Team>) {
        let team = entry.value
        id = team.id.rawValue
        name = team.name.vi
        nameEn = team.name.en
        parentId = team.parentID?.rawValue
        leadIds = team.leadIDs.map(\.rawValue)
        memberIds = team.memberIDs.map(\.rawValue)
        version = entry.version
    }

    static let schema = Schema.object([
        .required("id", .string), .required("name", .string, "In Vietnamese (the organization's first language)."),
        .optional("name_en", .string), .optional("parent_id", .string, "Absent on the company, the root of the tree."),
        .required("lead_ids", .array(.string)), .required("member_ids", .array(.string)),
        .required("version", .integer, "Send it back (or its ETag in If-Match) to change the team."),
    ])
}
