import Foundation
import HummingbirdTesting
import OKRCore
import Testing

@testable import OKRServer

/// The objective's page says when an initiative did not do its job, and the API gives the days it started and
/// finished.
@Suite("Initiative impact on the objective's page")
struct InitiativeImpactPageTests {
    @Test(
        "An initiative done while its KR did not move since it started is flagged; a check-in that moves it clears it")
    func doneWithoutMovement() async throws {
        let world = try await TestWorld.demo()
        let ha = try await world.token("p-ha")
        try await world.test { client in
            let created = try await client.api(
                .post, "/api/v1/initiatives", token: ha,
                body: jsonBody([
                    "id": "i-impact", "title": "Đổi mẫu email chào mừng", "key_result_ids": ["kr-mkt-email"],
                    "state": "in_progress",
                ]))
            #expect(created.status == .created, "\(created.text)")
            #expect(created.object["started_on"] as? String == "2026-11-27")
            #expect(created.object["done_on"] == nil)
            let done = try await client.api(
                .patch, "/api/v1/initiatives/i-impact", token: ha, body: jsonBody(["state": "done", "version": 1]))
            #expect(done.status == .ok, "\(done.text)")
            #expect(done.object["started_on"] as? String == "2026-11-27")
            #expect(done.object["done_on"] as? String == "2026-11-27")
            // Today's check-in puts the KR back at its start: lower than before the work started.
            let back = try await client.api(
                .post, "/api/v1/key-results/kr-mkt-email/check-ins", token: ha, body: jsonBody(["value": 100]))
            #expect(back.status == .created, "\(back.text)")

            let cookies = try await client.signIn("ha@okra.demo")
            let (status, flagged) = try await client.page("/objectives/o-mkt-mql", cookies)
            #expect(status == .ok)
            #expect(flagged.contains("data-impact=\"done_without_movement\" data-initiative=\"i-impact\""))
            #expect(flagged.contains("“Đổi mẫu email chào mừng” đã xong, nhưng kết quả then chốt này chưa nhích lên"))
            #expect(flagged.contains("(27/11/2026)"))

            let moved = try await client.api(
                .post, "/api/v1/key-results/kr-mkt-email/check-ins", token: ha, body: jsonBody(["value": 149]))
            #expect(moved.status == .created, "\(moved.text)")
            let (_, cleared) = try await client.page("/objectives/o-mkt-mql", cookies)
            #expect(!cleared.contains("data-initiative=\"i-impact\""))
        }
        try await world.close()
    }
}
