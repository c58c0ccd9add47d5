import Foundation
import OKRCore
import OKRStore
import Testing

/// Unique keys and references are enforced by the database and reported as typed errors naming the field.
@Suite("Constraints")
struct ConstraintTests {
    @Test("a second person with the same e-mail is a duplicate e-mail", arguments: TestBackend.available)
    func duplicateEmail(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let twin = try Person(id: "lan2", name: "Lan khác", email: "LAN@okra.test")
            await #expect(throws: StoreError.duplicate(entity: "person", field: "email")) {
                try await store.createPerson(twin, passwordHash: nil, actor: nil)
            }
            await #expect(throws: StoreError.duplicate(entity: "team", field: "id")) {
                try await store.createTeam(try Team(id: Fixtures.sales, name: Fixtures.name("Bán hàng")), actor: nil)
            }
            var minh = try #require(try await store.versionedPerson(id: Fixtures.minh))
            var person = minh.value
            person.email = "lan@okra.test"
            await #expect(throws: StoreError.duplicate(entity: "person", field: "email")) {
                try await store.updatePerson(person, expectedVersion: minh.version, actor: nil)
            }
            minh = try #require(try await store.versionedPerson(id: Fixtures.minh))
            #expect(minh.value.email == "minh@okra.test")
            #expect(try await store.people().count == 3)
        }
    }

    @Test("a reference to something missing is refused, naming the field", arguments: TestBackend.available)
    func invalidReferences(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let orphan = try Objective(
                id: "o", cycleID: "2030-q1", title: Fixtures.name("Mồ côi"), owner: .team(Fixtures.sales))
            await #expect(throws: StoreError.invalidReference(entity: "objective", field: "cycle_id")) {
                try await store.createObjective(orphan, actor: nil)
            }
            await #expect(throws: StoreError.invalidReference(entity: "objective", field: "owner")) {
                try await store.createObjective(
                    Fixtures.objective("o", "Không chủ", owner: .team("ghosts")), actor: nil)
            }
            await #expect(throws: StoreError.invalidReference(entity: "objective", field: "parents")) {
                try await store.createObjective(
                    Fixtures.objective("o", "Lạc", parents: [try AlignmentLink(to: .keyResult("nowhere"))]), actor: nil)
            }
            await #expect(throws: StoreError.invalidReference(entity: "key_result", field: "objective_id")) {
                try await store.createKeyResult(Fixtures.emailKR("kr", objective: "missing"), actor: nil)
            }
            await #expect(throws: StoreError.invalidReference(entity: "person", field: "team_ids")) {
                try await store.createPerson(
                    try Person(id: "x", name: "X", email: "x@okra.test", teamIDs: [Fixtures.sales, "ghosts"]),
                    passwordHash: nil, actor: nil)
            }
            #expect(try await store.objectives(cycle: nil, owner: nil, state: nil, matching: nil).isEmpty)
            #expect(try await store.person(id: "x") == nil)
        }
    }

    @Test("the database itself enforces foreign keys", arguments: TestBackend.available)
    func foreignKeysInTheDatabase(_ backend: TestBackend) async throws {
        try await backend.withDatabase { database, store in
            try await Fixtures.organization(in: store)
            await #expect(throws: (any Error).self) {
                try await database.sql.raw(
                    """
                    INSERT INTO objectives (id, cycle_id, position, title_vi, kind, state, visibility, progress_source,
                        search_key, version)
                    VALUES ('o', 'no-such-cycle', 1, 'Mồ côi', 'committed', 'draft', 'organization', 'key_results', '', 1)
                    """
                ).run()
            }
            await #expect(throws: (any Error).self) {
                try await database.sql.raw("DELETE FROM teams WHERE id = 'company'").run()
            }
            #expect(try await store.teams().count == 3)
        }
    }
}
