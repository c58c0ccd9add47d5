import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("Objectives through the API: create, read, edit, findings, filters")
struct ObjectivesWriteAPITests {
    @Test(
        "The mission's Marketing example: an objective, three KRs, check-ins at 125 / 85 / 50 → 0.5 / 0.5 / 1.0 and 2/3"
    )
    func missionExample() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-ha")
        try await world.test { client in
            let created = try await client.api(
                .post, "/api/v1/objectives", token: token,
                body: jsonBody([
                    "id": "o-readme", "cycle_id": "2026-q4", "owner": "team:marketing", "state": "published",
                    "title": "Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn",
                    "title_en": "Improve advertising channels to generate more MQLs",
                ]))
            #expect(created.status == .created)
            #expect(created.object["state"] as? String == "published")
            #expect(created.headers[.eTag] == "\"v1\"")
            let krs: [(String, String, Int, Int)] = [
                ("kr-readme-email", "Tăng MQL từ email từ 100 lên 150", 100, 150),
                ("kr-readme-adwords", "Tăng MQL từ AdWords từ 70 lên 100", 70, 100),
                ("kr-readme-organic", "Tăng MQL từ tìm kiếm tự nhiên từ 45 lên 50", 45, 50),
            ]
            for (id, title, start, target) in krs {
                let kr = try await client.api(
                    .post, "/api/v1/objectives/o-readme/key-results", token: token,
                    body: jsonBody([
                        "id": id, "title": title, "kind": "increase", "unit": "label:MQL", "start": start,
                        "target": target, "owner": "person:p-ha",
                    ]))
                #expect(kr.status == .created, "\(kr.text)")
                #expect(kr.object["progress"] as? Double == 0)
            }
            var progress: [String: Double] = [:]
            for (id, value) in [("kr-readme-email", 125), ("kr-readme-adwords", 85), ("kr-readme-organic", 50)] {
                let answer = try await client.api(
                    .post, "/api/v1/key-results/\(id)/check-ins", token: token,
                    body: jsonBody(["value": value, "confidence": 7, "note": "tuần này"]))
                #expect(answer.status == .created, "\(answer.text)")
                let kr = try #require(answer.object["key_result"] as? [String: Any])
                progress[id] = kr["progress"] as? Double
                #expect((answer.object["check_in"] as? [String: Any])?["author_id"] as? String == "p-ha")
            }
            #expect(progress == ["kr-readme-email": 0.5, "kr-readme-adwords": 0.5, "kr-readme-organic": 1.0])
            let objective = try await client.api(.get, "/api/v1/objectives/o-readme", token: token)
            #expect(objective.object["progress"] as? Double == 0.6667)
            let computation = (objective.object["explanation"] as? [String: Any])?["computation"] as? String
            #expect(computation?.contains("0.6667") == true, "\(computation ?? "")")
        }
        try await world.close()
    }

    @Test("Reading one objective: its numbers, its ETag, and 404 for an unknown id")
    func readOne() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-nam", readOnly: true)
        try await world.test { client in
            let answer = try await client.api(.get, "/api/v1/objectives/o-mkt-mql?lang=en", token: token)
            #expect(answer.status == .ok)
            #expect(answer.object["progress"] as? Double == 0.7)
            #expect(answer.headers[.eTag] == "\"v\(answer.object["version"] as? Int ?? -1)\"")
            let missing = try await client.api(.get, "/api/v1/objectives/nope?lang=en", token: token)
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
            #expect(missing.errorMessage == "Objective nope was not found.")
            let vietnamese = try await client.api(.get, "/api/v1/objectives/nope?lang=vi", token: token)
            #expect(vietnamese.errorMessage == "Không tìm thấy Mục tiêu nope.")
        }
        try await world.close()
    }

    @Test("Editing: the version must be current (409 changes nothing), If-Match works too, the workflow is enforced")
    func editing() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-ha")
        try await world.test { client in
            let before = try await client.api(.get, "/api/v1/objectives/o-mkt-mql", token: token)
            let version = try #require(before.object["version"] as? Int)
            let renamed = try await client.api(
                .patch, "/api/v1/objectives/o-mkt-mql", token: token,
                body: jsonBody(["title_en": "More MQLs from better channels", "version": version]))
            #expect(renamed.status == .ok)
            #expect(renamed.object["title_en"] as? String == "More MQLs from better channels")
            #expect(renamed.object["version"] as? Int == version + 1)
            let stale = try await client.api(
                .patch, "/api/v1/objectives/o-mkt-mql", token: token,
                body: jsonBody(["title_en": "Lost update", "version": version]))
            #expect(stale.status == .conflict)
            #expect(stale.errorCode == "version_conflict")
            let byETag = try await client.api(
                .patch, "/api/v1/objectives/o-mkt-mql", token: token, body: jsonBody(["kind": "aspirational"]),
                headers: [.ifMatch: "\"v\(version + 1)\""])
            #expect(byETag.status == .ok)
            #expect(byETag.object["title_en"] as? String == "More MQLs from better channels")
            let noVersion = try await client.api(
                .patch, "/api/v1/objectives/o-mkt-mql", token: token, body: jsonBody(["kind": "committed"]))
            #expect(noVersion.status == .preconditionRequired)
            let current = try #require(byETag.object["version"] as? Int)
            let badMove = try await client.api(
                .patch, "/api/v1/objectives/o-mkt-mql", token: token,
                body: jsonBody(["state": "draft", "version": current]))
            #expect(badMove.status == .unprocessableContent)
            #expect(badMove.errorCode == "transition_not_allowed")
            let after = try await world.store.objective(id: "o-mkt-mql")
            #expect(after?.value.state == .published)
            #expect(after?.version == current)
        }
        try await world.close()
    }

    @Test("Invalid values are 422 naming the field, and nothing is created")
    func invalidValues() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        try await world.test { client in
            let cases: [([String: Any], String)] = [
                (["cycle_id": "2026-q4", "title": "   "], "title"),
                (["cycle_id": "2026-q4", "title": String(repeating: "a", count: 301)], "title"),
                (["cycle_id": "2026-q4", "title": "X", "owner": "somebody"], "owner"),
                (["cycle_id": "2026-q4", "title": "X", "owner": "team:nope"], "owner"),
                (["cycle_id": "nope", "title": "X"], "cycle_id"),
                (["cycle_id": "2026-q4", "title": 12], "title"),
                (["title": "X"], "cycle_id"),
                (["cycle_id": "2026-q4", "title": "X", "kind": "moonshot"], "kind"),
                (["cycle_id": "2026-q4", "title": "X", "parents": [["objective_id": "nope"]]], "parents"),
                (["cycle_id": "2026-q4", "title": "X", "id": "has space"], "id"),
            ]
            for (body, field) in cases {
                let answer = try await client.api(.post, "/api/v1/objectives", token: token, body: jsonBody(body))
                #expect(answer.status == .unprocessableContent, "\(body): \(answer.text)")
                #expect(answer.errorField == field, "\(body): \(answer.text)")
            }
            let count = try await world.store.objectives(cycle: "2026-q4", owner: nil, state: nil, matching: nil).count
            #expect(count == 6)
        }
        try await world.close()
    }

    @Test("Roles: a member creates only their own objectives, a viewer none, a lead not for another team")
    func roles() async throws {
        let world = try await TestWorld.demo()
        let member = try await world.token("p-nam")
        let viewer = try await world.token("p-mai")
        let lead = try await world.token("p-ha")
        try await world.test { client in
            let own = try await client.api(
                .post, "/api/v1/objectives", token: member, body: jsonBody(["cycle_id": "2026-q4", "title": "Của tôi"]))
            #expect(own.status == .created)
            #expect(own.object["owner"] as? String == "person:p-nam")
            let forTeam = try await client.api(
                .post, "/api/v1/objectives", token: member,
                body: jsonBody(["cycle_id": "2026-q4", "title": "Của nhóm", "owner": "team:marketing"]))
            #expect(forTeam.status == .forbidden)
            let byViewer = try await client.api(
                .post, "/api/v1/objectives", token: viewer, body: jsonBody(["cycle_id": "2026-q4", "title": "X"]))
            #expect(byViewer.status == .forbidden)
            let otherTeam = try await client.api(
                .post, "/api/v1/objectives", token: lead,
                body: jsonBody(["cycle_id": "2026-q4", "title": "X", "owner": "team:sales"]))
            #expect(otherTeam.status == .forbidden)
            let version = try #require(try await world.store.objective(id: "o-mkt-mql")?.version)
            let handOver = try await client.api(
                .patch, "/api/v1/objectives/o-mkt-mql", token: lead,
                body: jsonBody(["owner": "team:sales", "version": version]))
            #expect(handOver.status == .forbidden)
        }
        try await world.close()
    }

    @Test("Private objectives: absent from lists, search, the owner filter and findings for those who may not see them")
    func privacy() async throws {
        let world = try await TestWorld.demo()
        let lan = try await world.token("p-lan")
        let ha = try await world.token("p-ha")
        let bao = try await world.token("p-bao")
        try await world.test { client in
            let created = try await client.api(
                .post, "/api/v1/objectives", token: lan,
                body: jsonBody([
                    "id": "o-secret", "cycle_id": "2026-q4", "title": "Đàm phán hợp đồng bí mật",
                    "visibility": "private",
                ]))
            #expect(created.status == .created)
            for (token, sees) in [(lan, true), (bao, true), (ha, false)] {
                let list = try await client.api(.get, "/api/v1/objectives?q=hop%20dong%20bi%20mat", token: token)
                #expect(list.items.contains { $0["id"] as? String == "o-secret" } == sees)
                let byOwner = try await client.api(.get, "/api/v1/objectives?owner=person:p-lan", token: token)
                #expect(byOwner.items.contains { $0["id"] as? String == "o-secret" } == sees)
                let one = try await client.api(.get, "/api/v1/objectives/o-secret", token: token)
                #expect(one.status == (sees ? .ok : .notFound))
                let findings = try await client.api(.get, "/api/v1/objectives/o-secret/findings", token: token)
                #expect(findings.status == (sees ? .ok : .notFound))
                let child = try await client.api(
                    .post, "/api/v1/objectives", token: token,
                    body: jsonBody([
                        "cycle_id": "2026-q4", "title": "Con", "parents": [["objective_id": "o-secret"]],
                    ]))
                #expect(child.status == (sees ? .created : .unprocessableContent), "\(child.text)")
            }
        }
        try await world.close()
    }

    @Test("Search matches Vietnamese with or without marks; filters by team, state and kind; bad filters are 400")
    func filters() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        try await world.test { client in
            func ids(_ query: String) async throws -> Set<String> {
                let answer = try await client.api(.get, "/api/v1/objectives?\(query)", token: token)
                #expect(answer.status == .ok)
                return Set(answer.items.compactMap { $0["id"] as? String })
            }
            #expect(try await ids("q=kenh%20quang%20cao") == ["o-mkt-mql"])
            #expect(try await ids("q=k%C3%AAnh%20qu%E1%BA%A3ng%20c%C3%A1o") == ["o-mkt-mql"])
            #expect(try await ids("team=marketing") == ["o-mkt-mql", "o-nam-email"])
            #expect(try await ids("kind=aspirational").contains("o-company-growth"))
            #expect(try await ids("state=draft").isEmpty)
            #expect(try await ids("cycle=2026-q3") == ["o-prev-onboarding"])
            for bad in ["state=finished", "kind=x", "limit=0", "limit=201", "limit=abc", "cursor=%21%21", "owner=x"] {
                let answer = try await client.api(.get, "/api/v1/objectives?\(bad)", token: token)
                #expect(answer.status == .badRequest, "\(bad)")
                #expect(answer.errorCode == "invalid_parameter", "\(bad)")
            }
        }
        try await world.close()
    }

    @Test("Pages: a cursor walks the whole list once, in a stable order")
    func pagination() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        try await world.test { client in
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/api/v1/objectives?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.api(.get, uri, token: token)
                #expect(page.items.count <= 2)
                seen += page.items.compactMap { $0["id"] as? String }
                cursor = page.object["next_cursor"] as? String
            } while cursor != nil
            let all = try await client.api(.get, "/api/v1/objectives", token: token)
            #expect(seen == all.items.compactMap { $0["id"] as? String })
            #expect(seen == seen.sorted())
            #expect(seen.count == 6)
        }
        try await world.close()
    }

    @Test("Findings: the survey KR's unmet condition and the KR with no initiative, with their KR ids")
    func findings() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-bao")
        try await world.test { client in
            let sales = try await client.api(.get, "/api/v1/objectives/o-sales-nurture/findings?lang=en", token: token)
            let codes = sales.items.map { "\($0["code"] as? String ?? "")@\($0["key_result_id"] as? String ?? "-")" }
            #expect(codes.contains("validity_condition_not_met@kr-sales-survey"), "\(codes)")
            let engineering = try await client.api(.get, "/api/v1/objectives/o-eng-speed/findings", token: token)
            #expect(
                engineering.items.contains {
                    $0["code"] as? String == "key_result_without_initiative"
                        && $0["key_result_id"] as? String == "kr-eng-p95"
                })
        }
        try await world.close()
    }
}
