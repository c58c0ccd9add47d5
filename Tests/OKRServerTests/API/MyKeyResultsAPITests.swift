import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("The caller's own key results: GET /me/key-results")
struct MyKeyResultsAPITests {
    @Test("Nam's KRs: the one he owns in the team's objective and those of his own objective, with the objective")
    func mine() async throws {
        let world = try await TestWorld.demo()
        let nam = try await world.token("p-nam")
        let mai = try await world.token("p-mai")
        try await world.test { client in
            let page = try await client.api(.get, "/api/v1/me/key-results?lang=en", token: nam)
            #expect(page.status == .ok)
            let ids = page.items.compactMap { ($0["key_result"] as? [String: Any])?["id"] as? String }
            #expect(ids == ["kr-mkt-email", "kr-nam-ctr", "kr-nam-open"])
            let email = try #require(page.items.first)
            #expect((email["key_result"] as? [String: Any])?["progress"] as? Double == 0.6)
            #expect((email["objective"] as? [String: Any])?["id"] as? String == "o-mkt-mql")

            let firstPage = try await client.api(.get, "/api/v1/me/key-results?limit=2", token: nam)
            #expect(firstPage.items.count == 2)
            let cursor = try #require(firstPage.object["next_cursor"] as? String)
            let rest = try await client.api(.get, "/api/v1/me/key-results?limit=2&cursor=\(cursor)", token: nam)
            #expect(rest.items.count == 1)

            let viewer = try await client.api(.get, "/api/v1/me/key-results", token: mai)
            #expect(viewer.items.isEmpty)

            let unknown = try await client.api(.get, "/api/v1/me/key-results?cycle=c-nowhere", token: nam)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorField == "cycle")
        }
        try await world.close()
    }
}
