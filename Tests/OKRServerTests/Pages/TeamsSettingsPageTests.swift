import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

/// Posts a settings form as a browser would, with the session's cookies, and returns the status, the
/// `Location` and the page.
func postSettings(
    _ client: any TestClientProtocol, _ uri: String, _ cookies: BrowserCookies, _ pairs: [(String, String)]
) async throws -> (status: HTTPResponse.Status, location: String, html: String) {
    let body = pairs.map { "\($0.0.formEncoded)=\($0.1.formEncoded)" }.joined(separator: "&")
    return try await client.execute(
        uri: uri, method: .post,
        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
        body: ByteBuffer(string: body)
    ) { response in
        (response.status, response.headers[.location] ?? "", String(buffer: response.body))
    }
}

@Suite("Settings: the team tree, and admins adding and changing teams")
struct TeamsSettingsPageTests {
    @Test("The tree shows the company with Marketing, Sales and Engineering below it, their leads and member counts")
    func tree() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let (status, html) = try await client.page("/settings/teams", cookies)
            #expect(status == .ok)
            let company = try #require(html.range(of: "id=\"team-company\""))
            let marketing = try #require(html.range(of: "id=\"team-marketing\""))
            #expect(company.lowerBound < marketing.lowerBound)
            // The departments sit in a list nested inside the company's item, by name: Kinh doanh first.
            #expect(html[company.upperBound..<marketing.lowerBound].contains("<ul><li id=\"team-sales\""))
            #expect(html.contains("</li></ul></li></ul>"))
            #expect(html.contains("Trưởng nhóm: Trần Thu Hà"))
            #expect(html.contains("2 thành viên"))
            #expect(html.contains("id=\"edit-team-marketing\""))
            #expect(html.contains("<form method=\"post\" action=\"/settings/teams\""))
            #expect(html.contains("<label for=\"name\""))
            #expect(html.contains("<label for=\"leads-p-ha\""))
            #expect(html.contains("id=\"save-team\""))
        }
        try await world.close()
    }

    @Test("Non-admins read the tree without forms; their POSTs and the edit page are 403, and nothing changes")
    func readOnlyForOthers() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            for email in ["ha@okra.demo", "nam@okra.demo", "mai@okra.demo"] {
                let cookies = try await client.signIn(email)
                let (status, html) = try await client.page("/settings/teams", cookies)
                #expect(status == .ok)
                #expect(html.contains("id=\"team-marketing\""))
                #expect(!html.contains("<form method=\"post\" action=\"/settings/teams\""))
                #expect(!html.contains("id=\"edit-team-marketing\""))
                let (edit, _) = try await client.page("/settings/teams/marketing", cookies)
                #expect(edit == .forbidden)
                let created = try await postSettings(
                    client, "/settings/teams", cookies,
                    [("csrf", cookies.csrf), ("name", "Nhóm lén"), ("parent", "company")])
                #expect(created.status == .forbidden)
                let changed = try await postSettings(
                    client, "/settings/teams/marketing", cookies,
                    [("csrf", cookies.csrf), ("name", "Đổi tên"), ("parent", "company"), ("version", "2")])
                #expect(changed.status == .forbidden)
            }
        }
        #expect(try await world.store.teams().count == 4)
        #expect(try await world.store.team(id: "marketing")?.value.name.vi == "Marketing")
        try await world.close()
    }

    @Test("An admin adds Growth below Marketing with its lead and member; 303 back to the tree, which shows it")
    func createsTeam() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let answer = try await postSettings(
                client, "/settings/teams", cookies,
                [
                    ("csrf", cookies.csrf), ("name", "Tăng trưởng"), ("name_en", "Growth"), ("parent", "marketing"),
                    ("leads", "p-ha"), ("members", "p-nam"), ("members", "p-lan"),
                ])
            #expect(answer.status == .seeOther)
            #expect(answer.location.hasPrefix("/settings/teams?saved="))
            let (_, html) = try await client.page(answer.location, cookies)
            #expect(html.contains("Tăng trưởng"))
            #expect(html.contains("class=\"saved\""))
        }
        let growth = try #require(try await world.store.teams().first { $0.name.vi == "Tăng trưởng" })
        #expect(growth.name.en == "Growth")
        #expect(growth.parentID == "marketing")
        #expect(growth.leadIDs == ["p-ha"])
        #expect(Set(growth.memberIDs) == ["p-nam", "p-lan"])
        try await world.close()
    }

    @Test("A blank name and no parent save nothing: messages next to the fields, the input kept")
    func invalidTeam() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let answer = try await postSettings(
                client, "/settings/teams", cookies,
                [
                    ("csrf", cookies.csrf), ("name", "  "), ("name_en", "Kept English"), ("parent", ""),
                    ("members", "p-tam"),
                ])
            #expect(answer.status == .unprocessableContent)
            #expect(answer.html.contains("id=\"name-error\""))
            #expect(answer.html.contains("aria-describedby=\"name-error\""))
            #expect(answer.html.contains("id=\"parent-error\""))
            #expect(answer.html.contains("value=\"Kept English\""))
            #expect(answer.html.contains("id=\"members-p-tam\" name=\"members\" value=\"p-tam\" checked"))
            #expect(answer.html.contains("role=\"alert\""))
        }
        #expect(try await world.store.teams().count == 4)
        try await world.close()
    }

    @Test("An admin renames Sales and changes its members with the version read; a stale version is 409, input kept")
    func updatesTeam() async throws {
        let world = try await TestWorld.demo()
        let sales = try #require(try await world.store.team(id: "sales"))
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let (status, form) = try await client.page("/settings/teams/sales", cookies)
            #expect(status == .ok)
            #expect(form.contains("name=\"version\" value=\"\(sales.version)\""))
            #expect(form.contains("value=\"Kinh doanh\""))
            #expect(form.contains("id=\"leads-p-bao\" name=\"leads\" value=\"p-bao\" checked"))
            // Sales cannot be put below itself: only the company, Marketing and Engineering are offered.
            #expect(!form.contains("<option value=\"sales\""))
            let saved = try await postSettings(
                client, "/settings/teams/sales", cookies,
                [
                    ("csrf", cookies.csrf), ("name", "Bán hàng"), ("name_en", "Sales"), ("parent", "company"),
                    ("leads", "p-bao"), ("members", "p-lan"), ("members", "p-tam"), ("version", String(sales.version)),
                ])
            #expect(saved.status == .seeOther)
            let stale = try await postSettings(
                client, "/settings/teams/sales", cookies,
                [
                    ("csrf", cookies.csrf), ("name", "Kinh doanh B2B"), ("parent", "company"), ("leads", "p-bao"),
                    ("version", String(sales.version)),
                ])
            #expect(stale.status == .conflict)
            #expect(stale.html.contains("value=\"Kinh doanh B2B\""))
            #expect(stale.html.contains("role=\"alert\""))
        }
        let after = try #require(try await world.store.team(id: "sales"))
        #expect(after.value.name.vi == "Bán hàng")
        #expect(Set(after.value.memberIDs) == ["p-lan", "p-tam"])
        #expect(after.version == sales.version + 1)
        try await world.close()
    }

    @Test("Moving the company below Marketing is a loop: refused next to the parent; the company keeps no parent")
    func refusesLoop() async throws {
        let world = try await TestWorld.demo()
        let marketing = try #require(try await world.store.team(id: "marketing"))
        let company = try #require(try await world.store.team(id: "company"))
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let (_, companyForm) = try await client.page("/settings/teams/company", cookies)
            // The root has no parent to choose.
            #expect(!companyForm.contains("id=\"parent\""))
            let answer = try await postSettings(
                client, "/settings/teams/marketing", cookies,
                [
                    ("csrf", cookies.csrf), ("name", "Marketing"), ("parent", "marketing"), ("leads", "p-ha"),
                    ("version", String(marketing.version)),
                ])
            #expect(answer.status == .unprocessableContent)
            #expect(answer.html.contains("id=\"parent-error\""))
            // A company form that names a parent anyway is still the root.
            let root = try await postSettings(
                client, "/settings/teams/company", cookies,
                [
                    ("csrf", cookies.csrf), ("name", "Công ty Okra"), ("parent", "marketing"), ("leads", "p-anh"),
                    ("members", "p-anh"), ("members", "p-mai"), ("version", String(company.version)),
                ])
            #expect(root.status == .seeOther)
        }
        #expect(try await world.store.team(id: "company")?.value.parentID == nil)
        #expect(try await world.store.team(id: "marketing")?.value.parentID == "company")
        try await world.close()
    }

    @Test("A team named <script>alert(1)</script> shows as text in the tree and in its form")
    func escaping() async throws {
        let world = try await TestWorld.demo()
        try await world.store.createTeam(
            Team(id: "t-script", name: LocalizedName(vi: "<script>alert(1)</script>"), parentID: "company"),
            actor: nil)
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            for uri in ["/settings/teams", "/settings/teams/t-script", "/settings/people"] {
                let (_, html) = try await client.page(uri, cookies)
                #expect(!html.contains("<script>alert(1)</script>"), "\(uri)")
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(uri)")
            }
        }
        try await world.close()
    }

    @Test("A form without its CSRF token is refused; an unknown team is 404; no session redirects to sign-in")
    func plumbing() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let forged = try await postSettings(
                client, "/settings/teams", cookies, [("name", "Giả mạo"), ("parent", "company")])
            #expect(forged.status == .forbidden)
            let (missing, _) = try await client.page("/settings/teams/khong-co", cookies)
            #expect(missing == .notFound)
            try await client.execute(uri: "/settings/teams", method: .get) { response in
                #expect(response.headers[.location]?.hasPrefix("/sign-in?next=/settings/teams") == true)
            }
        }
        #expect(try await world.store.teams().count == 4)
        try await world.close()
    }

    @Test("The tree loads in the same number of SQL queries with 4 teams or 34")
    func constantQueries() async throws {
        let world = try await TestWorld.demo()
        func count() async throws -> Int {
            try await world.test { client in
                let cookies = try await client.signIn("mai@okra.demo")
                let before = world.database.queryCount
                _ = try await client.page("/settings/teams", cookies)
                return world.database.queryCount - before
            }
        }
        _ = try await count()  // the first request loads the read model
        let small = try await count()
        for n in 0..<30 {
            try await world.store.createTeam(
                Team(
                    id: TeamID("t-extra-\(n)"), name: LocalizedName(vi: "Nhóm thêm \(n)"),
                    parentID: n < 10 ? "engineering" : TeamID("t-extra-\(n % 10)"), leadIDs: ["p-long"],
                    memberIDs: ["p-tam"]),
                actor: nil)
        }
        let large = try await count()
        #expect(small == large)
        try await world.close()
    }
}
