import Foundation
import OKRCore
import OKRStore

/// `/scim/v2/Users`: people. A User the directory deletes is deactivated through the leaver path (sessions and
/// API tokens stop at once, OKRs and history stay) and is no longer served; created again with the same
/// `userName`, the same person comes back.
struct SCIMUsers: SCIMEndpoint {
    let store: OKRStore
    let persist: SQLPersistDriver

    /// Everyone the directories may see, their SCIM links, and the teams served as Groups.
    private struct Snapshot {
        let people: [Versioned<Person>]
        let links: [String: SCIMLink]
        /// The Groups each person is in (as a member or a lead), by id.
        let groups: [PersonID: [Team]]

        func isServed(_ person: Person) -> Bool { links[person.id.rawValue]?.deletedAt == nil }

        /// The `userName` a person is known by, lowercased for comparisons.
        func userName(_ person: Person) -> String {
            (links[person.id.rawValue]?.userName ?? person.email).lowercased()
        }

        func json(_ person: Versioned<Person>, base: String) -> SCIMJSON {
            let id = person.value.id
            return SCIMResources(base: base).user(person, link: links[id.rawValue], groups: groups[id] ?? [])
        }
    }

    private func snapshot() async throws -> Snapshot {
        let groupLinks = try await store.scimLinks(.group)
        var groups: [PersonID: [Team]] = [:]
        for team in try await store.teams().sorted(by: { $0.id < $1.id })
        where !team.isCompany && groupLinks[team.id.rawValue]?.deletedAt == nil {
            for person in Set(team.memberIDs + team.leadIDs) { groups[person, default: []].append(team) }
        }
        return Snapshot(
            people: try await store.versionedPeople().sorted { $0.value.id < $1.value.id },
            links: try await store.scimLinks(.user), groups: groups)
    }

    func all(base: String) async throws -> [SCIMJSON] {
        let snapshot = try await snapshot()
        return snapshot.people.filter { snapshot.isServed($0.value) }.map { snapshot.json($0, base: base) }
    }

    func read(_ id: String, query: SCIMQuery, base: String) async throws -> SCIMReply {
        let (snapshot, person) = try await served(id)
        return .json(query.project(snapshot.json(person, base: base)))
    }

    func create(_ body: SCIMJSON, base: String, directory: SCIMDirectory) async throws -> SCIMReply {
        let input = try SCIMUserInput(body)
        let snapshot = try await snapshot()
        let userName = (input.userName ?? input.email).lowercased()
        if let known = snapshot.people.first(where: { snapshot.userName($0.value) == userName }),
            !snapshot.isServed(known.value)
        {
            // Deleted by a directory before: the same person comes back.
            try await save(input, over: known, snapshot: snapshot, directory: directory)
            return .created(try await served(known.value.id.rawValue, base: base))
        }
        try check(input, against: snapshot, except: nil)
        let person = try Person(
            id: PersonID(NewID.make("p")), name: input.name, email: input.email, role: .member,
            language: input.language)
        try await store.inOneChange(actor: nil) {
            try await store.createPerson(person, passwordHash: nil, actor: nil)
            if !input.active { try await store.deactivatePerson(person.id, handingOverTo: nil, actor: nil) }
            try await store.setSCIMLink(.user, id: person.id.rawValue, Self.link(input), directory: directory)
        }
        return .created(try await served(person.id.rawValue, base: base))
    }

    func replace(_ id: String, with body: SCIMJSON, base: String, directory: SCIMDirectory) async throws -> SCIMReply {
        let (snapshot, person) = try await served(id)
        try await save(try SCIMUserInput(body), over: person, snapshot: snapshot, directory: directory)
        return .json(try await served(id, base: base))
    }

    func patch(_ id: String, _ patch: SCIMPatch, base: String, directory: SCIMDirectory) async throws -> SCIMReply {
        let (snapshot, person) = try await served(id)
        guard case .object(let current) = snapshot.json(person, base: base) else { return .noContent }
        let input = try SCIMUserInput(.object(try patch.applied(to: current)))
        try await save(input, over: person, snapshot: snapshot, directory: directory)
        return .json(try await served(id, base: base))
    }

    func delete(_ id: String, directory: SCIMDirectory) async throws -> SCIMReply {
        let (snapshot, person) = try await served(id)
        try await checkLeaving(person.value, snapshot: snapshot)
        var link = snapshot.links[id] ?? SCIMLink()
        link.deletedAt = Date()
        try await store.inOneChange(actor: nil) { [link] in
            try await store.deactivatePerson(person.value.id, handingOverTo: nil, actor: nil)
            try await store.setSCIMLink(.user, id: id, link, directory: directory)
        }
        try await persist.endSessions(of: person.value.id)
        return .noContent
    }

    /// Writes what the directory sent over a person: their details, whether they are active, and the link.
    private func save(
        _ input: SCIMUserInput, over current: Versioned<Person>, snapshot: Snapshot, directory: SCIMDirectory
    )
        async throws
    {
        let before = current.value
        try check(input, against: snapshot, except: before.id)
        let after = try Person(
            id: before.id, name: input.name, email: input.email, role: before.role, teamIDs: before.teamIDs,
            language: input.language ?? before.language, deactivatedAt: before.deactivatedAt)
        let leaving = before.isActive && !input.active
        if leaving { try await checkLeaving(before, snapshot: snapshot) }
        let link = Self.link(input)
        let oldLink = snapshot.links[before.id.rawValue]
        guard after != before || input.active != before.isActive || oldLink != link else { return }
        try await store.inOneChange(actor: nil) {
            if after != before { _ = try await store.updatePerson(after, expectedVersion: current.version, actor: nil) }
            if leaving {
                try await store.deactivatePerson(before.id, handingOverTo: nil, actor: nil)
            } else if input.active && !before.isActive {
                try await store.reactivatePerson(before.id, actor: nil)
            }
            try await store.setSCIMLink(.user, id: before.id.rawValue, link, directory: directory)
        }
        if leaving { try await persist.endSessions(of: before.id) }
    }

    private static func link(_ input: SCIMUserInput) -> SCIMLink {
        SCIMLink(externalID: input.externalID, userName: input.userName, attributes: input.attributes)
    }

    /// A `userName` and an e-mail belong to one person only.
    private func check(_ input: SCIMUserInput, against snapshot: Snapshot, except id: PersonID?) throws {
        let userName = (input.userName ?? input.email).lowercased()
        for other in snapshot.people where other.value.id != id {
            if snapshot.userName(other.value) == userName {
                throw SCIMError.uniqueness("userName \(userName) is taken.")
            }
            if other.value.email == input.email { throw SCIMError.uniqueness("The e-mail \(input.email) is taken.") }
        }
    }

    /// The organization keeps an active admin: the directory cannot deactivate the last one.
    private func checkLeaving(_ person: Person, snapshot: Snapshot) async throws {
        guard person.role == .admin, person.isActive else { return }
        let others = snapshot.people.filter { $0.value.role == .admin && $0.value.isActive && $0.value.id != person.id }
        if others.isEmpty { throw SCIMError.mutability("The last active admin cannot be deactivated.") }
    }

    private func served(_ id: String) async throws -> (Snapshot, Versioned<Person>) {
        let snapshot = try await snapshot()
        guard let person = snapshot.people.first(where: { $0.value.id.rawValue == id }), snapshot.isServed(person.value)
        else { throw SCIMError.notFound("No User \(id).") }
        return (snapshot, person)
    }

    private func served(_ id: String, base: String) async throws -> SCIMJSON {
        let (snapshot, person) = try await served(id)
        return snapshot.json(person, base: base)
    }
}
