import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("Settings: a person's own API tokens, the secret shown once")
struct TokensSettingsPageTests {
    /// The secret in the page that made it: the value of the read-only field `token-secret`.
    static func secret(in html: String) throws -> String {
        let field = try #require(html.range(of: "id=\"token-secret\""))
        let value = try #require(html[field.upperBound...].range(of: "value=\""))
        return String(html[value.upperBound...].prefix { $0 != "\"" })
    }

    @Test("Nam makes a read-only token: the secret is shown once, works on the API, and afterwards only its name")
    func secretShownOnce() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            let (empty, before) = try await client.page("/settings/tokens", cookies)
            #expect(empty == .ok)
            #expect(before.contains("<label for=\"name\""))
            #expect(before.contains("<label for=\"read_only\""))
            #expect(before.contains("id=\"create-token\""))
            #expect(!before.contains("id=\"tokens-personal\""))
            let made = try await postSettings(
                client, "/settings/tokens", cookies,
                [("csrf", cookies.csrf), ("name", "Báo cáo tuần"), ("read_only", "on")])
            #expect(made.status == .created)
            let secret = try Self.secret(in: made.html)
            #expect(secret.hasPrefix("okra_"))
            #expect(made.html.contains("id=\"token-secret-hint\""))
            // The secret works, and may only read.
            let me = try await client.api(.get, "/api/v1/me", token: secret)
            #expect(me.status == .ok && me.object["id"] as? String == "p-nam")
            let write = try await client.api(
                .post, "/api/v1/tokens", token: secret, body: jsonBody(["name": "không được"]))
            #expect(write.status == .forbidden)
            // Listed afterwards by name, never with the secret.
            let (_, after) = try await client.page("/settings/tokens", cookies)
            #expect(after.contains("Báo cáo tuần"))
            #expect(after.contains("Chỉ đọc"))
            #expect(!after.contains(secret))
            #expect(!after.contains("id=\"token-secret\""))
        }
        let tokens = try await world.store.apiTokens(person: "p-nam")
        #expect(tokens.map(\.name) == ["Báo cáo tuần"] && tokens.first?.readOnly == true)
        try await world.close()
    }

    @Test("A blank name makes no token: the message by the field, the read-only box kept")
    func blankName() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("lan@okra.demo")
            let answer = try await postSettings(
                client, "/settings/tokens", cookies, [("csrf", cookies.csrf), ("name", "   "), ("read_only", "on")])
            #expect(answer.status == .unprocessableContent)
            #expect(answer.html.contains("id=\"name-error\""))
            #expect(answer.html.contains("aria-describedby=\"name-hint name-error\""))
            #expect(answer.html.contains("id=\"read_only\" name=\"read_only\" value=\"on\" checked"))
            #expect(!answer.html.contains("id=\"token-secret\""))
        }
        #expect(try await world.store.apiTokens(person: "p-lan").isEmpty)
        try await world.close()
    }

    @Test("Revoking a token stops it at once and lists it as revoked; someone else's token is 404 and keeps working")
    func revoke() async throws {
        let world = try await TestWorld.demo()
        let own = try await world.store.createAPIToken(person: "p-bao", name: "CRM sync", readOnly: false)
        let others = try await world.store.createAPIToken(person: "p-lan", name: "Của Lan", readOnly: false)
        let ownID = try #require(try await world.store.apiTokens(person: "p-bao").first?.id)
        let othersID = try #require(try await world.store.apiTokens(person: "p-lan").first?.id)
        try await world.test { client in
            let cookies = try await client.signIn("bao@okra.demo")
            let (_, list) = try await client.page("/settings/tokens", cookies)
            #expect(list.contains("action=\"/settings/tokens/\(ownID)/revoke\""))
            let forged = try await postSettings(client, "/settings/tokens/\(ownID)/revoke", cookies, [])
            #expect(forged.status == .forbidden)
            let revoked = try await postSettings(
                client, "/settings/tokens/\(ownID)/revoke", cookies, [("csrf", cookies.csrf)])
            #expect(revoked.status == .seeOther && revoked.location == "/settings/tokens")
            #expect(try await client.api(.get, "/api/v1/me", token: own).status == .unauthorized)
            let (_, after) = try await client.page("/settings/tokens", cookies)
            #expect(after.contains("Đã thu hồi ngày "))
            #expect(!after.contains("id=\"revoke-\(ownID)\""))
            let again = try await postSettings(
                client, "/settings/tokens/\(ownID)/revoke", cookies, [("csrf", cookies.csrf)])
            #expect(again.status == .notFound)
            let foreign = try await postSettings(
                client, "/settings/tokens/\(othersID)/revoke", cookies, [("csrf", cookies.csrf)])
            #expect(foreign.status == .notFound)
            #expect(try await client.api(.get, "/api/v1/me", token: others).status == .ok)
        }
        try await world.close()
    }

    @Test("Viewers manage their own tokens too, as the API allows; admins read that tokens are personal")
    func rolesAndNote() async throws {
        let world = try await TestWorld.demo()
        _ = try await world.store.createAPIToken(person: "p-nam", name: "Token của Nam", readOnly: false)
        try await world.test { client in
            let mai = try await client.signIn("mai@okra.demo")
            let made = try await postSettings(
                client, "/settings/tokens", mai, [("csrf", mai.csrf), ("name", "Bảng điều khiển")])
            #expect(made.status == .created)
            #expect(!made.html.contains("Token của Nam"))
            let admin = try await client.signIn("admin@okra.demo")
            let (_, html) = try await client.page("/settings/tokens", admin)
            #expect(html.contains("id=\"tokens-personal\""))
            #expect(!html.contains("Token của Nam"))
            #expect(!html.contains("Bảng điều khiển"))
        }
        #expect(try await world.store.apiTokens(person: "p-mai").count == 1)
        try await world.close()
    }

    @Test("A token named <script>alert(1)</script> shows as text")
    func escaping() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            let made = try await postSettings(
                client, "/settings/tokens", cookies, [("csrf", cookies.csrf), ("name", "<script>alert(1)</script>")])
            #expect(made.status == .created)
            let (_, html) = try await client.page("/settings/tokens", cookies)
            for page in [made.html, html] {
                #expect(!page.contains("<script>alert(1)</script>"))
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            }
        }
        try await world.close()
    }
}
