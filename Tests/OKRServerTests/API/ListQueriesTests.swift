import Foundation
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("Lists load in a constant number of queries")
struct ListQueriesTests {
    static let lists = [
        "/api/v1/objectives", "/api/v1/objectives?q=tang&team=engineering", "/api/v1/objectives/o-eng-speed",
        "/api/v1/objectives/o-eng-speed/findings", "/api/v1/cycles", "/api/v1/cycles/2026-q4/tree",
        "/api/v1/initiatives?cycle=2026-q4", "/api/v1/key-results/kr-eng-load/check-ins",
        "/api/v1/asks", "/api/v1/comments?objective=o-eng-speed", "/api/v1/kpis", "/api/v1/teams", "/api/v1/users",
        "/api/v1/weekly-updates?week=2026-11-23",
    ]

    @Test(
        "Every list takes as many queries with 30 more objectives, KRs, initiatives, check-ins, comments, asks and plans"
    )
    func constant() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        func counts() async throws -> [String: Int] {
            try await world.test { client in
                var counts: [String: Int] = [:]
                for uri in Self.lists {
                    // The first request loads the read model; what is counted is a page as it is served after.
                    _ = try await client.api(.get, uri, token: token)
                    let before = world.database.queryCount
                    let answer = try await client.api(.get, uri, token: token)
                    #expect(answer.status == .ok, "\(uri): \(answer.text.prefix(200))")
                    counts[uri] = world.database.queryCount - before
                }
                return counts
            }
        }
        let small = try await counts()
        let store = world.store
        let cycle = try #require(try await store.cycle(id: "2026-q4")?.value)
        for n in 0..<30 {
            let id = ObjectiveID("o-extra-\(n)")
            _ = try await store.createObjective(
                Objective(
                    id: id, cycleID: cycle.id, title: LocalizedName(vi: "Tăng tốc độ \(n)"),
                    owner: .team("engineering"), state: .published,
                    parents: [try AlignmentLink(to: .objective("o-eng-speed"))]),
                actor: nil)
            let kr = KeyResultID("kr-extra-\(n)")
            _ = try await store.createKeyResult(
                KeyResult(
                    id: kr, objectiveID: id, title: LocalizedName(vi: "Tăng chỉ số \(n) từ 1 lên 2"), kind: .increase,
                    start: 1, target: 2), actor: nil)
            try await store.createInitiative(
                Initiative(id: InitiativeID("i-extra-\(n)"), title: LocalizedName(vi: "Việc \(n)"), keyResultIDs: [kr]),
                actor: nil)
            _ = try await store.recordCheckIn(
                CheckIn(
                    id: CheckInID("ci-extra-\(n)"), keyResultID: "kr-eng-load", value: Decimal(3) - Decimal(n) / 100,
                    authorID: "p-long", recordedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(n)),
                    day: TestWorld.today), actor: nil)
            try await store.createAsk(
                DependencyAsk(
                    id: DependencyAskID("ask-extra-\(n)"), fromTeamID: "engineering", toTeamID: "marketing",
                    keyResultID: kr, need: "Cần hỗ trợ \(n)", dueBy: cycle.end), actor: nil)
            try await store.addComment(
                Comment(
                    id: CommentID("c-extra-\(n)"), subject: .objective("o-eng-speed"), authorID: "p-long",
                    body: "Ghi chú \(n)", isQuestion: n % 2 == 0, createdAt: Date(timeIntervalSince1970: 1_790_000_000)),
                actor: nil)
        }
        try await store.saveWeeklyUpdate(
            WeeklyUpdate(
                id: "wu-extra", personID: "p-long", week: TestWorld.today.startOfWeek(.monday),
                plans: try (0..<30).map {
                    try PlanItem(text: "Kế hoạch \($0)", keyResultID: KeyResultID("kr-extra-\($0)"))
                }),
            expectedVersion: nil, actor: nil)
        let large = try await counts()
        for uri in Self.lists {
            #expect(small[uri] == large[uri], "\(uri): \(small[uri] ?? -1) queries, then \(large[uri] ?? -1)")
        }
        print("queries per list: " + Self.lists.map { "\($0) \(large[$0] ?? -1)" }.joined(separator: ", "))
        try await world.close()
    }
}
