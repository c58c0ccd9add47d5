import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// The privilege escalations of the security review, each tried the way it was found: none may work.
@Suite("No way around the permissions: initiatives, team membership")
struct EscalationTests {
    static let checkIn = #"{"value": 30, "confidence": 7}"#

    @Test("A Marketing member cannot reach a Sales KR through an initiative: linking needs the right to edit it")
    func initiativeDoesNotGrantCheckIn() async throws {
        let world = try await TestWorld.demo()
        let nam = try await world.token("p-nam")
        try await world.test { client in
            let direct = try await client.api(
                .post, "/api/v1/key-results/kr-sales-trial/check-ins", token: nam, body: Self.checkIn)
            #expect(direct.status == .forbidden)

            // Linking his own KR and the Sales KR: refused as a whole, nothing created.
            let mixed = try await client.api(
                .post, "/api/v1/initiatives", token: nam,
                body: #"{"title": "Gọi khách dùng thử", "key_result_ids": ["kr-nam-open", "kr-sales-trial"]}"#)
            #expect(mixed.status == .forbidden)
            let sales = try await client.api(.get, "/api/v1/initiatives?key_result=kr-sales-trial", token: nam)
            #expect(!sales.items.contains { ($0["title"] as? String) == "Gọi khách dùng thử" })

            // His own KR alone is fine; relinking it to the Sales KR afterwards is not.
            let own = try await client.api(
                .post, "/api/v1/initiatives", token: nam,
                body: #"{"title": "Gọi khách dùng thử", "key_result_ids": ["kr-nam-open"]}"#)
            #expect(own.status == .created)
            let id = try #require(own.object["id"] as? String)
            let version = try #require(own.object["version"] as? Int)
            let relinked = try await client.api(
                .patch, "/api/v1/initiatives/\(id)", token: nam,
                body: #"{"version": \#(version), "key_result_ids": ["kr-nam-open", "kr-sales-trial"]}"#)
            #expect(relinked.status == .forbidden)

            // Had the link been made (as the store allows an admin to), driving grants no check-in.
            let stored = try #require(try await world.store.initiative(id: InitiativeID(id)))
            var linked = stored.value
            linked.keyResultIDs.append("kr-sales-trial")
            _ = try await world.store.updateInitiative(linked, expectedVersion: stored.version, actor: "p-anh")
            let after = try await client.api(
                .post, "/api/v1/key-results/kr-sales-trial/check-ins", token: nam, body: Self.checkIn)
            #expect(after.status == .forbidden)
            let nams = try await client.signIn("nam@okra.demo")
            let (_, form) = try await client.page("/check-in", nams)
            #expect(!form.contains("kr-sales-trial"), "the one-form check-in does not offer the Sales KR")
        }
        let history = try await world.store.checkIns(keyResult: "kr-sales-trial")
        #expect(!history.contains { $0.value == 30 })
        try await world.close()
    }

    @Test("A lead takes in only people who are in no team; adopting someone from another team is 403")
    func leadCannotAdopt() async throws {
        let world = try await TestWorld.demo()
        let ha = try await world.token("p-ha")
        let admin = try await world.token("p-anh")
        try await world.store.createPerson(
            Person(id: "p-new", name: "Người mới", email: "moi@okra.demo", teamIDs: []), passwordHash: nil, actor: nil)
        let audited = try await world.store.auditEvents(entity: "team", entityID: "marketing", limit: 100).count
        try await world.test { client in
            func version() async throws -> Int {
                let team = try await client.api(.get, "/api/v1/teams/marketing", token: ha)
                return team.object["version"] as? Int ?? 0
            }
            let adopt = try await client.api(
                .patch, "/api/v1/teams/marketing", token: ha,
                body: #"{"version": \#(try await version()), "member_ids": ["p-nam", "p-lan"]}"#)
            #expect(adopt.status == .forbidden)
            let lan = try #require(try await world.store.person(id: "p-lan"))
            #expect(lan.teamIDs == ["sales"], "Lan stays in Sales only")

            let newcomer = try await client.api(
                .patch, "/api/v1/teams/marketing", token: ha,
                body: #"{"version": \#(try await version()), "member_ids": ["p-nam", "p-new"]}"#)
            #expect(newcomer.status == .ok)

            // Letting a member go is the lead's; moving someone between teams is the admin's.
            let moved = try await client.api(
                .patch, "/api/v1/teams/marketing", token: admin,
                body: #"{"version": \#(try await version()), "member_ids": ["p-nam", "p-new", "p-lan"]}"#)
            #expect(moved.status == .ok)
        }
        let changes = try await world.store.auditEvents(entity: "team", entityID: "marketing", limit: 100)
        #expect(changes.count == audited + 2, "each membership change is audited")
        try await world.close()
    }
}
