import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("Leavers: deactivated people cannot get in, hand their OKRs over, and come back")
struct LeaversTests {
    @Test("A leaver's token and session stop at once, sign-in is refused, open OKRs go to the successor; back again")
    func deactivateAndReactivate() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        let nam = try await world.token("p-nam")
        try await world.test { client in
            let session = try await client.signIn("nam@okra.demo")
            #expect(try await client.page("/", session).0 == .ok)
            let version = try #require(try await world.store.versionedPerson(id: "p-nam")?.version)

            let left = try await client.api(
                .patch, "/api/v1/users/p-nam", token: admin,
                body: jsonBody(["active": false, "hand_over_to": "p-ha", "version": version]))
            #expect(left.status == .ok)
            #expect(left.object["active"] as? Bool == false && left.object["deactivated_at"] is String)

            // The token and the browser session no longer work, and signing in again is refused.
            #expect(try await client.api(.get, "/api/v1/me", token: nam).status == .unauthorized)
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

            // What they owned in the open cycle is Hà's now; history stays.
            let objective = try #require(try await world.store.objective(id: "o-nam-email")?.value)
            #expect(objective.owner == .person("p-ha"))
            let keyResults = try await world.store.keyResults(objective: "o-nam-email").map(\.value)
            #expect(keyResults.allSatisfy { $0.owner != .person("p-nam") })
            #expect(try await world.store.checkIns(keyResult: keyResults[0].id).isEmpty == false)
            let handedOver = try await world.store.auditEvents(entity: "objective", entityID: "o-nam-email", limit: 5)
            #expect(handedOver.first?.action == "hand_over" && handedOver.first?.actorID == "p-anh")

            // Pickers and reminders leave them out; the admin's people list marks them.
            let organization = try await world.store.readModel.organization()
            #expect(!organization.activePeople.contains { $0.id == "p-nam" })
            let marketing = try #require(organization.team("marketing")?.value)
            #expect(!organization.people(of: marketing).contains { $0.id == "p-nam" })
            let adminSession = try await client.signIn(DemoOrganization.adminEmail)
            // The editor's owner search offers everyone the admin may choose, but not someone who left.
            let (_, owners) = try await client.page("/objectives/options?for=owner&q=", adminSession)
            #expect(owners.contains("person:p-ha") && !owners.contains("person:p-nam"))
            let (_, named) = try await client.page("/objectives/options?for=owner&q=nam", adminSession)
            #expect(!named.contains("person:p-nam"))
            let (_, list) = try await client.page("/settings/people", adminSession)
            #expect(list.contains("id=\"person-p-nam\" class=\"deactivated\""))

            let back = try await client.api(
                .patch, "/api/v1/users/p-nam", token: admin,
                body: jsonBody(["active": true, "version": version + 1]))
            #expect(back.status == .ok && back.object["active"] as? Bool == true)
            #expect(try await client.api(.get, "/api/v1/me", token: nam).status == .unauthorized)
            let again = try await client.signIn("nam@okra.demo")
            #expect(try await client.page("/", again).0 == .ok)
        }
        try await world.close()
    }

    @Test("Only an admin deactivates, never themselves nor the last admin, and only to a successor still here")
    func refusals() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        let lead = try await world.token("p-ha")
        try await world.test { client in
            func version(_ id: PersonID) async throws -> Int {
                try #require(try await world.store.versionedPerson(id: id)?.version)
            }
            let byLead = try await client.api(
                .patch, "/api/v1/users/p-nam", token: lead,
                body: jsonBody(["active": false, "version": try await version("p-nam")]))
            #expect(byLead.status == .forbidden)
            let yourself = try await client.api(
                .patch, "/api/v1/users/p-anh", token: admin,
                body: jsonBody(["active": false, "version": try await version("p-anh")]))
            #expect(yourself.status == .unprocessableContent && yourself.errorField == "active")
            let nobody = try await client.api(
                .patch, "/api/v1/users/p-nam", token: admin,
                body: jsonBody(["active": false, "hand_over_to": "p-nobody", "version": try await version("p-nam")]))
            #expect(nobody.status == .unprocessableContent && nobody.errorField == "hand_over_to")
            let stray = try await client.api(
                .patch, "/api/v1/users/p-nam", token: admin,
                body: jsonBody(["hand_over_to": "p-ha", "version": try await version("p-nam")]))
            #expect(stray.status == .unprocessableContent && stray.errorField == "hand_over_to")
            #expect(try await world.store.person(id: "p-nam")?.isActive == true)

            // The page: not oneself; a deactivation with a successor, then a reactivation.
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            func post(_ uri: String, _ fields: String) async throws -> (HTTPResponse.Status, String?) {
                try await client.execute(
                    uri: uri, method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                    body: ByteBuffer(string: "csrf=\(cookies.csrf)&" + fields)
                ) { ($0.status, $0.headers[.location]) }
            }
            #expect(try await post("/settings/people/p-anh/deactivate", "hand_over_to=").0 == .unprocessableContent)
            let (status, location) = try await post("/settings/people/p-lan/deactivate", "hand_over_to=p-bao")
            #expect(status == .seeOther || status == .found)
            #expect(location?.hasPrefix("/settings/people?deactivated=p-lan&handed=") == true)
            let (_, flash) = try await client.page(try #require(location), cookies)
            #expect(flash.contains("id=\"flash\""))
            #expect(try await world.store.person(id: "p-lan")?.isActive == false)
            _ = try await post("/settings/people/p-lan/reactivate", "")
            #expect(try await world.store.person(id: "p-lan")?.isActive == true)
        }
        try await world.close()
    }
}
