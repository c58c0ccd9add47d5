import Foundation
import HummingbirdTesting
import OKRCore
import Testing

@testable import OKRServer

/// Calibration where people look: the closed quarter's page, each person's page and the API, per team and per
/// person, with committed objectives judged at 1.0.
@Suite("Calibration per team and per person")
struct CalibrationAPITests {
    @Test("The API gives the closed quarter's calibration overall, per team and per person, committed judged at 1.0")
    func api() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-lan")
        try await world.test { client in
            let answer = try await client.api(.get, "/api/v1/cycles/2026-q3/calibration", token: token)
            #expect(answer.status == .ok)
            let overall = try #require(answer.object["overall"] as? [String: Any])
            // Both KRs of the committed objective said 7/10 and graded 0.9 and 0.6: below 1.0, both missed.
            // (0.7² + 0.7²) / 2 = 0.49; judged at 0.7 the first would have succeeded and scored 0.29.
            #expect((overall["brier_score"] as? NSNumber)?.decimalValue == Decimal(string: "0.49"))
            #expect(overall["forecasts"] as? Int == 2)
            #expect(overall["verdict"] as? String == "overconfident")
            let teams = try #require(answer.object["teams"] as? [[String: Any]])
            #expect(Set(teams.compactMap { $0["id"] as? String }) == ["marketing", "sales"])
            let people = try #require(answer.object["people"] as? [[String: Any]])
            #expect(Set(people.compactMap { $0["id"] as? String }) == ["p-ha", "p-bao"])
            let ha = try #require(people.first { $0["id"] as? String == "p-ha" })
            #expect(ha["name"] as? String == "Trần Thu Hà")
            let figures = try #require(ha["calibration"] as? [String: Any])
            #expect((figures["brier_score"] as? NSNumber)?.decimalValue == Decimal(string: "0.49"))
            #expect(figures["forecasts"] as? Int == 1)
        }
        try await world.close()
    }

    @Test("A cycle not yet closed has no calibration: 409 cycle_not_closed naming it; an unknown cycle is 404")
    func notClosed() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-lan")
        try await world.test { client in
            let open = try await client.api(.get, "/api/v1/cycles/2026-q4/calibration", token: token)
            #expect(open.status == .conflict)
            let error = try #require(open.object["error"] as? [String: Any])
            #expect(error["code"] as? String == "cycle_not_closed")
            #expect((error["message"] as? String)?.contains("2026-q4") == true)
            let unknown = try await client.api(.get, "/api/v1/cycles/nope/calibration", token: token)
            #expect(unknown.status == .notFound)
        }
        try await world.close()
    }

    @Test("The closed quarter's page has a table per team and per person; a person's page shows their own")
    func pages() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("lan@okra.demo")
            let (status, cycle) = try await client.page("/cycles/2026-q3", cookies)
            #expect(status == .ok)
            #expect(cycle.contains("id=\"calibration-teams\""))
            #expect(cycle.contains("id=\"calibration-people\""))
            #expect(cycle.contains("href=\"/people/p-ha\">Trần Thu Hà</a>"))
            #expect(cycle.contains("href=\"/teams/sales\">Kinh doanh</a>"))
            #expect(cycle.contains("data-brier=\"0.4900\""))
            #expect(cycle.contains("1,0 nếu mục tiêu là cam kết"))
            let (_, ha) = try await client.page("/people/p-ha", cookies)
            #expect(ha.contains("Độ chính xác của độ tự tin trong"))
            #expect(ha.contains("id=\"calibration-verdict\""))
            #expect(ha.contains("Quá tự tin"))
            // Someone who stated no confidence on a graded KR is told so, not shown figures.
            let (_, tam) = try await client.page("/people/p-tam", cookies)
            #expect(tam.contains("Bùi Thanh Tâm chưa nêu độ tự tin"))
            #expect(!tam.contains("id=\"calibration-verdict\""))
        }
        try await world.close()
    }
}
