import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("Dependency asks in the web UI, on the demo organization")
struct AskPageTests {
    /// POSTs a form with `fields` (the CSRF token added) and hands back status, location and HTML.
    static func post(
        _ client: some TestClientProtocol, _ uri: String, _ cookies: BrowserCookies, _ fields: [(String, String)],
        csrf: String? = nil
    ) async throws -> (HTTPResponse.Status, String?, String) {
        let body = ([("csrf", csrf ?? cookies.csrf)] + fields)
            .map { "\($0.0.formEncoded)=\($0.1.formEncoded)" }.joined(separator: "&")
        return try await client.execute(
            uri: uri, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: body)
        ) { response in
            (response.status, response.headers[.location], String(buffer: response.body))
        }
    }

    static let ask = DependencyAskID("ask-mkt-sales")

    @Test(
        "Sales' lead accepts Marketing's ask: the initiative is in Sales' plan, linked to the asking KR, on both pages")
    func accept() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let bao = try await client.signIn("bao@okra.demo")
            let (_, before) = try await client.page("/teams/sales", bao)
            #expect(before.contains("action=\"/asks/ask-mkt-sales/accept\""))
            let (status, location, _) = try await Self.post(
                client, "/asks/ask-mkt-sales/accept", bao, [("back", "/teams/sales")])
            #expect(status == .seeOther)
            #expect(location == "/teams/sales")
            let initiative = try #require(try await world.store.initiative(id: "initiative-ask-mkt-sales")?.value)
            #expect(initiative.owner == .team("sales"))
            #expect(initiative.keyResultIDs == ["kr-mkt-email"])
            #expect(initiative.askID == Self.ask)
            #expect(try await world.store.ask(id: Self.ask)?.value.state == .accepted)
            let (_, sales) = try await client.page("/teams/sales", bao)
            #expect(sales.contains("id=\"initiative-of-ask-mkt-sales\""))
            #expect(sales.contains("Sáng kiến trong kế hoạch của nhóm hỗ trợ: Gọi lại trong 24 giờ"))
            #expect(sales.contains("data-state=\"accepted\""))
            #expect(!sales.contains("action=\"/asks/ask-mkt-sales/accept\""))
            // Marketing's lead sees it accepted and may mark it done when the help has come.
            let ha = try await client.signIn("ha@okra.demo")
            let (_, marketing) = try await client.page("/teams/marketing", ha)
            #expect(marketing.contains("id=\"initiative-of-ask-mkt-sales\""))
            #expect(marketing.contains("action=\"/asks/ask-mkt-sales/done\""))
            // Marking it done asks whether the initiative is done too (ticked by default); unticked, the work
            // Sales planned goes on.
            #expect(marketing.contains("id=\"done-initiative-ask-mkt-sales\" checked"))
            #expect(marketing.contains("Sáng kiến tương ứng trong kế hoạch của nhóm kia cũng đã xong"))
            let (done, _, _) = try await Self.post(
                client, "/asks/ask-mkt-sales/done", ha, [("back", "/"), ("initiative_asked", "1")])
            #expect(done == .seeOther)
            #expect(try await world.store.ask(id: Self.ask)?.value.state == .done)
            #expect(try await world.store.initiative(id: "initiative-ask-mkt-sales")?.value.state == .planned)
        }
        try await world.close()
    }

    @Test("Declining needs a reason (asked for next to the field, input kept); the reason shows on both teams' pages")
    func decline() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let bao = try await client.signIn("bao@okra.demo")
            let (status, _, html) = try await Self.post(
                client, "/asks/ask-mkt-sales/decline", bao, [("back", "/teams/sales"), ("reason", "   ")])
            #expect(status == .unprocessableContent)
            #expect(html.contains("id=\"decline-reason-ask-mkt-sales-error\""))
            #expect(html.contains("aria-describedby=\"decline-reason-ask-mkt-sales-error\""))
            #expect(html.contains("<details class=\"ask-form\" open>"))
            #expect(try await world.store.ask(id: Self.ask)?.value.state == .requested)

            let reason = "Quý này Sales thiếu người <i>trực</i> MQL"
            let (declined, location, _) = try await Self.post(
                client, "/asks/ask-mkt-sales/decline", bao, [("back", "/teams/sales"), ("reason", reason)])
            #expect(declined == .seeOther)
            #expect(location == "/teams/sales")
            let escaped = "Quý này Sales thiếu người &lt;i&gt;trực&lt;/i&gt; MQL"
            #expect(try await client.page("/teams/sales", bao).1.contains(escaped))
            let ha = try await client.signIn("ha@okra.demo")
            let (_, marketing) = try await client.page("/teams/marketing", ha)
            #expect(marketing.contains("Lý do từ chối"))
            #expect(marketing.contains(escaped))
            // The asking lead's week shows the decline too, and the meeting page.
            #expect(try await client.page("/", ha).1.contains(escaped))
            #expect(try await client.page("/teams/marketing/meeting", ha).1.contains(escaped))
        }
        try await world.close()
    }

    @Test("A counter-proposal (new date and scope) is accepted by the asking side; the initiative is due then")
    func counterThenAccept() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let bao = try await client.signIn("bao@okra.demo")
            let (bad, _, badHTML) = try await Self.post(
                client, "/asks/ask-mkt-sales/counter", bao, [("due", ""), ("scope", ""), ("back", "/")])
            #expect(bad == .unprocessableContent)
            #expect(badHTML.contains("Hãy đưa ra ngày mới, phạm vi mới, hoặc cả hai."))
            let (wrongDate, _, dateHTML) = try await Self.post(
                client, "/asks/ask-mkt-sales/counter", bao,
                [("due", "31/12"), ("scope", "Chỉ MQL email"), ("back", "/")])
            #expect(wrongDate == .unprocessableContent)
            #expect(dateHTML.contains("id=\"counter-due-ask-mkt-sales-error\""))
            #expect(dateHTML.contains("value=\"31/12\""))
            #expect(dateHTML.contains(">Chỉ MQL email</textarea>"))

            let (status, _, _) = try await Self.post(
                client, "/asks/ask-mkt-sales/counter", bao,
                [("due", "2026-12-18"), ("scope", "Gọi lại trong 48 giờ"), ("back", "/teams/sales")])
            #expect(status == .seeOther)
            // Marketing's lead reads the counter-proposal in her week and accepts it there.
            let ha = try await client.signIn("ha@okra.demo")
            let (_, week) = try await client.page("/", ha)
            #expect(week.contains("Đề xuất lại"))
            #expect(week.contains("ngày mới 18/12/2026"))
            #expect(week.contains("Gọi lại trong 48 giờ"))
            #expect(week.contains("Chấp nhận đề xuất lại"))
            let (accepted, _, _) = try await Self.post(client, "/asks/ask-mkt-sales/accept", ha, [("back", "/")])
            #expect(accepted == .seeOther)
            let initiative = try #require(try await world.store.initiative(id: "initiative-ask-mkt-sales")?.value)
            #expect(initiative.due == Day(iso: "2026-12-18"))
            #expect(initiative.owner == .team("sales"))
        }
        try await world.close()
    }

    @Test("Only the providing team's leads answer: members, viewers, the asking lead and a forged form get 403")
    func permissions() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            for email in ["nam@okra.demo", "lan@okra.demo", "mai@okra.demo", "ha@okra.demo", "long@okra.demo"] {
                let cookies = try await client.signIn(email)
                let (status, _, _) = try await Self.post(client, "/asks/ask-mkt-sales/accept", cookies, [])
                #expect(status == .forbidden, "\(email)")
                let (decline, _, _) = try await Self.post(
                    client, "/asks/ask-mkt-sales/decline", cookies, [("reason", "Không")])
                #expect(decline == .forbidden, "\(email)")
            }
            let bao = try await client.signIn("bao@okra.demo")
            let (forged, _, _) = try await Self.post(client, "/asks/ask-mkt-sales/accept", bao, [], csrf: "forged")
            #expect(forged == .forbidden)
            // Done only once accepted.
            let (early, _, _) = try await Self.post(client, "/asks/ask-mkt-sales/done", bao, [])
            #expect(early == .forbidden)
            #expect(try await client.page("/asks/khong-co", bao).0 == .notFound)
            // The admin answers anything.
            let admin = try await client.signIn(DemoOrganization.adminEmail)
            let (status, _, _) = try await Self.post(client, "/asks/ask-mkt-sales/accept", admin, [])
            #expect(status == .seeOther)
        }
        #expect(try await world.store.ask(id: Self.ask)?.value.state == .accepted)
        try await world.close()
    }

    @Test("The ask's own page shows it with the answers its reader may give; an ask about a private objective is 404")
    func askPage() async throws {
        let world = try await TestWorld.demo()
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        _ = try await world.store.createObjective(
            Objective(
                id: "o-private", cycleID: cycle.id, title: LocalizedName(vi: "Kế hoạch tuyển dụng bí mật"),
                owner: .person("p-lan"), state: .published, visibility: .private), actor: nil)
        try await world.store.createAsk(
            DependencyAsk(
                id: "ask-private", fromTeamID: "sales", toTeamID: "engineering", objectiveID: "o-private",
                need: "Phỏng vấn kỹ thuật <script>x</script>", dueBy: TestWorld.today.adding(days: 7)),
            actor: "p-lan")
        try await world.test { client in
            let bao = try await client.signIn("bao@okra.demo")
            let (status, html) = try await client.page("/asks/ask-mkt-sales", bao)
            #expect(status == .ok)
            #expect(html.contains("Marketing đề nghị Kinh doanh hỗ trợ"))
            #expect(html.contains("id=\"accept-ask-mkt-sales\""))
            #expect(html.contains("<label for=\"decline-reason-ask-mkt-sales\">"))
            let nam = try await client.signIn("nam@okra.demo")
            let (_, readOnly) = try await client.page("/asks/ask-mkt-sales", nam)
            #expect(!readOnly.contains("id=\"accept-ask-mkt-sales\""))
            #expect(try await client.page("/asks/ask-private", nam).0 == .notFound)
            let (_, shown) = try await client.page("/asks/ask-private", bao)
            #expect(shown.contains("Phỏng vấn kỹ thuật &lt;script&gt;x&lt;/script&gt;"))
            // The demo's ask is not due yet: nothing says overdue.
            let (_, sales) = try await client.page("/teams/sales", bao)
            #expect(!sales.contains("class=\"chip warn overdue\""))
        }
        try await world.close()
    }

    @Test("An open ask past its date is marked overdue in words on both teams' pages")
    func overdue() async throws {
        let world = try await TestWorld.demo()
        try await world.store.createAsk(
            DependencyAsk(
                id: "ask-late", fromTeamID: "engineering", toTeamID: "marketing", keyResultID: "kr-eng-load",
                need: "Ảnh banner nén sẵn", dueBy: TestWorld.today.adding(days: -3)),
            actor: "p-long")
        try await world.test { client in
            let cookies = try await client.signIn("mai@okra.demo")
            for team in ["marketing", "engineering"] {
                let (_, html) = try await client.page("/teams/\(team)", cookies)
                let item = try #require(html.range(of: "id=\"ask-ask-late\""))
                #expect(String(html[item.lowerBound...].prefix(600)).contains(">Quá hạn</span>"), "\(team)")
            }
            let (_, meeting) = try await client.page("/teams/marketing/meeting", cookies)
            #expect(meeting.contains("class=\"ask a-requested overdue\""))
        }
        try await world.close()
    }

    @Test("An accepted ask past its date shows in both leads' weeks until it is done")
    func overdueInBothWeeks() async throws {
        let world = try await TestWorld.demo()
        let ask = try DependencyAsk(
            id: "ask-late", fromTeamID: "engineering", toTeamID: "marketing", keyResultID: "kr-eng-load",
            need: "Ảnh banner nén sẵn", dueBy: TestWorld.today.adding(days: -3))
        try await world.store.createAsk(ask, actor: "p-long")
        _ = try await world.store.updateAsk(try ask.accepted(), expectedVersion: 1, actor: "p-ha", creating: nil)
        try await world.test { client in
            for lead in ["ha@okra.demo", "long@okra.demo"] {
                let cookies = try await client.signIn(lead)
                let (_, week) = try await client.page("/", cookies)
                #expect(week.contains("id=\"ask-ask-late\""), "\(lead)")
            }
        }
        try await world.close()
    }

    @Test("Asking another team for help: the form for a KR, errors next to fields with input kept, then the ask")
    func newAsk() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let ha = try await client.signIn("ha@okra.demo")
            let (status, form) = try await client.page("/asks/new?key_result=kr-mkt-adwords", ha)
            #expect(status == .ok)
            #expect(form.contains("<option value=\"key_result:kr-mkt-adwords\" selected>"))
            #expect(form.contains("<option value=\"marketing\" selected>"))
            for id in ["ask-about", "ask-from", "ask-to", "ask-need", "ask-due"] {
                #expect(form.contains("<label for=\"\(id)\">"), "\(id)")
            }
            // Another team's objectives are not offered unless asked for.
            #expect(!form.contains("objective:o-sales-nurture"))
            // Marketing asks another team: Sales is offered, Marketing itself is not.
            let toStart = try #require(form.range(of: "id=\"ask-to\""))
            let toEnd = try #require(form.range(of: "</select>", range: toStart.upperBound..<form.endIndex))
            let toSelect = form[toStart.lowerBound..<toEnd.lowerBound]
            #expect(toSelect.contains("<option value=\"sales\""))
            #expect(!toSelect.contains("<option value=\"marketing\""))

            let fields = [
                ("about", "key_result:kr-mkt-adwords"), ("from", "marketing"), ("to", "marketing"),
                ("need", "  "), ("due", "mai"),
            ]
            let (refused, _, html) = try await Self.post(client, "/asks", ha, fields)
            #expect(refused == .unprocessableContent)
            #expect(html.contains("id=\"ask-to-error\""))
            #expect(html.contains("Hãy chọn một nhóm khác với nhóm đề nghị."))
            #expect(html.contains("id=\"ask-need-error\""))
            #expect(html.contains("id=\"ask-due-error\""))
            #expect(html.contains("value=\"mai\""))
            #expect(html.contains("<option value=\"key_result:kr-mkt-adwords\" selected>"))

            let need = "Cho mượn 2 người gọi điện <b>tuần tới</b>"
            let good = [
                ("about", "key_result:kr-mkt-adwords"), ("from", "marketing"), ("to", "sales"), ("need", need),
                ("due", "2026-12-11"),
            ]
            let (created, location, _) = try await Self.post(client, "/asks", ha, good)
            #expect(created == .seeOther)
            #expect(location == "/teams/marketing")
            let asks = try await world.store.asks(team: "marketing").map(\.value)
            let ask = try #require(asks.first { $0.keyResultID == "kr-mkt-adwords" })
            #expect(ask.toTeamID == "sales")
            #expect(ask.dueBy == Day(iso: "2026-12-11"))
            #expect(ask.need == need)
            let (_, page) = try await client.page("/teams/marketing", ha)
            #expect(page.contains("Cho mượn 2 người gọi điện &lt;b&gt;tuần tới&lt;/b&gt;"))
            // Sales' lead finds it in his week with the answers.
            let bao = try await client.signIn("bao@okra.demo")
            #expect(try await client.page("/", bao).1.contains("action=\"/asks/\(ask.id.rawValue)/accept\""))
        }
        try await world.close()
    }

    @Test("A viewer may not ask; a member may only ask for their own team")
    func newAskPermissions() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let mai = try await client.signIn("mai@okra.demo")
            #expect(try await client.page("/asks/new", mai).0 == .forbidden)
            let (status, _, _) = try await Self.post(
                client, "/asks", mai,
                [
                    ("about", "objective:o-mkt-mql"), ("from", "company"), ("to", "sales"), ("need", "x"),
                    ("due", "2026-12-11"),
                ])
            #expect(status == .forbidden)
            let nam = try await client.signIn("nam@okra.demo")
            let (refused, _, html) = try await Self.post(
                client, "/asks", nam,
                [
                    ("about", "key_result:kr-mkt-email"), ("from", "sales"), ("to", "engineering"), ("need", "x"),
                    ("due", "2026-12-11"),
                ])
            #expect(refused == .unprocessableContent)
            #expect(html.contains("id=\"ask-from-error\""))
        }
        #expect(try await world.store.asks(team: "engineering").isEmpty)
        try await world.close()
    }
}
