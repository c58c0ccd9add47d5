import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@Suite("Dependency asks through the API")
struct AsksAPITests {
    @Test(
        "Marketing asks Sales for help; Sales' lead accepts, an initiative appears in Sales' plan; Marketing closes both"
    )
    func askAcceptDone() async throws {
        let world = try await TestWorld.demo()
        let ha = try await world.token("p-ha")
        let bao = try await world.token("p-bao")
        try await world.test { client in
            let created = try await client.api(
                .post, "/api/v1/asks", token: ha,
                body: jsonBody([
                    "id": "ask-callback", "from_team_id": "marketing", "to_team_id": "sales",
                    "key_result_id": "kr-mkt-email", "need": "  Gọi lại mọi MQL từ email trong 24 giờ  ",
                    "due_by": "2026-12-10",
                ]))
            #expect(created.status == .created, "\(created.text)")
            #expect(created.object["state"] as? String == "requested")
            #expect(created.object["need"] as? String == "Gọi lại mọi MQL từ email trong 24 giờ")
            #expect(created.object["overdue"] as? Bool == false)
            #expect(created.headers[.eTag] == "\"v1\"")
            let read = try await client.api(.get, "/api/v1/asks/ask-callback", token: bao)
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] == "\"v1\"")
            #expect(read.object["key_result_id"] as? String == "kr-mkt-email")

            let accepted = try await client.api(
                .post, "/api/v1/asks/ask-callback/accept", token: bao, body: jsonBody(["version": 1]))
            #expect(accepted.status == .ok, "\(accepted.text)")
            #expect(accepted.object["state"] as? String == "accepted")
            #expect(accepted.object["version"] as? Int == 2)
            let initiative = try #require(try await world.store.initiative(id: "initiative-ask-callback")).value
            #expect(initiative.owner == .team("sales"))
            #expect(initiative.askID == "ask-callback")
            #expect(initiative.keyResultIDs == ["kr-mkt-email"])
            #expect(initiative.due == Day(iso: "2026-12-10"))
            #expect(initiative.title.vi == "Gọi lại mọi MQL từ email trong 24 giờ")

