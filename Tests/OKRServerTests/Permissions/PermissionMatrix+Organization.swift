import Foundation
import OKRCore
import OKRStore

/// The organization's endpoints: settings, people, teams and API tokens. None of them holds objectives, so
/// the private column applies to none; what own and other team mean is said above each group.
extension PermissionMatrix {
    static var organization: [MatrixOperation] { settings + people + teams + tokens }

    /// Settings belong to the whole organization: one row, "own". Everyone reads them; admins change them.
    static let settings: [MatrixOperation] = [
        MatrixOperation("getSettings", admin: "A--", lead: "A--", member: "A--", viewer: "A--") { _, _, _ in
            MatrixRequest(method: .get, uri: "/api/v1/settings")
        },
        MatrixOperation("updateSettings", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { world, _, _ in
            let version = try await world.world.store.versionedSettings()?.version ?? 0
            return MatrixRequest(
                method: .patch, uri: "/api/v1/settings", body: #"{"version": \#(version), "check_in_time": "16:00"}"#)
        },
    ]

    /// People: own = the caller themself, other team = Lan (Sales). Everyone reads everyone; a person changes
    /// their own name and language, an admin anyone.
    static let people: [MatrixOperation] = [
        MatrixOperation("listUsers", admin: "A--", lead: "A--", member: "A--", viewer: "A--") { _, _, _ in
            MatrixRequest(method: .get, uri: "/api/v1/users")
        },
        MatrixOperation("getMe", admin: "A--", lead: "A--", member: "A--", viewer: "A--") { _, _, _ in
            MatrixRequest(method: .get, uri: "/api/v1/me")
        },
        MatrixOperation("listMyKeyResults", admin: "A--", lead: "A--", member: "A--", viewer: "A--") { _, _, _ in
            MatrixRequest(method: .get, uri: "/api/v1/me/key-results")
        },
        MatrixOperation("getUser", admin: "AA-", lead: "AA-", member: "AA-", viewer: "AA-") { world, caller, target in
            MatrixRequest(method: .get, uri: "/api/v1/users/\(world.person(target, caller))")
        },
        MatrixOperation("createUser", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { world, _, _ in
            let id = world.newID("p")
            return MatrixRequest(
                method: .post, uri: "/api/v1/users",
                body: #"{"id": "\#(id)", "name": "Người mới", "email": "\#(id)@okra.demo", "team_ids": ["sales"]}"#)
        },
        MatrixOperation("updateUser", admin: "AA-", lead: "AF-", member: "AF-", viewer: "AF-") {
            world, caller, target in
            let id = world.person(target, caller)
            let version = try await world.world.store.versionedPerson(id: PersonID(id))?.version ?? 0
            return MatrixRequest(
                method: .patch, uri: "/api/v1/users/\(id)", body: #"{"version": \#(version), "language": "en"}"#)
        },
    ]

    /// Teams: own = the caller's team (the company for the admin and the viewer, Marketing for its lead and
    /// member), other team = Sales. Everyone reads; admins add and change teams; a team's lead its members.
    static let teams: [MatrixOperation] = [
        MatrixOperation("listTeams", admin: "A--", lead: "A--", member: "A--", viewer: "A--") { _, _, _ in
            MatrixRequest(method: .get, uri: "/api/v1/teams")
        },
        MatrixOperation("getTeam", admin: "AA-", lead: "AA-", member: "AA-", viewer: "AA-") { world, caller, target in
            MatrixRequest(method: .get, uri: "/api/v1/teams/\(world.team(target, for: caller))")
        },
        // A new squad below the row's team.
        MatrixOperation("createTeam", admin: "AA-", lead: "FF-", member: "FF-", viewer: "FF-") {
            world, caller, target in
            MatrixRequest(
                method: .post, uri: "/api/v1/teams",
                body:
                    #"{"id": "\#(world.newID("t"))", "name": "Nhóm mới", "parent_id": "\#(world.team(target, for: caller))"}"#
            )
        },
        // The team's members sent back as they are: what a lead may change.
        MatrixOperation("updateTeam", admin: "AA-", lead: "AF-", member: "FF-", viewer: "FF-") {
            world, caller, target in
            let id = world.team(target, for: caller)
            let team = try await world.world.store.team(id: TeamID(id))
            let members = (team?.value.memberIDs ?? []).map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            return MatrixRequest(
                method: .patch, uri: "/api/v1/teams/\(id)",
                body: #"{"version": \#(team?.version ?? 0), "member_ids": [\#(members)]}"#)
        },
    ]

    /// Tokens: own = a token of the caller's, other team = a token of Lan's. Everyone manages their own
    /// tokens; only an admin revokes someone else's, which others cannot see.
    static let tokens: [MatrixOperation] = [
        MatrixOperation("listTokens", admin: "A--", lead: "A--", member: "A--", viewer: "A--") { _, _, _ in
            MatrixRequest(method: .get, uri: "/api/v1/tokens")
        },
        MatrixOperation("createToken", admin: "A--", lead: "A--", member: "A--", viewer: "A--") { _, _, _ in
            MatrixRequest(method: .post, uri: "/api/v1/tokens", body: #"{"name": "matrix", "read_only": true}"#)
        },
        MatrixOperation("revokeToken", admin: "AA-", lead: "AH-", member: "AH-", viewer: "AH-") {
            world, caller, target in
            let owner = PersonID(world.person(target, caller))
            let name = world.newID("token")
            let store = world.world.store
            _ = try await store.createAPIToken(person: owner, name: name, readOnly: false)
            let id = try await store.apiTokens(person: owner).first { $0.name == name }?.id ?? name
            return MatrixRequest(method: .delete, uri: "/api/v1/tokens/\(id)")
        },
    ]
}

extension MatrixWorld {
    /// The person a row touches: the caller themself, or Lan of Sales.
    func person(_ target: Target, _ caller: Caller) -> String {
        target == .own ? caller.rawValue : "p-lan"
    }
}
