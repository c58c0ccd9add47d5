import Foundation
import OKRCore
import OKRStore
import Testing

/// Search folds Vietnamese the same way on both databases: "muc tieu" finds "Mục tiêu".
@Suite("Search")
struct SearchTests {
    @Test("folded text finds titles in either language and the description", arguments: TestBackend.available)
    func folded(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let objectives = [
                try Objective(
                    id: "a", cycleID: Fixtures.q4, title: Fixtures.name("Mục tiêu tăng trưởng", "Growth goal"),
                    owner: .company),
                try Objective(
                    id: "b", cycleID: Fixtures.q4, title: Fixtures.name("Đẩy mạnh kênh đối tác"),
                    description: "Để khách hàng hài lòng hơn", owner: .team(Fixtures.sales)),
                try Objective(
                    id: "c", cycleID: Fixtures.q4, title: Fixtures.name("Tăng 50% doanh thu"), owner: .company),
                try Objective(
                    id: "d", cycleID: Fixtures.q4, title: Fixtures.name("Tăng 500 khách_hàng"), owner: .company),
            ]
            for objective in objectives { _ = try await store.createObjective(objective, actor: nil) }
            func search(_ text: String) async throws -> [ObjectiveID] {
                try await store.objectives(cycle: Fixtures.q4, owner: nil, state: nil, matching: text).map(\.value.id)
            }
            #expect(try await search("muc tieu") == ["a"])
            #expect(try await search("MỤC TIÊU") == ["a"])
            #expect(try await search("GROWTH") == ["a"])
            #expect(try await search("doi tac") == ["b"])
            #expect(try await search("hai long") == ["b"])
            #expect(try await search("tang") == ["a", "c", "d"])
            #expect(try await search("50%") == ["c"], "% is a character, not a wildcard")
            #expect(try await search("khach_hang") == ["d"], "_ is a character, not a wildcard")
            #expect(try await search("khach hang") == ["b"])
            #expect(try await search("   ").count == 4, "an empty search does not filter")
            #expect(
                try await store.objectives(cycle: nil, owner: .team(Fixtures.sales), state: nil, matching: "tang")
                    .isEmpty)
        }
    }

    @Test("renaming an objective updates what search finds", arguments: TestBackend.available)
    func renamed(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let created = try await store.createObjective(Fixtures.objective("a", "Cũ"), actor: nil)
            var renamed = created.value
            renamed.title = Fixtures.name("Đổi mới sản phẩm")
            _ = try await store.updateObjective(renamed, expectedVersion: created.version, actor: nil)
            #expect(try await store.objectives(cycle: nil, owner: nil, state: nil, matching: "doi moi").count == 1)
            #expect(try await store.objectives(cycle: nil, owner: nil, state: nil, matching: "cu").isEmpty)
        }
    }
}
