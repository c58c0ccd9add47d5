import Foundation
import OKRCore
import OKRStore

/// `/scim/v2/Groups`: the teams below the company. A Group's members are the team's leads and members; a
/// directory's change of members keeps leads who stay members as leads. A Group the directory deletes is no
/// longer served, but the team stays in Okra with its OKRs.
struct SCIMGroups: SCIMEndpoint {
    let store: OKRStore

    private struct Snapshot {
        let teams: [Versioned<Team>]
        let links: [String: SCIMLink]
        let people: [PersonID: Person]

        var served: [Versioned<Team>] {
            teams.filter { !$0.value.isCompany && links[$0.value.id.rawValue]?.deletedAt == nil }
        }

        func json(_ team: Versioned<Team>, base: String) -> SCIMJSON {
            SCIMResources(base: base).group(team, link: links[team.value.id.rawValue])
        }
    }

    private func snapshot() async throws -> Snapshot {
        let people = try await store.people()
        return Snapshot(
            teams: try await store.versionedTeams().sorted { $0.value.id < $1.value.id },
            links: try await store.scimLinks(.group),
            people: Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    func all(base: String) async throws -> [SCIMJSON] {
        let snapshot = try await snapshot()
        return snapshot.served.map { snapshot.json($0, base: base) }
    }

    func read(_ id: String, query: SCIMQuery, base: String) async throws -> SCIMReply {
        let (snapshot, team) = try await served(id)
        return .json(query.project(snapshot.json(team, base: base)))
    }

    func create(_ body: SCIMJSON, base: String, directory: SCIMDirectory) async throws -> SCIMReply {
        let input = try SCIMGroupInput(body)
        let snapshot = try await snapshot()
        try check(input, against: snapshot, except: nil)
        guard let company = snapshot.teams.first(where: { $0.value.isCompany }) else {
            throw SCIMError.invalidValue("Okra's organization is not set up yet.")
        }
        let team = try Team(
            id: TeamID(NewID.make("t")), name: try LocalizedName(vi: input.displayName),
            parentID: company.value.id, memberIDs: Array(Set(input.memberIDs)).sorted())
        try await store.inOneChange(actor: nil) {
            try await store.createTeam(team, actor: nil)
            try await store.setSCIMLink(
                .group, id: team.id.rawValue, SCIMLink(externalID: input.externalID), directory: directory)
        }
        return .created(try await served(team.id.rawValue, base: base))
    }

    func replace(_ id: String, with body: SCIMJSON, base: String, directory: SCIMDirectory) async throws -> SCIMReply {
        let (snapshot, team) = try await served(id)
        try await save(try SCIMGroupInput(body), over: team, snapshot: snapshot, directory: directory)
        return .json(try await served(id, base: base))
    }

    func patch(_ id: String, _ patch: SCIMPatch, base: String, directory: SCIMDirectory) async throws -> SCIMReply {
        let (snapshot, team) = try await served(id)
        guard case .object(let current) = snapshot.json(team, base: base) else { return .noContent }
        let input = try SCIMGroupInput(.object(try patch.applied(to: current)))
        try await save(input, over: team, snapshot: snapshot, directory: directory)
        return .json(try await served(id, base: base))
    }

    func delete(_ id: String, directory: SCIMDirectory) async throws -> SCIMReply {
        let (snapshot, _) = try await served(id)
        var link = snapshot.links[id] ?? SCIMLink()
        link.deletedAt = Date()
        try await store.setSCIMLink(.group, id: id, link, directory: directory)
        return .noContent
    }

    /// Writes the name and members the directory sent over a team; its place in the tree stays.
    private func save(
        _ input: SCIMGroupInput, over current: Versioned<Team>, snapshot: Snapshot, directory: SCIMDirectory
    )
        async throws
    {
        let before = current.value
        try check(input, against: snapshot, except: before.id)
        let members = Set(input.memberIDs)
        let name = input.displayName == before.name.vi ? before.name : try LocalizedName(vi: input.displayName)
        let leads = before.leadIDs.filter { members.contains($0) }
        let after = try Team(
            id: before.id, name: name, parentID: before.parentID, leadIDs: leads,
            memberIDs: members.subtracting(leads).sorted())
        let link = SCIMLink(externalID: input.externalID)
        guard after != before || snapshot.links[before.id.rawValue] != link else { return }
        try await store.inOneChange(actor: nil) {
            if after != before { _ = try await store.updateTeam(after, expectedVersion: current.version, actor: nil) }
            try await store.setSCIMLink(.group, id: before.id.rawValue, link, directory: directory)
        }
    }

    /// Members are people Okra knows; a Group's name is not another served Group's.
    private func check(_ input: SCIMGroupInput, against snapshot: Snapshot, except id: TeamID?) throws {
        if let unknown = input.memberIDs.first(where: { snapshot.people[$0] == nil }) {
            throw SCIMError.invalidValue("No User \(unknown.rawValue) to be a member.")
        }
        let name = input.displayName.lowercased()
        if snapshot.served.contains(where: { $0.value.id != id && $0.value.name.vi.lowercased() == name }) {
            throw SCIMError.uniqueness("A Group named \(input.displayName) exists.")
        }
    }

    private func served(_ id: String) async throws -> (Snapshot, Versioned<Team>) {
        let snapshot = try await snapshot()
        guard let team = snapshot.served.first(where: { $0.value.id.rawValue == id }) else {
            throw SCIMError.notFound("No Group \(id).")
        }
        return (snapshot, team)
    }

    private func served(_ id: String, base: String) async throws -> SCIMJSON {
        let (snapshot, team) = try await served(id)
        return snapshot.json(team, base: base)
    }
}
