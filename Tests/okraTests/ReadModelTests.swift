import Foundation
import OKRCore
import OKRServer
import OKRStore
import SQLKit
import Testing

@testable import okra

/// The read model on a generated organization: every number it serves is the number a `Scorecard` computes from
/// the whole cycle as stored — for every cycle, and after a stream of concurrent writes (check-ins, corrections,
/// edits that move the alignment, KRs added and removed, initiatives) — and a model loaded afresh agrees.
@Suite("The read model equals the Scorecard on a generated organization")
struct ReadModelTests {
    typealias G = GenerateCommandTests

    /// Every objective's and KR's score in `snapshot` against a `Scorecard` of the cycle read whole from the
    /// database; also the versions, KRs, initiatives and latest check-ins the snapshot holds.
    static func expectSameAsStored(
        _ snapshot: CycleSnapshot, store: OKRStore, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let mismatches = try await differences(snapshot, store: store)
        #expect(
            mismatches.isEmpty, "\(snapshot.cycle.value.name): \(mismatches.prefix(5))", sourceLocation: sourceLocation)
    }

    /// What differs between the snapshot and the cycle read whole from the database and scored from scratch.
    static func differences(_ snapshot: CycleSnapshot, store: OKRStore) async throws -> [String] {
        let board = try await store.board(cycle: snapshot.cycle.value.id)
        let cycle = board.cycle.value
        let grades = cycle.state == .closed ? try await store.grades(cycle: cycle.id) : [:]
        let settings = try await store.settings()
        let scorecard = try Scorecard(
            cycle: cycle, objectives: board.objectives.map(\.value), keyResults: board.allKeyResults.map(\.value),
            lastCheckIns: board.checkIns.compactMapValues { $0.last?.day }, grades: grades, today: snapshot.day,
            calendar: settings?.calendar ?? WorkingCalendar())
        var mismatches: [String] = []
        if snapshot.cycle != board.cycle { mismatches.append("cycle") }
        if snapshot.order != board.objectives.map(\.value.id) { mismatches.append("order") }
        for objective in board.objectives {
            let id = objective.value.id
            if snapshot.objective(id) != objective { mismatches.append("objective \(id)") }
            if snapshot.score(id) != scorecard.objectives[id] { mismatches.append("score of \(id)") }
            let keyResults = board.keyResults[id] ?? []
            if snapshot.keyResults(of: id) != keyResults { mismatches.append("KRs of \(id)") }
            for kr in keyResults {
                let krID = kr.value.id
                if snapshot.score(krID) != scorecard.keyResults[krID] { mismatches.append("score of \(krID)") }
                if snapshot.lastCheckIn(krID) != board.latestCheckIn(krID) { mismatches.append("last of \(krID)") }
                if snapshot.initiatives(of: krID) != (board.initiatives[krID] ?? []) {
                    mismatches.append("initiatives of \(krID)")
                }
            }
        }
        if snapshot.scorecard.overall() != scorecard.overall { mismatches.append("overall") }
        return mismatches
    }

    /// Writes as people make them, many at once: check-ins (some back-dated, some corrections, some without a
    /// confidence), objectives re-aligned and retitled, KRs added and removed, initiatives linked.
    static func concurrentWrites(_ store: OKRStore, cycle: CycleSnapshot, today: Day) async throws {
        let objectives = cycle.order.compactMap { cycle.objective($0) }
        // The KRs removed below (at the version read here) are not checked in on meanwhile.
        let removed = objectives.dropFirst(3).prefix(3).compactMap { cycle.keyResults(of: $0.value.id).last }
        let keyResults = objectives.flatMap { cycle.keyResults(of: $0.value.id) }.filter { entry in
            !removed.contains { $0.value.id == entry.value.id }
        }
        try #require(keyResults.count > 40 && objectives.count > 20)
        let author = try #require(try await store.readModel.organization().people.first?.id)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    for step in 0..<12 {
                        let kr = keyResults[(worker * 31 + step * 7) % keyResults.count].value
                        let value: Decimal = kr.kind == .milestone ? Decimal(step % 2) : Decimal(worker * 10 + step)
                        let checkIn = try CheckIn(
                            id: CheckInID("t-ci-\(worker)-\(step)"), keyResultID: kr.id, value: value,
                            confidence: step % 4 == 3 ? nil : try Confidence((worker + step) % 11), note: "tuần này",
                            authorID: Self.person(kr.owner) ?? author, recordedAt: Date(),
                            day: today.adding(days: -(step % 5 == 4 ? 9 : 0)), weekStart: .monday)
                        _ = try await store.recordCheckIn(checkIn, actor: checkIn.authorID)
                    }
                }
            }
            group.addTask {
                // Corrections of the latest check-ins of a few KRs.
                for kr in keyResults.prefix(6).map(\.value) {
                    guard let last = cycle.lastCheckIn(kr.id) else { continue }
                    let correction = try CheckIn(
                        id: CheckInID("t-fix-\(kr.id.rawValue)"), keyResultID: kr.id,
                        value: kr.kind == .milestone ? 1 : last.value + 1, confidence: try Confidence(7),
                        note: "sửa số liệu", authorID: last.authorID, recordedAt: Date(), day: last.day,
                        weekStart: .monday, supersedes: last.id)
                    _ = try await store.recordCheckIn(correction, actor: last.authorID)
                }
            }
            group.addTask {
                // Re-aligning: a personal objective moves under another team objective, with another weight.
                let teamObjectives = objectives.filter { if case .team = $0.value.owner { true } else { false } }
                let personal = objectives.filter { if case .person = $0.value.owner { true } else { false } }
                for (index, entry) in personal.prefix(8).enumerated() {
                    var moved = entry.value
                    moved.title = try LocalizedName(vi: moved.title.vi + " (sửa)", en: moved.title.en)
                    let parent = teamObjectives[(index * 13) % teamObjectives.count].value.id
                    moved.parents = [try AlignmentLink(to: .objective(parent), weight: Decimal(index % 3 + 1))]
                    _ = try await store.updateObjective(moved, expectedVersion: entry.version, actor: nil)
                }
            }
            group.addTask {
                // KRs added to and removed from objectives; initiatives driving new KRs.
                for (index, entry) in objectives.suffix(6).enumerated() {
                    let kr = try KeyResult(
                        id: KeyResultID("t-kr-\(index)"), objectiveID: entry.value.id,
                        title: try LocalizedName(vi: "Tăng số khách hàng mới từ 10 lên 20"), kind: .increase,
                        start: 10, target: 20, current: Decimal(10 + index))
                    _ = try await store.createKeyResult(kr, actor: nil)
                    try await store.createInitiative(
                        try Initiative(
                            id: InitiativeID("t-init-\(index)"), title: try LocalizedName(vi: "Chiến dịch giới thiệu"),
                            keyResultIDs: [kr.id]), actor: nil)
                }
                for kr in removed {
                    try await store.removeKeyResult(kr.value.id, expectedVersion: kr.version, actor: nil)
                }
            }
            try await group.waitForAll()
        }
    }

    @Test("Every cycle, and the active one after a stream of concurrent writes, scores as the Scorecard does")
    func sqlite() async throws {
        try await G.withGenerated(seed: 11) { store, _ in
            try await Self.check(store)
        }
    }

    @Test(
        "On PostgreSQL too, with a second instance kept current through LISTEN/NOTIFY",
        .enabled(if: GenerateCommandTests.postgresURL != nil))
    func postgres() async throws {
        let base = try #require(G.postgresURL)
        var components = try #require(URLComponents(string: base))
        let name = "okra_rm_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try await OKRDatabase.open(.postgres(url: base), logger: G.logger)
        do {
            try await admin.sql.raw("CREATE DATABASE \(ident: name)").run()
            components.path = "/" + name
            let url = try #require(components.string)
            try await G.withDatabase(.postgres(url: url)) { database in
                _ = try await G.generator(seed: 11).run(into: database)
                try await G.withDatabase(.postgres(url: url)) { other in
                    // The second instance holds the active cycle before the writes, and must hear them.
                    let store = OKRStore(database)
                    let otherStore = OKRStore(other)
                    let active = try #require(try await Self.activeCycle(otherStore))
                    _ = try #require(try await other.readModel.cycle(active, on: G.today))
                    try await Self.check(store)
                    // Notices arrive asynchronously: wait (at most 20 s) until the other instance has them all.
                    var left: [String] = ["not compared yet"]
                    for _ in 0..<200 where !left.isEmpty {
                        let heard = try #require(try await other.readModel.cycle(active, on: G.today))
                        left = try await Self.differences(heard, store: otherStore)
                        if !left.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
                    }
                    #expect(left.isEmpty, "the other instance still differs: \(left.prefix(5))")
                }
            }
            // Cleanup of a throwaway database, never the test's result.
            try? await admin.sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
        } catch {
            try? await admin.sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
            try? await admin.close()
            throw error
        }
        try await admin.close()
    }

    static func person(_ owner: Owner?) -> PersonID? {
        if case .person(let id) = owner { return id }
        return nil
    }

    static func activeCycle(_ store: OKRStore) async throws -> CycleID? {
        try await store.readModel.organization().cycles.first { $0.value.state == .active }?.value.id
    }

    /// Every cycle as loaded, then the active one after the writes, live and loaded afresh.
    static func check(_ store: OKRStore) async throws {
        let organization = try await store.readModel.organization()
        #expect(organization.cycles.count == 5)
        for cycle in organization.cycles {
            let snapshot = try #require(try await store.readModel.cycle(cycle.value.id, on: G.today))
            try await expectSameAsStored(snapshot, store: store)
        }
        let active = try #require(try await activeCycle(store))
        let before = try #require(try await store.readModel.cycle(active, on: G.today))
        try await concurrentWrites(store, cycle: before, today: G.today)
        let after = try #require(try await store.readModel.cycle(active, on: G.today))
        #expect(after.keyResult(KeyResultID("t-kr-5")) != nil)
        #expect(after.initiatives(of: KeyResultID("t-kr-5")).map(\.value.id) == [InitiativeID("t-init-5")])
        try await expectSameAsStored(after, store: store)
        // The next day: everything is scored again, still as the Scorecard does.
        let tomorrow = try #require(try await store.readModel.cycle(active, on: G.today.adding(days: 1)))
        #expect(tomorrow.day == G.today.adding(days: 1))
        try await expectSameAsStored(tomorrow, store: store)
    }
}
