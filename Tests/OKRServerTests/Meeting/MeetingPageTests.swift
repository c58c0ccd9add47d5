import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRStore
import OKRTestSupport
import Testing

@testable import OKRServer

@Suite("The team's weekly OKR meeting, on the demo organization")
struct MeetingPageTests {
    /// The demo's week: Monday 23 to Sunday 29 November 2026 (today is Friday the 27th).
    static let week = TestWorld.today.startOfWeek(.monday)

    /// Seeds a week the meeting must show: a Marketing KR that Nam moved from 20 to 35 (0 → 100, so +15
    /// points, and off track late in the quarter), a problem and an unlinked plan in Nam's update (a script
    /// tag among them), and an open question on the objective.
    static func seed(_ world: TestWorld) async throws {
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        _ = try await world.store.createObjective(
            Objective(
                id: "o-mkt-events", cycleID: cycle.id, title: LocalizedName(vi: "Tổ chức sự kiện cho khách hàng"),
                owner: .team("marketing"), state: .published),
            actor: nil)
        _ = try await world.store.createKeyResult(
            KeyResult(
                id: "kr-mkt-signups", objectiveID: "o-mkt-events",
                title: LocalizedName(vi: "Tăng số người đăng ký hội thảo từ 0 lên 100"), owner: .person("p-nam"),
                kind: .increase, start: 0, target: 100),
            actor: nil)
        for (id, day, value) in [("ci-s1", "2026-11-18", 20), ("ci-s2", "2026-11-24", 30), ("ci-s3", "2026-11-25", 35)]
        {
            let day = try #require(Day(iso: day))
            _ = try await world.store.recordCheckIn(
                CheckIn(
                    id: CheckInID(id), keyResultID: "kr-mkt-signups", value: Decimal(value), authorID: "p-nam",
                    recordedAt: Date(timeIntervalSince1970: TimeInterval(day.julianDay - 2_440_588) * 86_400),
                    day: day),
                actor: "p-nam")
        }
        try await world.store.saveWeeklyUpdate(
            WeeklyUpdate(
                id: "wu-nam-meeting", personID: "p-nam", week: week,
                plans: [
                    try PlanItem(text: "Gửi thư mời hội thảo", keyResultID: "kr-mkt-signups"),
                    try PlanItem(text: "Dọn kho <b>tài liệu</b> cũ"),
                ],
                progress: "Đã chốt diễn giả.", problems: "Chưa có phòng hội thảo <script>alert(1)</script> **gấp**"),
            expectedVersion: try await world.store.versionedWeeklyUpdates(week: week, people: ["p-nam"]).first?.version,
            actor: "p-nam")
        try await world.store.addComment(
            OKRCore.Comment(
                id: "c-meeting-question", subject: .objective("o-mkt-events"), authorID: "p-anh",
                body: "Có cần thêm ngân sách cho sự kiện không?", isQuestion: true,
                createdAt: Date(timeIntervalSince1970: 1_795_000_000)),
            actor: "p-anh")
    }

