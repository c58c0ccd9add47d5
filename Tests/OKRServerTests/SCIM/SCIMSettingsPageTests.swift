import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("The SCIM settings page: an admin makes and revokes a directory's token")
struct SCIMSettingsPageTests {
    @Test("An admin makes a token, shown once, that opens SCIM; revoked, it is refused; others may not")
    func makeAndRevoke() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            func post(_ uri: String, _ form: String, _ cookies: BrowserCookies) async throws -> TestResponse {
                try await client.execute(
                    uri: uri, method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                    body: ByteBuffer(string: "csrf=\(cookies.csrf)&" + form)
                ) { $0 }
            }
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            let (status, empty) = try await client.page("/settings/scim", cookies)
            #expect(status == .ok && empty.contains("/scim/v2</code>") && empty.contains("aria-current=\"page\""))

            let made = try await post("/settings/scim", "name=Entra%20ID", cookies)
            #expect(made.status == .created && made.headers[.cacheControl]?.hasPrefix("no-store") == true)
            let body = String(buffer: made.body)
            let start = try #require(body.range(of: "value=\"okra_scim_"))
            let token = "okra_scim_" + body[start.upperBound...].prefix { $0 != "\"" }
            #expect(try await client.scim(.get, "/Users", token: token).status == .ok)
            let directory = try #require(try await world.store.scimDirectories().first)
            #expect(directory.name == "Entra ID")
            let audit = try await world.store.auditEvents(entity: "scim_token", entityID: directory.id, limit: 1)
            #expect(audit.first?.actorID == "p-anh")

            let (_, listed) = try await client.page("/settings/scim", cookies)
            #expect(listed.contains("id=\"scim-\(directory.id)\"") && !listed.contains(token))
            #expect(try await post("/settings/scim", "name=%20", cookies).status == .unprocessableContent)

            let revoked = try await post("/settings/scim/\(directory.id)/revoke", "", cookies).status
            #expect(revoked == .seeOther || revoked == .found)
            #expect(try await client.scim(.get, "/Users", token: token).status == .unauthorized)

            // A lead sees no such page and makes no token.
            let lead = try await client.signIn("ha@okra.demo")
            #expect(try await client.page("/settings/scim", lead).0 == .forbidden)
            #expect(try await post("/settings/scim", "name=Mine", lead).status == .forbidden)
            #expect(try await world.store.scimDirectories().count == 1)
        }
        try await world.close()
    }

    @Test("The page speaks Vietnamese")
    func vietnamese() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            let (_, html) = try await client.page("/settings/scim?lang=vi", cookies)
            #expect(html.contains("Đồng bộ người dùng từ hệ thống định danh (SCIM)"), "\(html.prefix(3000))")
        }
        try await world.close()
    }
}
