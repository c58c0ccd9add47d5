import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("Teams through the API: the tree, its leads and members")
struct TeamsAPITests {
    @Test("Everyone lists the four demo teams flat, with the company as the only root")
    func list() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-mai", readOnly: true)
        try await world.test { client in
            let answer = try await client.api(.get, "/api/v1/teams", token: token)
            #expect(answer.status == .ok)
            #expect(
                answer.items.compactMap { $0["id"] as? String } == ["company", "engineering", "marketing", "sales"])
            #expect(answer.items.filter { $0["parent_id"] == nil }.count == 1)
            let marketing = try #require(answer.items.first { $0["id"] as? String == "marketing" })
            #expect(marketing["parent_id"] as? String == "company")
            #expect(marketing["lead_ids"] as? [String] == ["p-ha"])
            #expect(marketing["member_ids"] as? [String] == ["p-ha", "p-nam"])
            #expect(marketing["name_en"] as? String == "Marketing")
            let paged = try await client.api(.get, "/api/v1/teams?limit=3", token: token)
            let cursor = try #require(paged.object["next_cursor"] as? String)
            let rest = try await client.api(.get, "/api/v1/teams?cursor=\(cursor)", token: token)
            #expect(rest.items.compactMap { $0["id"] as? String } == ["sales"])
            let bad = try await client.api(.get, "/api/v1/teams?cursor=%21%21", token: token)
            #expect(bad.status == .badRequest)
        }
        try await world.close()
    }

    @Test("One team with an ETag; an unknown one is 404")
    func readOne() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-nam", readOnly: true)
        try await world.test { client in
            let sales = try await client.api(.get, "/api/v1/teams/sales", token: token)
            #expect(sales.status == .ok)
            #expect(sales.object["name"] as? String == "Kinh doanh")
            #expect(sales.headers[.eTag] == "\"v\(sales.object["version"] as? Int ?? -1)\"")
            let missing = try await client.api(.get, "/api/v1/teams/finance", token: token)
            #expect(missing.status == .notFound)
        }
        try await world.close()
    }

    @Test("An admin adds a squad below Marketing with a lead and a member")
    func create() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        try await world.test { client in
            let answer = try await client.api(
                .post, "/api/v1/teams", token: token,
                body: jsonBody([
                    "id": "growth", "name": "Tăng trưởng", "name_en": "Growth", "parent_id": "marketing",
                    "lead_ids": ["p-ha"], "member_ids": ["p-nam"],
                ]))
            #expect(answer.status == .created, "\(answer.text)")
            #expect(answer.headers[.eTag] == "\"v1\"")
            #expect(answer.object["parent_id"] as? String == "marketing")
        }
        let growth = try #require(try await world.store.team(id: "growth")).value
        #expect(growth.leadIDs == ["p-ha"])
        #expect(growth.memberIDs == ["p-nam"])
        #expect(try await world.store.person(id: "p-nam")?.teamIDs == ["growth", "marketing"])
        try await world.close()
    }

    @Test(
        "Adding a team: no second root, a parent and people that exist, a name; a taken id is 409",
        arguments: [
            (#"{"name": "Công ty thứ hai"}"#, 422, "parent_id"),
            (#"{"name": "Tài chính", "parent_id": "nowhere"}"#, 422, "parent_id"),
            (#"{"name": "Tài chính", "parent_id": "company", "lead_ids": ["p-nobody"]}"#, 422, "lead_ids"),
            (#"{"name": "Tài chính", "parent_id": "company", "member_ids": ["p-nobody"]}"#, 422, "member_ids"),
            (#"{"name": "  ", "parent_id": "company"}"#, 422, "name"),
            (#"{"parent_id": "company"}"#, 422, "name"),
            (#"{"name": "Tài chính", "parent_id": "company", "id": "a/b"}"#, 422, "id"),
            (#"{"name": "Tài chính", "parent_id": "company", "id": "sales"}"#, 409, "id"),
        ])
    func createInvalid(_ body: String, status: Int, field: String) async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        try await world.test { client in
            let answer = try await client.api(.post, "/api/v1/teams", token: token, body: body)
            #expect(answer.status.code == status, "\(answer.text)")
            #expect(answer.errorField == field)
        }
        #expect(try await world.store.teams().count == 4)
        try await world.close()
    }

    @Test("Only admins add teams")
    func createForbidden() async throws {
        let world = try await TestWorld.demo()
        for person in ["p-ha", "p-nam", "p-mai"] {
            let token = try await world.token(person)
            try await world.test { client in
                let answer = try await client.api(
                    .post, "/api/v1/teams", token: token, body: jsonBody(["name": "Squad", "parent_id": "marketing"]))
                #expect(answer.status == .forbidden, "\(person)")
            }
        }
        #expect(try await world.store.teams().count == 4)
        try await world.close()
    }

    @Test("An admin renames Sales and moves it below Marketing; a stale version is 409")
    func adminChanges() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        let before = try #require(try await world.store.team(id: "sales"))
        try await world.test { client in
            let answer = try await client.api(
                .patch, "/api/v1/teams/sales", token: token,
                body: jsonBody([
                    "version": before.version, "name": "Bán hàng", "name_en": "", "parent_id": "marketing",
                    "lead_ids": ["p-bao", "p-lan"],
                ]))
            #expect(answer.status == .ok, "\(answer.text)")
            #expect(answer.object["name_en"] == nil, "a blank English name removes it")
            let stale = try await client.api(
                .patch, "/api/v1/teams/sales", token: token, body: jsonBody(["version": before.version, "name": "X"]))
            #expect(stale.status == .conflict)
            let missing = try await client.api(
                .patch, "/api/v1/teams/finance", token: token, body: jsonBody(["version": 1, "name": "X"]))
            #expect(missing.status == .notFound)
        }
        let sales = try #require(try await world.store.team(id: "sales")).value
        #expect(sales.name.vi == "Bán hàng")
        #expect(sales.parentID == "marketing")
        #expect(sales.leadIDs == ["p-bao", "p-lan"])
        try await world.close()
    }

    @Test("A team cannot move below itself or its own descendants (422 on parent_id)")
    func noLoops() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        try await world.test { client in
            let squad = try await client.api(
                .post, "/api/v1/teams", token: token,
                body: jsonBody(["id": "growth", "name": "Tăng trưởng", "parent_id": "marketing"]))
            #expect(squad.status == .created)
            for (team, parent) in [("marketing", "growth"), ("company", "growth"), ("marketing", "marketing")] {
                let current = try #require(try await world.store.team(id: TeamID(team)))
                let answer = try await client.api(
                    .patch, "/api/v1/teams/\(team)", token: token,
                    body: jsonBody(["version": current.version, "parent_id": parent]))
                #expect(answer.status == .unprocessableContent, "\(team) below \(parent): \(answer.text)")
                #expect(answer.errorField == "parent_id")
            }
        }
        #expect(try await world.store.team(id: "marketing")?.value.parentID == "company")
        #expect(try await world.store.team(id: "company")?.value.parentID == nil)
        try await world.close()
    }

    @Test("Marketing's lead takes in someone in no team, but changes not its leads, parent or name, nor another team")
    func leadChanges() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-ha")
        try await world.store.createPerson(
            Person(id: "p-new", name: "Người mới", email: "moi@okra.demo", teamIDs: []), passwordHash: nil, actor: nil)
        try await world.test { client in
            let current = try #require(try await world.store.team(id: "marketing"))
            let answer = try await client.api(
                .patch, "/api/v1/teams/marketing", token: token,
                body: jsonBody(["version": current.version, "member_ids": ["p-ha", "p-nam", "p-new"]]))
            #expect(answer.status == .ok, "\(answer.text)")
            let version = try #require(answer.object["version"] as? Int)
            for change in [
                ["lead_ids": ["p-nam"]], ["parent_id": "sales"], ["name": "Tiếp thị"],
            ] as [[String: Any]] {
                let refused = try await client.api(
                    .patch, "/api/v1/teams/marketing", token: token,
                    body: jsonBody(change.merging(["version": version]) { $1 }))
                #expect(refused.status == .forbidden, "\(change)")
            }
            let sales = try #require(try await world.store.team(id: "sales"))
            let other = try await client.api(
                .patch, "/api/v1/teams/sales", token: token,
                body: jsonBody(["version": sales.version, "member_ids": ["p-bao"]]))
            #expect(other.status == .forbidden)
        }
        let marketing = try #require(try await world.store.team(id: "marketing")).value
        #expect(marketing.memberIDs == ["p-ha", "p-nam", "p-new"])
        #expect(marketing.leadIDs == ["p-ha"])
        #expect(try await world.store.person(id: "p-new")?.teamIDs == ["marketing"])
        try await world.close()
    }

    @Test("Members and viewers change no team")
    func othersForbidden() async throws {
        let world = try await TestWorld.demo()
        let before = try #require(try await world.store.team(id: "marketing"))
        for person in ["p-nam", "p-mai"] {
            let token = try await world.token(person)
            try await world.test { client in
                let answer = try await client.api(
                    .patch, "/api/v1/teams/marketing", token: token,
                    body: jsonBody(["version": before.version, "member_ids": ["p-nam"]]))
                #expect(answer.status == .forbidden, "\(person)")
            }
        }
        #expect(try await world.store.team(id: "marketing") == before)
        try await world.close()
    }
}
