import Foundation
import HummingbirdTesting
import OKRCore
import Testing

@testable import OKRServer

@Suite("The way to a cycle's direction brief: from the cycle's page and from the objective editor")
struct DirectionBriefLinkTests {
    @Test("The cycle page and the editor link to the chosen cycle's direction, which reads even before it is written")
    func links() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            let (_, cycle) = try await client.page("/cycles/2026-q4", cookies)
            #expect(cycle.contains("id=\"cycle-brief\" href=\"/cycles/2026-q4/brief\""))
            let (_, editor) = try await client.page("/objectives/new", cookies)
            #expect(editor.contains("id=\"direction-brief\" href=\"/cycles/2026-q4/brief\""))
            let (status, brief) = try await client.page("/cycles/2026-q4/brief", cookies)
            #expect(status == .ok)
            #expect(brief.contains("Ban lãnh đạo chưa viết định hướng cho chu kỳ này."))
        }
        try await world.close()
    }
}
