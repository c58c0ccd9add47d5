import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@Suite("KPIs and their values through the API")
struct KPIsAPITests {
    @Test(
        "Monthly churn at 2.8%, lower is better, healthy at 2, unhealthy at 4: watch; Sales records 2 and it is healthy"
    )
    func churn() async throws {
        let world = try await TestWorld.demo()
        let bao = try await world.token("p-bao")
        let lan = try await world.token("p-lan")
        let mai = try await world.token("p-mai")
        try await world.test { client in
            let churn = try await client.api(.get, "/api/v1/kpis/kpi-churn", token: mai)
            #expect(churn.status == .ok)
            #expect(churn.headers[.eTag] == "\"v1\"")
            #expect(churn.object["direction"] as? String == "lower_is_better")
            #expect(churn.object["unit"] as? String == "percent")
            #expect(churn.object["health"] as? String == "watch")
            let latest = try #require(churn.object["latest"] as? [String: Any])
            #expect(latest["value"] as? Double == 2.8)
            #expect(latest["day"] as? String == "2026-11-27")

            let list = try await client.api(.get, "/api/v1/kpis", token: mai)
            #expect(list.items.compactMap { $0["id"] as? String } == ["kpi-churn"])
            #expect(list.items.first?["health"] == nil)

            let history = try await client.api(.get, "/api/v1/kpis/kpi-churn/values", token: mai)
            #expect(history.items.compactMap { $0["day"] as? String } == ["2026-09-28", "2026-10-28", "2026-11-27"])
            #expect(history.items.compactMap { $0["health"] as? String } == ["watch", "watch", "watch"])

            let healthy = try await client.api(
                .post, "/api/v1/kpis/kpi-churn/values", token: bao, body: jsonBody(["day": "2026-11-27", "value": 2]))
            #expect(healthy.status == .created, "\(healthy.text)")
            #expect(healthy.object["health"] as? String == "healthy", "exactly on the threshold is healthy")
            let unhealthy = try await client.api(
                .post, "/api/v1/kpis/kpi-churn/values", token: lan, body: jsonBody(["day": "2026-11-26", "value": 4]))
            #expect(unhealthy.object["health"] as? String == "unhealthy")
            let now = try await client.api(.get, "/api/v1/kpis/kpi-churn", token: mai)
            #expect(now.object["health"] as? String == "healthy")
            #expect((now.object["latest"] as? [String: Any])?["value"] as? Double == 2)
            let values = try await client.api(.get, "/api/v1/kpis/kpi-churn/values?limit=2", token: mai)
            #expect(values.items.count == 2)
            let cursor = try #require(values.object["next_cursor"] as? String)
            let rest = try await client.api(.get, "/api/v1/kpis/kpi-churn/values?limit=2&cursor=\(cursor)", token: mai)
            #expect(rest.items.compactMap { $0["day"] as? String } == ["2026-11-26", "2026-11-27"])

            for person in ["p-nam", "p-ha", "p-mai"] {
                let token = try await world.token(person)
                let refused = try await client.api(
                    .post, "/api/v1/kpis/kpi-churn/values", token: token,
                    body: jsonBody(["day": "2026-11-27", "value": 1]))
                #expect(refused.status == .forbidden, "\(person)")
            }
        }
        try await world.close()
    }

    @Test("A KPI value posted through the API moves the KR it feeds, as a check-in that names the KPI")
    func feedsKeyResult() async throws {
        let world = try await TestWorld.demo()
        _ = try await world.store.createKeyResult(
            KeyResult(
                id: "kr-churn", objectiveID: "o-sales-nurture",
                title: LocalizedName(vi: "Giảm tỉ lệ rời bỏ từ 3,4% xuống 2%"), owner: .person("p-bao"),
                kind: .decrease, unit: .percent, start: Decimal(string: "3.4"), target: 2, kpiID: "kpi-churn"),
            actor: nil)
        let lan = try await world.token("p-lan")
        try await world.test { client in
            func checkIns() async throws -> [[String: Any]] {
                let reply = try await client.api(.get, "/api/v1/key-results/kr-churn/check-ins", token: lan)
                return reply.items
            }
            let recorded = try await client.api(
                .post, "/api/v1/kpis/kpi-churn/values", token: lan,
                body: jsonBody(["day": "2026-11-27", "value": 2.5]))
            #expect(recorded.status == .created, "\(recorded.text)")
            let kr = try await client.api(.get, "/api/v1/key-results/kr-churn", token: lan)
            #expect(kr.object["current"] as? Double == 2.5, "\(kr.text)")
            let history = try await checkIns()
            #expect(history.count == 1)
            #expect(history.first?["kpi_id"] as? String == "kpi-churn", "the history names the KPI")
            #expect(history.first?["day"] as? String == "2026-11-27", "with the KPI value's day")
            #expect(history.first?["author_id"] as? String == "p-lan", "recorded by who recorded the value")

            // The same value again, and a value for an earlier day (the KPI's history), leave the KR as it is.
            _ = try await client.api(
                .post, "/api/v1/kpis/kpi-churn/values", token: lan,
                body: jsonBody(["day": "2026-11-27", "value": 2.5]))
            _ = try await client.api(
                .post, "/api/v1/kpis/kpi-churn/values", token: lan,
                body: jsonBody(["day": "2026-11-02", "value": 3.9]))
            #expect(try await checkIns().count == 1)
            let after = try await client.api(.get, "/api/v1/key-results/kr-churn", token: lan)
            #expect(after.object["current"] as? Double == 2.5)
        }
        // The objective's page says where the value came from.
        try await world.test { client in
            let bao = try await client.signIn("bao@okra.demo")
            let (_, html) = try await client.page("/objectives/o-sales-nurture", bao)
            #expect(html.contains("lấy từ KPI Tỉ lệ rời bỏ hằng tháng"))
            #expect(html.contains("href=\"/kpis/kpi-churn\""))
        }
        try await world.close()
    }

