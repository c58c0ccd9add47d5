import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("The first run of an empty database: the organization, its company and its first admin")
struct FirstRunTests {
    static func post(_ client: some TestClientProtocol, _ cookies: BrowserCookies, _ fields: [(String, String)])
        async throws -> (HTTPResponse.Status, String, BrowserCookies)
    {
        let body = fields.map { "\($0.0)=\($0.1.formEncoded)" }.joined(separator: "&")
        return try await client.execute(
            uri: "/setup", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: body)
        ) { response in
            var after = cookies
            after.merge(response)
            return (response.status, String(buffer: response.body), after)
        }
    }

    static func fields(_ cookies: BrowserCookies, email: String = "linh@tinhvan.vn") -> [(String, String)] {
        [
            ("csrf", cookies.csrf), ("organization", "Công ty Tinh Vân"), ("company", "Tinh Vân"),
            ("name", "Trần Thùy Linh"), ("email", email), ("password", "mật-khẩu-đủ-dài-2026"), ("language", "vi"),
            ("time_zone", "Asia/Ho_Chi_Minh"),
        ]
    }

    @Test("The sign-in of an empty database leads to /setup; a valid form creates all three and signs the admin in")
    func setUp() async throws {
        let world = try await TestWorld.empty()
        try await world.test { client in
            let cookies = try await client.execute(uri: "/sign-in", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/setup")
                return BrowserCookies(response)
            }
            let (status, form) = try await client.page("/setup", cookies)
            #expect(status == .ok)
            #expect(form.contains("<h1>Thiết lập Okra</h1>"))
            #expect(form.contains("<label for=\"organization\">Tên tổ chức</label>"))

            let (created, _, signedIn) = try await Self.post(client, cookies, Self.fields(cookies))
            #expect(created == .seeOther)
            let (home, page) = try await client.page("/", signedIn)
            #expect(home == .ok)
            #expect(page.contains("Trần Thùy Linh"))
            #expect(page.contains("href=\"/settings\""))

            // Once anyone exists, the page is gone, and a second form changes nothing.
            let again = try await client.execute(uri: "/setup", method: .get) { $0.status }
            #expect(again == .seeOther)
            let (second, _, _) = try await Self.post(client, cookies, Self.fields(cookies, email: "khac@tinhvan.vn"))
            #expect(second == .seeOther)
            let (_, signInPage) = try await client.page("/sign-in", BrowserCookies())
            #expect(signInPage.contains("action=\"/sign-in\""))
            let linh = try await client.signIn("linh@tinhvan.vn", password: "mật-khẩu-đủ-dài-2026")
            #expect(try await client.page("/", linh).0 == .ok)
        }
        #expect(try await world.store.person(email: "khac@tinhvan.vn") == nil)
        let admin = try #require(try await world.store.person(email: "linh@tinhvan.vn")?.person)
        #expect(admin.role == .admin && admin.language == .vi && admin.teamIDs == ["company"])
        let company = try #require(try await world.store.team(id: "company")?.value)
        #expect(company.name.vi == "Tinh Vân" && company.parentID == nil && company.leadIDs == [admin.id])
        let settings = try #require(try await world.store.settings())
        #expect(settings.name == "Công ty Tinh Vân" && settings.timeZone == "Asia/Ho_Chi_Minh")
        try await world.close()
    }

    @Test("A form with problems comes back with each next to its field, what was typed kept, and nothing created")
    func refused() async throws {
        let world = try await TestWorld.empty()
        try await world.test { client in
            let cookies = try await client.execute(uri: "/setup", method: .get) { BrowserCookies($0) }
            let (status, page, _) = try await Self.post(
                client, cookies,
                [
                    ("csrf", cookies.csrf), ("organization", "Công ty Tinh Vân"), ("company", " "),
                    ("name", "Trần Thùy Linh"), ("email", "linh@"), ("password", "ngắn"), ("time_zone", "Hà Nội"),
                ])
            #expect(status == .unprocessableContent)
            #expect(page.contains("id=\"company-error\""))
            #expect(page.contains("Hãy nhập địa chỉ e-mail, ví dụ ten@congty.vn."))
            #expect(page.contains("Mật khẩu cần từ 10 đến 200 ký tự."))
            #expect(page.contains("Múi giờ không hợp lệ"))
            #expect(page.contains("value=\"Công ty Tinh Vân\""))
            #expect(!page.contains("ngắn"))

            let (forged, _, _) = try await Self.post(client, cookies, Array(Self.fields(cookies).dropFirst()))
            #expect(forged == .forbidden)
        }
        #expect(try await !world.store.holdsPeople())
        #expect(try await world.store.settings() == nil)
        try await world.close()
    }

    @Test("On a database that holds people, /setup leads to the sign-in")
    func notOnceSetUp() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let response = try await client.execute(uri: "/setup", method: .get) { $0 }
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/sign-in")
        }
        try await world.close()
    }
}
