import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("The cycles pages, on the demo organization (2026 Q4 active, 2026 Q3 closed)")
struct CyclesPageTests {
    /// POSTs a form to `uri` with `fields` (the CSRF token added) and hands back status, location and HTML.
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

    /// The HTML of the element with `id` up to the end of the page (enough to ask what a section holds).
    static func section(_ html: String, id: String) throws -> Substring {
        let start = try #require(html.range(of: "id=\"\(id)\""))
        return html[start.lowerBound...]
    }

    @Test("Cycles are grouped planning, active, closed; the active one shows its days left and expected progress")
    func grouped() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            let (status, html) = try await client.page("/cycles", cookies)
            #expect(status == .ok)
            let planning = try #require(html.range(of: "id=\"cycles-planning\""))
            let active = try #require(html.range(of: "id=\"cycles-active\""))
            let closed = try #require(html.range(of: "id=\"cycles-closed\""))
            #expect(planning.lowerBound < active.lowerBound && active.lowerBound < closed.lowerBound)
            let q4 = try #require(html.range(of: "id=\"cycle-2026-q4\""))
            let q3 = try #require(html.range(of: "id=\"cycle-2026-q3\""))
            #expect(active.lowerBound < q4.lowerBound && q4.lowerBound < closed.lowerBound)
            #expect(closed.lowerBound < q3.lowerBound)
            // Friday 27 November to Thursday 31 December.
            #expect(html.contains("Còn lại: 34 ngày"))
            let cycle = try #require(try await world.store.cycle(id: "2026-q4")?.value)
            let settings = try #require(try await world.store.settings())
            let expected = ExpectedProgress.at(TestWorld.today, in: cycle, calendar: settings.calendar)
            #expect(html.contains("Tiến độ kỳ vọng hôm nay: \(Percent.text(expected.value, .vi))"))
            #expect(html.contains("01/10/2026 – 31/12/2026"))
            // A member reads: no form to plan a cycle.
            #expect(!html.contains("id=\"new-cycle\""))
            #expect(html.contains("href=\"/cycles/2026-q4\""))
        }
        try await world.close()
    }

    @Test("An admin plans a cycle: it is saved in planning with the organization's rules and listed under Planning")
    func adminCreates() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            let (_, form) = try await client.page("/cycles", cookies)
            #expect(form.contains("id=\"new-cycle\""))
            #expect(form.contains("<label for=\"name\">"))
            let (status, location, _) = try await Self.post(
                client, "/cycles", cookies, [("name", "2027 Q1"), ("start", "2027-01-01"), ("end", "2027-03-31")])
            #expect(status == .seeOther)
            let target = try #require(location)
            #expect(target.hasPrefix("/cycles?created="))
            let created = try #require(try await world.store.cycles().first { $0.value.name == "2027 Q1" }?.value)
            #expect(created.state == .planning)
            #expect(created.start == Day(iso: "2027-01-01"))
            #expect(created.statusRules == (try await world.store.settings())?.statusRules)
            let (_, html) = try await client.page(target, cookies)
            #expect(html.contains("Đã tạo chu kỳ 2027 Q1."))
            let planning = try Self.section(html, id: "cycles-planning")
            let active = try #require(planning.range(of: "id=\"cycles-active\""))
            let card = try #require(planning.range(of: "id=\"cycle-\(created.id.rawValue)\""))
            #expect(card.lowerBound < active.lowerBound)
        }
        try await world.close()
    }

    @Test("A refused cycle keeps what was typed and says why next to each field; nothing is saved")
    func validation() async throws {
        let world = try await TestWorld.demo()
        let before = try await world.store.cycles().count
        try await world.test { client in
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            let (status, _, html) = try await Self.post(
                client, "/cycles", cookies, [("name", "Quý mới"), ("start", "2027-03-31"), ("end", "2027-01-01")])
            #expect(status == .unprocessableContent)
            #expect(html.contains("value=\"Quý mới\""))
            #expect(html.contains("value=\"2027-03-31\""))
            #expect(html.contains("id=\"end-error\""))
            #expect(html.contains("aria-describedby=\"end-hint end-error\""))
            #expect(html.contains("cận dưới phải nhỏ hơn cận trên"))

            let (badDay, _, typed) = try await Self.post(
                client, "/cycles", cookies, [("name", "Quý mới"), ("start", "31/03/2027"), ("end", "2027-06-30")])
            #expect(badDay == .unprocessableContent)
            #expect(typed.contains("id=\"start-error\""))
            #expect(typed.contains("Hãy nhập ngày theo dạng YYYY-MM-DD."))
            #expect(typed.contains("value=\"31/03/2027\""))

            let (blank, _, named) = try await Self.post(
                client, "/cycles", cookies, [("name", "  "), ("start", "2027-01-01"), ("end", "2027-03-31")])
            #expect(blank == .unprocessableContent)
            #expect(named.contains("id=\"name-error\""))
        }
        #expect(try await world.store.cycles().count == before)
        try await world.close()
    }

    @Test("Only admins change cycles: others get 403 on every form, and a form without its token is refused")
    func permissions() async throws {
        let world = try await TestWorld.demo()
        let before = try await world.store.cycles()
        try await world.test { client in
            for email in ["ha@okra.demo", "nam@okra.demo", "mai@okra.demo"] {
                let cookies = try await client.signIn(email)
                let (create, _, _) = try await Self.post(
                    client, "/cycles", cookies, [("name", "X"), ("start", "2027-01-01"), ("end", "2027-03-31")])
                #expect(create == .forbidden, "\(email)")
                let (edit, _, _) = try await Self.post(
                    client, "/cycles/2026-q4", cookies,
                    [("name", "Renamed"), ("start", "2026-10-01"), ("end", "2026-12-31")])
                #expect(edit == .forbidden, "\(email)")
                #expect(try await Self.post(client, "/cycles/2026-q4/close", cookies, []).0 == .forbidden)
                #expect(try await Self.post(client, "/cycles/2026-q3/activate", cookies, []).0 == .forbidden)
                #expect(try await Self.post(client, "/cycles/2026-q3/reopen", cookies, []).0 == .forbidden)
                #expect(!(try await client.page("/cycles/2026-q3", cookies).1.contains("id=\"reopen-cycle\"")))
                #expect(try await client.page("/cycles/2026-q4/close", cookies).0 == .forbidden)
                let (status, html) = try await client.page("/cycles/2026-q4", cookies)
                #expect(status == .ok)
                #expect(!html.contains("id=\"close-cycle\""))
                #expect(html.contains("Chỉ quản trị viên mới lập kế hoạch, bắt đầu và đóng chu kỳ."))
            }
            let admin = try await client.signIn(DemoOrganization.adminEmail)
            let (forged, _, _) = try await Self.post(
                client, "/cycles", admin, [("name", "X"), ("start", "2027-01-01"), ("end", "2027-03-31")],
                csrf: "forged")
            #expect(forged == .forbidden)
            #expect(try await client.page("/cycles/no-such-cycle", admin).0 == .notFound)
        }
        let after = try await world.store.cycles()
        #expect(after.map(\.value) == before.map(\.value))
        #expect(after.map(\.version) == before.map(\.version))
        try await world.close()
    }

    @Test("While planning, an admin renames and moves a cycle; a stale form keeps what was typed and saves nothing")
    func editPlanning() async throws {
        let world = try await TestWorld.demo()
        let cycle = try Cycle(
            id: "2027-q1", name: "2027 Q1", start: Day(year: 2027, month: 1, day: 1),
            end: Day(year: 2027, month: 3, day: 31))
        try await world.store.createCycle(cycle, actor: nil)
        try await world.test { client in
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            let (_, page) = try await client.page("/cycles/2027-q1", cookies)
            #expect(page.contains("id=\"save-cycle\""))
            #expect(page.contains("id=\"activate-cycle\""))
            #expect(page.contains("name=\"version\" value=\"1\""))
            let (status, location, _) = try await Self.post(
                client, "/cycles/2027-q1", cookies,
                [("name", "Quý 1 năm 2027"), ("start", "2027-01-04"), ("end", "2027-03-31"), ("version", "1")])
            #expect(status == .seeOther)
            #expect(location == "/cycles/2027-q1?done=saved")
            let saved = try #require(try await world.store.cycle(id: "2027-q1"))
            #expect(saved.value.name == "Quý 1 năm 2027")
            #expect(saved.value.start == Day(iso: "2027-01-04"))
            #expect(saved.version == 2)
            let (_, after) = try await client.page("/cycles/2027-q1?done=saved", cookies)
            #expect(after.contains("Đã lưu."))

            let (stale, _, html) = try await Self.post(
                client, "/cycles/2027-q1", cookies,
                [("name", "Tên của tôi"), ("start", "2027-01-04"), ("end", "2027-03-31"), ("version", "1")])
            #expect(stale == .conflict)
            #expect(html.contains("Ai đó vừa thay đổi chu kỳ này."))
            #expect(html.contains("value=\"Tên của tôi\""))
            #expect(try await world.store.cycle(id: "2027-q1")?.value.name == "Quý 1 năm 2027")
        }
        try await world.close()
    }

    @Test("Activating a cycle that partly overlaps the active one is refused with its name; after closing it, it works")
    func activate() async throws {
        let world = try await TestWorld.demo()
        let cycle = try Cycle(
            id: "2027-q1", name: "2027 Q1", start: Day(year: 2026, month: 12, day: 1),
            end: Day(year: 2027, month: 3, day: 31))
        try await world.store.createCycle(cycle, actor: nil)
        try await world.test { client in
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            let (refused, _, html) = try await Self.post(
                client, "/cycles/2027-q1/activate", cookies, [("version", "1")])
            #expect(refused == .conflict)
            #expect(html.contains("Chu kỳ 2026 Q4 đang diễn ra trên một phần những ngày này."))
            #expect(try await world.store.cycle(id: "2027-q1")?.value.state == .planning)

            let q4 = try #require(try await world.store.cycle(id: "2026-q4"))
            #expect(
                try await Self.post(client, "/cycles/2026-q4/close", cookies, [("version", String(q4.version))]).0
                    == .seeOther)
            let (status, location, _) = try await Self.post(
                client, "/cycles/2027-q1/activate", cookies, [("version", "1")])
            #expect(status == .seeOther)
            #expect(location == "/cycles/2027-q1?done=activated")
            #expect(try await world.store.cycle(id: "2027-q1")?.value.state == .active)
            // A closed cycle cannot start again: the reason is shown, nothing changes.
            let (closed, _, again) = try await Self.post(client, "/cycles/2026-q4/activate", cookies, [])
            #expect(closed == .conflict)
            #expect(again.contains("Chu kỳ đã đóng không thể chuyển sang đang diễn ra."))
        }
        try await world.close()
    }

    @Test("An admin reopens a closed cycle from its page (refused while an overlapping one is active), audited")
    func reopen() async throws {
        let world = try await TestWorld.demo()
        let straddling = try Cycle(
            id: "autumn", name: "Autumn", start: Day(year: 2026, month: 9, day: 15),
            end: Day(year: 2026, month: 10, day: 15))
        try await world.store.createCycle(straddling, actor: nil)
        let planned = try #require(try await world.store.cycle(id: "autumn"))
        _ = try await world.store.updateCycle(
            try straddling.moved(to: .active), expectedVersion: planned.version, actor: nil)
        try await world.test { client in
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            let (_, q3) = try await client.page("/cycles/2026-q3", cookies)
            #expect(q3.contains("action=\"/cycles/2026-q3/reopen\""))
            #expect(q3.contains("id=\"reopen-cycle\""))
            let (_, q4) = try await client.page("/cycles/2026-q4", cookies)
            #expect(!q4.contains("id=\"reopen-cycle\""))

            // While Autumn runs over some of its days, Q3 stays closed: the reason names the active cycle.
            let (refused, _, html) = try await Self.post(client, "/cycles/2026-q3/reopen", cookies, [])
            #expect(refused == .conflict)
            #expect(html.contains("Chu kỳ Autumn đang diễn ra trên một phần những ngày này."))
            #expect(try await world.store.cycle(id: "2026-q3")?.value.state == .closed)
            // An active cycle cannot be "reopened".
            let (notClosed, _, _) = try await Self.post(client, "/cycles/2026-q4/reopen", cookies, [])
            #expect(notClosed == .conflict)

            let autumn = try #require(try await world.store.cycle(id: "autumn"))
            _ = try await world.store.updateCycle(
                try autumn.value.moved(to: .planning), expectedVersion: autumn.version, actor: nil)
            let q3Entry = try #require(try await world.store.cycle(id: "2026-q3"))
            let (status, location, _) = try await Self.post(
                client, "/cycles/2026-q3/reopen", cookies, [("version", String(q3Entry.version))])
            #expect(status == .seeOther)
            #expect(location == "/cycles/2026-q3?done=reopened")
            #expect(try await world.store.cycle(id: "2026-q3")?.value.state == .active)
            let (_, reopened) = try await client.page("/cycles/2026-q3?done=reopened", cookies)
            #expect(reopened.contains("Chu kỳ đã được mở lại; hãy đóng lại khi đã sửa xong."))
            #expect(reopened.contains("id=\"close-cycle\""))
        }
        let events = try await world.store.auditEvents(entity: "cycle", entityID: "2026-q3", limit: 10)
        #expect(events.contains { $0.actorID == "p-anh" && $0.action == "transition" })
        try await world.close()
    }

    @Test("Closing confirms the grades it will save, saves every KR's grade as the API does, then shows them")
    func close() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            let (_, page) = try await client.page("/cycles/2026-q4", cookies)
            #expect(page.contains("href=\"/cycles/2026-q4/close\""))
            #expect(page.contains("href=\"/company?cycle=2026-q4\""))
            #expect(page.contains("href=\"/map?cycle=2026-q4\""))
            let (status, confirm) = try await client.page("/cycles/2026-q4/close", cookies)
            #expect(status == .ok)
            #expect(confirm.contains("id=\"confirm-close\""))
            // MQL from email at 130 of 100 → 150: progress 60%, grade 0.6; the Marketing objective (0.6 + 0.5 + 1) / 3.
            #expect(confirm.contains("id=\"grade-kr-mkt-email\" data-grade=\"0.6\""))
            #expect(confirm.contains("id=\"grade-o-mkt-mql\""))
            #expect(confirm.contains("data-grade=\"0.7\""))
            #expect(confirm.contains("Điểm mục tiêu: 0,7"))
            #expect(try await world.store.cycle(id: "2026-q4")?.value.state == .active)

            let version = try #require(try await world.store.cycle(id: "2026-q4")?.version)
            let (stale, _, refused) = try await Self.post(
                client, "/cycles/2026-q4/close", cookies, [("version", String(version - 1))])
            #expect(stale == .conflict)
            #expect(refused.contains("Ai đó vừa thay đổi chu kỳ này."))
            #expect(try await world.store.grades(cycle: "2026-q4").isEmpty)

            let (closed, location, _) = try await Self.post(
                client, "/cycles/2026-q4/close", cookies, [("version", String(version))])
            #expect(closed == .seeOther)
            #expect(location == "/cycles/2026-q4?done=closed")
            #expect(try await world.store.cycle(id: "2026-q4")?.value.state == .closed)
            let board = try await world.store.board(cycle: "2026-q4")
            let grades = try await world.store.grades(cycle: "2026-q4")
            #expect(grades.count == board.allKeyResults.count)
            #expect(grades["kr-mkt-email"]?.value == Decimal(string: "0.6"))

            let (_, after) = try await client.page("/cycles/2026-q4?done=closed", cookies)
            #expect(after.contains("Chu kỳ đã đóng và điểm đã được lưu."))
            #expect(after.contains("id=\"grade-kr-mkt-email\" data-grade=\"0.6\""))
            #expect(after.contains("id=\"calibration-h\""))
            #expect(after.contains("id=\"calibration-verdict\""))
            #expect(!after.contains("id=\"close-cycle\""))
        }
        try await world.close()
    }

    @Test("A closed cycle shows each objective's grade and its KRs' to everyone, with its calibration")
    func closedCycle() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("mai@okra.demo")
            let (status, html) = try await client.page("/cycles/2026-q3", cookies)
            #expect(status == .ok)
            #expect(html.contains("Trạng thái: đã đóng"))
            #expect(html.contains("id=\"grade-o-prev-onboarding\""))
            #expect(html.contains("id=\"grade-kr-prev-activation\""))
            #expect(html.contains("Tự tin đúng mức") || html.contains("Quá tự tin") || html.contains("Thiếu tự tin"))
        }
        try await world.close()
    }

    @Test("A cycle named <script>alert(1)</script> shows as text on the list and its page")
    func escaping() async throws {
        let world = try await TestWorld.demo()
        try await world.store.createCycle(
            try Cycle(
                id: "c-xss", name: "<script>alert(1)</script>", start: Day(year: 2027, month: 1, day: 1),
                end: Day(year: 2027, month: 3, day: 31)), actor: nil)
        try await world.test { client in
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            for path in ["/cycles", "/cycles/c-xss"] {
                let (status, html) = try await client.page(path, cookies)
                #expect(status == .ok)
                #expect(!html.contains("<script>alert(1)</script>"), "\(path)")
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
            }
        }
        try await world.close()
    }

    @Test("/cycles takes as many SQL queries with 8 cycles and 30 more objectives as with the demo's 2")
    func constantQueries() async throws {
        let world = try await TestWorld.demo()
        func count() async throws -> Int {
            try await world.test { client in
                let cookies = try await client.signIn(DemoOrganization.adminEmail)
                let before = world.database.queryCount
                _ = try await client.page("/cycles", cookies)
                return world.database.queryCount - before
            }
        }
        _ = try await count()  // the first request loads the read model
        let small = try await count()
        for year in 2027...2032 {
            try await world.store.createCycle(
                try Cycle(
                    id: CycleID("c-\(year)"), name: "\(year) Q1", start: Day(year: year, month: 1, day: 1),
                    end: Day(year: year, month: 3, day: 31)), actor: nil)
        }
        for n in 0..<30 {
            _ = try await world.store.createObjective(
                Objective(
                    id: ObjectiveID("o-extra-\(n)"), cycleID: n % 2 == 0 ? "2026-q4" : "c-2027",
                    title: LocalizedName(vi: "Mục tiêu thêm \(n)"), owner: .team("engineering"), state: .published),
                actor: nil)
        }
        let large = try await count()
        #expect(small == large)
        print("cycles page: \(large) SQL queries")
        try await world.close()
    }
}
