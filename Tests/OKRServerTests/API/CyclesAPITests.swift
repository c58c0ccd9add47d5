import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("Cycles in the API: list, read, plan, activate, close and grade")
struct CyclesAPITests {
    @Test("Everyone lists the cycles by start day: the closed Q3, then the active Q4; pages and filters")
    func list() async throws {
        let world = try await TestWorld.demo()
        let viewer = try await world.token("p-mai")
        try await world.test { client in
            let all = try await client.api(.get, "/api/v1/cycles", token: viewer)
            #expect(all.status == .ok)
            #expect(all.items.map { $0["id"] as? String } == ["2026-q3", "2026-q4"])
            #expect(all.items.map { $0["state"] as? String } == ["closed", "active"])
            let q4 = try #require(all.items.last)
            #expect(q4["start"] as? String == "2026-10-01")
            #expect(q4["end"] as? String == "2026-12-31")
            let rules = try #require(q4["status_rules"] as? [String: Any])
            #expect(rules["policy"] as? String == "ratio")
            #expect(rules["stale_after_days"] as? Int == 14)

            let first = try await client.api(.get, "/api/v1/cycles?limit=1", token: viewer)
            #expect(first.items.map { $0["id"] as? String } == ["2026-q3"])
            let cursor = try #require(first.object["next_cursor"] as? String)
            let second = try await client.api(.get, "/api/v1/cycles?limit=1&cursor=\(cursor)", token: viewer)
            #expect(second.items.map { $0["id"] as? String } == ["2026-q4"])
            #expect(second.object["next_cursor"] == nil)

            let active = try await client.api(.get, "/api/v1/cycles?state=active", token: viewer)
            #expect(active.items.map { $0["id"] as? String } == ["2026-q4"])
            for bad in ["state=open", "limit=0", "limit=x", "cursor=%25%25"] {
                let answer = try await client.api(.get, "/api/v1/cycles?\(bad)", token: viewer)
                #expect(answer.status == .badRequest, "\(bad)")
                #expect(answer.errorCode == "invalid_parameter")
            }
        }
        try await world.close()
    }

    @Test("One cycle with its version as the ETag; an unknown id is 404")
    func get() async throws {
        let world = try await TestWorld.demo()
        let member = try await world.token("p-nam")
        try await world.test { client in
            let q4 = try await client.api(.get, "/api/v1/cycles/2026-q4", token: member)
            #expect(q4.status == .ok)
            #expect(q4.object["name"] as? String == "2026 Q4")
            let version = try #require(q4.object["version"] as? Int)
            #expect(q4.headers[.eTag] == "\"v\(version)\"")
            let unknown = try await client.api(.get, "/api/v1/cycles/2030-q1", token: member)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
        }
        try await world.close()
    }

