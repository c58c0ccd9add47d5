import Foundation
import OKRCore
import Testing

@testable import OKRStore

/// Drafting in the store: a cycle's direction brief, versioned and audited, and the organization's publish gate.
@Suite("Drafting in the store")
struct DraftingStoreTests {
    typealias F = Fixtures

    static func brief(_ body: String, themes: [String] = ["Khách hàng mới"]) -> DirectionBrief {
        try! DirectionBrief(
            cycleID: F.q4, body: body, bodyEn: "Grow with new customers", themes: themes, authorID: F.admin,
            updatedAt: F.instant(60))
    }

    @Test(
        "A brief is written once, then changed only at the version read; every write is audited",
        arguments: TestBackend.available)
    func briefVersions(backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await F.organization(in: store)
            #expect(try await store.directionBrief(cycle: F.q4) == nil)
            let first = try await store.saveDirectionBrief(
                Self.brief("Tăng trưởng từ khách hàng mới", themes: ["Khách hàng mới", "Tốc độ"]), expectedVersion: nil,
                actor: F.admin)
            #expect(first.version == 1)
            let read = try #require(try await store.directionBrief(cycle: F.q4))
            #expect(read == first)
            #expect(read.value.themes == ["Khách hàng mới", "Tốc độ"])
            #expect(read.value.authorID == F.admin)
            await #expect(throws: StoreError.conflict(entity: "direction_brief", id: "2026-q4", expected: 0, actual: 1))
            {
                try await store.saveDirectionBrief(Self.brief("Lần nữa"), expectedVersion: nil, actor: F.admin)
            }
            let second = try await store.saveDirectionBrief(Self.brief("Bản 2"), expectedVersion: 1, actor: F.admin)
            #expect(second.version == 2)
            await #expect(throws: StoreError.conflict(entity: "direction_brief", id: "2026-q4", expected: 1, actual: 2))
            {
                try await store.saveDirectionBrief(Self.brief("Cũ"), expectedVersion: 1, actor: F.admin)
            }
            #expect(try await store.directionBrief(cycle: F.q4)?.value.body == "Bản 2")
            let events = try await store.auditEvents(entity: "direction_brief", entityID: "2026-q4", limit: 10)
            #expect(events.map(\.action) == ["update", "create"])
        }
    }

    @Test("A brief for a cycle that does not exist is refused naming cycle_id", arguments: TestBackend.available)
    func unknownCycle(backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await F.organization(in: store)
            let brief = try DirectionBrief(cycleID: "2030-q1", body: "x", authorID: nil, updatedAt: F.instant(0))
            await #expect(throws: StoreError.invalidReference(entity: "direction_brief", field: "cycle_id")) {
                try await store.saveDirectionBrief(brief, expectedVersion: nil, actor: nil)
            }
            await #expect(
                throws: StoreError.conflict(entity: "direction_brief", id: "2026-q4", expected: 3, actual: nil)
            ) {
                try await store.saveDirectionBrief(Self.brief("x"), expectedVersion: 3, actor: nil)
            }
        }
    }

    @Test(
        "The publish gate: both rules on by default, each switch saved and read back", arguments: TestBackend.available)
    func publishGate(backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            #expect(try await store.publishGate() == PublishGate())
            try await store.savePublishGate(PublishGate(requiresAnsweredQuestions: false), actor: nil)
            #expect(
                try await store.publishGate() == PublishGate(requiresAnsweredQuestions: false, requiresNoErrors: true))
            try await store.savePublishGate(
                PublishGate(requiresAnsweredQuestions: true, requiresNoErrors: false), actor: nil)
            #expect(
                try await store.publishGate() == PublishGate(requiresAnsweredQuestions: true, requiresNoErrors: false))
            #expect(try await store.auditEvents(entity: "publish_gate", entityID: nil, limit: 10).count == 2)
        }
    }

    @Test(
        "Moving an objective through its states is audited as a transition with the state before and after",
        arguments: TestBackend.available)
    func transitionsAudited(backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await F.organization(in: store)
            let draft = F.objective("o-draft", "Nhiều MQL hơn", state: .draft)
            let created = try await store.createObjective(draft, actor: F.lan)
            let inReview = try await store.updateObjective(
                try draft.moved(to: .inReview), expectedVersion: created.version, actor: F.lan)
            _ = try await store.updateObjective(
                try inReview.value.moved(to: .published), expectedVersion: inReview.version, actor: F.admin)
            let events = try await store.auditEvents(entity: "objective", entityID: "o-draft", limit: 10)
            #expect(events.map(\.action) == ["transition", "transition", "create"])
            #expect(events.first?.actorID == F.admin)
            #expect(events.first?.before?.contains(#""state":"in_review""#) == true)
            #expect(events.first?.after?.contains(#""state":"published""#) == true)
        }
    }
}
