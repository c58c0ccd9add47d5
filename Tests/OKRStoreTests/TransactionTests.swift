import Foundation
import OKRCore
import Testing

@testable import OKRStore

/// Every change and its audit event commit together or not at all; a stale version changes nothing.
@Suite("Transactions, audit and versions")
struct TransactionTests {
    @Test("a change that fails halfway leaves neither the change nor its audit event", arguments: TestBackend.available)
    func failingChangeLeavesNothing(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let auditBefore = try await store.auditEvents(entity: nil, entityID: nil, limit: 1000).count
            struct Interrupted: Error {}
            await #expect(throws: Interrupted.self) {
                try await store.change("team", actor: Fixtures.admin) { tx in
                    try await tx.run(
                        "INSERT INTO teams (id, name_vi, name_en, parent_id, version) VALUES ('ops', 'Vận hành', NULL, NULL, 1)"
                    )
                    try await tx.audit("team", id: "ops", action: "create", before: String?.none, after: "ops")
                    throw Interrupted()
                }
            }
            #expect(try await store.team(id: "ops") == nil)
            #expect(try await store.auditEvents(entity: nil, entityID: nil, limit: 1000).count == auditBefore)
        }
    }

    @Test(
        "a check-in refused by the database rolls back the KR's new version and every audit event",
        arguments: TestBackend.available)
    func refusedCheckInRollsBack(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await CheckInTests.prepare(store)
            _ = try await store.recordCheckIn(
                Fixtures.checkIn("c1", "email", value: 110, day: "2026-10-16", at: 10), actor: Fixtures.lan)
            let auditBefore = try await store.auditEvents(entity: nil, entityID: nil, limit: 1000).count
            // Same id: the KR's version is bumped and the history read before the INSERT fails.
            await #expect(throws: StoreError.duplicate(entity: "check_in", field: "id")) {
                try await store.recordCheckIn(
                    Fixtures.checkIn("c1", "email", value: 140, day: "2026-10-23", at: 20), actor: Fixtures.lan)
            }
            let kr = try #require(try await store.keyResult(id: "email"))
            #expect(kr.version == 2)
            #expect(kr.value.current == 110)
            #expect(try await store.checkIns(keyResult: "email").count == 1)
            #expect(try await store.auditEvents(entity: nil, entityID: nil, limit: 1000).count == auditBefore)
        }
    }

    @Test("a stale version is a conflict and changes nothing", arguments: TestBackend.available)
    func staleVersion(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await CheckInTests.prepare(store)
            let objective = try #require(try await store.objective(id: "mkt"))
            var mine = objective.value
            mine.title = Fixtures.name("Của tôi")
            var theirs = objective.value
            theirs.title = Fixtures.name("Của họ")
            let saved = try await store.updateObjective(mine, expectedVersion: objective.version, actor: Fixtures.lan)
            #expect(saved.version == objective.version + 1)
            let auditBefore = try await store.auditEvents(entity: "objective", entityID: "mkt", limit: 100).count
            await #expect(
                throws: StoreError.conflict(
                    entity: "objective", id: "mkt", expected: objective.version, actual: saved.version)
            ) {
                try await store.updateObjective(theirs, expectedVersion: objective.version, actor: Fixtures.minh)
            }
            #expect(try await store.objective(id: "mkt") == saved)
            #expect(try await store.auditEvents(entity: "objective", entityID: "mkt", limit: 100).count == auditBefore)

            // A KR's version moves with each check-in, so an edit made from a stale page is refused too.
            let kr = try #require(try await store.keyResult(id: "email"))
            _ = try await store.recordCheckIn(
                Fixtures.checkIn("c1", "email", value: 120, day: "2026-10-16", at: 10), actor: Fixtures.lan)
            var edited = kr.value
            edited.title = Fixtures.name("Sửa")
            await #expect(throws: StoreError.conflict(entity: "key_result", id: "email", expected: 1, actual: 2)) {
                try await store.updateKeyResult(edited, expectedVersion: kr.version, actor: Fixtures.lan)
            }
            #expect(try await store.keyResult(id: "email")?.value.title == kr.value.title)
            #expect(try await store.keyResult(id: "email")?.value.current == 120)

            let team = try #require(try await store.team(id: Fixtures.sales))
            await #expect(throws: StoreError.conflict(entity: "team", id: "sales", expected: 7, actual: 1)) {
                try await store.updateTeam(team.value, expectedVersion: 7, actor: nil)
            }
            await #expect(throws: StoreError.conflict(entity: "cycle", id: "2026-q4", expected: 0, actual: 1)) {
                try await store.updateCycle(Fixtures.cycle, expectedVersion: 0, actor: nil)
            }
            await #expect(throws: StoreError.notFound(entity: "cycle", id: "2027-q1")) {
                try await store.updateCycle(
                    Cycle.quarter(containing: Fixtures.day("2027-02-01")), expectedVersion: 1, actor: nil)
            }
        }
    }

    @Test("moving a team under its own descendant is refused", arguments: TestBackend.available)
    func teamLoop(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let company = try #require(try await store.team(id: Fixtures.company))
            let looped = try Team(id: Fixtures.company, name: company.value.name, parentID: Fixtures.marketing)
            await #expect(throws: DomainError.alignmentCycle(path: ["company", "marketing", "company"])) {
                try await store.updateTeam(looped, expectedVersion: company.version, actor: nil)
            }
            #expect(try await store.team(id: Fixtures.company) == company)
        }
    }

    @Test("an alignment link that loops is refused", arguments: TestBackend.available)
    func alignmentLoop(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let parent = try await store.createObjective(Fixtures.objective("a", "Cha", owner: .company), actor: nil)
            _ = try await store.createObjective(
                Fixtures.objective("b", "Con", parents: [try AlignmentLink(to: .objective("a"))]), actor: nil)
            var looped = parent.value
            looped.parents = [try AlignmentLink(to: .objective("b"))]
            await #expect(throws: DomainError.self) {
                try await store.updateObjective(looped, expectedVersion: parent.version, actor: nil)
            }
            #expect(try await store.objective(id: "a") == parent)
        }
    }
}