    @Test("An admin plans a cycle: 201 in planning with the organization's rules; bad values are 422 naming the field")
    func create() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        try await world.test { client in
            let created = try await client.api(
                .post, "/api/v1/cycles", token: admin,
                body: jsonBody(["id": "2027-q1", "name": "2027 Q1", "start": "2027-01-01", "end": "2027-03-31"]))
            #expect(created.status == .created)
            #expect(created.object["state"] as? String == "planning")
            #expect(created.headers[.eTag] == "\"v1\"")
            let rules = try #require(created.object["status_rules"] as? [String: Any])
            #expect(rules["policy"] as? String == "ratio")
            #expect(rules["low_confidence_below"] as? Int == 5)
            let stored = try #require(try await world.store.cycle(id: "2027-q1"))
            #expect(stored.value.state == .planning)
            #expect(stored.value.end == Day(iso: "2027-03-31"))

            let generated = try await client.api(
                .post, "/api/v1/cycles", token: admin,
                body: jsonBody([
                    "name": "2027", "start": "2027-01-01", "end": "2027-12-31",
                    "status_rules": ["policy": "gap", "off_track": 0.3, "stale_after_days": 21],
                ]))
            #expect(generated.status == .created)
            #expect((generated.object["id"] as? String)?.hasPrefix("c-") == true)
            let gap = try #require(generated.object["status_rules"] as? [String: Any])
            #expect(gap["policy"] as? String == "gap")
            #expect(gap["at_risk"] as? Double == 0.1)
            #expect(gap["off_track"] as? Double == 0.3)
            #expect(gap["on_track"] == nil)
            #expect(gap["stale_after_days"] as? Int == 21)

            let duplicate = try await client.api(
                .post, "/api/v1/cycles", token: admin,
                body: jsonBody(["id": "2027-q1", "name": "Again", "start": "2027-01-01", "end": "2027-03-31"]))
            #expect(duplicate.status == .conflict)
            #expect(duplicate.errorCode == "duplicate")

            let invalid: [(body: [String: Any], field: String)] = [
                (["name": "Backwards", "start": "2027-03-31", "end": "2027-01-01"], "end"),
                (["name": "Too long", "start": "2027-01-01", "end": "2029-06-30"], "end"),
                (["name": "   ", "start": "2027-01-01", "end": "2027-03-31"], "name"),
                (["start": "2027-01-01", "end": "2027-03-31"], "name"),
                (["name": "No end", "start": "2027-01-01"], "end"),
                (["name": "Bad day", "start": "2027-02-30", "end": "2027-03-31"], "start"),
                (["id": "a b", "name": "Bad id", "start": "2027-01-01", "end": "2027-03-31"], "id"),
                (
                    [
                        "name": "Gap with on track", "start": "2027-01-01", "end": "2027-03-31",
                        "status_rules": ["policy": "gap", "on_track": 0.9],
                    ], "status_rules.on_track"
                ),
                (
                    [
                        "name": "Reversed ratio", "start": "2027-01-01", "end": "2027-03-31",
                        "status_rules": ["on_track": 0.5, "at_risk": 0.8],
                    ], "status_rules.at_risk"
                ),
                (
                    [
                        "name": "Unknown policy", "start": "2027-01-01", "end": "2027-03-31",
                        "status_rules": ["policy": "vibes"],
                    ], "status_rules.policy"
                ),
            ]
            for (body, field) in invalid {
                let answer = try await client.api(.post, "/api/v1/cycles", token: admin, body: jsonBody(body))
                #expect(answer.status == .unprocessableContent, "\(body)")
                #expect(answer.errorField == field, "\(body): \(answer.text)")
            }
            #expect(try await world.store.cycles().count == 4)
        }
        try await world.close()
    }

    @Test("Only admins plan, edit, activate and close cycles: a lead, a member and a viewer get 403")
    func onlyAdmins() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            for person in ["p-ha", "p-nam", "p-mai"] {
                let token = try await world.token(person)
                let body = jsonBody(["name": "2027 Q1", "start": "2027-01-01", "end": "2027-03-31"])
                let calls: [(HTTPRequest.Method, String, String?)] = [
                    (.post, "/api/v1/cycles", body),
                    (.patch, "/api/v1/cycles/2026-q4", jsonBody(["name": "Renamed", "version": 1])),
                    (.post, "/api/v1/cycles/2026-q4/close", nil),
                    (.post, "/api/v1/cycles/2026-q3/activate", nil),
                ]
                for (method, uri, body) in calls {
                    let answer = try await client.api(method, uri, token: token, body: body)
                    #expect(answer.status == .forbidden, "\(person) \(method) \(uri)")
                    #expect(answer.errorCode == "forbidden")
                }
            }
            #expect(try await world.store.cycles().count == 2)
            #expect(try await world.store.cycle(id: "2026-q4")?.value.state == .active)
        }
        try await world.close()
    }

    @Test("Editing: a name anytime; dates and status rules only while planning; stale 409, missing version 428")
    func update() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        try await world.test { client in
            let q4 = try #require(try await world.store.cycle(id: "2026-q4"))
            let renamed = try await client.api(
                .patch, "/api/v1/cycles/2026-q4", token: admin,
                body: jsonBody(["name": "Quý 4 năm 2026", "start": "2026-10-01", "version": q4.version]))
            #expect(renamed.status == .ok)
            #expect(renamed.object["name"] as? String == "Quý 4 năm 2026")
            #expect(renamed.headers[.eTag] == "\"v\(q4.version + 1)\"")

            let stale = try await client.api(
                .patch, "/api/v1/cycles/2026-q4", token: admin,
                body: jsonBody(["name": "Stale", "version": q4.version]))
            #expect(stale.status == .conflict)
            #expect(stale.errorCode == "version_conflict")
            let missing = try await client.api(
                .patch, "/api/v1/cycles/2026-q4", token: admin, body: jsonBody(["name": "No version"]))
            #expect(missing.status == .preconditionRequired)

            let fixed: [(body: [String: Any], field: String)] = [
                (["start": "2026-10-05"], "start"), (["end": "2026-12-20"], "end"),
                (["status_rules": ["policy": "weakest"]], "status_rules"),
            ]
            for (body, field) in fixed {
                let answer = try await client.api(
                    .patch, "/api/v1/cycles/2026-q4", token: admin, body: jsonBody(body),
                    headers: [.ifMatch: "\"v\(q4.version + 1)\""])
                #expect(answer.status == .unprocessableContent, "\(body)")
                #expect(answer.errorField == field)
            }
            #expect(try await world.store.cycle(id: "2026-q4")?.value.start == Day(iso: "2026-10-01"))

            _ = try await client.api(
                .post, "/api/v1/cycles", token: admin,
                body: jsonBody(["id": "2027-q1", "name": "2027 Q1", "start": "2027-01-01", "end": "2027-03-31"]))
            let moved = try await client.api(
                .patch, "/api/v1/cycles/2027-q1", token: admin,
                body: jsonBody([
                    "start": "2027-01-04", "end": "2027-04-02", "status_rules": ["at_risk": 0.7], "version": 1,
                ]))
            #expect(moved.status == .ok)
            #expect(moved.object["start"] as? String == "2027-01-04")
            let rules = try #require(moved.object["status_rules"] as? [String: Any])
            #expect(rules["at_risk"] as? Double == 0.7)
            #expect(rules["on_track"] as? Double == 0.95)
            let reversed = try await client.api(
                .patch, "/api/v1/cycles/2027-q1", token: admin, body: jsonBody(["end": "2026-12-31", "version": 2]))
            #expect(reversed.errorField == "end")
            let unknown = try await client.api(
                .patch, "/api/v1/cycles/nope", token: admin, body: jsonBody(["name": "x", "version": 1]))
            #expect(unknown.status == .notFound)
        }
        try await world.close()
    }

    @Test("A cycle that partly overlaps the active one is 409 active_cycle_overlaps until Q4 is closed")
    func activate() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        try await world.test { client in
            _ = try await client.api(
                .post, "/api/v1/cycles", token: admin,
                body: jsonBody(["id": "2027-q1", "name": "2027 Q1", "start": "2026-12-01", "end": "2027-03-31"]))
            let blocked = try await client.api(.post, "/api/v1/cycles/2027-q1/activate", token: admin)
            #expect(blocked.status == .conflict)
            #expect(blocked.errorCode == "active_cycle_overlaps")
            #expect(blocked.errorField == "state")
            #expect(blocked.errorMessage?.contains("2026-q4") == true)
            #expect(try await world.store.cycle(id: "2027-q1")?.value.state == .planning)

            let version = try #require(try await world.store.cycle(id: "2026-q4")?.version)
            let closed = try await client.api(
                .post, "/api/v1/cycles/2026-q4/close", token: admin, headers: [.ifMatch: "\"v\(version)\""])
            #expect(closed.status == .ok)
            let stale = try await client.api(
                .post, "/api/v1/cycles/2027-q1/activate", token: admin, headers: [.ifMatch: "\"v7\""])
            #expect(stale.status == .conflict)
            #expect(stale.errorCode == "version_conflict")
            let activated = try await client.api(
                .post, "/api/v1/cycles/2027-q1/activate", token: admin, headers: [.ifMatch: "\"v1\""])
            #expect(activated.status == .ok)
            #expect(activated.object["state"] as? String == "active")
            #expect(activated.headers[.eTag] == "\"v2\"")

            let again = try await client.api(.post, "/api/v1/cycles/2027-q1/activate", token: admin)
            #expect(again.status == .unprocessableContent)
            #expect(again.errorCode == "transition_not_allowed")
            let reopen = try await client.api(.post, "/api/v1/cycles/2026-q3/activate", token: admin)
            #expect(reopen.errorCode == "transition_not_allowed")
            let unknown = try await client.api(.post, "/api/v1/cycles/nope/activate", token: admin)
            #expect(unknown.status == .notFound)
        }
        try await world.close()
    }

    @Test("Closing Q4 saves every KR's grade: the proposal, or the grade saved before (email 0.9 → Marketing 0.8)")
    func close() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        let adjusted = try KeyResultGrade(proposed: 0.6, value: 0.9, reason: "Đối tác trễ hẹn, không do nhóm")
        try await world.store.saveGrade(adjusted, keyResult: "kr-mkt-email", actor: "p-anh")
        try await world.test { client in
            let planning = try await client.api(
                .post, "/api/v1/cycles", token: admin,
                body: jsonBody(["id": "2027-q1", "name": "2027 Q1", "start": "2027-01-01", "end": "2027-03-31"]))
            #expect(planning.status == .created)
            let notActive = try await client.api(
                .post, "/api/v1/cycles/2027-q1/close", token: admin, headers: [.ifMatch: "\"v1\""])
            #expect(notActive.errorCode == "transition_not_allowed")

            let stale = try await client.api(
                .post, "/api/v1/cycles/2026-q4/close", token: admin, headers: [.ifMatch: "\"v99\""])
            #expect(stale.status == .conflict)
            #expect(try await world.store.grades(cycle: "2026-q4").count == 1)
            let unversioned = try await client.api(.post, "/api/v1/cycles/2026-q4/close", token: admin)
            #expect(unversioned.status == .preconditionRequired, "closing names the version it closes")
            #expect(try await world.store.cycle(id: "2026-q4")?.value.state == .active)

            let version = try #require(try await world.store.cycle(id: "2026-q4")?.version)
            let closed = try await client.api(
                .post, "/api/v1/cycles/2026-q4/close", token: admin, headers: [.ifMatch: "\"v\(version)\""])
            #expect(closed.status == .ok)
            #expect(closed.object["state"] as? String == "closed")
            let grades = try await world.store.grades(cycle: "2026-q4")
            let board = try await world.store.board(cycle: "2026-q4")
            #expect(grades.count == board.allKeyResults.count)
            #expect(grades.count == 15)
            #expect(grades["kr-mkt-email"]?.value == Decimal(string: "0.9"))
            #expect(grades["kr-mkt-email"]?.reason == "Đối tác trễ hẹn, không do nhóm")
            #expect(grades["kr-mkt-adwords"]?.value == Decimal(string: "0.5"))
            #expect(grades["kr-mkt-organic"]?.value == 1)
            #expect(grades["kr-sales-trial"]?.value == Decimal(string: "0.4"))

            let tree = try await client.api(.get, "/api/v1/cycles/2026-q4/tree", token: admin)
            let marketing = try #require(Self.nodes(tree.object)["o-mkt-mql"])
            #expect(marketing["grade"] as? Double == 0.8)
            let twice = try await client.api(
                .post, "/api/v1/cycles/2026-q4/close", token: admin,
                headers: [.ifMatch: "\"v\(try #require(closed.object["version"] as? Int))\""])
            #expect(twice.errorCode == "transition_not_allowed")
        }
        try await world.close()
    }

    @Test(
        "The tree of Q4: the company on top, teams under it with link weights, people under their team; same numbers as /objectives"
    )
    func tree() async throws {
        let world = try await TestWorld.demo()
        let member = try await world.token("p-nam")
        try await world.test { client in
            let tree = try await client.api(.get, "/api/v1/cycles/2026-q4/tree", token: member)
            #expect(tree.status == .ok)
            #expect(tree.object["day"] as? String == "2026-11-27")
            #expect((tree.object["cycle"] as? [String: Any])?["id"] as? String == "2026-q4")
            let roots = tree.object["roots"] as? [[String: Any]] ?? []
            #expect(roots.map { $0["id"] as? String } == ["o-company-growth"])
            let company = try #require(roots.first)
            #expect(company["level"] as? String == "company")
            #expect(company["weight"] == nil)
            #expect(company["grade"] == nil)
            let teams = company["children"] as? [[String: Any]] ?? []
            #expect(teams.map { $0["id"] as? String } == ["o-eng-speed", "o-mkt-mql", "o-sales-nurture"])
            #expect(teams.allSatisfy { $0["level"] as? String == "team" && $0["weight"] as? Double == 1 })
            let marketing = try #require(teams.first { $0["id"] as? String == "o-mkt-mql" })
            let nam = (marketing["children"] as? [[String: Any]])?.map { $0["id"] as? String }
            #expect(nam == ["o-nam-email"])

            let objectives = try await client.api(.get, "/api/v1/objectives?cycle=2026-q4", token: member)
            let nodes = Self.nodes(tree.object)
            #expect(Set(nodes.keys) == Set(objectives.items.compactMap { $0["id"] as? String }))
            for objective in objectives.items {
                let node = try #require(nodes[objective["id"] as? String ?? ""])
                #expect(node["progress"] as? Double == objective["progress"] as? Double)
                #expect(node["expected"] as? Double == objective["expected"] as? Double)
                #expect(node["status"] as? String == objective["status"] as? String)
            }
            #expect(marketing["progress"] as? Double == 0.7)

            let counts = try #require(tree.object["counts"] as? [String: Int])
            #expect(counts["total"] == 6)
            let statuses = ["not_started", "off_track", "at_risk", "on_track", "done"]
            #expect(statuses.reduce(0) { $0 + (counts[$1] ?? 0) } == 6)
            for status in statuses {
                let counted = objectives.items.filter { $0["status"] as? String == status }.count
                #expect(counts[status] == counted, "\(status)")
            }
        }
        try await world.close()
    }

    @Test(
        "A private objective is absent from the tree of those who may not see it; what hangs under it starts its own tree"
    )
    func privateObjectives() async throws {
        let world = try await TestWorld.demo()
        let store = world.store
        _ = try await store.createObjective(
            try Objective(
                id: "o-lan-private", cycleID: "2026-q4", title: try LocalizedName(vi: "Đàm phán hợp đồng lớn"),
                owner: .person("p-lan"), state: .published, visibility: .private,
                parents: [try AlignmentLink(to: .objective("o-sales-nurture"), weight: 2)]), actor: nil)
        _ = try await store.createObjective(
            try Objective(
                id: "o-lan-followup", cycleID: "2026-q4", title: try LocalizedName(vi: "Chăm sóc sau ký hợp đồng"),
                owner: .person("p-lan"), state: .published,
                parents: [try AlignmentLink(to: .objective("o-lan-private"), weight: 1)]), actor: nil)
        try await world.test { client in
            for person in ["p-nam", "p-ha", "p-mai"] {
                let tree = try await client.api(
                    .get, "/api/v1/cycles/2026-q4/tree", token: try await world.token(person))
                #expect(!tree.text.contains("o-lan-private"), "\(person)")
                #expect(!tree.text.contains("Đàm phán"), "\(person)")
                let roots = (tree.object["roots"] as? [[String: Any]])?.map { $0["id"] as? String }
                #expect(roots == ["o-company-growth", "o-lan-followup"], "\(person)")
                #expect((tree.object["counts"] as? [String: Int])?["total"] == 7, "\(person)")
            }
            for person in ["p-lan", "p-bao", "p-anh"] {
                let tree = try await client.api(
                    .get, "/api/v1/cycles/2026-q4/tree", token: try await world.token(person))
                let roots = (tree.object["roots"] as? [[String: Any]])?.map { $0["id"] as? String }
                #expect(roots == ["o-company-growth"], "\(person)")
                let nodes = Self.nodes(tree.object)
                let sales = try #require(nodes["o-sales-nurture"])
                let children = sales["children"] as? [[String: Any]] ?? []
                #expect(children.map { $0["id"] as? String } == ["o-lan-cycle", "o-lan-private"], "\(person)")
                #expect(children.last?["weight"] as? Double == 2)
                #expect(children.last?["visibility"] as? String == "private")
                let followup = (children.last?["children"] as? [[String: Any]])?.map { $0["id"] as? String }
                #expect(followup == ["o-lan-followup"])
                #expect((tree.object["counts"] as? [String: Int])?["total"] == 8, "\(person)")
            }
        }
        try await world.close()
    }

    @Test("The tree of the closed Q3 carries its grades; an unknown cycle is 404")
    func closedTree() async throws {
        let world = try await TestWorld.demo()
        let viewer = try await world.token("p-mai")
        try await world.test { client in
            let tree = try await client.api(.get, "/api/v1/cycles/2026-q3/tree", token: viewer)
            let onboarding = try #require(Self.nodes(tree.object)["o-prev-onboarding"])
            // 57% of 35 → 60 is 0.88 → 0.9; NPS 31 of 20 → 40 is 0.55 → 0.6 (rounded half away from zero).
            #expect(onboarding["grade"] as? Double == 0.75)
            let unknown = try await client.api(.get, "/api/v1/cycles/nope/tree", token: viewer)
            #expect(unknown.status == .notFound)
        }
        try await world.close()
    }

    /// Every node of a tree answer by id, however deep.
    static func nodes(_ tree: [String: Any]) -> [String: [String: Any]] {
        var found: [String: [String: Any]] = [:]
        func visit(_ node: [String: Any]) {
            if let id = node["id"] as? String { found[id] = node }
            for child in node["children"] as? [[String: Any]] ?? [] { visit(child) }
        }
        for root in tree["roots"] as? [[String: Any]] ?? [] { visit(root) }
        return found
    }
}
