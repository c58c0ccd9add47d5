import Foundation
import OKRCore
import OKRStore
import Testing

/// Check-ins are append-only history: a correction supersedes, never overwrites, and the KR follows.
@Suite("Check-ins")
struct CheckInTests {
    /// The organization, the Marketing objective and its email KR (100 → 150).
    static func prepare(_ store: OKRStore) async throws {
        try await Fixtures.organization(in: store)
        _ = try await store.createObjective(Fixtures.objective("mkt", "Mục tiêu MQL"), actor: Fixtures.lan)
        _ = try await store.createKeyResult(Fixtures.emailKR("email", objective: "mkt"), actor: Fixtures.lan)
    }

    @Test("MQL from email: check-ins 110 then 130 move the KR to 130 and keep both", arguments: TestBackend.available)
    func appendOnly(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Self.prepare(store)
            let first = Fixtures.checkIn("c1", "email", value: 110, day: "2026-10-16", at: 10, confidence: 6)
            let second = Fixtures.checkIn("c2", "email", value: 130, day: "2026-10-23", at: 20)
            _ = try await store.recordCheckIn(first, actor: Fixtures.lan)
            let kr = try await store.recordCheckIn(second, actor: Fixtures.lan)
            #expect(kr.value.current == 130)
            #expect(kr.value.confidence == (try Confidence(6)), "the latest stated confidence stays")
            #expect(kr.version == 3)
            #expect(try await store.keyResult(id: "email") == kr)
            #expect(try await store.checkIns(keyResult: "email") == [first, second])
            #expect(kr.value.progress().value == Decimal(string: "0.6"))
        }
    }

    @Test(
        "a correction supersedes the wrong value; the history keeps both, the board shows the correction",
        arguments: TestBackend.available)
    func supersede(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Self.prepare(store)
            let wrong = Fixtures.checkIn("c1", "email", value: 310, day: "2026-10-16", at: 10, confidence: 9)
            let later = Fixtures.checkIn("c2", "email", value: 125, day: "2026-10-23", at: 20, confidence: 7)
            _ = try await store.recordCheckIn(wrong, actor: Fixtures.lan)
            _ = try await store.recordCheckIn(later, actor: Fixtures.lan)
            // Correcting an older check-in does not move the KR away from the latest one.
            let fix = Fixtures.checkIn("c3", "email", value: 110, day: "2026-10-16", at: 30, supersedes: "c1")
            let kr = try await store.recordCheckIn(fix, actor: Fixtures.lan)
            #expect(kr.value.current == 125)
            #expect(try await store.checkIns(keyResult: "email") == [wrong, later, fix])
            let board = try await store.board(cycle: Fixtures.q4)
            #expect(board.checkIns["email"]?.map(\.id) == ["c3", "c2"])
            // Correcting the latest one moves the KR.
            let fixLatest = Fixtures.checkIn("c4", "email", value: 128, day: "2026-10-23", at: 40, supersedes: "c2")
            let moved = try await store.recordCheckIn(fixLatest, actor: Fixtures.lan)
            #expect(moved.value.current == 128)
            #expect(moved.value.confidence == (try Confidence(7)))
            let events = try await store.auditEvents(entity: "check_in", entityID: "c4", limit: 5)
            #expect(events.map(\.action) == ["supersede"])
        }
    }

    /// The one-form weekly check-in: its rows commit together. A row the store refuses (here a KR that does not
    /// exist, as when one is removed while the form is open) leaves every KR and history as it was.
    @Test("several check-ins commit together; one refused records none", arguments: TestBackend.available)
    func severalAtOnce(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Self.prepare(store)
            _ = try await store.createKeyResult(Fixtures.emailKR("email-2", objective: "mkt"), actor: Fixtures.lan)
            let first = Fixtures.checkIn("c1", "email", value: 110, day: "2026-10-16", at: 10, confidence: 6)
            let second = Fixtures.checkIn("c2", "email-2", value: 120, day: "2026-10-16", at: 10, confidence: 7)
            let missing = Fixtures.checkIn("c3", "gone", value: 130, day: "2026-10-16", at: 10, confidence: 7)
            await #expect(throws: StoreError.self) {
                try await store.recordCheckIns([first, second, missing], actor: Fixtures.lan)
            }
            #expect(try await store.checkIns(keyResult: "email").isEmpty)
            #expect(try await store.checkIns(keyResult: "email-2").isEmpty)
            #expect(try await store.keyResult(id: "email")?.value.current == nil)
            #expect(try await store.keyResult(id: "email")?.version == 1)
            #expect(try await store.auditEvents(entity: "check_in", entityID: "c1", limit: 5).isEmpty)

            let standing = try await store.recordCheckIns([first, second], actor: Fixtures.lan)
            #expect(standing.map(\.value.current) == [110, 120])
            #expect(try await store.checkIns(keyResult: "email") == [first])
            #expect(try await store.checkIns(keyResult: "email-2") == [second])
        }
    }

    @Test("a check-in is superseded once, only by a check-in of its own KR", arguments: TestBackend.available)
    func supersedeRules(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Self.prepare(store)
            _ = try await store.createKeyResult(
                try KeyResult(id: "other", objectiveID: "mkt", title: Fixtures.name("Khác"), kind: .baseline),
                actor: nil)
            _ = try await store.recordCheckIn(
                Fixtures.checkIn("c1", "email", value: 110, day: "2026-10-16", at: 10), actor: Fixtures.lan)
            _ = try await store.recordCheckIn(
                Fixtures.checkIn("c2", "email", value: 111, day: "2026-10-16", at: 20, supersedes: "c1"), actor: nil)
            await #expect(throws: StoreError.duplicate(entity: "check_in", field: "supersedes")) {
                try await store.recordCheckIn(
                    Fixtures.checkIn("c3", "email", value: 112, day: "2026-10-16", at: 30, supersedes: "c1"), actor: nil
                )
            }
            await #expect(throws: StoreError.invalidReference(entity: "check_in", field: "supersedes")) {
                try await store.recordCheckIn(
                    Fixtures.checkIn("c4", "other", value: 5, day: "2026-10-16", at: 30, supersedes: "c2"), actor: nil)
            }
            await #expect(throws: StoreError.invalidReference(entity: "check_in", field: "key_result_id")) {
                try await store.recordCheckIn(
                    Fixtures.checkIn("c5", "missing", value: 5, day: "2026-10-16", at: 30), actor: nil)
            }
            #expect(try await store.checkIns(keyResult: "email").map(\.id) == ["c1", "c2"])
            #expect(try await store.checkIns(keyResult: "other").isEmpty)
            #expect(try await store.keyResult(id: "email")?.value.current == 111)
        }
    }

    @Test("a survey KR's check-in records the count for its condition", arguments: TestBackend.available)
    func conditionCount(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Self.prepare(store)
            let survey = try KeyResult(
                id: "survey", objectiveID: "mkt", title: Fixtures.name("Đạt 8/10 điểm hài lòng"), kind: .atLeast,
                target: 8, condition: try ValidityCondition(metric: "responses", minimum: 100))
            _ = try await store.createKeyResult(survey, actor: nil)
            let kr = try await store.recordCheckIn(
                Fixtures.checkIn(
                    "s1", "survey", value: Decimal(string: "8.6")!, day: "2026-11-02", at: 10, conditionActual: 40),
                actor: Fixtures.lan)
            #expect(kr.value.condition?.actual == 40)
            #expect(kr.value.condition?.isMet == false)
            let stored = try #require(try await store.keyResult(id: "survey"))
            #expect(stored.value.condition?.actual == 40)
            #expect(stored.value.current == Decimal(string: "8.6"))
        }
    }

    @Test("a milestone takes only 0 or 1; a refused check-in changes nothing", arguments: TestBackend.available)
    func refusedValue(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Self.prepare(store)
            _ = try await store.createKeyResult(
                try KeyResult(id: "launch", objectiveID: "mkt", title: Fixtures.name("Ra mắt"), kind: .milestone),
                actor: nil)
            await #expect(throws: DomainError.invalid(field: "value", reason: .outOfRange)) {
                try await store.recordCheckIn(
                    Fixtures.checkIn("m1", "launch", value: 2, day: "2026-11-02", at: 10), actor: nil)
            }
            #expect(try await store.checkIns(keyResult: "launch").isEmpty)
            #expect(try await store.keyResult(id: "launch")?.version == 1)
            #expect(try await store.auditEvents(entity: "check_in", entityID: nil, limit: 10).isEmpty)
        }
    }

    @Test("check-ins recorded at the same time on one KR all land, none lost", arguments: TestBackend.available)
    func concurrentCheckIns(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Self.prepare(store)
            let count = 12
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask {
                        _ = try await store.recordCheckIn(
                            Fixtures.checkIn(
                                CheckInID("c\(index)"), "email", value: Decimal(100 + index), day: "2026-10-16",
                                at: Double(index)),
                            actor: Fixtures.lan)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.checkIns(keyResult: "email").count == count)
            let kr = try #require(try await store.keyResult(id: "email"))
            #expect(kr.version == 1 + count)
            #expect(kr.value.current == Decimal(100 + count - 1), "the latest recorded check-in of the day wins")
        }
    }

    /// Back-dated, stamped earlier, without confidence, corrections: as a burst commits them.
    @Test(
        "Check-ins committed out of their order: the KR stands where its effective history leaves it",
        arguments: TestBackend.available)
    func outOfOrder(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Self.prepare(store)
            var recorded: [CheckIn] = []
            for n in 0..<60 {
                let day = "2026-10-\(10 + (n * 7) % 16)"
                // Stamped in any order, several within the same millisecond: as a burst commits them.
                let at = Double((n * 13) % 41) / 1000
                let open = recorded.filter { c in !recorded.contains { $0.supersedes == c.id } }
                let corrects = n % 7 == 6 && !open.isEmpty ? open[(n * 5) % open.count].id : nil
                let checkIn = Fixtures.checkIn(
                    CheckInID("c\(n)"), "email", value: Decimal(100 + n), day: day, at: at,
                    confidence: n % 3 == 0 ? nil : n % 10, supersedes: corrects)
                let kr = try await store.recordCheckIn(checkIn, actor: Fixtures.lan)
                recorded.append(checkIn)
                let effective = CheckIn.effective(try await store.checkIns(keyResult: "email"))
                #expect(kr.value.current == effective.last?.value, "after c\(n)")
                #expect(kr.value.confidence == effective.last { $0.confidence != nil }?.confidence, "after c\(n)")
            }
        }
    }
}
