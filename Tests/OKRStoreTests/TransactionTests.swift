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

    /// The editor saves an objective with its KRs as one change: a KR the store refuses takes the objective and
    /// every audit event back with it; when all are accepted, all are there.
    @Test("writes inside inOneChange commit together, or none of them", arguments: TestBackend.available)
    func writesComposeIntoOneChange(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let auditBefore = try await store.auditEvents(entity: nil, entityID: nil, limit: 1000).count
            await #expect(throws: StoreError.self) {
                try await store.inOneChange(actor: Fixtures.lan) {
                    _ = try await store.createObjective(Fixtures.objective("mkt", "Mục tiêu MQL"), actor: Fixtures.lan)
                    _ = try await store.createKeyResult(
                        Fixtures.emailKR("email", objective: "mkt"), actor: Fixtures.lan)
                    // A KR of an objective that does not exist: refused, and the two writes above with it.
                    _ = try await store.createKeyResult(
                        Fixtures.emailKR("lost", objective: "nowhere"), actor: Fixtures.lan)
                }
            }
            #expect(try await store.objective(id: "mkt") == nil)
            #expect(try await store.keyResult(id: "email") == nil)
            #expect(try await store.auditEvents(entity: nil, entityID: nil, limit: 1000).count == auditBefore)

            let created = try await store.inOneChange(actor: Fixtures.lan) {
                let objective = try await store.createObjective(
                    Fixtures.objective("mkt", "Mục tiêu MQL"), actor: Fixtures.lan)
                _ = try await store.createKeyResult(Fixtures.emailKR("email", objective: "mkt"), actor: Fixtures.lan)
                return objective
            }
            #expect(created.version == 1)
            #expect(try await store.keyResult(id: "email")?.value.objectiveID == "mkt")
            #expect(try await store.readModel.organization().cycles.count == 1)
        }
    }

    /// Closing a cycle saves the proposed grades and the closed state together: a close at a stale version (an
    /// admin changed the cycle meanwhile) leaves no grade behind.
    @Test(
        "closing a cycle at a stale version saves no grade; at the current one, grades and state together",
        arguments: TestBackend.available)
    func closingIsOneChange(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await CheckInTests.prepare(store)
            let grade = try KeyResultGrade(
                proposed: Decimal(string: "0.6")!, value: Decimal(string: "0.6")!, reason: nil)
            let closed = try Fixtures.cycle.moved(to: .closed)
            await #expect(throws: StoreError.self) {
                try await store.closeCycle(closed, expectedVersion: 7, grades: ["email": grade], actor: Fixtures.admin)
            }
            #expect(try await store.grades(cycle: Fixtures.q4).isEmpty)
            #expect(try await store.cycle(id: Fixtures.q4)?.value.state == .active)

            let done = try await store.closeCycle(
                closed, expectedVersion: 1, grades: ["email": grade], actor: Fixtures.admin)
            #expect(done.value.state == .closed)
            #expect(try await store.grades(cycle: Fixtures.q4) == ["email": grade])
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

    /// Concurrent writes share transactions (`GroupCommit`): one that is refused must take nothing of the
    /// others with it, and nothing of itself may stay. Here 40 check-ins of one KR arrive at once; every fifth
    /// names an author who does not exist, and two share one id.
    @Test(
        "Concurrent check-ins commit together: each refused one is answered with its own error and leaves nothing",
        arguments: TestBackend.available)
    func refusedChangeInAGroup(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await CheckInTests.prepare(store)
            let cycle = try #require(try await store.readModel.cycle(Fixtures.q4, on: Fixtures.day("2026-10-20")))
            #expect(cycle.keyResult("email")?.version == 1)
            func checkIn(_ index: Int) -> CheckIn {
                let id = CheckInID(index == 38 ? "ci-7" : "ci-\(index)")
                let valid = Fixtures.checkIn(
                    id, "email", value: Decimal(100 + index), day: "2026-10-20", at: Double(index), confidence: 7)
                guard index % 5 == 4 else { return valid }
                return try! CheckIn(
                    id: id, keyResultID: "email", value: valid.value, confidence: valid.confidence,
                    authorID: "nobody", recordedAt: valid.recordedAt, day: valid.day)
            }
            let outcomes = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
                for index in 0..<40 {
                    group.addTask {
                        do {
                            return (
                                index,
                                .success(try await store.recordCheckIn(checkIn(index), actor: Fixtures.lan).version)
                            )
                        } catch {
                            return (index, .failure(error))
                        }
                    }
                }
                var outcomes: [Int: Result<Int, any Error>] = [:]
                for await (index, outcome) in group { outcomes[index] = outcome }
                return outcomes
            }
            for index in 0..<40 where index % 5 == 4 {
                guard case .failure(let error) = outcomes[index] else {
                    Issue.record("check-in \(index) by an unknown author was accepted")
                    continue
                }
                #expect(error as? StoreError == .invalidReference(entity: "check_in", field: "author_id"))
            }
            // ci-7 was sent twice: exactly one of the two is stored, the other refused as a duplicate.
            let sevens = [7, 38].filter { (try? outcomes[$0]?.get()) != nil }
            #expect(sevens.count == 1)
            let accepted = (0..<40).filter { $0 % 5 != 4 && (try? outcomes[$0]?.get()) != nil }
            #expect(accepted.count == 31)
            let stored = try await store.checkIns(keyResult: "email")
            #expect(Set(stored.map(\.id)) == Set(accepted.map { CheckInID($0 == 38 ? "ci-7" : "ci-\($0)") }))
            #expect(stored.allSatisfy { $0.authorID == Fixtures.lan })
            let events = try await store.auditEvents(entity: "check_in", entityID: nil, limit: 1000)
            #expect(events.count == 31, "one audit event for each stored check-in, none for a refused one")
            let kr = try #require(try await store.keyResult(id: "email"))
            #expect(kr.version == 32, "each stored check-in bumped the version once; no refused one did")
            #expect(Set(accepted.compactMap { try? outcomes[$0]?.get() }) == Set(2...32))
            let latest = try #require(CheckIn.effective(stored).last)
            #expect(kr.value.current == latest.value)
            let after = try #require(try await store.readModel.cycle(Fixtures.q4, on: Fixtures.day("2026-10-20")))
            #expect(after.keyResult("email") == kr)
            #expect(after.lastCheckIn("email") == latest)
        }
    }

    /// Check-ins of one KR that share a transaction take its row once: each after the first starts from the KR
    /// as the one before left it (`TransactionMemo`), unless it is dated before the latest or corrects one.
    /// Whatever order they commit in, the KR must stand as its history says, its version bumped once by each.
    @Test(
        "Concurrent check-ins of one KR, some dated earlier and some correcting, leave it as its history says",
        arguments: TestBackend.available)
    func concurrentCheckInsOfOneKR(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await CheckInTests.prepare(store)
            _ = try await store.recordCheckIn(
                Fixtures.checkIn("ci-base", "email", value: 105, day: "2026-10-19", at: 1, confidence: 5),
                actor: Fixtures.lan)
            func checkIn(_ index: Int) -> CheckIn {
                let day = index % 7 == 3 ? "2026-10-18" : "2026-10-20"
                let confidence: Int? = index % 3 == 0 ? nil : index % 11
                let supersedes: CheckInID? = index == 20 ? "ci-base" : nil
                return Fixtures.checkIn(
                    CheckInID("ci-\(index)"), "email", value: Decimal(100 + (index * 37) % 50), day: day,
                    at: Double(10 + index), confidence: confidence, supersedes: supersedes)
            }
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask { _ = try? await store.recordCheckIn(checkIn(index), actor: Fixtures.lan) }
                }
            }
            let stored = try await store.checkIns(keyResult: "email")
            #expect(stored.count == 41, "every check-in is stored")
            let effective = CheckIn.effective(stored)
            let latest = try #require(effective.last)
            let kr = try #require(try await store.keyResult(id: "email"))
            #expect(kr.version == 42, "the version is bumped once by each check-in")
            #expect(kr.value.current == latest.value)
            #expect(kr.value.confidence == effective.last { $0.confidence != nil }?.confidence)
            let events = try await store.auditEvents(entity: "key_result", entityID: "email", limit: 1000)
            #expect(events.filter { $0.action == "check_in" }.count == 41)
            let model = try #require(try await store.readModel.cycle(Fixtures.q4, on: Fixtures.day("2026-10-20")))
            #expect(model.keyResult("email") == kr)
            #expect(model.lastCheckIn("email") == latest)
        }
    }

    /// In one transaction (the one-form check-in) each check-in of a KR after the first starts from where the one
    /// before left it: one stamped later moves the KR; one stamped earlier leaves it at the later one's value and
    /// confidence — unless that one states no confidence, when the earlier one's is the latest stated.
    @Test(
        "Check-ins of one KR in one transaction, stamped out of order, leave it as its history says",
        arguments: TestBackend.available)
    func outOfOrderInOneTransaction(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await CheckInTests.prepare(store)
            _ = try await store.recordCheckIn(
                Fixtures.checkIn("base", "email", value: 105, day: "2026-10-19", at: 1, confidence: 5),
                actor: Fixtures.lan)
            let overtaken = try await store.recordCheckIns(
                [
                    Fixtures.checkIn("later", "email", value: 120, day: "2026-10-20", at: 30, confidence: 7),
                    Fixtures.checkIn("earlier", "email", value: 110, day: "2026-10-19", at: 20, confidence: 9),
                ], actor: Fixtures.lan)
            #expect(overtaken.map(\.value.current) == [120, 120])
            let seven = try Confidence(7)
            #expect(overtaken.map(\.value.confidence) == [seven, seven])
            #expect(overtaken.map(\.version) == [3, 4])

            let unstated = try await store.recordCheckIns(
                [
                    Fixtures.checkIn("latest", "email", value: 130, day: "2026-10-21", at: 50),
                    Fixtures.checkIn("stated", "email", value: 125, day: "2026-10-21", at: 40, confidence: 3),
                ], actor: Fixtures.lan)
            #expect(unstated.map(\.value.current) == [130, 130])
            let three = try Confidence(3)
            #expect(unstated.map(\.value.confidence) == [seven, three])
            // Sent together, stamped in the same millisecond: the history orders them by id.
            let tied = try await store.recordCheckIns(
                [
                    Fixtures.checkIn("tie-b", "email", value: 140, day: "2026-10-22", at: 60, confidence: 6),
                    Fixtures.checkIn("tie-a", "email", value: 135, day: "2026-10-22", at: 60, confidence: 2),
                    Fixtures.checkIn("tie-c", "email", value: 145, day: "2026-10-22", at: 60),
                ], actor: Fixtures.lan)
            #expect(tied.map(\.value.current) == [140, 140, 145])
            let six = try Confidence(6)
            #expect(tied.map(\.value.confidence) == [six, six, six])
            let kr = try #require(try await store.keyResult(id: "email"))
            #expect(kr.version == 9)
            #expect(kr.value.current == 145 && kr.value.confidence == six)
            let model = try #require(try await store.readModel.cycle(Fixtures.q4, on: Fixtures.day("2026-10-22")))
            #expect(model.keyResult("email") == kr)
            #expect(model.lastCheckIn("email")?.id == "tie-c")
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
            await #expect(throws: DomainError.alignmentCycle(path: ["a", "b", "a"])) {
                try await store.updateObjective(looped, expectedVersion: parent.version, actor: nil)
            }
            #expect(try await store.objective(id: "a") == parent)

            // Three levels, the last link through a KR of "c": the loop is found walking up, and named in order.
            _ = try await store.createObjective(
                Fixtures.objective("c", "Cháu", parents: [try AlignmentLink(to: .objective("b"))]), actor: nil)
            _ = try await store.createKeyResult(Fixtures.emailKR("c-kr", objective: "c"), actor: nil)
            looped.parents = [try AlignmentLink(to: .keyResult("c-kr"))]
            await #expect(throws: DomainError.alignmentCycle(path: ["a", "c", "b", "a"])) {
                try await store.updateObjective(looped, expectedVersion: parent.version, actor: nil)
            }
            // A second parent beside a loop-free one is fine.
            let child = try #require(try await store.objective(id: "c"))
            var twoParents = child.value
            twoParents.parents.append(try AlignmentLink(to: .objective("a"), weight: 2))
            _ = try await store.updateObjective(twoParents, expectedVersion: child.version, actor: nil)
        }
    }

    /// A link to another cycle's objective could never count (a cycle's progress reads only its own objectives), so
    /// it is refused with the reason instead of being kept and ignored.
    @Test("an alignment to another cycle's objective is refused, naming the cycle", arguments: TestBackend.available)
    func alignmentAcrossCycles(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let q3 = try Cycle(
                id: "2026-q3", name: "2026 Q3", start: Fixtures.day("2026-07-01"), end: Fixtures.day("2026-09-30"))
            try await store.createCycle(q3, actor: nil)
            let earlier = try Objective(
                id: "q3-a", cycleID: "2026-q3", title: Fixtures.name("Quý trước"), owner: .company, state: .published)
            _ = try await store.createObjective(earlier, actor: nil)
            await #expect(throws: DomainError.invalid(field: "parents", reason: .otherCycle("2026-q3"))) {
                try await store.createObjective(
                    Fixtures.objective("b", "Con", parents: [try AlignmentLink(to: .objective("q3-a"))]), actor: nil)
            }
            #expect(try await store.objective(id: "b") == nil)
        }
    }
}