    @Test("A lead defines and changes the team's KPIs, not another team's; a stale version is 409 and changes nothing")
    func defineAndChange() async throws {
        let world = try await TestWorld.demo()
        let ha = try await world.token("p-ha")
        let nam = try await world.token("p-nam")
        try await world.test { client in
            let body: [String: Any] = [
                "id": "kpi-mql", "name": "MQL mỗi tháng", "name_en": "MQL a month", "unit": "label:MQL",
                "direction": "higher_is_better", "healthy": 300, "unhealthy": 200, "owner_team_id": "marketing",
            ]
            let created = try await client.api(.post, "/api/v1/kpis", token: ha, body: jsonBody(body))
            #expect(created.status == .created, "\(created.text)")
            #expect(created.headers[.eTag] == "\"v1\"")
            #expect(created.object["unit"] as? String == "label:MQL")
            #expect(created.object["latest"] == nil)
            let sales = try await client.api(
                .post, "/api/v1/kpis", token: ha,
                body: jsonBody(body.merging(["id": "kpi-deals", "owner_team_id": "sales"]) { $1 }))
            #expect(sales.status == .forbidden)
            let member = try await client.api(
                .post, "/api/v1/kpis", token: nam, body: jsonBody(body.merging(["id": "kpi-nam"]) { $1 }))
            #expect(member.status == .forbidden)

            let changed = try await client.api(
                .patch, "/api/v1/kpis/kpi-mql", token: ha,
                body: jsonBody(["healthy": 320, "name_en": "", "version": 1]))
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(changed.object["healthy"] as? Double == 320)
            #expect(changed.object["name_en"] == nil)
            #expect(changed.object["name"] as? String == "MQL mỗi tháng")
            #expect(changed.object["version"] as? Int == 2)
            let stale = try await client.api(
                .patch, "/api/v1/kpis/kpi-mql", token: ha, body: jsonBody(["healthy": 400, "version": 1]))
            #expect(stale.status == .conflict)
            let unversioned = try await client.api(
                .patch, "/api/v1/kpis/kpi-mql", token: ha, body: jsonBody(["healthy": 400]))
            #expect(unversioned.status == .preconditionRequired)
            let givenAway = try await client.api(
                .patch, "/api/v1/kpis/kpi-mql", token: ha, body: jsonBody(["owner_team_id": "sales", "version": 2]))
            #expect(givenAway.status == .forbidden)
            let churn = try await client.api(
                .patch, "/api/v1/kpis/kpi-churn", token: ha, body: jsonBody(["healthy": 1, "version": 1]))
            #expect(churn.status == .forbidden)
            let kpi = try #require(try await world.store.kpi(id: "kpi-mql"))
            #expect(kpi.version == 2)
            #expect(kpi.value.healthy == 320)
            #expect(kpi.value.ownerTeamID == "marketing")
        }
        try await world.close()
    }

    @Test("Bad KPIs and values are refused with the member at fault")
    func badKPIs() async throws {
        let world = try await TestWorld.demo()
        let anh = try await world.token("p-anh")
        let valid: [String: Any] = [
            "name": "Doanh thu", "direction": "higher_is_better", "healthy": 10, "unhealthy": 5,
        ]
        let cases: [([String: Any?], HTTPResponse.Status, String?)] = [
            (["unhealthy": 12], .unprocessableContent, "unhealthy"),
            (["direction": "up"], .unprocessableContent, "direction"),
            (["direction": nil], .unprocessableContent, "direction"),
            (["healthy": nil], .unprocessableContent, "healthy"),
            (["healthy": "mười"], .unprocessableContent, "healthy"),
            (["name": " "], .unprocessableContent, "name"),
            (["name_en": String(repeating: "e", count: 301)], .unprocessableContent, "name_en"),
            (["unit": "currency:VNDX"], .unprocessableContent, "unit"),
            (["owner_team_id": "nowhere"], .notFound, "owner_team_id"),
            (["id": "kpi churn"], .unprocessableContent, "id"),
            (["id": "kpi-churn"], .conflict, nil),
        ]
        let requests = cases.map { change, status, field in
            var body = valid
            for (key, value) in change {
                if let value { body[key] = value } else { body.removeValue(forKey: key) }
            }
            return (jsonBody(body), status, field)
        }
        try await world.test { client in
            for (body, status, field) in requests {
                let answer = try await client.api(.post, "/api/v1/kpis", token: anh, body: body)
                #expect(answer.status == status, "\(body): \(answer.text)")
                if let field { #expect(answer.errorField == field, "\(body): \(answer.text)") }
            }
            #expect(try await world.store.kpis().count == 1)
            for (body, field) in [
                (jsonBody(["day": "2026-11-28", "value": 1]), "day"),
                (jsonBody(["day": "2026-11-27", "value": "một"]), "value"),
                (jsonBody(["value": 1]), "day"),
            ] {
                let answer = try await client.api(.post, "/api/v1/kpis/kpi-churn/values", token: anh, body: body)
                #expect(answer.status == .unprocessableContent, "\(body)")
                #expect(answer.errorField == field, "\(body): \(answer.text)")
            }
            for uri in ["/api/v1/kpis/kpi-nope", "/api/v1/kpis/kpi-nope/values"] {
                let answer = try await client.api(.get, uri, token: anh)
                #expect(answer.status == .notFound, "\(uri)")
            }
            let cursor = try await client.api(.get, "/api/v1/kpis?cursor=@@", token: anh)
            #expect(cursor.status == .badRequest)
        }
        try await world.close()
    }
}
