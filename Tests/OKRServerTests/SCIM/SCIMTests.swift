import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

extension TestClientProtocol {
    /// Calls `/scim/v2` with a bearer token (none when nil).
    @discardableResult
    func scim(_ method: HTTPRequest.Method, _ path: String, token: String?, body: String? = nil) async throws
        -> APIAnswer
    {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/scim+json" }
        return try await execute(
            uri: "/scim/v2" + path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            APIAnswer(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }
}

extension APIAnswer {
    var resources: [[String: Any]] { object["Resources"] as? [[String: Any]] ?? [] }
    var scimType: String? { object["scimType"] as? String }
    /// The body is SCIM's error schema with this status.
    var isSCIMError: Bool {
        (object["schemas"] as? [String]) == ["urn:ietf:params:scim:api:messages:2.0:Error"]
            && object["status"] as? String == String(status.code)
            && headers[.contentType]?.hasPrefix("application/scim+json") == true
    }
}

@Suite("SCIM 2.0: a directory provisions people and teams with its own token")
struct SCIMTests {
    static func patch(_ operations: [[String: Any]]) -> String {
        jsonBody(["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": operations])
    }

    @Test("A User is created, found by userName and externalId, replaced, deactivated the Okta way and back")
    func userLifecycle() async throws {
        let world = try await TestWorld.demo()
        let (_, token) = try await world.store.createSCIMToken(name: "Okta", actor: nil)
        try await world.test { client in
            let created = try await client.scim(
                .post, "/Users", token: token,
                body: jsonBody([
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "Linh.Tran@okra.demo",
                    "name": ["givenName": "Linh", "familyName": "Trần"], "externalId": "00u1abc",
                    "preferredLanguage": "en-US", "active": true,
                ]))
            #expect(created.status == .created, "\(created.text)")
            #expect(created.headers[.contentType]?.hasPrefix("application/scim+json") == true)
            let id = try #require(created.object["id"] as? String)
            #expect(created.headers[.location]?.hasSuffix("/scim/v2/Users/\(id)") == true)
            #expect(created.object["userName"] as? String == "linh.tran@okra.demo")
            #expect(created.object["displayName"] as? String == "Linh Trần")
            let person = try #require(try await world.store.person(id: PersonID(id)))
            #expect(person.email == "linh.tran@okra.demo" && person.language == .en && person.role == .member)

            let byName = try await client.scim(
                .get, "/Users?filter=userName%20eq%20%22LINH.TRAN%40okra.demo%22", token: token)
            #expect(byName.status == .ok && byName.object["totalResults"] as? Int == 1)
            #expect(byName.resources.first?["id"] as? String == id)
            let byExternal = try await client.scim(.get, "/Users?filter=externalId%20eq%20%2200u1abc%22", token: token)
            #expect(byExternal.resources.map { $0["id"] as? String } == [id])
            let nobody = try await client.scim(.get, "/Users?filter=userName%20eq%20%22no%40okra.demo%22", token: token)
            #expect(nobody.status == .ok && nobody.object["totalResults"] as? Int == 0)
            #expect(
                try await client.scim(.get, "/Users/\(id)", token: token).object["externalId"] as? String == "00u1abc")

            let replaced = try await client.scim(
                .put, "/Users/\(id)", token: token,
                body: jsonBody([
                    "userName": "linh.tran@okra.demo", "displayName": "Trần Thị Linh", "externalId": "00u1abc",
                    "preferredLanguage": "vi", "active": true,
                ]))
            #expect(replaced.status == .ok && replaced.object["displayName"] as? String == "Trần Thị Linh")
            #expect(try await world.store.person(id: PersonID(id))?.language == .vi)

            let off = try await client.scim(
                .patch, "/Users/\(id)", token: token, body: Self.patch([["op": "replace", "value": ["active": false]]]))
            #expect(off.status == .ok && off.object["active"] as? Bool == false, "\(off.text)")
            #expect(try await world.store.person(id: PersonID(id))?.isActive == false)
            // Entra ID's form: a capitalised op, a path, and the boolean as a string.
            let on = try await client.scim(
                .patch, "/Users/\(id)", token: token,
                body: Self.patch([["op": "Replace", "path": "active", "value": "True"]]))
            #expect(on.status == .ok && on.object["active"] as? Bool == true)
            #expect(try await world.store.person(id: PersonID(id))?.isActive == true)
            let renamed = try await client.scim(
                .patch, "/Users/\(id)", token: token,
                body: Self.patch([
                    [
                        "op": "replace", "path": "urn:ietf:params:scim:schemas:core:2.0:User:displayName",
                        "value": "Linh",
                    ]
                ]))
            #expect(renamed.object["displayName"] as? String == "Linh")

            // Every change is audited with the directory's name.
            let audit = try await world.store.auditEvents(entity: "scim_resource", entityID: "User/\(id)", limit: 10)
            #expect(audit.count >= 4 && audit.allSatisfy { $0.after?.contains("\"Okta\"") == true })
            let deactivation = try await world.store.auditEvents(entity: "person", entityID: id, limit: 10)
            #expect(
                deactivation.contains { $0.action == "deactivate" }
                    && deactivation.contains { $0.action == "reactivate" })
        }
        try await world.close()
    }