/// The editor's rows put an objective's KRs in order: only the KRs that move get a new version; a KR of another
/// objective changes nothing.
@Suite("Ordering an objective's KRs")
struct KeyResultOrderTests {
    @Test(
        "the KRs take the order given, moved ones with a new version; a foreign KR is refused",
        arguments: TestBackend.available)
    func ordersKeyResults(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            _ = try await store.createObjective(Fixtures.objective("mkt", "Mục tiêu MQL"), actor: Fixtures.lan)
            for id in ["a", "b", "c"] {
                _ = try await store.createKeyResult(Fixtures.emailKR(KeyResultID(id), objective: "mkt"), actor: nil)
            }
            _ = try await store.createObjective(Fixtures.objective("other", "Mục tiêu khác"), actor: Fixtures.lan)
            _ = try await store.createKeyResult(Fixtures.emailKR("x", objective: "other"), actor: nil)
            try await store.orderKeyResults(of: "mkt", ["b", "a"], actor: Fixtures.lan)
            let ordered = try await store.keyResults(objective: "mkt")
            #expect(ordered.map(\.value.id) == ["b", "a", "c"])
            #expect(ordered.map(\.version) == [2, 2, 1], "c kept its place")
            await #expect(throws: StoreError.self) {
                try await store.orderKeyResults(of: "mkt", ["x", "a"], actor: Fixtures.lan)
            }
            #expect(try await store.keyResults(objective: "mkt").map(\.value.id) == ["b", "a", "c"])
        }
    }
}