    @Test(
        "The meeting shows what moved (from → to, progress, who), risks with their why, problems, plans, asks, questions"
    )
    func content() async throws {
        let world = try await TestWorld.demo()
        try await Self.seed(world)
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (status, html) = try await client.page("/teams/marketing/meeting", cookies)
            #expect(status == .ok)
            #expect(html.contains("<h1>Họp OKR hằng tuần — Marketing</h1>"))
            #expect(html.contains("Tuần 23/11/2026 – 29/11/2026"))
            // What moved: 20 before the week → 35, +15%, by Nam.
            let move = try #require(html.range(of: "id=\"move-kr-mkt-signups\""))
            let row = String(html[move.lowerBound...].prefix(600))
            #expect(row.contains("data-delta=\"0.15\""))
            #expect(row.contains("20 → 35"))
            #expect(row.contains("tiến độ +15%"))
            #expect(row.contains("cập nhật bởi Lê Văn Nam"))
            // A KR nobody checked in on this week does not move; Sales' KRs are not Marketing's.
            #expect(!html.contains("id=\"move-kr-sales-trial\""))
            // At risk or off track, with the explanation from the scorecard.
            let risk = try #require(html.range(of: "id=\"risk-kr-mkt-signups\""))
            let riskRow = String(html[risk.lowerBound...].prefix(2000))
            #expect(riskRow.contains("<summary>Chệch hướng</summary>"))
            #expect(riskRow.contains("(35 − 0) / (100 − 0) = 0,35"))
            // Problems by person, escaped; the unlinked plan; not the linked one.
            #expect(html.contains("Chưa có phòng hội thảo &lt;script&gt;alert(1)&lt;/script&gt; **gấp**"))
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("Dọn kho &lt;b&gt;tài liệu&lt;/b&gt; cũ"))
            #expect(
                html.contains("<span class=\"avatar c-\(Avatar.colour("Lê Văn Nam"))\" aria-hidden=\"true\">LN</span>"))
            #expect(!html.contains("<strong>Lê Văn Nam: </strong><span class=\"note-text\">Gửi thư mời"))
            // Marketing's ask to Sales is out; the open question waits.
            let out = try #require(html.range(of: "id=\"meeting-asks-out\""))
            let ask = try #require(html.range(of: "id=\"ask-ask-mkt-sales\""))
            #expect(out.lowerBound < ask.lowerBound)
            #expect(html.contains("Có cần thêm ngân sách cho sự kiện không?"))
            // Six sections, in order, each with its place.
            for (n, id) in ["moves", "risks", "problems", "unlinked", "asks", "questions"].enumerated() {
                #expect(html.contains("id=\"m-\(id)\" data-section=\"\(n + 1)\""))
            }
            #expect(html.contains("href=\"/teams/marketing/meeting?week=2026-11-16\""))
            #expect(html.contains("href=\"/teams/marketing/meeting?week=2026-11-30\""))
            #expect(html.contains("href=\"/teams/marketing/meeting.md?week=2026-11-23\""))
        }
        try await world.close()
    }

    @Test("Any day picks its week: 18 November shows the week of the 16th and what moved then")
    func otherWeek() async throws {
        let world = try await TestWorld.demo()
        try await Self.seed(world)
        try await world.test { client in
            let cookies = try await client.signIn("mai@okra.demo")
            let (status, html) = try await client.page("/teams/marketing/meeting?week=2026-11-18", cookies)
            #expect(status == .ok)
            #expect(html.contains("Tuần 16/11/2026 – 22/11/2026"))
            // 0 (its start) → 20 that week.
            let move = try #require(html.range(of: "id=\"move-kr-mkt-signups\""))
            #expect(String(html[move.lowerBound...].prefix(600)).contains("0 → 20"))
            // Nam's update of that week, with its plan that pushes no objective; this week's problem is not in it.
            #expect(html.contains("<span class=\"note-text\">Cập nhật ảnh bìa fanpage</span>"))
            #expect(!html.contains("Chưa có phòng hội thảo"))
            // A week that is no date falls back to this week.
            let (_, fallback) = try await client.page("/teams/marketing/meeting?week=tuan-nay", cookies)
            #expect(fallback.contains("Tuần 23/11/2026 – 29/11/2026"))
        }
        try await world.close()
    }

    @Test("Present mode: large type, section n of m, the keys explained and a way out; plain mode has a button")
    func presentMode() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (_, plain) = try await client.page("/teams/marketing/meeting", cookies)
            #expect(plain.contains("id=\"present-start\""))
            #expect(plain.contains("href=\"/teams/marketing/meeting?week=2026-11-23&amp;present=1\""))
            #expect(!plain.contains("data-present"))
            let (status, html) = try await client.page("/teams/marketing/meeting?present=1", cookies)
            #expect(status == .ok)
            #expect(html.contains("class=\"meeting present\""))
            #expect(html.contains("data-present"))
            #expect(html.contains("Phần 1/6"))
            #expect(html.contains("Phần 6/6"))
            #expect(html.contains("id=\"present-exit\""))
            #expect(html.contains("Esc"))
        }
        try await world.close()
    }

    @Test("The Markdown export: a heading per section, text escaped, served as text/markdown")
    func markdown() async throws {
        let world = try await TestWorld.demo()
        try await Self.seed(world)
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            try await client.execute(
                uri: "/teams/marketing/meeting.md?week=2026-11-25", method: .get, headers: [.cookie: cookies.header]
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/markdown; charset=utf-8")
                let text = String(buffer: response.body)
                #expect(text.hasPrefix("# Họp OKR hằng tuần — Marketing\n"))
                #expect(text.contains("Tuần 23/11/2026 – 29/11/2026"))
                #expect(VietnameseText.problems(text).isEmpty, "\(VietnameseText.problems(text))")
                for heading in [
                    "## Những gì đã thay đổi trong tuần", "## KR có rủi ro hoặc chệch hướng",
                    "## Vấn đề nêu trong báo cáo tuần", "## Kế hoạch chưa liên kết với Mục tiêu nào",
                    "## Yêu cầu hỗ trợ giữa các nhóm", "### Yêu cầu nhóm đã gửi", "## Câu hỏi đang chờ trả lời",
                ] {
                    #expect(text.contains("\n" + heading + "\n"), "\(heading)")
                }
                #expect(text.contains("- Tăng số người đăng ký hội thảo từ 0 lên 100: 20 → 35"))
                #expect(
                    text.contains(
                        "- **Lê Văn Nam**: Chưa có phòng hội thảo \\<script\\>alert\\(1\\)\\</script\\> \\*\\*gấp\\*\\*"
                    ))
                #expect(!text.contains("<script>"))
                #expect(text.contains("Dọn kho \\<b\\>tài liệu\\</b\\> cũ"))
            }
        }
        try await world.close()
    }

    @Test("Markdown escaping keeps a line one list item and stops a start from opening a list")
    func markdownEscape() {
        #expect(MeetingMarkdown.escape("a\nb\n\nc") == "a b c")
        #expect(MeetingMarkdown.escape("- x") == "\\- x")
        #expect(MeetingMarkdown.escape("12. y") == "12\\. y")
        #expect(MeetingMarkdown.escape("1.5 s") == "1\\.5 s")
        #expect(MeetingMarkdown.escape("[a](b) `c` #d") == "\\[a\\]\\(b\\) \\`c\\` \\#d")
        #expect(MeetingMarkdown.escape("Tăng 2.5 - 3") == "Tăng 2.5 - 3")
    }

    @Test("Everyone who can see the team sees the meeting; an unknown team is 404; signing in comes first")
    func access() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let viewer = try await client.signIn("mai@okra.demo")
            let (status, html) = try await client.page("/teams/sales/meeting", viewer)
            #expect(status == .ok)
            // A viewer reads the asks in but has nothing to answer with.
            #expect(html.contains("id=\"ask-ask-mkt-sales\""))
            #expect(!html.contains("action=\"/asks/ask-mkt-sales/accept\""))
            #expect(try await client.page("/teams/khong-co/meeting", viewer).0 == .notFound)
            #expect(try await client.page("/teams/khong-co/meeting.md", viewer).0 == .notFound)
            try await client.execute(uri: "/teams/sales/meeting", method: .get) { response in
                #expect(response.headers[.location]?.hasPrefix("/sign-in?next=/teams/sales/meeting") == true)
            }
            // Sales' lead may answer Marketing's ask right from the meeting.
            let lead = try await client.signIn("bao@okra.demo")
            let (_, leads) = try await client.page("/teams/sales/meeting", lead)
            #expect(leads.contains("action=\"/asks/ask-mkt-sales/accept\""))
            #expect(leads.contains("id=\"decline-reason-ask-mkt-sales\""))
        }
        try await world.close()
    }

    @Test("A private objective's KR moves and risks show only to those who may see it")
    func privateObjective() async throws {
        let world = try await TestWorld.demo()
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        _ = try await world.store.createObjective(
            Objective(
                id: "o-private", cycleID: cycle.id, title: LocalizedName(vi: "Kế hoạch tuyển dụng bí mật"),
                owner: .person("p-lan"), state: .published, visibility: .private), actor: nil)
        _ = try await world.store.createKeyResult(
            KeyResult(
                id: "kr-private", objectiveID: "o-private", title: LocalizedName(vi: "Tuyển 5 người bí mật"),
                owner: .person("p-lan"), kind: .increase, start: 0, target: 5),
            actor: nil)
        _ = try await world.store.recordCheckIn(
            CheckIn(
                id: "ci-private", keyResultID: "kr-private", value: 1, authorID: "p-lan",
                recordedAt: Date(timeIntervalSince1970: 1_795_000_000), day: TestWorld.today),
            actor: "p-lan")
        try await world.test { client in
            let outsider = try await client.signIn("nam@okra.demo")
            let (_, hidden) = try await client.page("/teams/sales/meeting", outsider)
            #expect(!hidden.contains("Tuyển 5 người bí mật"))
            let lead = try await client.signIn("bao@okra.demo")
            let (_, shown) = try await client.page("/teams/sales/meeting", lead)
            #expect(shown.contains("id=\"move-kr-private\""))
        }
        try await world.close()
    }

    @Test("The meeting of a team with 30 more objectives, KRs and check-ins takes the same number of queries")
    func constantQueries() async throws {
        let world = try await TestWorld.demo()
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        func count() async throws -> Int {
            try await world.test { client in
                let cookies = try await client.signIn("long@okra.demo")
                // The first request loads the read model; what is counted is a page as it is served after.
                _ = try await client.page("/teams/engineering/meeting", cookies)
                let before = world.database.queryCount
                let (status, _) = try await client.page("/teams/engineering/meeting", cookies)
                #expect(status == .ok)
                return world.database.queryCount - before
            }
        }
        let small = try await count()
        for n in 0..<30 {
            let id = ObjectiveID("o-extra-\(n)")
            _ = try await world.store.createObjective(
                Objective(
                    id: id, cycleID: cycle.id, title: LocalizedName(vi: "Mục tiêu thêm \(n)"),
                    owner: .team("engineering"), state: .published),
                actor: nil)
            let kr = KeyResultID("kr-extra-\(n)")
            _ = try await world.store.createKeyResult(
                KeyResult(
                    id: kr, objectiveID: id, title: LocalizedName(vi: "Tăng chỉ số \(n) từ 1 lên 2"), kind: .increase,
                    start: 1, target: 2),
                actor: nil)
            _ = try await world.store.recordCheckIn(
                CheckIn(
                    id: CheckInID("ci-extra-\(n)"), keyResultID: kr, value: Decimal(string: "1.5")!,
                    authorID: "p-tam", recordedAt: Date(timeIntervalSince1970: 1_795_000_000), day: TestWorld.today),
                actor: "p-tam")
            try await world.store.addComment(
                OKRCore.Comment(
                    id: CommentID("c-extra-\(n)"), subject: .keyResult(kr), authorID: "p-anh", body: "Vì sao?",
                    isQuestion: true, createdAt: Date(timeIntervalSince1970: 1_795_000_000)),
                actor: "p-anh")
        }
        let large = try await count()
        #expect(small == large)
        print("meeting page: \(large) SQL queries")
        try await world.close()
    }
}