            let done = try await client.api(
                .post, "/api/v1/asks/ask-callback/done", token: ha, body: jsonBody(["version": 2]))
            #expect(done.status == .ok, "\(done.text)")
            #expect(done.object["state"] as? String == "done")
            // What the ask became in Sales' plan is finished with it, in the same change.
            let finished = try #require(try await world.store.initiative(id: "initiative-ask-callback"))
            #expect(finished.value.state == .done)
            #expect(finished.version == 2)
            let events = try await world.store.auditEvents(
                entity: "initiative", entityID: "initiative-ask-callback", limit: 5)
            #expect(events.map(\.action).contains("transition"))
            let again = try await client.api(
                .post, "/api/v1/asks/ask-callback/done", token: ha, body: jsonBody(["version": 3]))
            #expect(again.status == .unprocessableContent)
            #expect(again.errorCode == "transition_not_allowed")
        }
        try await world.close()
    }

    @Test("Marking an ask done with initiative_done false leaves its initiative as it was; ticked, it is done")
    func doneKeepsInitiative() async throws {
        let world = try await TestWorld.demo()
        let bao = try await world.token("p-bao")
        let ha = try await world.token("p-ha")
        try await world.test { client in
            let path = "/api/v1/asks/ask-mkt-sales"
            let accepted = try await client.api(.post, path + "/accept", token: bao, body: jsonBody(["version": 1]))
            #expect(accepted.status == .ok, "\(accepted.text)")
            let wrong = try await client.api(
                .post, path + "/done", token: ha, body: jsonBody(["version": 2, "initiative_done": "no"]))
            #expect(wrong.status == .badRequest || wrong.status == .unprocessableContent)
            #expect(try await world.store.ask(id: "ask-mkt-sales")?.value.state == .accepted)
            let done = try await client.api(
                .post, path + "/done", token: ha, body: jsonBody(["version": 2, "initiative_done": false]))
            #expect(done.status == .ok, "\(done.text)")
            #expect(done.object["state"] as? String == "done")
            let initiative = try #require(try await world.store.initiative(id: "initiative-ask-mkt-sales"))
            #expect(initiative.value.state == .planned)
            #expect(initiative.version == 1)
        }
        try await world.close()
    }

    @Test(
        "Declining needs a reason; a counter-proposal gives a date or a scope; a stale version is 409 and changes nothing"
    )
    func declineAndCounter() async throws {
        let world = try await TestWorld.demo()
        let bao = try await world.token("p-bao")
        try await world.test { client in
            let path = "/api/v1/asks/ask-mkt-sales"
            for body in [["version": 1], ["reason": "   ", "version": 1]] as [[String: Any]] {
                let answer = try await client.api(.post, path + "/decline", token: bao, body: jsonBody(body))
                #expect(answer.status == .unprocessableContent, "\(body)")
                #expect(answer.errorField == "reason", "\(body): \(answer.text)")
            }
            let neither = try await client.api(.post, path + "/counter", token: bao, body: jsonBody(["version": 1]))
            #expect(neither.status == .unprocessableContent)
            #expect(neither.errorField == "due")
            let unversioned = try await client.api(.post, path + "/accept", token: bao, body: jsonBody([:]))
            #expect(unversioned.status == .preconditionRequired)

            let countered = try await client.api(
                .post, path + "/counter", token: bao,
                body: jsonBody(["due": "2026-12-20", "scope": "Chỉ MQL từ chiến dịch tháng 12", "version": 1]))
            #expect(countered.status == .ok, "\(countered.text)")
            #expect(countered.object["state"] as? String == "countered")
            #expect(countered.object["counter_due"] as? String == "2026-12-20")
            #expect(countered.object["reason"] as? String == "Chỉ MQL từ chiến dịch tháng 12")
            let twice = try await client.api(
                .post, path + "/counter", token: bao, body: jsonBody(["due": "2026-12-24", "version": 2]))
            #expect(twice.errorCode == "transition_not_allowed")

            let stale = try await client.api(
                .post, path + "/decline", token: bao, body: jsonBody(["reason": "Hết người", "version": 1]))
            #expect(stale.status == .conflict)
            #expect(try await world.store.ask(id: "ask-mkt-sales")?.value.state == .countered)

            let declined = try await client.api(
                .post, path + "/decline", token: bao, body: jsonBody(["reason": "Quý này hết người", "version": 2]))
            #expect(declined.status == .ok)
            #expect(declined.object["state"] as? String == "declined")
            #expect(declined.object["reason"] as? String == "Quý này hết người")
            let accept = try await client.api(.post, path + "/accept", token: bao, body: jsonBody(["version": 3]))
            #expect(accept.status == .unprocessableContent)
            #expect(accept.errorCode == "transition_not_allowed")
            #expect(try await world.store.initiative(id: "initiative-ask-mkt-sales") == nil)
        }
        try await world.close()
    }

    @Test("A counter-proposal is the asking team's to accept or decline; the providing lead cannot accept it")
    func askingTeamAnswersCounter() async throws {
        let world = try await TestWorld.demo()
        let bao = try await world.token("p-bao")
        let ha = try await world.token("p-ha")
        try await world.test { client in
            let path = "/api/v1/asks/ask-mkt-sales"
            let countered = try await client.api(
                .post, path + "/counter", token: bao, body: jsonBody(["due": "2026-12-20", "version": 1]))
            #expect(countered.status == .ok, "\(countered.text)")
            let own = try await client.api(.post, path + "/accept", token: bao, body: jsonBody(["version": 2]))
            #expect(own.status == .forbidden, "Sales cannot agree to its own counter-proposal")
            for person in ["p-nam", "p-mai", "p-lan"] {
                let token = try await world.token(person)
                let answer = try await client.api(.post, path + "/accept", token: token, body: jsonBody(["version": 2]))
                #expect(answer.status == .forbidden, "\(person)")
            }
            let accepted = try await client.api(.post, path + "/accept", token: ha, body: jsonBody(["version": 2]))
            #expect(accepted.status == .ok, "\(accepted.text)")
            #expect(accepted.object["state"] as? String == "accepted")
            let initiative = try #require(try await world.store.initiative(id: "initiative-ask-mkt-sales")?.value)
            #expect(initiative.owner == .team("sales"))
            #expect(initiative.due == Day(iso: "2026-12-20"), "due by the date agreed")
        }
        try await world.close()
    }

    @Test("The asking team declines a counter-proposal with its reason; a request stays the asked team's to decline")
    func askingTeamDeclinesCounter() async throws {
        let world = try await TestWorld.demo()
        let bao = try await world.token("p-bao")
        let ha = try await world.token("p-ha")
        try await world.test { client in
            let path = "/api/v1/asks/ask-mkt-sales"
            let early = try await client.api(
                .post, path + "/decline", token: ha, body: jsonBody(["reason": "Thôi", "version": 1]))
            #expect(early.status == .forbidden, "a request is not the asking team's to decline")
            _ = try await client.api(
                .post, path + "/counter", token: bao, body: jsonBody(["scope": "Chỉ tháng 12", "version": 1]))
            let declined = try await client.api(
                .post, path + "/decline", token: ha, body: jsonBody(["reason": "Cần cả quý", "version": 2]))
            #expect(declined.status == .ok, "\(declined.text)")
            #expect(declined.object["state"] as? String == "declined")
            #expect(declined.object["reason"] as? String == "Cần cả quý")
            #expect(try await world.store.initiative(id: "initiative-ask-mkt-sales") == nil)
        }
        try await world.close()
    }

    @Test("Only the asked team's lead or an admin answers; only the asking team's lead or an admin closes")
    func whoAnswers() async throws {
        let world = try await TestWorld.demo()
        let path = "/api/v1/asks/ask-mkt-sales"
        try await world.test { client in
            for person in ["p-ha", "p-nam", "p-lan", "p-mai", "p-long"] {
                let token = try await world.token(person)
                let answer = try await client.api(.post, path + "/accept", token: token, body: jsonBody(["version": 1]))
                #expect(answer.status == .forbidden, "\(person)")
            }
            let anh = try await world.token("p-anh")
            let accepted = try await client.api(.post, path + "/accept", token: anh, body: jsonBody(["version": 1]))
            #expect(accepted.status == .ok)
            for person in ["p-bao", "p-nam", "p-mai"] {
                let token = try await world.token(person)
                let answer = try await client.api(.post, path + "/done", token: token, body: jsonBody(["version": 2]))
                #expect(answer.status == .forbidden, "\(person)")
            }
            #expect(try await world.store.ask(id: "ask-mkt-sales")?.value.state == .accepted)
        }
        try await world.close()
    }

    @Test("Bad asks are refused with the member at fault, and nothing is recorded")
    func badAsks() async throws {
        let world = try await TestWorld.demo()
        let ha = try await world.token("p-ha")
        let valid: [String: Any] = [
            "from_team_id": "marketing", "to_team_id": "sales", "objective_id": "o-mkt-mql",
            "need": "Danh sách khách hàng dùng thử", "due_by": "2026-12-10",
        ]
        let cases: [([String: Any], HTTPResponse.Status, String?)] = [
            (["from_team_id": "nowhere"], .notFound, "from_team_id"),
            (["to_team_id": "nowhere"], .notFound, "to_team_id"),
            (["to_team_id": "marketing"], .unprocessableContent, "to_team_id"),
            (["objective_id": "o-nope"], .notFound, "objective_id"),
            (["key_result_id": "kr-sales-trial"], .unprocessableContent, "key_result_id"),
            (["need": "  "], .unprocessableContent, "need"),
            (["due_by": "2026-02-30"], .unprocessableContent, "due_by"),
            (["due_by": 20_261_210], .unprocessableContent, "due_by"),
            (["id": "hỏi nhau"], .unprocessableContent, "id"),
            (["id": "ask-mkt-sales"], .conflict, nil),
        ]
        let requests = cases.map { change, status, field in (jsonBody(valid.merging(change) { $1 }), status, field) }
        var none = valid
        none["objective_id"] = nil
        let aboutNothingBody = jsonBody(none)
        try await world.test { client in
            for (body, status, field) in requests {
                let answer = try await client.api(.post, "/api/v1/asks", token: ha, body: body)
                #expect(answer.status == status, "\(body): \(answer.text)")
                if let field { #expect(answer.errorField == field, "\(body): \(answer.text)") }
            }
            let aboutNothing = try await client.api(.post, "/api/v1/asks", token: ha, body: aboutNothingBody)
            #expect(aboutNothing.status == .unprocessableContent)
            #expect(aboutNothing.errorField == "objective_id")
            let missing = try await client.api(.get, "/api/v1/asks/ask-nope", token: ha)
            #expect(missing.status == .notFound)
            #expect(try await world.store.asks(team: nil).count == 1)
        }
        try await world.close()
    }

    @Test("An ask about a private objective is seen only by those who may see the objective")
    func privateAsk() async throws {
        let matrix = try await MatrixWorld.make()
        let world = matrix.world
        let id = try await matrix.ask(from: "sales", to: "marketing", about: MatrixWorld.privateObjective)
        try await world.test { client in
            for (person, status) in [
                ("p-ha", HTTPResponse.Status.notFound), ("p-nam", .notFound), ("p-mai", .notFound), ("p-lan", .ok),
                ("p-bao", .ok), ("p-anh", .ok),
            ] {
                let token = try await world.token(person)
                let read = try await client.api(.get, "/api/v1/asks/\(id)", token: token)
                #expect(read.status == status, "\(person)")
                let list = try await client.api(.get, "/api/v1/asks?team=marketing", token: token)
                #expect(list.items.contains { $0["id"] as? String == id } == (status == .ok), "\(person)")
            }
            let ha = try await world.token("p-ha")
            let accept = try await client.api(
                .post, "/api/v1/asks/\(id)/accept", token: ha, body: jsonBody(["version": 1]))
            #expect(accept.status == .notFound)
        }
        try await matrix.close()
    }

    @Test("Lists: from or to a team, by state, paginated by id; overdue when open past its date")
    func lists() async throws {
        let matrix = try await MatrixWorld.make()
        let world = matrix.world
        let helpWanted = try await matrix.ask(from: "engineering", to: "marketing", about: "o-company-growth")
        let late = try DependencyAsk(
            id: "ask-late", fromTeamID: "engineering", toTeamID: "sales", objectiveID: "o-company-growth",
            need: "Số liệu dùng thử", dueBy: try Day(year: 2026, month: 11, day: 20))
        try await world.store.createAsk(late, actor: nil)
        _ = try await matrix.ask(from: "sales", to: "engineering", about: "o-sales-nurture", accepted: true)
        let token = try await world.token("p-long")
        try await world.test { client in
            let engineering = try await client.api(.get, "/api/v1/asks?team=engineering", token: token)
            #expect(engineering.items.count == 3)
            let requested = try await client.api(.get, "/api/v1/asks?team=engineering&state=requested", token: token)
            #expect(requested.items.compactMap { $0["id"] as? String } == ["ask-late", helpWanted].sorted())
            #expect(requested.items.first { $0["id"] as? String == "ask-late" }?["overdue"] as? Bool == true)

            var seen: [String] = []
            var uri = "/api/v1/asks?limit=2"
            while true {
                let page = try await client.api(.get, uri, token: token)
                #expect(page.items.count <= 2)
                seen += page.items.compactMap { $0["id"] as? String }
                guard let cursor = page.object["next_cursor"] as? String else { break }
                uri = "/api/v1/asks?limit=2&cursor=\(cursor)"
            }
            #expect(seen == seen.sorted())
            #expect(seen.count == 4)

            let badState = try await client.api(.get, "/api/v1/asks?state=waiting", token: token)
            #expect(badState.status == .badRequest)
            #expect(badState.errorField == "state")
            let badTeam = try await client.api(.get, "/api/v1/asks?team=nowhere", token: token)
            #expect(badTeam.status == .notFound)
            #expect(badTeam.errorField == "team")
        }
        try await matrix.close()
    }
}
