import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("People through the API: list, read, me, add, change")
struct PeopleAPITests {
    @Test("Everyone signed in lists the eight demo people by id, paginated, without password hashes")
    func list() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-mai", readOnly: true)
        try await world.test { client in
            let first = try await client.api(.get, "/api/v1/users?limit=5", token: token)
            #expect(first.status == .ok)
            #expect(first.items.count == 5)
            let cursor = try #require(first.object["next_cursor"] as? String)
            let second = try await client.api(.get, "/api/v1/users?limit=5&cursor=\(cursor)", token: token)
            let ids = (first.items + second.items).compactMap { $0["id"] as? String }
            #expect(ids == ["p-anh", "p-bao", "p-ha", "p-lan", "p-long", "p-mai", "p-nam", "p-tam"])
            #expect(second.object["next_cursor"] == nil)
            let nam = try #require(second.items.first { $0["id"] as? String == "p-nam" })
            #expect(nam["email"] as? String == "nam@okra.demo")
            #expect(nam["role"] as? String == "member")
            #expect(nam["team_ids"] as? [String] == ["marketing"])
            #expect(!first.text.contains("password") && !second.text.contains("$2b$"))
            let bad = try await client.api(.get, "/api/v1/users?limit=0", token: token)
            #expect(bad.status == .badRequest)
            #expect(bad.errorField == "limit")
        }
        try await world.close()
    }

    @Test("One person with an ETag, 404 for an unknown id, and /me for the caller")
    func readOne() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-nam", readOnly: true)
        try await world.test { client in
            let lan = try await client.api(.get, "/api/v1/users/p-lan", token: token)
            #expect(lan.status == .ok)
            #expect(lan.object["name"] as? String == "Võ Thị Lan")
            #expect(lan.headers[.eTag] == "\"v\(lan.object["version"] as? Int ?? -1)\"")
            let missing = try await client.api(.get, "/api/v1/users/p-nobody", token: token)
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
            let me = try await client.api(.get, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(me.object["id"] as? String == "p-nam")
            #expect(me.object["version"] as? Int != nil)
        }
        try await world.close()
    }

    @Test("An admin adds a person with a password; she signs in with it and belongs to Sales")
    func create() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        try await world.test { client in
            let answer = try await client.api(
                .post, "/api/v1/users", token: token,
                body: jsonBody([
                    "id": "p-thu", "name": "Đỗ Minh Thư", "email": " Thu@Okra.Demo ", "role": "member",
                    "team_ids": ["sales"], "language": "en", "password": "mật khẩu dài đủ",
                ]))
            #expect(answer.status == .created, "\(answer.text)")
            #expect(answer.object["email"] as? String == "thu@okra.demo")
            #expect(answer.object["team_ids"] as? [String] == ["sales"])
            #expect(answer.headers[.eTag] == "\"v1\"")
            _ = try await client.signIn("thu@okra.demo", password: "mật khẩu dài đủ")
            let generated = try await client.api(
                .post, "/api/v1/users", token: token, body: jsonBody(["name": "Khách", "email": "khach@okra.demo"]))
            #expect(generated.status == .created)
            #expect((generated.object["id"] as? String)?.hasPrefix("p-") == true)
            #expect(generated.object["role"] as? String == "member")
        }
        let sales = try #require(try await world.store.team(id: "sales")).value
        #expect(sales.memberIDs.contains("p-thu"))
        try await world.close()
    }

    @Test(
        "Adding a person: invalid values are 422 naming the member, a taken e-mail or id is 409",
        arguments: [
            (#"{"name": "Thư", "email": "thu@okra"}"#, 422, "email"),
            (#"{"name": "Thư", "email": "thu okra@okra.demo"}"#, 422, "email"),
            (#"{"name": "Thư"}"#, 422, "email"),
            (#"{"name": " ", "email": "thu@okra.demo"}"#, 422, "name"),
            (#"{"name": "Thư", "email": "thu@okra.demo", "password": "short"}"#, 422, "password"),
            (#"{"name": "Thư", "email": "thu@okra.demo", "role": "owner"}"#, 422, "role"),
            (#"{"name": "Thư", "email": "thu@okra.demo", "team_ids": ["nowhere"]}"#, 422, "team_ids"),
            (#"{"name": "Thư", "email": "thu@okra.demo", "id": "p thu"}"#, 422, "id"),
            (#"{"name": "Thư", "email": "NAM@okra.demo"}"#, 409, "email"),
            (#"{"name": "Thư", "email": "thu@okra.demo", "id": "p-nam"}"#, 409, "id"),
        ])
    func createInvalid(_ body: String, status: Int, field: String) async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        let before = try await world.store.people()
        try await world.test { client in
            let answer = try await client.api(.post, "/api/v1/users", token: token, body: body)
            #expect(answer.status.code == status, "\(answer.text)")
            #expect(answer.errorField == field)
        }
        #expect(try await world.store.people() == before)
        try await world.close()
    }

    @Test("Only admins add people")
    func createForbidden() async throws {
        let world = try await TestWorld.demo()
        for person in ["p-ha", "p-nam", "p-mai"] {
            let token = try await world.token(person)
            try await world.test { client in
                let answer = try await client.api(
                    .post, "/api/v1/users", token: token, body: jsonBody(["name": "Thư", "email": "thu@okra.demo"]))
                #expect(answer.status == .forbidden, "\(person)")
            }
        }
        #expect(try await world.store.person(email: "thu@okra.demo") == nil)
        try await world.close()
    }

    @Test("An admin moves Nam to Sales as a lead; a stale version is 409 and changes nothing")
    func adminChanges() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        let before = try #require(try await world.store.versionedPerson(id: "p-nam"))
        try await world.test { client in
            let answer = try await client.api(
                .patch, "/api/v1/users/p-nam", token: token,
                body: jsonBody(["version": before.version, "role": "lead", "team_ids": ["sales"]]))
            #expect(answer.status == .ok, "\(answer.text)")
            #expect(answer.object["version"] as? Int == before.version + 1)
            let stale = try await client.api(
                .patch, "/api/v1/users/p-nam", token: token,
                body: jsonBody(["version": before.version, "role": "viewer"]))
            #expect(stale.status == .conflict)
            let missing = try await client.api(
                .patch, "/api/v1/users/p-nobody", token: token, body: jsonBody(["version": 1, "name": "X"]))
            #expect(missing.status == .notFound)
            let invalid = try await client.api(
                .patch, "/api/v1/users/p-nam", token: token,
                body: jsonBody(["version": before.version + 1, "email": "not an address"]))
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.errorField == "email")
            let taken = try await client.api(
                .patch, "/api/v1/users/p-nam", token: token,
                body: jsonBody(["version": before.version + 1, "email": "lan@okra.demo"]))
            #expect(taken.status == .conflict)
            #expect(taken.errorField == "email")
        }
        let nam = try #require(try await world.store.person(id: "p-nam"))
        #expect(nam.role == .lead)
        #expect(nam.teamIDs == ["sales"])
        #expect(nam.email == "nam@okra.demo")
        try await world.close()
    }

    @Test("People change their own name, language and password, but not their role, teams or e-mail")
    func selfService() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-mai")
        try await world.test { client in
            let me = try await client.api(.get, "/api/v1/me", token: token)
            let version = try #require(me.object["version"] as? Int)
            let answer = try await client.api(
                .patch, "/api/v1/users/p-mai", token: token,
                body: jsonBody([
                    "version": version, "name": "Hoàng Thị Mai", "language": "en", "password": "một mật khẩu mới",
                    "current_password": DemoOrganization.password,
                ]))
            #expect(answer.status == .ok, "\(answer.text)")
            #expect(answer.object["name"] as? String == "Hoàng Thị Mai")
            #expect(answer.object["language"] as? String == "en")
            let current = try #require(answer.object["version"] as? Int)
            _ = try await client.signIn("mai@okra.demo", password: "một mật khẩu mới")
            for change in [["role": "admin"], ["team_ids": ["sales"]], ["email": "boss@okra.demo"]] {
                let refused = try await client.api(
                    .patch, "/api/v1/users/p-mai", token: token,
                    body: jsonBody(change.merging(["version": current]) { $1 }))
                #expect(refused.status == .forbidden, "\(change)")
            }
            let unchanged = try await client.api(
                .patch, "/api/v1/users/p-mai", token: token, body: jsonBody(["version": current, "role": "viewer"]))
            #expect(unchanged.status == .ok, "sending one's own role back unchanged is no change")
            let other = try await client.api(
                .patch, "/api/v1/users/p-lan", token: token, body: jsonBody(["version": 1, "name": "Lan"]))
            #expect(other.status == .forbidden)
            let short = try await client.api(
                .patch, "/api/v1/users/p-mai", token: token,
                body: jsonBody(["version": current, "password": "ngắn", "current_password": "một mật khẩu mới"]))
            #expect(short.status == .unprocessableContent)
            #expect(short.errorField == "password")
        }
        let mai = try #require(try await world.store.person(id: "p-mai"))
        #expect(mai.role == .viewer)
        #expect(mai.teamIDs == ["company"])
        try await world.close()
    }

    @Test("A password-only change checks the version too")
    func passwordVersion() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-nam")
        let before = try #require(try await world.store.versionedPerson(id: "p-nam"))
        try await world.test { client in
            let stale = try await client.api(
                .patch, "/api/v1/users/p-nam", token: token,
                body: jsonBody([
                    "version": before.version + 5, "password": "một mật khẩu mới",
                    "current_password": DemoOrganization.password,
                ]))
            #expect(stale.status == .conflict)
        }
        #expect(try await world.store.versionedPerson(id: "p-nam") == before)
        try await world.close()
    }

    @Test("The last admin keeps the admin role")
    func lastAdmin() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        let before = try #require(try await world.store.versionedPerson(id: "p-anh"))
        try await world.test { client in
            let answer = try await client.api(
                .patch, "/api/v1/users/p-anh", token: token,
                body: jsonBody(["version": before.version, "role": "lead"]))
            #expect(answer.status == .unprocessableContent)
            #expect(answer.errorField == "role")
        }
        #expect(try await world.store.person(id: "p-anh")?.role == .admin)
        try await world.close()
    }
}
