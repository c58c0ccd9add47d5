import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// Changing a password proves the current one and ends the sessions a thief may hold; an admin's reset also
/// revokes the person's API tokens.
@Suite("Password changes")
struct PasswordChangeTests {
    static let newPassword = "một mật khẩu mới 2026"

    static func signedIn(_ client: some TestClientProtocol, _ cookies: BrowserCookies) async throws -> Bool {
        try await client.page("/", cookies).0 == .ok
    }

    @Test("One's own password needs the current one (422 without or wrong); then the other sessions end")
    func ownPassword() async throws {
        let world = try await TestWorld.demo()
        let nam = try await world.token("p-nam")
        try await world.test { client in
            let elsewhere = try await client.signIn("nam@okra.demo")
            let version = try #require(try await world.store.versionedPerson(id: "p-nam")?.version)
            let missing = try await client.api(
                .patch, "/api/v1/users/p-nam", token: nam,
                body: jsonBody(["version": version, "password": Self.newPassword]))
            #expect(missing.status == .unprocessableContent)
            #expect(missing.errorField == "current_password")
            let wrong = try await client.api(
                .patch, "/api/v1/users/p-nam", token: nam,
                body: jsonBody(["version": version, "password": Self.newPassword, "current_password": "đoán bừa 123"]))
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.errorField == "current_password")
            #expect(try await Self.signedIn(client, elsewhere), "a refused change ends nothing")

            let changed = try await client.api(
                .patch, "/api/v1/users/p-nam", token: nam,
                body: jsonBody([
                    "version": version, "password": Self.newPassword, "current_password": DemoOrganization.password,
                ]))
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(!(try await Self.signedIn(client, elsewhere)), "the other browser is signed out")
            let me = try await client.api(.get, "/api/v1/me", token: nam)
            #expect(me.status == .ok, "one's own API tokens keep working")
            let again = try await client.signIn("nam@okra.demo", password: Self.newPassword)
            #expect(try await Self.signedIn(client, again))
        }
        try await world.close()
    }

    @Test("An admin changing their own password on the people page keeps that session and ends the others")
    func ownPasswordOnThePage() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let here = try await client.signIn("admin@okra.demo")
            let there = try await client.signIn("admin@okra.demo")
            let person = try #require(try await world.store.versionedPerson(id: "p-anh"))
            func post(_ current: String) async throws -> HTTPResponse.Status {
                var fields = [
                    ("csrf", here.csrf), ("name", person.value.name), ("email", person.value.email),
                    ("role", "admin"), ("language", person.value.language?.rawValue ?? ""),
                    ("version", String(person.version)), ("password", Self.newPassword),
                    ("current_password", current),
                ]
                fields += person.value.teamIDs.map { ("teams", $0.rawValue) }
                let body = fields.map { "\($0.0)=\($0.1.formEncoded)" }.joined(separator: "&")
                return try await client.execute(
                    uri: "/settings/people/p-anh", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: here.header],
                    body: ByteBuffer(string: body)
                ) { $0.status }
            }
            #expect(try await post("") == .unprocessableContent)
            #expect(try await post("sai mật khẩu rồi") == .unprocessableContent)
            #expect(try await Self.signedIn(client, there))
            #expect(try await post(DemoOrganization.password) == .seeOther)
            #expect(try await Self.signedIn(client, here), "the session the change was made from stays")
            #expect(!(try await Self.signedIn(client, there)))
        }
        try await world.close()
    }

    @Test("A password an admin sets for someone ends all their sessions and revokes their API tokens")
    func adminReset() async throws {
        let world = try await TestWorld.demo()
        let anh = try await world.token("p-anh")
        let nam = try await world.token("p-nam")
        try await world.test { client in
            let nams = try await client.signIn("nam@okra.demo")
            let version = try #require(try await world.store.versionedPerson(id: "p-nam")?.version)
            let reset = try await client.api(
                .patch, "/api/v1/users/p-nam", token: anh,
                body: jsonBody(["version": version, "password": Self.newPassword]))
            #expect(reset.status == .ok, "\(reset.text)")
            #expect(!(try await Self.signedIn(client, nams)))
            let revoked = try await client.api(.get, "/api/v1/me", token: nam)
            #expect(revoked.status == .unauthorized)
            let again = try await client.signIn("nam@okra.demo", password: Self.newPassword)
            #expect(try await Self.signedIn(client, again))
        }
        try await world.close()
    }
}
