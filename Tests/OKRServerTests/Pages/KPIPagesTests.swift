import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

/// KPIs in the browser: the list with each KPI's health, one KPI with its chart, values and the KRs it feeds, its
/// definition by admins and leads, and its values recorded by the owning team.
@Suite("KPI pages: list, one KPI, defining one and recording its values")
struct KPIPagesTests {
    static func post(
        _ client: some TestClientProtocol, _ uri: String, _ cookies: BrowserCookies, _ fields: [(String, String)]
    ) async throws -> (HTTPResponse.Status, location: String, body: String) {
        let body = ([("csrf", cookies.csrf)] + fields).map { "\($0.0.formEncoded)=\($0.1.formEncoded)" }
            .joined(separator: "&")
        return try await client.execute(
            uri: uri, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: body)
        ) { response in
            (response.status, response.headers[.location] ?? "", String(buffer: response.body))
        }
    }

    @Test("The list shows each KPI's latest value and health, and explains KPI or OKR in both languages")
    func list() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let viewer = try await client.signIn("mai@okra.demo")
            let (status, html) = try await client.page("/kpis", viewer)
            #expect(status == .ok)
            #expect(html.contains("href=\"/kpis/kpi-churn\""))
            #expect(html.contains(">Tỉ lệ rời bỏ hằng tháng</a>"))
            // 2.8% with healthy at 2% or less and unhealthy at 4% or more: watch.
            #expect(html.contains("data-health=\"watch\""))
            #expect(html.contains("2,8%"), "the number as Vietnamese write it")
            #expect(html.contains("id=\"kpi-or-okr\""))
            #expect(!html.contains("id=\"new-kpi\""), "a viewer defines nothing")
            let lead = try await client.signIn("bao@okra.demo")
            let (_, leads) = try await client.page("/kpis", lead)
            #expect(leads.contains("id=\"new-kpi\""))
        }
        try await world.close()
    }

    @Test("One KPI: chart against its thresholds, its values newest first, and the KRs of the cycle it feeds")
    func detail() async throws {
        let world = try await TestWorld.demo()
        let kr = try #require(try await world.store.keyResult(id: "kr-sales-trial"))
        var fed = kr.value
        fed.kpiID = "kpi-churn"
        _ = try await world.store.updateKeyResult(fed, expectedVersion: kr.version, actor: nil)
        try await world.test { client in
            let viewer = try await client.signIn("mai@okra.demo")
            let (status, html) = try await client.page("/kpis/kpi-churn", viewer)
            #expect(status == .ok)
            #expect(html.contains("class=\"kpi-chart\""))
            #expect(html.contains("class=\"threshold t-healthy\""))
            #expect(html.contains("3 giá trị từ"), "the chart described in words")
            #expect(html.contains("href=\"/objectives/o-sales-nurture#kr-kr-sales-trial\""), "the KR it feeds")
            #expect(!html.contains("id=\"record-value\""), "a viewer records nothing")
            let (missing, _) = try await client.page("/kpis/kpi-nowhere", viewer)
            #expect(missing == .notFound)
        }
        try await world.close()
    }

    @Test("The owning team records a value (a wrong one answered beside its field); others get 403")
    func recordsValue() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let lan = try await client.signIn("lan@okra.demo")
            let (bad, _, page) = try await Self.post(
                client, "/kpis/kpi-churn/values", lan, [("day", TestWorld.today.iso), ("value", "nhiều")])
            #expect(bad == .unprocessableContent)
            #expect(page.contains("id=\"kpi-value-error\""))
            #expect(page.contains("value=\"nhiều\""), "the input stays")
            let (future, _, _) = try await Self.post(
                client, "/kpis/kpi-churn/values", lan, [("day", TestWorld.today.adding(days: 2).iso), ("value", "2")])
            #expect(future == .unprocessableContent)
            let (status, location, _) = try await Self.post(
                client, "/kpis/kpi-churn/values", lan, [("day", TestWorld.today.iso), ("value", "1,9")])
            #expect(status == .seeOther)
            #expect(location == "/kpis/kpi-churn")
            let values = try await world.store.kpiValues(kpi: "kpi-churn")
            #expect(values.last?.value == Decimal(string: "1.9"))
            let (_, html) = try await client.page("/kpis/kpi-churn", lan)
            #expect(html.contains("data-health=\"healthy\""))
            let nam = try await client.signIn("nam@okra.demo")
            let (refused, _, _) = try await Self.post(
                client, "/kpis/kpi-churn/values", nam, [("day", TestWorld.today.iso), ("value", "5")])
            #expect(refused == .forbidden, "Marketing does not record Sales' KPI")
        }
        try await world.close()
    }

    @Test("A lead defines a KPI for the team; thresholds the wrong way round are answered beside the field")
    func defines() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let bao = try await client.signIn("bao@okra.demo")
            let (_, form) = try await client.page("/kpis/new", bao)
            #expect(form.contains("<option value=\"sales\""))
            #expect(!form.contains("<option value=\"marketing\""), "a Sales lead gives a KPI to Sales only")
            let fields = [
                ("name", "Số cuộc gọi chăm sóc mỗi tuần"), ("name_en", ""), ("unit", ""),
                ("direction", "higher_is_better"), ("healthy", "20"), ("unhealthy", "30"), ("owner", "sales"),
            ]
            let (wrong, _, page) = try await Self.post(client, "/kpis/new", bao, fields)
            #expect(wrong == .unprocessableContent)
            #expect(page.contains("id=\"unhealthy-error\""))
            let (foreign, _, _) = try await Self.post(
                client, "/kpis/new", bao, fields.map { $0.0 == "owner" ? ("owner", "marketing") : $0 })
            #expect(foreign == .unprocessableContent)
            let (created, location, _) = try await Self.post(
                client, "/kpis/new", bao, fields.map { $0.0 == "unhealthy" ? ("unhealthy", "10") : $0 })
            #expect(created == .seeOther)
            let id = KPIID(String(location.dropFirst("/kpis/".count)))
            let kpi = try #require(try await world.store.kpi(id: id))
            #expect(kpi.value.ownerTeamID == "sales")
            #expect(kpi.value.unhealthy == 10)
            let (edit, _) = try await client.page(location + "/edit", bao)
            #expect(edit == .ok)
            let nam = try await client.signIn("nam@okra.demo")
            let (refused, _) = try await client.page(location + "/edit", nam)
            #expect(refused == .forbidden)
            let (newForm, _) = try await client.page("/kpis/new", nam)
            #expect(newForm == .forbidden, "a member defines no KPI")
        }
        try await world.close()
    }
}
