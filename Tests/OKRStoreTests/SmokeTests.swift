import Foundation
import OKRCore
import OKRStore
import Testing

@Suite("Store smoke")
struct SmokeTests {
    @Test("an objective with a KR and a check-in shows on the board", arguments: TestBackend.available)
    func board(_ backend: TestBackend) async throws {
        try await backend.withDatabase { database, store in
            try await Fixtures.organization(in: store)
            _ = try await store.createObjective(Fixtures.objective("mkt", "Mục tiêu MQL"), actor: Fixtures.lan)
            _ = try await store.createKeyResult(Fixtures.emailKR("email", objective: "mkt"), actor: Fixtures.lan)
            let kr = try await store.recordCheckIn(
                Fixtures.checkIn("c1", "email", value: 130, day: "2026-11-13", at: 100, confidence: 7),
                actor: Fixtures.lan)
            #expect(kr.value.current == 130)
            #expect(kr.version == 2)
            let board = try await store.board(cycle: Fixtures.q4)
            #expect(board.objectives.map(\.value.id) == ["mkt"])
            #expect(board.latestCheckIn("email")?.value == 130)
            #expect(board.people.count == 3)
        }
    }
}
