import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("The objective page: KRs with their charts and history, alignment, findings and comments")
struct ObjectivePageTests {
    static func activeCycle(_ world: TestWorld) async throws -> Cycle {
        try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
    }

    static func post(
        _ client: any TestClientProtocol, _ uri: String, _ form: String, _ cookies: BrowserCookies
    ) async throws -> (HTTPResponse.Status, String, String?) {
        try await client.execute(
            uri: uri, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: form)
        ) { response in
            (response.status, String(buffer: response.body), response.headers[.location])
        }
    }

    @Test("Marketing's objective: MQL from email at 130 is 60% on its chart, with history, parent and edit link")
    func marketingObjective() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (status, html) = try await client.page("/objectives/o-mkt-mql", cookies)
            #expect(status == .ok)
            #expect(html.contains("<h1>Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn</h1>"))
            #expect(html.contains("id=\"edit-objective\" href=\"/objectives/o-mkt-mql/edit\""))
            #expect(html.contains("Tăng MQL từ email từ 100 lên 150"))
            // One chart per KR, each with a title and a description in words.
            #expect(html.components(separatedBy: "<svg class=\"progress-chart\"").count - 1 == 3)
            #expect(html.contains("<title id=\"chart-kr-mkt-email-title\">Tăng MQL từ email từ 100 lên 150</title>"))
            #expect(html.contains("<desc id=\"chart-kr-mkt-email-desc\">"))
            #expect(html.contains("class=\"expected\" points=\""))
            // The latest check-in, 130 MQL, is (130 − 100) / (150 − 100) = 60%, in the chart and the table.
            #expect(html.contains(": 60%</title></circle>"))
            #expect(html.contains("<td class=\"number\">130 MQL</td><td class=\"number\">60%</td>"))
            #expect(html.contains("<table class=\"history\">"))
            // It contributes to the company objective, linked.
            #expect(html.contains("<a href=\"/objectives/o-company-growth\">Tăng trưởng doanh thu bền vững"))
            #expect(html.contains("Bản tin email hằng tuần mới"))
            #expect(html.contains("<section id=\"comments\"") || html.contains("id=\"comments\""))
            #expect(html.contains("id=\"comment-body\""))
        }
        try await world.close()
    }

    @Test("The company objective lists the team objectives aligned to it, and Sales' findings carry their codes")
    func childrenAndFindings() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("bao@okra.demo")
            let (_, company) = try await client.page("/objectives/o-company-growth", cookies)
            #expect(company.contains("<a href=\"/objectives/o-mkt-mql\">"))
            #expect(company.contains("<a href=\"/objectives/o-sales-nurture\">"))
            #expect(!company.contains("id=\"edit-objective\""))
            let (_, sales) = try await client.page("/objectives/o-sales-nurture", cookies)
            #expect(sales.contains("data-code=\"validity_condition_not_met\""))
            #expect(sales.contains("id=\"edit-objective\""))
        }
        try await world.close()
    }

    @Test("The viewer reads the page without an edit link or a comment form, and cannot post a comment")
    func viewerReadsOnly() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("mai@okra.demo")
            let (status, html) = try await client.page("/objectives/o-mkt-mql", cookies)
            #expect(status == .ok)
            #expect(!html.contains("id=\"edit-objective\""))
            #expect(!html.contains("id=\"comment-body\""))
            let (posted, _, _) = try await Self.post(
                client, "/objectives/o-mkt-mql/comments", "body=Xin+ch%C3%A0o&csrf=\(cookies.csrf)", cookies)
            #expect(posted == .forbidden)
        }
        #expect(try await world.store.comments(subject: .objective("o-mkt-mql")).isEmpty)
        try await world.close()
    }

    @Test("A member asks a question: it is saved and shown; an empty one keeps the page with a message")
    func comments() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            let question = "Kênh AdWords có cần thêm ngân sách không?"
            let (status, _, location) = try await Self.post(
                client, "/objectives/o-mkt-mql/comments",
                "body=\(question.formEncoded)&question=1&csrf=\(cookies.csrf)", cookies)
            #expect(status == .seeOther)
            #expect(location == "/objectives/o-mkt-mql#comments")
            let (_, html) = try await client.page("/objectives/o-mkt-mql", cookies)
            #expect(html.contains(question))
            #expect(html.contains("Lê Văn Nam"))
            let (empty, page, _) = try await Self.post(
                client, "/objectives/o-mkt-mql/comments", "body=+&csrf=\(cookies.csrf)", cookies)
            #expect(empty == .unprocessableContent)
            #expect(page.contains("id=\"comment-body-error\""))
            #expect(page.contains("aria-describedby=\"comment-body-error\""))
            let (forged, _, _) = try await Self.post(
                client, "/objectives/o-mkt-mql/comments", "body=x&csrf=forged", cookies)
            #expect(forged == .forbidden)
        }
        let saved = try await world.store.comments(subject: .objective("o-mkt-mql"))
        #expect(saved.count == 1)
        #expect(saved.first?.isQuestion == true)
        #expect(saved.first?.authorID == "p-nam")
        try await world.close()
    }

    @Test("Titles, KR titles, notes and comments like <script>alert(1)</script> show as text, SVG included")
    func escaping() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        let attack = "<script>alert(1)</script>"
        _ = try await world.store.createObjective(
            Objective(
                id: "o-xss", cycleID: cycle.id, title: LocalizedName(vi: attack), owner: .team("sales"),
                state: .published),
            actor: nil)
        _ = try await world.store.createKeyResult(
            KeyResult(
                id: "kr-xss", objectiveID: "o-xss", title: LocalizedName(vi: attack), kind: .increase, start: 0,
                target: 10),
            actor: nil)
        _ = try await world.store.recordCheckIn(
            CheckIn(
                id: "ci-xss", keyResultID: "kr-xss", value: 4, note: attack, authorID: "p-lan",
                recordedAt: Date(timeIntervalSince1970: 1_795_000_000), day: TestWorld.today),
            actor: nil)
        try await world.store.addComment(
            Comment(
                id: "c-xss", subject: .objective("o-xss"), authorID: "p-lan", body: attack,
                createdAt: Date(timeIntervalSince1970: 1_795_000_000)),
            actor: nil)
        try await world.test { client in
            let cookies = try await client.signIn("bao@okra.demo")
            let (status, html) = try await client.page("/objectives/o-xss", cookies)
            #expect(status == .ok)
            #expect(!html.contains(attack))
            #expect(html.contains("<title id=\"chart-kr-xss-title\">&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
            #expect(html.components(separatedBy: "&lt;script&gt;alert(1)&lt;/script&gt;").count - 1 >= 5)
        }
        try await world.close()
    }

    @Test("A private objective is not found by someone outside its team")
    func privateObjective() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        _ = try await world.store.createObjective(
            Objective(
                id: "o-private", cycleID: cycle.id, title: LocalizedName(vi: "Kế hoạch tuyển dụng bí mật"),
                owner: .person("p-lan"), state: .published, visibility: .private), actor: nil)
        try await world.test { client in
            let outsider = try await client.signIn("nam@okra.demo")
            #expect(try await client.page("/objectives/o-private", outsider).0 == .notFound)
            #expect(try await client.page("/objectives/o-private/edit", outsider).0 == .notFound)
            let lead = try await client.signIn("bao@okra.demo")
            #expect(try await client.page("/objectives/o-private", lead).0 == .ok)
        }
        try await world.close()
    }

    /// Each KR's history and chart are kept between requests (`HistoryMemo`, `ProgressChart.html`): a check-in
    /// and the other language must show at once, never what an earlier request read or drew.
    @Test("A history and a chart kept from an earlier request follow a check-in and the language")
    func keptHistoriesFollowCheckIns() async throws {
        let world = try await TestWorld.demo()
        let ha = try await world.token("p-ha")
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (_, first) = try await client.page("/objectives/o-mkt-mql", cookies)
            let (_, again) = try await client.page("/objectives/o-mkt-mql", cookies)
            #expect(first == again)
            #expect(first.contains("<td class=\"number\">130 MQL</td><td class=\"number\">60%</td>"))
            #expect(!first.contains("140 MQL"))

            let checkIn = try await client.api(
                .post, "/api/v1/key-results/kr-mkt-email/check-ins", token: ha,
                body: #"{"value": 140, "confidence": 7, "note": "Tuần này tốt"}"#)
            #expect(checkIn.status == .created)
            let (_, after) = try await client.page("/objectives/o-mkt-mql", cookies)
            #expect(after.contains("<td class=\"number\">140 MQL</td><td class=\"number\">80%</td>"))
            #expect(after.contains(": 80%</title></circle>"), "the chart has the new point")
            #expect(after.contains("Tuần này tốt"))

            try await NumberFormattingPageTests.english(client, cookies)
            let (_, english) = try await client.page("/objectives/o-mkt-mql", cookies)
            #expect(
                english.contains(
                    "<title id=\"chart-kr-mkt-email-title\">Raise MQL from email from 100 to 150</title>"))
            #expect(english.contains(": 80%</title></circle>"))
            #expect(!english.contains("<title id=\"chart-kr-mkt-email-title\">Tăng MQL"))
        }
        try await world.close()
    }

    @Test("The page takes the same number of queries with 30 more check-ins and comments")
    func constantQueries() async throws {
        let world = try await TestWorld.demo()
        func count() async throws -> Int {
            try await world.test { client in
                let cookies = try await client.signIn("mai@okra.demo")
                // The first request loads the read model; what is counted is a page as it is served after.
                _ = try await client.page("/objectives/o-mkt-mql", cookies)
                let before = world.database.queryCount
                let (status, _) = try await client.page("/objectives/o-mkt-mql", cookies)
                #expect(status == .ok)
                return world.database.queryCount - before
            }
        }
        let small = try await count()
        for n in 0..<30 {
            _ = try await world.store.recordCheckIn(
                CheckIn(
                    id: CheckInID("ci-extra-\(n)"), keyResultID: "kr-mkt-adwords", value: Decimal(70 + n % 20),
                    authorID: "p-ha", recordedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(n)),
                    day: TestWorld.today.adding(days: -n)),
                actor: nil)
            try await world.store.addComment(
                Comment(
                    id: CommentID("c-extra-\(n)"), subject: .objective("o-mkt-mql"), authorID: "p-nam",
                    body: "Bình luận \(n)", createdAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(n))),
                actor: nil)
        }
        let large = try await count()
        #expect(small == large)
        try await world.close()
    }

    @Test("Objective titles on the company overview and in the alignment map's tree open the objective's page")
    func linkedFromOverviewAndMap() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("mai@okra.demo")
            let (_, company) = try await client.page("/company", cookies)
            #expect(company.contains("<h3><a href=\"/objectives/o-mkt-mql\">Cải thiện các kênh quảng cáo"))
            let (_, map) = try await client.page("/map", cookies)
            #expect(map.contains("href=\"/objectives/o-mkt-mql\""))
            #expect(map.contains("href=\"/objectives/o-company-growth\""))
        }
        try await world.close()
    }
}