    @Test("Deactivated by the directory, a person cannot sign in and their API token is refused at once")
    func deactivationStopsAccess() async throws {
        let world = try await TestWorld.demo()
        let (_, token) = try await world.store.createSCIMToken(name: "Entra ID", actor: nil)
        let namToken = try await world.token("p-nam")
        try await world.test { client in
            let session = try await client.signIn("nam@okra.demo")
            #expect(try await client.api(.get, "/api/v1/me", token: namToken).status == .ok)
            let off = try await client.scim(
                .patch, "/Users/p-nam", token: token,
                body: Self.patch([["op": "replace", "path": "active", "value": false]]))
            #expect(off.status == .ok)
            #expect(try await client.api(.get, "/api/v1/me", token: namToken).status == .unauthorized)
            try await client.execute(uri: "/", method: .get, headers: [.cookie: session.header]) { response in
                #expect(response.status == .seeOther || response.status == .found)
            }
            let form = "email=nam%40okra.demo&password=\(DemoOrganization.password.formEncoded)&csrf=x&next=%2F"
            try await client.execute(
                uri: "/sign-in", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "okra_csrf=x"],
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .unauthorized)
            }
            // Their OKRs stay theirs (no successor named by a directory).
            #expect(try await world.store.objective(id: "o-nam-email")?.value.owner == .person("p-nam"))

