import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("The company overview page, on the demo organization")
struct OverviewPageTests {
    @Test("The company page shows the mission's Marketing and Sales objectives with their exact numbers")
    func overviewShowsMission() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            let (status, html) = try await client.page("/company", cookies)
            #expect(status == .ok)
            #expect(html.contains("Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn"))
            #expect(html.contains("Cá nhân hóa cách tiếp cận bán hàng và nuôi dưỡng khách hàng tiềm năng mới tốt hơn"))
            #expect(html.contains("Tăng MQL từ email từ 100 lên 150"))
            // MQL from email at 130: (130 − 100) / (150 − 100) = 60%.
            #expect(html.contains("(130 − 100) / (150 − 100) = 0,6"))
            #expect(html.contains("aria-valuetext=\"60%\""))
            // Trial-to-paid at 26%: 40%.
            #expect(html.contains("(26 − 20) / (35 − 20) = 0,4"))
            // Marketing objective: (0.6 + 0.5 + 1.0) / 3 = 70%.
            #expect(html.contains("(1·0,6 + 1·0,5 + 1·1) / 3 = 0,7"))
            // The survey KR's condition says why it is not met.
            #expect(html.contains("Chưa đạt: 8,6/10 nhưng mới có 40 trên 100 responses cần thiết"))
            // Mission rule 9: the KR with no initiative is flagged.
            #expect(html.contains("data-code=\"key_result_without_initiative\""))
            #expect(html.contains("data-code=\"validity_condition_not_met\""))
            // Statuses carry text, not only colour.
            #expect(html.contains("Đúng tiến độ") || html.contains("Có rủi ro"))
        }
        try await world.close()
    }

    @Test("Without a session the overview redirects to sign-in")
    func requiresSignIn() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .seeOther || response.status == .found)
                #expect(response.headers[.location]?.hasPrefix("/sign-in") == true)
            }
        }
        try await world.close()
    }

    @Test("A wrong password is refused with a message next to the form")
    func wrongPassword() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.execute(uri: "/sign-in", method: .get) { BrowserCookies($0) }
            let form = "email=admin%40okra.demo&password=wrong-password&csrf=\(cookies.csrf)"
            try await client.execute(
                uri: "/sign-in", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .unauthorized)
                let html = String(buffer: response.body)
                #expect(html.contains("role=\"alert\""))
                #expect(html.contains("value=\"admin@okra.demo\""))
                #expect(response.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("okra_session") })
            }
        }
        try await world.close()
    }

    @Test("Switching to English shows the English titles and is remembered")
    func switchLanguage() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            var cookies = try await client.signIn("ha@okra.demo")
            try await client.execute(
                uri: "/language", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(string: "to=en&back=%2F&csrf=\(cookies.csrf)")
            ) { response in
                #expect(response.status == .seeOther || response.status == .found)
                cookies.merge(response)
            }
            let (_, html) = try await client.page("/company", cookies)
            #expect(html.contains("<html lang=\"en\">"))
            #expect(html.contains("Improve advertising channels to generate more Marketing Qualified Leads (MQL)"))
            #expect(html.contains("Not met: 8.6/10 but only 40 of 100 required responses"))
        }
        let person = try await world.store.person(email: "ha@okra.demo")
        #expect(person?.person.language == .en)
        try await world.close()
    }

    @Test("A form posted without its CSRF token is refused and changes nothing")
    func csrf() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            try await client.execute(
                uri: "/language", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(string: "to=en&back=%2F&csrf=forged")
            ) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("Biểu mẫu đã hết hạn"))
            }
        }
        #expect(try await world.store.person(email: "nam@okra.demo")?.person.language == nil)
        try await world.close()
    }

    @Test("A form body over 1 MiB is refused with 413, not a server error")
    func oversizedForm() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let body = ByteBuffer(string: "email=" + String(repeating: "a", count: 2_000_000))
            try await client.execute(
                uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: body
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        try await world.close()
    }

    @Test("Titles like <script>alert(1)</script> show as text, in the page and in the SVG map")
    func escaping() async throws {
        let world = try await TestWorld.demo()
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        _ = try await world.store.createObjective(
            Objective(
                id: "o-xss", cycleID: cycle.id, title: LocalizedName(vi: "<script>alert(1)</script>"),
                owner: .team("sales"), state: .published,
                parents: [try AlignmentLink(to: .objective("o-company-growth"))]),
            actor: nil)
        try await world.test { client in
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            for path in ["/company", "/map"] {
                let (status, html) = try await client.page(path, cookies)
                #expect(status == .ok)
                #expect(!html.contains("<script>alert(1)</script>"), "\(path)")
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
            }
        }
        try await world.close()
    }

    @Test("The alignment map draws the company objective with the team objectives aligned to it")
    func alignmentMap() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("mai@okra.demo")
            let (status, html) = try await client.page("/map", cookies)
            #expect(status == .ok)
            #expect(html.contains("<svg"))
            #expect(html.contains("Tăng trưởng doanh thu bền vững từ khách hàng mới"))
            #expect(html.contains("Cải thiện các kênh quảng cáo"))
            #expect(html.components(separatedBy: "class=\"edge\"").count - 1 >= 5)
        }
        try await world.close()
    }

    @Test("Private objectives are hidden from people outside their team")
    func privateObjectives() async throws {
        let world = try await TestWorld.demo()
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        _ = try await world.store.createObjective(
            Objective(
                id: "o-private", cycleID: cycle.id, title: LocalizedName(vi: "Kế hoạch tuyển dụng bí mật"),
                owner: .person("p-lan"), state: .published, visibility: .private), actor: nil)
        try await world.test { client in
            let outsider = try await client.signIn("nam@okra.demo")
            #expect(!(try await client.page("/company", outsider).1.contains("Kế hoạch tuyển dụng bí mật")))
            let lead = try await client.signIn("bao@okra.demo")
            #expect(try await client.page("/company", lead).1.contains("Kế hoạch tuyển dụng bí mật"))
            let owner = try await client.signIn("lan@okra.demo")
            #expect(try await client.page("/company", owner).1.contains("Kế hoạch tuyển dụng bí mật"))
        }
        try await world.close()
    }

    @Test("The overview of 30 more objectives takes the same number of queries")
    func constantQueries() async throws {
        let world = try await TestWorld.demo()
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        func count() async throws -> Int {
            try await world.test { client in
                let cookies = try await client.signIn("mai@okra.demo")
                // The first request loads the read model; what is counted is a page as it is served after.
                _ = try await client.page("/company", cookies)
                let before = world.database.queryCount
                _ = try await client.page("/company", cookies)
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
            _ = try await world.store.createKeyResult(
                KeyResult(
                    id: KeyResultID("kr-extra-\(n)"), objectiveID: id,
                    title: LocalizedName(vi: "Tăng chỉ số \(n) từ 1 lên 2"), kind: .increase, start: 1, target: 2),
                actor: nil)
        }
        let large = try await count()
        #expect(small == large)
        print("overview page: \(large) SQL queries")
        try await world.close()
    }
}
