import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("A team's page, on the demo organization")
struct TeamPageTests {
    @Test("Marketing: its objectives with KR progress, status, owners and initiatives, its updates and its ask out")
    func marketing() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (status, html) = try await client.page("/teams/marketing", cookies)
            #expect(status == .ok)
            #expect(html.contains("<h1>Nhóm Marketing — 2026 Q4</h1>"))
            #expect(html.contains("Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn"))
            // Nam's own objective sits with his team.
            #expect(html.contains("Trở thành người dẫn dắt email marketing của nhóm"))
            #expect(!html.contains("Cá nhân hóa cách tiếp cận bán hàng"))
            // MQL from email at 130: (130 − 100) / (150 − 100) = 60%, status as text with its explanation.
            #expect(html.contains("(130 − 100) / (150 − 100) = 0,6"))
            #expect(html.contains("aria-valuetext=\"60%\""))
            #expect(html.contains("<summary>Đúng tiến độ</summary>") || html.contains("<summary>Có rủi ro</summary>"))
            #expect(html.contains("Bản tin email hằng tuần mới"))
            #expect(html.contains("<a class=\"owner\" href=\"/teams/marketing\">Marketing</a>"))
            // The team's weekly updates of this week.
            #expect(html.contains("id=\"update-p-nam\""))
            #expect(html.contains("Tỉ lệ mở tăng 2 điểm sau khi đổi giờ gửi."))
            // Marketing's ask to Sales is out, not in.
            let out = try #require(html.range(of: "id=\"asks-out\""))
            let ask = try #require(html.range(of: "id=\"ask-ask-mkt-sales\""))
            #expect(out.lowerBound < ask.lowerBound)
            #expect(html.contains("Gửi <a href=\"/teams/sales\">Kinh doanh</a>"))
        }
        try await world.close()
    }

    /// Cards are kept between requests (`CardMemo`): a check-in, a retitled objective and the other language must
    /// each show at once, never an earlier rendering.
    @Test("A card kept from an earlier request follows a check-in, an edit and the language")
    func keptCardsFollowChanges() async throws {
        let world = try await TestWorld.demo()
        let ha = try await world.token("p-ha")
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (_, first) = try await client.page("/teams/marketing", cookies)
            let (_, again) = try await client.page("/teams/marketing", cookies)
            #expect(first == again)
            #expect(first.contains("(130 − 100) / (150 − 100) = 0,6"))

            let checkIn = try await client.api(
                .post, "/api/v1/key-results/kr-mkt-email/check-ins", token: ha,
                body: #"{"value": 140, "confidence": 7}"#)
            #expect(checkIn.status == .created)
            let (_, after) = try await client.page("/teams/marketing", cookies)
            #expect(after.contains("(140 − 100) / (150 − 100) = 0,8"))
            #expect(!after.contains("(130 − 100) / (150 − 100) = 0,6"))

            let objective = try #require(try await world.store.objective(id: "o-mkt-mql"))
            var retitled = objective.value
            retitled.title = try LocalizedName(
                vi: "Kênh quảng cáo tạo nhiều MQL hơn nữa", en: "More MQL from our channels")
            _ = try await world.store.updateObjective(retitled, expectedVersion: objective.version, actor: "p-ha")
            let (_, edited) = try await client.page("/teams/marketing", cookies)
            #expect(edited.contains("Kênh quảng cáo tạo nhiều MQL hơn nữa"))
            #expect(!edited.contains("Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn"))

            try await NumberFormattingPageTests.english(client, cookies)
            let (_, english) = try await client.page("/teams/marketing", cookies)
            #expect(english.contains("More MQL from our channels"))
            #expect(english.contains("(140 − 100) / (150 − 100) = 0.8"))
            #expect(!english.contains("Kênh quảng cáo tạo nhiều MQL hơn nữa"))
        }
        try await world.close()
    }

    /// The team's week is kept between requests (`TeamWeekMemo`) while only check-ins are written, and a card
    /// by the versions of what it shows (`CardMemo.Stamp`): a check-in reads nothing again, while a changed
    /// update, a new ask and a new initiative must each show at once.
    @Test("A team's week and cards kept from an earlier request follow an update, an ask and an initiative")
    func keptWeekFollowsChanges() async throws {
        let world = try await TestWorld.demo()
        let ha = try await world.token("p-ha")
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            _ = try await client.page("/teams/marketing", cookies)
            var before = world.database.queryCount
            let (_, first) = try await client.page("/teams/marketing", cookies)
            let kept = world.database.queryCount - before
            #expect(first.contains("Tỉ lệ mở tăng 2 điểm sau khi đổi giờ gửi."))

            let checkIn = try await client.api(
                .post, "/api/v1/key-results/kr-mkt-email/check-ins", token: ha, body: #"{"value": 140}"#)
            #expect(checkIn.status == .created)
            before = world.database.queryCount
            let (_, checkedIn) = try await client.page("/teams/marketing", cookies)
            #expect(world.database.queryCount - before == kept)
            #expect(checkedIn.contains("(140 − 100) / (150 − 100) = 0,8"))

            let update = try #require(try await world.store.versionedWeeklyUpdates(person: "p-nam").first)
            let edited = try WeeklyUpdate(
                id: update.value.id, personID: "p-nam", week: update.value.week, plans: update.value.plans,
                progress: "Tỉ lệ mở tăng 3 điểm.", problems: update.value.problems, mood: update.value.mood)
            _ = try await world.store.saveWeeklyUpdate(edited, expectedVersion: update.version, actor: "p-nam")
            let (_, updated) = try await client.page("/teams/marketing", cookies)
            #expect(updated.contains("Tỉ lệ mở tăng 3 điểm."))
            #expect(!updated.contains("Tỉ lệ mở tăng 2 điểm sau khi đổi giờ gửi."))

            try await world.store.createAsk(
                DependencyAsk(
                    id: "ask-sales-mkt", fromTeamID: "sales", toTeamID: "marketing", keyResultID: "kr-mkt-email",
                    need: "Danh sách khách dùng thử tháng này", dueBy: Day(iso: "2026-12-20")!),
                actor: "p-mai")
            let (_, asked) = try await client.page("/teams/marketing", cookies)
            let asksIn = try #require(asked.range(of: "id=\"asks-in\""))
            let ask = try #require(asked.range(of: "id=\"ask-ask-sales-mkt\""))
            #expect(asksIn.lowerBound < ask.lowerBound)

            try await world.store.createInitiative(
                Initiative(
                    id: "i-mkt-subject-lines", title: LocalizedName(vi: "Thử nghiệm tiêu đề email A/B"),
                    keyResultIDs: ["kr-mkt-email"]),
                actor: "p-ha")
            let (_, driven) = try await client.page("/teams/marketing", cookies)
            #expect(driven.contains("Thử nghiệm tiêu đề email A/B"))

            // Removing the KR moves the ask to its objective in the database: the page must follow.
            let kr = try #require(try await world.store.keyResult(id: "kr-mkt-email"))
            try await world.store.removeKeyResult("kr-mkt-email", expectedVersion: kr.version, actor: "p-ha")
            let (_, removed) = try await client.page("/teams/marketing", cookies)
            let moved = try #require(removed.range(of: "id=\"ask-ask-sales-mkt\""))
            let item = removed[moved.lowerBound...].prefix(600)
            #expect(item.contains("Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn"))
        }
        try await world.close()
    }

    @Test("The health summary counts the team's objectives by status, each count with its status as text")
    func health() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (_, html) = try await client.page("/teams/marketing", cookies)
            var total = 0
            for status in ["on_track", "at_risk", "off_track", "not_started", "done"] {
                let marker = "data-status=\"\(status)\"><strong>"
                let start = try #require(html.range(of: marker))
                let digits = html[start.upperBound...].prefix { $0.isNumber }
                total += Int(digits) ?? -100
            }
            // Marketing's objective and Nam's.
            #expect(total == 2)
            #expect(html.contains("Đúng tiến độ"))
        }
        try await world.close()
    }

    @Test("Sales receives Marketing's ask and shows Lan's update")
    func sales() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("mai@okra.demo")
            let (status, html) = try await client.page("/teams/sales", cookies)
            #expect(status == .ok)
            let asksIn = try #require(html.range(of: "id=\"asks-in\""))
            let asksOut = try #require(html.range(of: "id=\"asks-out\""))
            let ask = try #require(html.range(of: "id=\"ask-ask-mkt-sales\""))
            #expect(asksIn.lowerBound < ask.lowerBound && ask.lowerBound < asksOut.lowerBound)
            #expect(html.contains("Từ <a href=\"/teams/marketing\">Marketing</a>"))
            #expect(html.contains("Chốt 4 khách trả phí trong tuần."))
        }
        try await world.close()
    }

    @Test("The cycle filter shows the closed quarter; an unknown cycle falls back to the active one")
    func cycleFilter() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("mai@okra.demo")
            let (status, html) = try await client.page("/teams/company?cycle=2026-q3", cookies)
            #expect(status == .ok)
            #expect(html.contains("Giúp khách hàng mới thành công ngay trong tuần đầu"))
            #expect(html.contains("<option value=\"2026-q3\" selected>"))
            #expect(html.contains("action=\"/teams/company\""))
            let (_, current) = try await client.page("/teams/company?cycle=nope", cookies)
            #expect(current.contains("Tăng trưởng doanh thu bền vững từ khách hàng mới"))
            #expect(!current.contains("Giúp khách hàng mới thành công ngay trong tuần đầu"))
        }
        try await world.close()
    }

    @Test("An unknown team is 404; without a session the page redirects to sign-in")
    func notFound() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("mai@okra.demo")
            let (status, _) = try await client.page("/teams/khong-co", cookies)
            #expect(status == .notFound)
            try await client.execute(uri: "/teams/sales", method: .get) { response in
                #expect(response.headers[.location]?.hasPrefix("/sign-in?next=/teams/sales") == true)
            }
        }
        try await world.close()
    }

    @Test("A private objective and the plans linked to it are hidden from people outside the team")
    func privateObjective() async throws {
        let world = try await TestWorld.demo()
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        _ = try await world.store.createObjective(
            Objective(
                id: "o-private", cycleID: cycle.id, title: LocalizedName(vi: "Kế hoạch tuyển dụng bí mật"),
                owner: .person("p-lan"), state: .published, visibility: .private), actor: nil)
        let week = TestWorld.today.startOfWeek(.monday)
        try await world.store.saveWeeklyUpdate(
            WeeklyUpdate(
                id: "wu-lan-private", personID: "p-lan", week: week,
                plans: [try PlanItem(text: "Phỏng vấn ứng viên bí mật", objectiveID: "o-private")]),
            expectedVersion: try await world.store.versionedWeeklyUpdates(week: week, people: ["p-lan"]).first?.version,
            actor: "p-lan")
        try await world.test { client in
            let outsider = try await client.signIn("nam@okra.demo")
            let (_, html) = try await client.page("/teams/sales", outsider)
            #expect(!html.contains("Kế hoạch tuyển dụng bí mật"))
            #expect(!html.contains("Phỏng vấn ứng viên bí mật"))
            let lead = try await client.signIn("bao@okra.demo")
            let (_, leadHTML) = try await client.page("/teams/sales", lead)
            #expect(leadHTML.contains("Kế hoạch tuyển dụng bí mật"))
            #expect(leadHTML.contains("Phỏng vấn ứng viên bí mật"))
        }
        try await world.close()
    }

    @Test("Titles like <script>alert(1)</script> show as text on a team's page")
    func escaping() async throws {
        let world = try await TestWorld.demo()
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        _ = try await world.store.createObjective(
            Objective(
                id: "o-xss", cycleID: cycle.id, title: LocalizedName(vi: "<script>alert(1)</script>"),
                owner: .team("sales"), state: .published),
            actor: nil)
        try await world.test { client in
            let cookies = try await client.signIn("mai@okra.demo")
            let (_, html) = try await client.page("/teams/sales", cookies)
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
        try await world.close()
    }

    @Test("A team with 30 more objectives, KRs, initiatives and asks renders in the same number of queries")
    func constantQueries() async throws {
        let world = try await TestWorld.demo()
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        func count() async throws -> Int {
            try await world.test { client in
                let cookies = try await client.signIn("mai@okra.demo")
                // The first request loads the read model; what is counted is a page as it is served after.
                _ = try await client.page("/teams/engineering", cookies)
                let before = world.database.queryCount
                let (_, html) = try await client.page("/teams/engineering", cookies)
                #expect(html.contains("Kỹ thuật"))
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
            try await world.store.createInitiative(
                Initiative(
                    id: InitiativeID("i-extra-\(n)"), title: LocalizedName(vi: "Sáng kiến \(n)"), keyResultIDs: [kr]),
                actor: nil)
            try await world.store.createAsk(
                DependencyAsk(
                    id: DependencyAskID("ask-extra-\(n)"), fromTeamID: "sales", toTeamID: "engineering",
                    keyResultID: kr, need: "Cần hỗ trợ \(n)", dueBy: Day(iso: "2026-12-20")!),
                actor: nil)
        }
        let large = try await count()
        #expect(small == large)
        try await world.close()
    }
}