            let back = try await client.scim(
                .patch, "/Users/p-nam", token: token, body: Self.patch([["op": "replace", "value": ["active": true]]]))
            #expect(back.status == .ok && back.object["active"] as? Bool == true)
            #expect(try await client.page("/", try await client.signIn("nam@okra.demo")).0 == .ok)
        }
        try await world.close()
    }

    @Test("DELETE deactivates and hides a User; created again, the same person comes back")
    func deleteAndComeBack() async throws {
        let world = try await TestWorld.demo()
        let (_, token) = try await world.store.createSCIMToken(name: "Okta", actor: nil)
        try await world.test { client in
            #expect(try await client.scim(.delete, "/Users/p-lan", token: token).status == .noContent)
            #expect(try await world.store.person(id: "p-lan")?.isActive == false)
            let gone = try await client.scim(.get, "/Users/p-lan", token: token)
            #expect(gone.status == .notFound && gone.isSCIMError)
            let listed = try await client.scim(
                .get, "/Users?filter=userName%20eq%20%22lan%40okra.demo%22", token: token)
            #expect(listed.object["totalResults"] as? Int == 0)
            let again = try await client.scim(
                .post, "/Users", token: token,
                body: jsonBody(["userName": "lan@okra.demo", "displayName": "Võ Thị Lan"]))
            #expect(again.status == .created && again.object["id"] as? String == "p-lan")
            #expect(try await world.store.person(id: "p-lan")?.isActive == true)
            // The last active admin stays.
            let admin = try await client.scim(.delete, "/Users/p-anh", token: token)
            #expect(admin.status == .badRequest && admin.isSCIMError)
        }
        try await world.close()
    }

    @Test("A taken userName or e-mail is 409 uniqueness")
    func uniqueness() async throws {
        let world = try await TestWorld.demo()
        let (_, token) = try await world.store.createSCIMToken(name: "Okta", actor: nil)
        try await world.test { client in
            let taken = try await client.scim(
                .post, "/Users", token: token, body: jsonBody(["userName": "NAM@okra.demo"]))
            #expect(taken.status == .conflict && taken.scimType == "uniqueness" && taken.isSCIMError)
            let renamed = try await client.scim(
                .patch, "/Users/p-lan", token: token,
                body: Self.patch([["op": "replace", "path": "userName", "value": "nam@okra.demo"]]))
            #expect(renamed.status == .conflict && renamed.scimType == "uniqueness")
            let group = try await client.scim(
                .post, "/Groups", token: token, body: jsonBody(["displayName": "Growth"]))
            #expect(group.status == .created)
            let twice = try await client.scim(.post, "/Groups", token: token, body: jsonBody(["displayName": "growth"]))
            #expect(twice.status == .conflict && twice.scimType == "uniqueness")
        }
        try await world.close()
    }

    @Test("Only a directory's valid SCIM token gets in, and it opens nothing but SCIM")
    func tokens() async throws {
        let world = try await TestWorld.demo()
        let (revoked, old) = try await world.store.createSCIMToken(name: "Old Okta", actor: nil)
        try await world.store.revokeSCIMToken(id: revoked.id, actor: "p-anh")
        let (_, token) = try await world.store.createSCIMToken(name: "Entra ID", actor: "p-anh")
        let api = try await world.token("p-anh")
        try await world.test { client in
            for bearer in [nil, old, api, "okra_scim_nonsense"] {
                let refused = try await client.scim(.get, "/Users", token: bearer)
                #expect(refused.status == .unauthorized && refused.isSCIMError)
                #expect(refused.headers[.wwwAuthenticate] != nil)
            }
            #expect(try await client.scim(.get, "/ServiceProviderConfig", token: nil).status == .unauthorized)
            #expect(try await client.scim(.get, "/Users", token: token).status == .ok)
            #expect(try await client.api(.get, "/api/v1/me", token: token).status == .unauthorized)
            #expect(try await client.api(.get, "/api/v1/users", token: token).status == .unauthorized)
        }
        let directories = try await world.store.scimDirectories()
        #expect(directories.map(\.name) == ["Old Okta", "Entra ID"] && directories[0].isRevoked)
        try await world.close()
    }

    @Test("Groups are teams: created under the company, members added and removed the Entra ID way, deleted")
    func groups() async throws {
        let world = try await TestWorld.demo()
        let (_, token) = try await world.store.createSCIMToken(name: "Entra ID", actor: nil)
        try await world.test { client in
            let created = try await client.scim(
                .post, "/Groups", token: token,
                body: jsonBody(["displayName": "Growth", "externalId": "g-1", "members": [["value": "p-nam"]]]))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.object["id"] as? String)
            let team = try #require(try await world.store.team(id: TeamID(id))?.value)
            #expect(team.name.vi == "Growth" && team.memberIDs == ["p-nam"] && team.parentID != nil)

            let added = try await client.scim(
                .patch, "/Groups/\(id)", token: token,
                body: Self.patch([["op": "add", "path": "members", "value": [["value": "p-lan"], ["value": "p-nam"]]]]))
            #expect(added.status == .ok)
            #expect(try await world.store.team(id: TeamID(id))?.value.memberIDs == ["p-lan", "p-nam"])
            let user = try await client.scim(.get, "/Users/p-lan", token: token)
            #expect((user.object["groups"] as? [[String: Any]])?.contains { $0["value"] as? String == id } == true)

            let removed = try await client.scim(
                .patch, "/Groups/\(id)", token: token,
                body: Self.patch([["op": "Remove", "path": "members[value eq \"p-nam\"]"]]))
            #expect(removed.status == .ok)
            #expect(try await world.store.team(id: TeamID(id))?.value.memberIDs == ["p-lan"])
            let listed = try await client.scim(
                .patch, "/Groups/\(id)", token: token,
                body: Self.patch([["op": "remove", "path": "members", "value": [["value": "p-lan"]]]]))
            #expect(listed.status == .ok && (listed.object["members"] as? [Any])?.isEmpty == true)

            let found = try await client.scim(.get, "/Groups?filter=displayName%20eq%20%22growth%22", token: token)
            #expect(found.resources.map { $0["id"] as? String } == [id])
            let replaced = try await client.scim(
                .put, "/Groups/\(id)", token: token,
                body: jsonBody(["displayName": "Growth team", "members": [["value": "p-ha"]]]))
            #expect(replaced.status == .ok && replaced.object["displayName"] as? String == "Growth team")
            #expect(try await world.store.team(id: TeamID(id))?.value.memberIDs == ["p-ha"])
            let stranger = try await client.scim(
                .patch, "/Groups/\(id)", token: token,
                body: Self.patch([["op": "add", "path": "members", "value": [["value": "p-nobody"]]]]))
            #expect(stranger.status == .badRequest && stranger.scimType == "invalidValue")

            #expect(try await client.scim(.delete, "/Groups/\(id)", token: token).status == .noContent)
            #expect(try await client.scim(.get, "/Groups/\(id)", token: token).status == .notFound)
            #expect(try await world.store.team(id: TeamID(id)) != nil)
            let all = try await client.scim(.get, "/Groups", token: token)
            #expect(!all.resources.contains { $0["id"] as? String == id })
            #expect(!all.resources.contains { ($0["displayName"] as? String) == "Okra Demo" })
        }
        try await world.close()
    }

    @Test("Other forms directories send: inactive on creation, a rename without path, extension and sub-attributes")
    func otherForms() async throws {
        let world = try await TestWorld.demo()
        let (_, token) = try await world.store.createSCIMToken(name: "Entra ID", actor: nil)
        try await world.test { client in
            let inactive = try await client.scim(
                .post, "/Users", token: token,
                body: jsonBody(["userName": "khoa@okra.demo", "displayName": "Khoa", "active": false]))
            #expect(inactive.status == .created && inactive.object["active"] as? Bool == false)
            let id = try #require(inactive.object["id"] as? String)
            #expect(try await world.store.person(id: PersonID(id))?.isActive == false)

            let parts = try await client.scim(
                .patch, "/Users/p-nam", token: token,
                body: Self.patch([
                    ["op": "Add", "path": "name.givenName", "value": "Nam"],
                    [
                        "op": "replace",
                        "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
                        "value": "Marketing",
                    ],
                    ["op": "replace", "path": "emails[type eq \"work\"].primary", "value": true],
                ]))
            #expect(parts.status == .ok, "\(parts.text)")
            #expect((parts.object["name"] as? [String: Any])?["givenName"] as? String == "Nam")
            #expect(parts.object["userName"] as? String == "nam@okra.demo")

            let group = try await client.scim(.post, "/Groups", token: token, body: jsonBody(["displayName": "Ops"]))
            let groupID = try #require(group.object["id"] as? String)
            // Okta renames a group with the whole resource as the value, its id included.
            let renamed = try await client.scim(
                .patch, "/Groups/\(groupID)", token: token,
                body: Self.patch([["op": "replace", "value": ["id": groupID, "displayName": "Operations"]]]))
            #expect(renamed.status == .ok && renamed.object["displayName"] as? String == "Operations")
            #expect(try await world.store.team(id: TeamID(groupID))?.value.name.vi == "Operations")

            let searched = try await client.scim(
                .post, "/Users/.search", token: token,
                body: jsonBody(["filter": "userName eq \"nam@okra.demo\"", "startIndex": 1, "count": 10]))
            #expect(searched.status == .ok && searched.resources.map { $0["id"] as? String } == ["p-nam"])
        }
        try await world.close()
    }

    @Test("Pages of Users follow startIndex and count")
    func paging() async throws {
        let world = try await TestWorld.demo()
        let (_, token) = try await world.store.createSCIMToken(name: "Okta", actor: nil)
        let everyone = try await world.store.people().map(\.id.rawValue).sorted()
        try await world.test { client in
            let page = try await client.scim(.get, "/Users?startIndex=3&count=2", token: token)
            #expect(page.object["totalResults"] as? Int == everyone.count)
            #expect(page.object["startIndex"] as? Int == 3 && page.object["itemsPerPage"] as? Int == 2)
            #expect(page.resources.map { $0["id"] as? String } == Array(everyone[2..<4]))
            let none = try await client.scim(.get, "/Users?count=0", token: token)
            #expect(none.resources.isEmpty && none.object["totalResults"] as? Int == everyone.count)
            let past = try await client.scim(.get, "/Users?startIndex=1000", token: token)
            #expect(past.status == .ok && past.resources.isEmpty)
            let projected = try await client.scim(.get, "/Users?attributes=userName&count=1", token: token)
            #expect(projected.resources.first.map { Set($0.keys) } == ["id", "schemas", "userName"])
        }
        try await world.close()
    }

    @Test("Malformed filters, paths and bodies are 400 in SCIM's error schema, never a 5xx")
    func malformed() async throws {
        let world = try await TestWorld.demo()
        let (_, token) = try await world.store.createSCIMToken(name: "Okta", actor: nil)
        try await world.test { client in
            for filter in [
                "userName eq", "userName xx \"a\"", "(userName eq \"a\"", "userName eq \"a", "eq \"x\"",
                "userName eq \"a\" and", "not userName eq \"a\"", "userName eq bob", "emails[type eq \"work\"",
                "a.b.c eq \"x\"", "userName eq \"a\" )", "",
                // Deep or long filters are refused before they are evaluated (they would exhaust the stack).
                String(repeating: "(", count: 5_000) + "userName pr" + String(repeating: ")", count: 5_000),
                String(repeating: "not (", count: 3_000) + "userName pr" + String(repeating: ")", count: 3_000),
                Array(repeating: "userName pr", count: 2_000).joined(separator: " and "),
            ] {
                let query = filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let answer = try await client.scim(.get, "/Users?filter=\(query)", token: token)
                #expect(answer.status == .badRequest && answer.scimType == "invalidFilter", "\(filter): \(answer.text)")
                #expect(answer.isSCIMError)
            }
            for parameter in ["startIndex=abc", "count=1.5"] {
                let answer = try await client.scim(.get, "/Users?\(parameter)", token: token)
                #expect(answer.status == .badRequest && answer.scimType == "invalidValue")
            }
            let bodies: [(HTTPRequest.Method, String, String)] = [
                (.post, "/Users", "not json"), (.post, "/Users", "[]"), (.post, "/Users", "{}"),
                (.post, "/Users", #"{"userName": 5}"#), (.post, "/Users", #"{"userName": "not-an-address"}"#),
                (.post, "/Users", #"{"userName": "x@okra.demo", "active": "maybe"}"#),
                (.post, "/Users", #"{"userName": "x@okra.demo", "emails": "x"}"#),
                (.post, "/Users", #"{"userName": "x@okra.demo", "externalId": 7}"#),
                (
                    .post, "/Users",
                    #"{"userName": "x@okra.demo", "displayName": "\#(String(repeating: "a", count: 300))"}"#
                ),
                (.put, "/Users/p-nam", #"{"displayName": "No user name"}"#),
                (.patch, "/Users/p-nam", "{}"), (.patch, "/Users/p-nam", #"{"Operations": []}"#),
                (.patch, "/Users/p-nam", #"{"Operations": [{"op": "move", "path": "active"}]}"#),
                (.patch, "/Users/p-nam", #"{"Operations": [{"op": "remove"}]}"#),
                (
                    .patch, "/Users/p-nam",
                    #"{"Operations": [{"op": "replace", "path": "members[value eq", "value": 1}]}"#
                ),
                (.patch, "/Users/p-nam", #"{"Operations": [{"op": "replace", "value": 3}]}"#),
                (.patch, "/Users/p-nam", #"{"Operations": [{"op": "add", "path": "active"}]}"#),
                (
                    .patch, "/Users/p-nam",
                    #"{"Operations": [{"op": "replace", "path": "emails[type eq \"home\"].value", "value": "a@b.vn"}]}"#
                ),
                (.patch, "/Users/p-nam", #"{"Operations": [{"op": "replace", "path": "active", "value": "nope"}]}"#),
                (.patch, "/Users/p-nam", #"{"Operations": "x"}"#),
                (.post, "/Groups", "{}"), (.post, "/Groups", #"{"displayName": "X", "members": [{"value": 3}]}"#),
                (.post, "/Groups", #"{"displayName": "X", "members": {"value": "p-nam"}}"#),
                (.post, "/Users/.search", #"{"filter": "userName zz 1"}"#),
            ]
            for (method, path, body) in bodies {
                let answer = try await client.scim(method, path, token: token, body: body)
                #expect(answer.status == .badRequest && answer.isSCIMError, "\(method) \(path) \(body): \(answer.text)")
            }
            let missing = try await client.scim(.get, "/Users/p-nobody", token: token)
            #expect(missing.status == .notFound && missing.isSCIMError)
            let elsewhere = try await client.scim(.get, "/Nothing/here", token: token)
            #expect(elsewhere.status == .notFound && elsewhere.isSCIMError)
            let patch = Self.patch([["op": "add", "path": "members", "value": [["value": "p-nam"]]]])
            #expect(try await client.scim(.patch, "/Groups/nope", token: token, body: patch).status == .notFound)
        }
        try await world.close()
    }

    @Test("Discovery: the service provider's configuration, resource types and schemas")
    func discovery() async throws {
        let world = try await TestWorld.demo()
        let (_, token) = try await world.store.createSCIMToken(name: "Okta", actor: nil)
        try await world.test { client in
            let config = try await client.scim(.get, "/ServiceProviderConfig", token: token)
            #expect((config.object["patch"] as? [String: Any])?["supported"] as? Bool == true)
            #expect((config.object["filter"] as? [String: Any])?["maxResults"] as? Int == 200)
            let types = try await client.scim(.get, "/ResourceTypes", token: token)
            #expect(Set(types.resources.compactMap { $0["endpoint"] as? String }) == ["/Users", "/Groups"])
            #expect(
                try await client.scim(.get, "/ResourceTypes/User", token: token).object["name"] as? String == "User")
            let schemas = try await client.scim(.get, "/Schemas", token: token)
            #expect(schemas.resources.count == 2)
            let user = try await client.scim(
                .get, "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", token: token)
            #expect(user.status == .ok && (user.object["attributes"] as? [Any])?.isEmpty == false)
            #expect(try await client.scim(.get, "/Schemas/urn:nope", token: token).status == .notFound)
            let write = try await client.scim(.post, "/Schemas", token: token, body: "{}")
            #expect(write.status == .methodNotAllowed && write.isSCIMError && write.headers[.allow] == "GET, HEAD")
        }
        try await world.close()
    }
}
