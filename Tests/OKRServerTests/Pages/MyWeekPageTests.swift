import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("My week, the home page, on the demo organization")
struct MyWeekPageTests {
    /// POSTs the weekly-update form and hands back status, location and HTML.
    static func saveWeek(
        _ client: some TestClientProtocol, _ cookies: BrowserCookies, plans: String, progress: String = "",
        problems: String = "", csrf: String? = nil
    ) async throws -> (HTTPResponse.Status, String?, String) {
        let fields =
            [("csrf", csrf ?? cookies.csrf), ("plans", plans), ("progress", progress), ("problems", problems)]
            + (try await client.weekFormVersion(cookies))
        let body = fields.map { "\($0.0)=\($0.1.formEncoded)" }.joined(separator: "&")
        return try await client.execute(
            uri: "/week", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: body)
        ) { response in
            (response.status, response.headers[.location], String(buffer: response.body))
        }
    }

    @Test("Nam's week: his three KRs with last value, status and a one-click check-in, and his weekly update")
    func namsWeek() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            let (status, html) = try await client.page("/", cookies)
            #expect(status == .ok)
            // The heading is the page's name after Nam's initials (hidden from assistive technology).
            #expect(
                html.contains(
                    "<h1 class=\"person\"><span class=\"avatar c-\(Avatar.colour("Lê Văn Nam"))\" aria-hidden=\"true\">LN"
                        + "</span>Tuần của tôi</h1>"))
            for id in ["kr-mkt-email", "kr-nam-open", "kr-nam-ctr"] {
                #expect(html.contains("id=\"kr-\(id)\""))
                #expect(html.contains("href=\"/check-in#row-\(id)\""))
            }
            #expect(!html.contains("id=\"kr-kr-mkt-adwords\""))
            // MQL from email at 130: 60%, with the status as text and its explanation.
            #expect(html.contains("130 / 150 MQL (từ 100)"))
            #expect(html.contains("(130 − 100) / (150 − 100) = 0,6"))
            #expect(html.contains("href=\"/check-in\" id=\"check-in-all\""))
            // This week's update, plans linked or shown unlinked.
            #expect(html.contains("Gửi bản tin tuần với tiêu đề A/B"))
            #expect(html.contains("Liên kết với Tăng tỉ lệ mở bản tin từ 18% lên 28%"))
            #expect(
                html.contains(
                    "Cập nhật ảnh bìa fanpage</span><span class=\"chip warn\">Chưa liên kết với mục tiêu nào — giữ hay bỏ qua việc này?"
                ))
            // Each plan is a row: its text, and the KR it moves picked from his KRs and objectives.
            #expect(html.contains("id=\"plan-0-text\" name=\"plan-0-text\" value=\"Gửi bản tin tuần với tiêu đề A/B\""))
            #expect(html.contains("<option value=\"kr-nam-open\" selected>"))
            #expect(html.contains("<label for=\"plan-0-link\">"))
            #expect(html.contains("id=\"plan-3-text\""), "empty rows add plans")
            #expect(html.contains("Tỉ lệ mở tăng 2 điểm sau khi đổi giờ gửi."))
            // Navigation: my week, the company, my team, the map.
            #expect(html.contains("<a href=\"/company\">"))
            #expect(html.contains("<a href=\"/teams/marketing\">"))
        }
        try await world.close()
    }

    @Test("Open questions on my KRs and asks to my team wait for me; answered ones and others' do not")
    func questionsAndAsks() async throws {
        let world = try await TestWorld.demo()
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        try await world.store.addComment(
            Comment(
                id: "c-open", subject: .keyResult("kr-mkt-email"), authorID: "p-ha",
                body: "Tuần này có gửi bản tin cho danh sách mới không?", isQuestion: true, createdAt: now),
            actor: "p-ha")
        try await world.store.addComment(
            Comment(
                id: "c-done", subject: .keyResult("kr-nam-open"), authorID: "p-ha", body: "Đổi giờ gửi chưa?",
                isQuestion: true, createdAt: now),
            actor: "p-ha")
        try await world.store.addComment(
            Comment(
                id: "c-done-answer", subject: .keyResult("kr-nam-open"), authorID: "p-nam", body: "Rồi, 8 giờ sáng.",
                createdAt: now.addingTimeInterval(60), answers: "c-done"),
            actor: "p-nam")
        try await world.store.createAsk(
            DependencyAsk(
                id: "ask-sales-mkt", fromTeamID: "sales", toTeamID: "marketing", keyResultID: "kr-sales-trial",
                need: "Một chuỗi email chăm sóc khách dùng thử", dueBy: Day(iso: "2026-12-15")!),
            actor: "p-bao")
        try await world.test { client in
            let nam = try await client.signIn("nam@okra.demo")
            let (_, html) = try await client.page("/", nam)
            #expect(html.contains("Tuần này có gửi bản tin cho danh sách mới không?"))
            #expect(!html.contains("Đổi giờ gửi chưa?"))
            #expect(html.contains("id=\"ask-ask-sales-mkt\""))
            #expect(html.contains("Một chuỗi email chăm sóc khách dùng thử"))
            #expect(html.contains("Từ <a href=\"/teams/sales\">Kinh doanh</a>"))
            // Marketing's own ask to Sales waits for Sales, not for Nam.
            #expect(!html.contains("id=\"ask-ask-mkt-sales\""))
            let lan = try await client.signIn("lan@okra.demo")
            let (_, lanHTML) = try await client.page("/", lan)
            #expect(lanHTML.contains("id=\"ask-ask-mkt-sales\""))
            #expect(!lanHTML.contains("Tuần này có gửi bản tin cho danh sách mới không?"))
        }
        try await world.close()
    }

    @Test("A KR never checked in, or not for 14 days, is stale")
    func stale() async throws {
        let world = try await TestWorld.demo()
        _ = try await world.store.createKeyResult(
            KeyResult(
                id: "kr-nam-new", objectiveID: "o-nam-email",
                title: LocalizedName(vi: "Tăng số người đăng ký từ 0 lên 500"),
                owner: .person("p-nam"), kind: .increase, start: 0, target: 500),
            actor: nil)
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            let (_, html) = try await client.page("/", cookies)
            #expect(html.contains("id=\"stale-kr-nam-new\""))
            #expect(html.contains("Chưa cập nhật lần nào"))
            #expect(!html.contains("id=\"stale-kr-mkt-email\""))
        }
        try await world.close()
    }

    @Test("Saving the weekly update links [id] plans, keeps others unlinked, and redirects with 303")
    func saveUpdate() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            let (status, location, _) = try await Self.saveWeek(
                client, cookies, plans: "[kr-mkt-email] Gửi bản tin cho 2.000 người mới\r\n\r\nViết bài blog về SEO",
                progress: "Đã đổi nhà cung cấp email.", problems: "Thiếu ảnh cho chiến dịch.")
            #expect(status == .seeOther)
            #expect(location?.hasPrefix("/?saved=week") == true)
            let (_, html) = try await client.page(location ?? "/", cookies)
            #expect(html.contains("role=\"status\""))
            #expect(html.contains("Liên kết với Tăng MQL từ email từ 100 lên 150"))
            #expect(html.contains("Viết bài blog về SEO</span><span class=\"chip warn\">"))
        }
        let week = TestWorld.today.startOfWeek(.monday)
        let update = try #require(try await world.store.weeklyUpdates(week: week, people: ["p-nam"]).first)
        #expect(update.plans.count == 2)
        #expect(update.plans[0].keyResultID == "kr-mkt-email")
        #expect(update.plans[0].text == "Gửi bản tin cho 2.000 người mới")
        #expect(update.plans[1].isLinked == false)
        #expect(update.progress == "Đã đổi nhà cung cấp email.")
        #expect(update.problems == "Thiếu ảnh cho chiến dịch.")
        try await world.close()
    }

    @Test("Plans are rows with a KR picked from a list: saved linked, a plan with no pick saved as unlinked")
    func planRows() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            let body = [
                ("csrf", cookies.csrf), ("version", "1"), ("plan-0-text", "Thử tiêu đề có tên người nhận"),
                ("plan-0-link", "kr-nam-open"), ("plan-1-text", "Dọn kho ảnh"), ("plan-1-link", ""),
                ("plan-2-text", ""), ("plan-2-link", "kr-nam-ctr"), ("progress", ""), ("problems", ""), ("mood", ""),
            ].map { "\($0.0.formEncoded)=\($0.1.formEncoded)" }.joined(separator: "&")
            let status = try await client.execute(
                uri: "/week", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(string: body)
            ) { $0.status }
            #expect(status == .seeOther)
            let update = try #require(try await world.store.weeklyUpdates(person: "p-nam").max { $0.week < $1.week })
            #expect(update.plans.map(\.text) == ["Thử tiêu đề có tên người nhận", "Dọn kho ảnh"])
            #expect(update.plans.map(\.keyResultID) == ["kr-nam-open", nil], "a row with no text is no plan")
        }
        try await world.close()
    }

    @Test("An unknown [id] in the plans shows next to the field, keeps the input and saves nothing")
    func unknownLink() async throws {
        let world = try await TestWorld.demo()
        let week = TestWorld.today.startOfWeek(.monday)
        let before = try await world.store.weeklyUpdates(week: week, people: ["p-nam"]).first
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            let (status, _, html) = try await Self.saveWeek(
                client, cookies, plans: "[kr-khong-co] Việc bí ẩn\nViệc thật", progress: "Giữ lại chữ này")
            #expect(status == .unprocessableContent)
            #expect(html.contains("aria-describedby=\"plans-hint plans-error\""))
            #expect(html.contains("id=\"plans-error\""))
            #expect(html.contains("Không có kết quả then chốt mã kr-khong-co mà bạn xem được."))
            #expect(html.contains("value=\"Việc bí ẩn\""))
            #expect(html.contains("<option value=\"kr-khong-co\" selected>"), "the link as sent, to correct")
            #expect(html.contains("value=\"Việc thật\""))
            #expect(html.contains("Giữ lại chữ này"))
        }
        #expect(try await world.store.weeklyUpdates(week: week, people: ["p-nam"]).first == before)
        try await world.close()
    }

    @Test("A viewer sees no update form and cannot post one; a forged token is refused")
    func permissions() async throws {
        let world = try await TestWorld.demo()
        let week = TestWorld.today.startOfWeek(.monday)
        try await world.test { client in
            let mai = try await client.signIn("mai@okra.demo")
            let (status, html) = try await client.page("/", mai)
            #expect(status == .ok)
            #expect(!html.contains("action=\"/week\""))
            let (posted, _, _) = try await Self.saveWeek(client, mai, plans: "Đọc báo cáo")
            #expect(posted == .forbidden)
            let nam = try await client.signIn("nam@okra.demo")
            let (forged, _, _) = try await Self.saveWeek(client, nam, plans: "Giả mạo", csrf: "forged")
            #expect(forged == .forbidden)
        }
        #expect(try await world.store.weeklyUpdates(week: week, people: ["p-mai"]).isEmpty)
        let nam = try await world.store.weeklyUpdates(week: week, people: ["p-nam"]).first
        #expect(nam?.plans.contains { $0.text == "Giả mạo" } == false)
        try await world.close()
    }

    @Test("Titles like <script>alert(1)</script> show as text on My week")
    func escaping() async throws {
        let world = try await TestWorld.demo()
        _ = try await world.store.createKeyResult(
            KeyResult(
                id: "kr-nam-xss", objectiveID: "o-nam-email", title: LocalizedName(vi: "<script>alert(1)</script>"),
                owner: .person("p-nam"), kind: .increase, start: 0, target: 10),
            actor: nil)
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            let (_, html) = try await client.page("/", cookies)
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            let (_, _, error) = try await Self.saveWeek(client, cookies, plans: "[<b>] <script>x</script>")
            #expect(!error.contains("<script>x</script>") && !error.contains("<b>"))
        }
        try await world.close()
    }

    @Test("My week takes the same number of queries with 30 more objectives, KRs and asks, 10 of them Nam's own")
    func constantQueries() async throws {
        let world = try await TestWorld.demo()
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        func count() async throws -> Int {
            try await world.test { client in
                let cookies = try await client.signIn("nam@okra.demo")
                // The first request loads the read model; what is counted is a page as it is served after.
                _ = try await client.page("/", cookies)
                let before = world.database.queryCount
                _ = try await client.page("/", cookies)
                return world.database.queryCount - before
            }
        }
        let small = try await count()
        for n in 0..<30 {
            let id = ObjectiveID("o-extra-\(n)")
            _ = try await world.store.createObjective(
                Objective(
                    id: id, cycleID: cycle.id, title: LocalizedName(vi: "Mục tiêu thêm \(n)"),
                    owner: n < 10 ? .person("p-nam") : .team("engineering"), state: .published),
                actor: nil)
            _ = try await world.store.createKeyResult(
                KeyResult(
                    id: KeyResultID("kr-extra-\(n)"), objectiveID: id,
                    title: LocalizedName(vi: "Tăng chỉ số \(n) từ 1 lên 2"), owner: n < 10 ? .person("p-nam") : nil,
                    kind: .increase, start: 1, target: 2),
                actor: nil)
            try await world.store.createAsk(
                DependencyAsk(
                    id: DependencyAskID("ask-extra-\(n)"), fromTeamID: "engineering", toTeamID: "marketing",
                    objectiveID: id, need: "Cần hỗ trợ \(n)", dueBy: Day(iso: "2026-12-20")!),
                actor: nil)
        }
        let large = try await count()
        #expect(small == large)
        try await world.close()
    }
}
