import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("My week: the mood of the week, plans not linked to an objective, and a lead's team questions")
struct MyWeekMoodAndQuestionsTests {
    static func save(_ client: some TestClientProtocol, _ cookies: BrowserCookies, _ fields: [(String, String)])
        async throws -> (HTTPResponse.Status, String)
    {
        let version = try await client.weekFormVersion(cookies)
        let body = ([("csrf", cookies.csrf)] + fields + version).map { "\($0.0)=\($0.1.formEncoded)" }.joined(
            separator: "&")
        return try await client.execute(
            uri: "/week", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: body)
        ) { response in (response.status, String(buffer: response.body)) }
    }

    @Test("The mood is a labelled choice of 1 to 5 with words; it is saved, shown, and cleared by choosing none")
    func mood() async throws {
        let world = try await TestWorld.demo()
        let week = TestWorld.today.startOfWeek(.monday)
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            let (_, html) = try await client.page("/", cookies)
            #expect(html.contains("<label for=\"mood\">Tuần này của bạn thế nào? (không bắt buộc)</label>"))
            #expect(html.contains("<option value=\"2\">2 — khó khăn</option>"))
            let (saved, _) = try await Self.save(client, cookies, [("plans", "Viết bài blog"), ("mood", "4")])
            #expect(saved == .seeOther)
            let (_, after) = try await client.page("/", cookies)
            #expect(after.contains("<option value=\"4\" selected>4 — tốt</option>"))
            #expect(after.contains("Tâm trạng: 4 — tốt"))
            #expect(try await world.store.weeklyUpdates(week: week, people: ["p-nam"]).first?.mood == 4)

            let (bad, page) = try await Self.save(client, cookies, [("plans", "Giữ lại dòng này"), ("mood", "9")])
            #expect(bad == .unprocessableContent)
            #expect(page.contains("id=\"mood-error\""))
            #expect(page.contains("aria-describedby=\"mood-error\""))
            #expect(page.contains("Giữ lại dòng này"))
            #expect(try await world.store.weeklyUpdates(week: week, people: ["p-nam"]).first?.mood == 4)

            let (cleared, _) = try await Self.save(client, cookies, [("plans", "Viết bài blog"), ("mood", "")])
            #expect(cleared == .seeOther)
        }
        #expect(try await world.store.weeklyUpdates(week: week, people: ["p-nam"]).first?.mood == nil)
        try await world.close()
    }

    @Test("A plan not linked to any objective or KR asks, in the mission's words, whether to keep or drop it")
    func unlinkedPlan() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            _ = try await Self.save(client, cookies, [("plans", "[kr-mkt-email] Gửi bản tin\nDọn hộp thư")])
            let (_, html) = try await client.page("/", cookies)
            #expect(
                html.contains(
                    "Dọn hộp thư</span><span class=\"chip warn\">Chưa liên kết với mục tiêu nào — giữ hay bỏ qua việc này?"
                ))
            #expect(!html.contains("Gửi bản tin</span><span class=\"chip warn\">"))
            let english = try await client.signIn("nam@okra.demo")
            try await client.execute(
                uri: "/language", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: english.header],
                body: ByteBuffer(string: "to=en&back=%2F&csrf=\(english.csrf)")
            ) { _ in }
            let (_, en) = try await client.page("/", english)
            #expect(en.contains("Not linked to an objective — keep or drop it?"))
        }
        try await world.close()
    }

    @Test("Ha, Marketing's lead, finds open questions on Marketing's objective and KRs; Nam's own are not repeated")
    func leadQuestions() async throws {
        let world = try await TestWorld.demo()
        let asked: [(String, OKRCore.Comment.Subject, String, Bool)] = [
            ("c-1", .objective("o-mkt-mql"), "Ngân sách quý này là bao nhiêu?", true),
            ("c-2", .keyResult("kr-mkt-adwords"), "AdWords có tăng giá thầu không?", true),
            ("c-3", .keyResult("kr-mkt-organic"), "Một nhận xét, không phải câu hỏi", false),
            ("c-4", .objective("o-sales-nurture"), "Câu hỏi của nhóm Kinh doanh", true),
        ]
        for (n, (id, subject, body, question)) in asked.enumerated() {
            try await world.store.addComment(
                OKRCore.Comment(
                    id: CommentID(id), subject: subject, authorID: "p-nam", body: body, isQuestion: question,
                    createdAt: Date(timeIntervalSince1970: 1_795_000_000 + Double(n))),
                actor: nil)
        }
        try await world.test { client in
            let ha = try await client.signIn("ha@okra.demo")
            let (_, html) = try await client.page("/", ha)
            #expect(html.contains("Ngân sách quý này là bao nhiêu?"))
            #expect(html.contains("AdWords có tăng giá thầu không?"))
            #expect(!html.contains("Một nhận xét, không phải câu hỏi"))
            #expect(!html.contains("Câu hỏi của nhóm Kinh doanh"))
            // A member is not the one to answer for the team.
            let lan = try await client.signIn("lan@okra.demo")
            let (_, member) = try await client.page("/", lan)
            #expect(!member.contains("Câu hỏi của nhóm Kinh doanh"))
            let bao = try await client.signIn("bao@okra.demo")
            let (_, salesLead) = try await client.page("/", bao)
            #expect(salesLead.contains("Câu hỏi của nhóm Kinh doanh"))
            #expect(!salesLead.contains("Ngân sách quý này là bao nhiêu?"))
        }
        try await world.close()
    }

    /// What My week reads beside the read model is kept between requests while only check-ins are written:
    /// a check-in reads nothing again and shows at once, and an update saved elsewhere, a question and an ask
    /// each show on the next request.
    @Test("My week kept from an earlier request follows a check-in, an update, a question and an ask")
    func keptWeekFollowsChanges() async throws {
        let world = try await TestWorld.demo()
        let ha = try await world.token("p-ha")
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            _ = try await client.page("/", cookies)
            var before = world.database.queryCount
            _ = try await client.page("/", cookies)
            let kept = world.database.queryCount - before

            let checkIn = try await client.api(
                .post, "/api/v1/key-results/kr-mkt-adwords/check-ins", token: ha, body: #"{"value": 91}"#)
            #expect(checkIn.status == .created)
            before = world.database.queryCount
            let (_, checkedIn) = try await client.page("/", cookies)
            #expect(world.database.queryCount - before == kept)
            #expect(checkedIn.contains("91 / 100 MQL (từ 70)"))

            let week = TestWorld.today.startOfWeek(.monday)
            let saved = try await world.store.versionedWeeklyUpdates(week: week, people: ["p-ha"]).first
            _ = try await world.store.saveWeeklyUpdate(
                try WeeklyUpdate(
                    id: saved?.value.id ?? "wu-ha-kept", personID: "p-ha", week: week,
                    plans: [try PlanItem(text: "Chốt ngân sách quảng cáo tháng sau")]),
                expectedVersion: saved?.version, actor: "p-ha")
            let (_, updated) = try await client.page("/", cookies)
            #expect(updated.contains("Chốt ngân sách quảng cáo tháng sau"))

            try await world.store.addComment(
                OKRCore.Comment(
                    id: "c-kept", subject: .keyResult("kr-mkt-adwords"), authorID: "p-nam",
                    body: "Giá thầu mới áp dụng từ tuần nào?", isQuestion: true,
                    createdAt: Date(timeIntervalSince1970: 1_795_000_000)),
                actor: "p-nam")
            let (_, questioned) = try await client.page("/", cookies)
            #expect(questioned.contains("Giá thầu mới áp dụng từ tuần nào?"))

            try await world.store.createAsk(
                DependencyAsk(
                    id: "ask-kept", fromTeamID: "sales", toTeamID: "marketing", keyResultID: "kr-mkt-email",
                    need: "Danh sách khách dùng thử tuần này", dueBy: Day(iso: "2026-12-20")!),
                actor: "p-mai")
            let (_, asked) = try await client.page("/", cookies)
            #expect(asked.contains("Danh sách khách dùng thử tuần này"))
        }
        try await world.close()
    }
}
