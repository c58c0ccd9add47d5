import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    // MARK: Teams

    public func createTeam(_ team: Team, actor: PersonID?) async throws {
        try await change("team", actor: actor) { tx in
            try await tx.requireReferences(
                [
                    Reference("parent_id", table: "teams", id: team.parentID?.rawValue),
                    Reference("lead_ids", table: "people", ids: team.leadIDs.map(\.rawValue)),
                    Reference("member_ids", table: "people", ids: team.memberIDs.map(\.rawValue)),
                ], entity: "team")
            try await tx.run(
                """
                INSERT INTO teams (id, name_vi, name_en, parent_id, version)
                VALUES (\(bind: team.id.rawValue), \(bind: team.name.vi), \(bind: team.name.en),
                    \(bind: team.parentID?.rawValue), 1)
                """)
            try await tx.insertMemberships(of: team)
            try await tx.audit("team", id: team.id.rawValue, action: "create", before: Team?.none, after: team)
        }
    }

    /// Replaces a team's name, parent, leads and members. Moving a team under one of its own descendants is
    /// refused (`DomainError.alignmentCycle`).
    public func updateTeam(_ team: Team, expectedVersion: Int, actor: PersonID?) async throws -> Versioned<Team> {
        try await change("team", actor: actor) { tx in
            let loader = Loader(db: tx.db)
            guard let before = try await loader.teams("t.id = \(bind: team.id.rawValue)").first else {
                throw StoreError.notFound(entity: "team", id: team.id.rawValue)
            }
            try await tx.requireReferences(
                [
                    Reference("parent_id", table: "teams", id: team.parentID?.rawValue),
                    Reference("lead_ids", table: "people", ids: team.leadIDs.map(\.rawValue)),
                    Reference("member_ids", table: "people", ids: team.memberIDs.map(\.rawValue)),
                ], entity: "team")
            // The tree's shape only: a company of 400 teams is updated team by team (an import) without reading
            // every team's members each time.
            var parents: [TeamID: TeamID?] = [:]
            for row in try await loader.rows("SELECT t.id, t.parent_id FROM teams t") {
                let stored = try StoredRow(row, entity: "team")
                parents[TeamID(stored.id)] = try stored.optionalString("parent_id").map { TeamID($0) }
            }
            var path = [team.id]
            var cursor = team.parentID
            while let next = cursor {
                path.append(next)
                if next == team.id { throw DomainError.alignmentCycle(path: path.map(\.rawValue)) }
                cursor = parents[next] ?? nil
            }
            let version = try await tx.bumpVersion(
                table: "teams", id: team.id.rawValue, expected: expectedVersion, entity: "team")
            try await tx.run(
                """
                UPDATE teams SET name_vi = \(bind: team.name.vi), name_en = \(bind: team.name.en),
                    parent_id = \(bind: team.parentID?.rawValue)
                WHERE id = \(bind: team.id.rawValue)
                """)
            try await tx.run("DELETE FROM team_members WHERE team_id = \(bind: team.id.rawValue)")
            try await tx.insertMemberships(of: team)
            try await tx.audit("team", id: team.id.rawValue, action: "update", before: before.value, after: team)
            return Versioned(value: team, version: version)
        }
    }

    /// All teams, by id; the root (no parent) is the company.
    public func teams() async throws -> [Team] {
        try await read { try await $0.teams().map(\.value) }
    }

    public func versionedTeams() async throws -> [Versioned<Team>] {
        try await read { try await $0.teams() }
    }

    public func team(id: TeamID) async throws -> Versioned<Team>? {
        try await read { try await $0.teams("t.id = \(bind: id.rawValue)").first }
    }

    // MARK: People

    /// Adds a person, with their memberships (`teamIDs`) and, for those who sign in with a password, its hash.
    public func createPerson(_ person: Person, passwordHash: String?, actor: PersonID?) async throws {
        try await change("person", actor: actor) { tx in
            try await tx.requireReferences(
                [Reference("team_ids", table: "teams", ids: person.teamIDs.map(\.rawValue))], entity: "person")
            try await tx.run(
                """
                INSERT INTO people (id, name, email, role, language, password_hash, version)
                VALUES (\(bind: person.id.rawValue), \(bind: person.name), \(bind: person.email),
                    \(bind: person.role.rawValue), \(bind: person.language?.rawValue), \(bind: passwordHash), 1)
                """)
            for team in Set(person.teamIDs) {
                try await tx.run(
                    """
                    INSERT INTO team_members (team_id, person_id, is_lead)
                    VALUES (\(bind: team.rawValue), \(bind: person.id.rawValue), 0)
                    """)
            }
            try await tx.audit("person", id: person.id.rawValue, action: "create", before: Person?.none, after: person)
        }
    }

    /// Replaces a person's name, e-mail, role, language and team memberships (not their password).
    public func updatePerson(_ person: Person, expectedVersion: Int, actor: PersonID?) async throws
        -> Versioned<Person>
    {
        try await change("person", actor: actor) { tx in
            guard let before = try await Loader(db: tx.db).people("p.id = \(bind: person.id.rawValue)").first else {
                throw StoreError.notFound(entity: "person", id: person.id.rawValue)
            }
            try await tx.requireReferences(
                [Reference("team_ids", table: "teams", ids: person.teamIDs.map(\.rawValue))], entity: "person")
            let version = try await tx.bumpVersion(
                table: "people", id: person.id.rawValue, expected: expectedVersion, entity: "person")
            try await tx.run(
                """
                UPDATE people SET name = \(bind: person.name), email = \(bind: person.email),
                    role = \(bind: person.role.rawValue), language = \(bind: person.language?.rawValue)
                WHERE id = \(bind: person.id.rawValue)
                """)
            try await tx.run(
                "DELETE FROM team_members WHERE person_id = \(bind: person.id.rawValue) AND is_lead = 0")
            for team in Set(person.teamIDs) {
                try await tx.run(
                    """
                    INSERT INTO team_members (team_id, person_id, is_lead)
                    VALUES (\(bind: team.rawValue), \(bind: person.id.rawValue), 0)
                    """)
            }
            try await tx.audit(
                "person", id: person.id.rawValue, action: "update", before: before.person.value, after: person)
            return Versioned(value: person, version: version)
        }
    }

    /// Everyone with their versions, by id.
    public func versionedPeople() async throws -> [Versioned<Person>] {
        try await read { try await $0.people().map(\.person) }
    }

    /// Everyone, by id.
    public func people() async throws -> [Person] {
        try await read { try await $0.people().map(\.person.value) }
    }

    /// A person, from the read model's organization (the database when it does not hold them yet).
    public func person(id: PersonID) async throws -> Person? {
        if let known = try await readModel.organization().person(id) { return known.value }
        return try await versionedPerson(id: id)?.value
    }

    public func versionedPerson(id: PersonID) async throws -> Versioned<Person>? {
        try await read { try await $0.people("p.id = \(bind: id.rawValue)").first?.person }
    }

    /// The person who signs in with this e-mail (any case), with their password hash.
    public func person(email: String) async throws -> (person: Person, passwordHash: String?)? {
        let address = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let stored = try await read({ try await $0.people("p.email = \(bind: address)").first }) else {
            return nil
        }
        return (stored.person.value, stored.passwordHash)
    }

    /// Stores a new password hash; the audit event says that it changed, never the hash. With `revokingTokens`
    /// (a password set by an admin) the person's API tokens stop working in the same transaction.
    public func setPassword(person: PersonID, hash: String, actor: PersonID?, revokingTokens: Bool = false)
        async throws
    {
        let revokedAt = StoredValue.milliseconds(now())
        try await change("person", actor: actor) { tx in
            let updated = try await tx.rows(
                """
                UPDATE people SET password_hash = \(bind: hash), version = version + 1
                WHERE id = \(bind: person.rawValue) RETURNING id
                """)
            guard !updated.isEmpty else { throw StoreError.notFound(entity: "person", id: person.rawValue) }
            try await tx.audit("person", id: person.rawValue, action: "set_password")
            if revokingTokens {
                let revoked = try await tx.rows(
                    """
                    UPDATE api_tokens SET revoked_at = \(bind: revokedAt)
                    WHERE person_id = \(bind: person.rawValue) AND revoked_at IS NULL RETURNING id
                    """)
                for row in revoked {
                    let id = try row.decode(column: "id", as: String.self)
                    try await tx.audit("api_token", id: id, action: "revoke")
                }
            }
        }
    }

    /// The password hash a person signs in with, if any.
    public func passwordHash(person: PersonID) async throws -> String? {
        try await read { try await $0.people("p.id = \(bind: person.rawValue)").first?.passwordHash }
    }

    /// The language a person chose for the UI; a change they make for themselves.
    public func setLanguage(person: PersonID, _ language: Language) async throws {
        try await change("person", actor: person) { tx in
            let before = try await tx.rows("SELECT language FROM people WHERE id = \(bind: person.rawValue)")
            guard let row = before.first else { throw StoreError.notFound(entity: "person", id: person.rawValue) }
            let previous = try row.decode(column: "language", as: String?.self)
            try await tx.run(
                """
                UPDATE people SET language = \(bind: language.rawValue), version = version + 1
                WHERE id = \(bind: person.rawValue)
                """)
            try await tx.audit(
                "person", id: person.rawValue, action: "set_language", before: previous, after: language.rawValue)
        }
    }
}

extension StoreTransaction {
    /// Writes a team's leads and members as membership rows.
    func insertMemberships(of team: Team) async throws {
        for (people, isLead) in [(team.leadIDs, 1), (team.memberIDs, 0)] {
            for person in Set(people) {
                try await run(
                    """
                    INSERT INTO team_members (team_id, person_id, is_lead)
                    VALUES (\(bind: team.id.rawValue), \(bind: person.rawValue), \(bind: isLead))
                    """)
            }
        }
    }

    /// An audit event for a change whose values are not recorded (a password).
    func audit(_ entity: String, id: String, action: String) async throws {
        try await audit(entity, id: id, action: action, before: String?.none, after: String?.none)
    }
}
