import Foundation
import OKRCore
import OKRStore
import Testing

/// The overview page's data comes in a fixed number of queries, however many objectives there are.
@Suite("Board")
struct BoardTests {
    /// `count` objectives with three KRs each, an initiative per objective on its first two KRs, and two
    /// check-ins per KR (the second corrects the first on every third KR).
    static func fill(_ store: OKRStore, objectives count: Int) async throws {
        for index in 0..<count {
            let objective = ObjectiveID("o\(index)")
            _ = try await store.createObjective(
                Fixtures.objective(
                    objective, "Mục tiêu \(index)",
                    owner: index.isMultiple(of: 2) ? .team(Fixtures.marketing) : .company),
                actor: nil)
            for kr in 0..<3 {
                let id = KeyResultID("o\(index)k\(kr)")
                _ = try await store.createKeyResult(Fixtures.emailKR(id, objective: objective), actor: nil)
                _ = try await store.recordCheckIn(
                    Fixtures.checkIn(CheckInID("\(id)a"), id, value: 110, day: "2026-10-16", at: 1), actor: nil)
                _ = try await store.recordCheckIn(
                    Fixtures.checkIn(
                        CheckInID("\(id)b"), id, value: 120, day: "2026-10-23", at: 2,
                        supersedes: kr == 2 ? CheckInID("\(id)a") : nil), actor: nil)
            }
            try await store.createInitiative(
                try Initiative(
                    id: InitiativeID("i\(index)"), title: Fixtures.name("Sáng kiến \(index)"),
                    keyResultIDs: [KeyResultID("o\(index)k0"), KeyResultID("o\(index)k1")]), actor: nil)
        }
    }

    /// The queries one `board` call runs.
    static func queries(_ database: OKRDatabase, _ store: OKRStore) async throws -> (Int, Board) {
        let before = database.queryCount
        let board = try await store.board(cycle: Fixtures.q4)
        return (database.queryCount - before, board)
    }

    @Test("3 objectives or 30, the board takes the same number of queries", arguments: TestBackend.available)
    func constantQueries(_ backend: TestBackend) async throws {
        var counts: [Int] = []
        for size in [3, 30] {
            try await backend.withDatabase { database, store in
                try await Fixtures.organization(in: store)
                try await Self.fill(store, objectives: size)
                let (queries, board) = try await Self.queries(database, store)
                #expect(board.objectives.count == size)
                #expect(board.allKeyResults.count == size * 3)
                counts.append(queries)
            }
        }
        #expect(counts == [OKRStore.boardQueryCount, OKRStore.boardQueryCount])
    }

    @Test(
        "the board holds the cycle's objectives, KRs, initiatives, effective check-ins, teams and people",
        arguments: TestBackend.available)
    func contents(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            try await Self.fill(store, objectives: 2)
            let other = try Cycle(
                id: "2027-q1", name: "2027 Q1", start: Fixtures.day("2027-01-01"), end: Fixtures.day("2027-03-31"))
            try await store.createCycle(other, actor: nil)
            _ = try await store.createObjective(
                try Objective(id: "next", cycleID: "2027-q1", title: Fixtures.name("Quý sau"), owner: .company),
                actor: nil)
            _ = try await store.createObjective(Fixtures.objective("empty", "Chưa có KR"), actor: nil)

            let board = try await store.board(cycle: Fixtures.q4)
            #expect(board.cycle.value == Fixtures.cycle)
            #expect(board.objectives.map(\.value.id) == ["o0", "o1", "empty"])
            #expect(board.keyResults["o1"]?.map(\.value.id) == ["o1k0", "o1k1", "o1k2"])
            #expect(board.keyResults["empty"] == [])
            #expect(board.keyResults["next"] == nil)
            #expect(board.initiatives["o0k0"]?.map(\.value.id) == ["i0"])
            #expect(board.initiatives["o0k1"]?.map(\.value.id) == ["i0"])
            #expect(board.initiatives["o0k2"] == nil, "a KR without initiative shows as such")
            #expect(board.checkIns["o0k0"]?.map(\.id) == ["o0k0a", "o0k0b"])
            #expect(board.checkIns["o0k2"]?.map(\.id) == ["o0k2b"], "the superseded check-in is dropped")
            #expect(board.latestCheckIn("o1k1")?.value == 120)
            #expect(board.keyResults["o1"]?.first?.value.current == 120)
            #expect(board.teams.count == 3)
            #expect(board.people.map(\.id) == [Fixtures.admin, Fixtures.lan, Fixtures.minh])

            await #expect(throws: StoreError.notFound(entity: "cycle", id: "1999-q1")) {
                try await store.board(cycle: "1999-q1")
            }
        }
    }
}
