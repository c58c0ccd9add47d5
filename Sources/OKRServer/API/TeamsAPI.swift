import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// Teams: the organization's tree, read by everyone signed in. Admins add teams and change anything; a lead
/// of a team (or of a team above it) may take in people who belong to no team and let members go, but not
/// adopt someone from another team, nor change who leads it or where it sits. Every change is audited.
struct TeamsAPI: Sendable {
    let store: OKRStore

    func addRoutes(to api: APIBuilder) {
        api.schema("Team", TeamResource.schema)
        api.schema("TeamPage", ListPage<TeamResource>.schema(of: "Team"))
        api.add(
            APIOperation(
                method: .get, path: "/teams", id: "listTeams", tag: "Teams",
                summary: "Every team, flat and by id; `parent_id` gives the tree.", query: [.limit, .cursor],
                response: .ref("TeamPage")), list)
        api.add(
            APIOperation(
                method: .get, path: "/teams/{id}", id: "getTeam", tag: "Teams", summary: "One team.",
                response: .ref("Team"), examples: ["id": "marketing"]), read)
        api.add(
            APIOperation(
                method: .post, path: "/teams", id: "createTeam", tag: "Teams",
                summary: "Adds a team below an existing one (admins). The company, the root, is the only team "
                    + "without a parent.",
                body: NewTeamInput.schema, success: .created, response: .ref("Team")), create)
        api.add(
            APIOperation(
                method: .patch, path: "/teams/{id}", id: "updateTeam", tag: "Teams",
                summary: """
                    Changes a team: admins anything; its leads take in people who are in no team and let members \
                    go. A team cannot move below itself.
                    """,
                body: TeamChangeInput.schema, response: .ref("Team"),
                examples: ["id": "marketing"]), update)
    }

    func list(_ call: APICall) async throws -> APIReply {
        let page = try call.page
        let teams = try await store.versionedTeams()
        return try .json(ListPage(teams, key: { $0.value.id.rawValue }, page: page) { TeamResource($0) })
    }

    func read(_ call: APICall) async throws -> APIReply {
        let id = try call.parameter("id")
        guard let team = try await store.team(id: TeamID(id)) else { throw APIError.notFound(.team, id) }
        return try .json(TeamResource(team), version: team.version)
    }

    func create(_ call: APICall) async throws -> APIReply {
        guard Access(viewer: call.viewer, teams: []).isAdmin else { throw APIError.forbidden }
        let input = try await call.body(NewTeamInput.self)
        if let id = input.id { try APIIdentifier.check(id, field: "id") }
        let id = input.id ?? NewID.make("t")
        // The tree has one root, the company: every other team needs a parent.
        if input.parentId == nil, try await store.teams().contains(where: \.isCompany) {
            throw APIError.invalid("parent_id", .required)
        }
        let team = try Team(
            id: TeamID(id), name: try Self.name(input.name, en: input.nameEn),
            parentID: input.parentId.map { TeamID($0) },
            leadIDs: (input.leadIds ?? []).map { PersonID($0) }, memberIDs: (input.memberIds ?? []).map { PersonID($0) }
        )
        try await store.createTeam(team, actor: call.viewer.id)
        guard let created = try await store.team(id: team.id) else { throw APIError.notFound(.team, id) }
        return try .json(TeamResource(created), status: .created, version: created.version)
    }

    func update(_ call: APICall) async throws -> APIReply {
        let id = try call.parameter("id")
        guard let current = try await store.team(id: TeamID(id)) else { throw APIError.notFound(.team, id) }
        let teams = try await store.teams()
        let access = Access(viewer: call.viewer, teams: teams)
        guard access.leads(current.value.id) else { throw APIError.forbidden }
        let input = try await call.body(TeamChangeInput.self)
        let expected = try call.expectedVersion(input.version)
        let before = current.value
        let after = try Team(
            id: before.id, name: try Self.name(input.name ?? before.name.vi, en: input.nameEn ?? before.name.en),
            parentID: input.parentId.map { TeamID($0) } ?? before.parentID,
            leadIDs: input.leadIds.map { $0.map { PersonID($0) } } ?? before.leadIDs,
            memberIDs: input.memberIds.map { $0.map { PersonID($0) } } ?? before.memberIDs)
        if !access.isAdmin {
            guard after.name == before.name, after.parentID == before.parentID,
                Set(after.leadIDs) == Set(before.leadIDs)
            else { throw APIError.forbidden }
            // A lead takes in only people who belong to no team: adopting someone from another team would open
            // their private objectives and personal OKRs to the lead. Moving people between teams is an admin's.
            let placed = Set(teams.flatMap { $0.leadIDs + $0.memberIDs })
            let added = Set(after.memberIDs).subtracting(before.memberIDs)
            guard added.isDisjoint(with: placed) else { throw APIError.forbidden }
        }
        if after.parentID != before.parentID { try Self.refuseLoop(moving: after, teams: teams) }
        let saved = try await store.updateTeam(after, expectedVersion: expected, actor: call.viewer.id)
        return try .json(TeamResource(saved), version: saved.version)
    }

    /// A team cannot sit below itself: walking up from its new parent must never reach it.
    static func refuseLoop(moving team: Team, teams: [Team]) throws {
        let parents = Dictionary(teams.map { ($0.id, $0.parentID) }, uniquingKeysWith: { first, _ in first })
        var path = [team.id]
        var cursor = team.parentID
        while let next = cursor, !path.dropFirst().contains(next) {
            path.append(next)
            if next == team.id {
                let loop = DomainError.alignmentCycle(path: path.map(\.rawValue))
                throw APIError(.unprocessableContent, code: "validation_failed", field: "parent_id") {
                    loop.message($0)
                }
            }
            cursor = parents[next] ?? nil
        }
    }

    /// The team's name, with the core's refusals naming the API's members (`name`, `name_en`).
    static func name(_ vi: String, en: String?) throws -> LocalizedName {
        do {
            return try LocalizedName(vi: vi, en: en)
        } catch {
            guard case .invalid(let field, let reason) = error else { throw error }
            throw APIError.invalid(field == "title" ? "name" : "name_en", reason)
        }
    }
}

/// A new team. Leads and members must be people who exist; so must the parent.
struct NewTeamInput: Decodable, Sendable {
    let id: String?
    let name: String
    let nameEn: String?
    let parentId: String?
    let leadIds: [String]?
    let memberIds: [String]?

    static let schema = Schema.object([
        .optional("id", .identifier, "Chosen by the client, else generated."), .required("name", .text(max: 300)),
        .optional("name_en", TeamChangeInput.englishName),
        .optional("parent_id", .string, "Required: the company is the only team without a parent."),
        .optional("lead_ids", .array(.string)), .optional("member_ids", .array(.string)),
    ])
}

/// A change of a team; members left out stay as they are. Leads of the team may send `member_ids` only.
struct TeamChangeInput: Decodable, Sendable {
    let name: String?
    let nameEn: String?
    let parentId: String?
    let leadIds: [String]?
    let memberIds: [String]?
    let version: Int?

    /// Blank removes the English name (the Vietnamese one is shown instead).
    static let englishName = Schema.string(.init(maxLength: 300))

    static let schema = Schema.object([
        .optional("name", .text(max: 300), "Admins only."), .optional("name_en", englishName, "Admins only."),
        .optional("parent_id", .string, "Admins only. Moving a team below itself is refused."),
        .optional("lead_ids", .array(.string), "Admins only: replaces the leads."),
        .optional("member_ids", .array(.string), "Replaces the members."),
        .required("version", .integer, APIOperation.versionDescription),
    ])
}
