import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OKRCore
import OKRStore
import Testing

@Suite("Weekly updates through the API")
struct WeeklyUpdatesAPITests {
    @Test(
        "Nam writes his week on a Thursday: stored for Monday, plans linked to his KR and the team objective, one unlinked"
    )
    func saveWeek() async throws {
        let world = try await TestWorld.demo()
        let nam = try await world.token("p-nam")
        try await world.test { client in
            // The demo has his update of this week already: replacing it takes the version read.
            let current = try await client.api(.get, "/api/v1/weekly-updates?person=p-nam&week=2026-11-26", token: nam)
            let version = try #require(current.items.first?["version"] as? Int)
            let saved = try await client.api(
                .put, "/api/v1/weekly-updates/2026-11-26", token: nam,
                body: jsonBody([
                    "version": version,
                    "plans": [
                        ["text": "Gửi bản tin với tiêu đề A/B", "key_result_id": "kr-nam-open", "done": true],
                        ["text": "Tối ưu trang đăng ký", "objective_id": "o-mkt-mql", "key_result_id": "kr-mkt-email"],
                        ["text": "Dọn hộp thư"],
                    ],
                    "progress": "Tỉ lệ mở lên 24%.", "problems": "  ", "mood": 5,
                ]))
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(saved.object["week"] as? String == "2026-11-23")
            #expect(saved.object["id"] as? String == "wu-nam-2026-11-23", "the first saved id stays")
            #expect(saved.object["person_id"] as? String == "p-nam")
            let plans = try #require(saved.object["plans"] as? [[String: Any]])
            #expect(plans.map { $0["unlinked"] as? Bool } == [false, false, true])
            #expect(plans.map { $0["done"] as? Bool } == [true, false, false])
            #expect(saved.object["unlinked_plans"] as? Int == 1)
            #expect(saved.object["problems"] == nil)
            #expect(saved.object["mood"] as? Int == 5)

            let read = try await client.api(.get, "/api/v1/weekly-updates?person=p-nam&week=2026-11-29", token: nam)
            #expect(read.items.count == 1)
            #expect(read.items.first?["progress"] as? String == "Tỉ lệ mở lên 24%.")
            #expect((read.items.first?["plans"] as? [[String: Any]])?.count == 3)

            let replaced = try await client.api(
                .put, "/api/v1/weekly-updates/2026-11-23", token: nam,
                body: jsonBody(["mood": 3, "version": try #require(saved.object["version"] as? Int)]))
            #expect(replaced.status == .ok)
            #expect(replaced.object["version"] as? Int == version + 2)
            #expect((replaced.object["plans"] as? [[String: Any]])?.isEmpty == true)
            #expect(replaced.object["progress"] == nil)
        }
        try await world.close()
    }

    @Test("Reading weeks: this week by default, one week of a team, every week of one person")
    func readWeeks() async throws {
        let world = try await TestWorld.demo()
        let ha = try await world.token("p-ha")
        try await world.test { client in
            let earlier = try await client.api(
                .put, "/api/v1/weekly-updates/2026-11-18", token: ha,
                body: jsonBody(["plans": [["text": "Họp tổng kết kênh email", "objective_id": "o-mkt-mql"]]]))
            #expect(earlier.status == .ok)
            #expect(earlier.object["id"] as? String == "wu-p-ha-2026-11-16")
            #expect(earlier.object["version"] as? Int == 1)

            let thisWeek = try await client.api(.get, "/api/v1/weekly-updates", token: ha)
            #expect(thisWeek.items.compactMap { $0["person_id"] as? String } == ["p-lan", "p-nam"])
            #expect(thisWeek.items.allSatisfy { $0["week"] as? String == "2026-11-23" })
            let sales = try await client.api(.get, "/api/v1/weekly-updates?team=sales&week=2026-11-23", token: ha)
            #expect(sales.items.compactMap { $0["person_id"] as? String } == ["p-lan"])
            let marketing = try await client.api(
                .get, "/api/v1/weekly-updates?team=marketing&week=2026-11-17", token: ha)
            #expect(marketing.items.compactMap { $0["person_id"] as? String } == ["p-ha", "p-nam"])
            let nam = try await client.api(.get, "/api/v1/weekly-updates?person=p-nam", token: ha)
            #expect(nam.items.compactMap { $0["week"] as? String } == ["2026-11-16", "2026-11-23"])
            let page = try await client.api(.get, "/api/v1/weekly-updates?person=p-nam&limit=1", token: ha)
            #expect(page.items.count == 1)
            let cursor = try #require(page.object["next_cursor"] as? String)
            let rest = try await client.api(
                .get, "/api/v1/weekly-updates?person=p-nam&limit=1&cursor=\(cursor)", token: ha)
            #expect(rest.items.compactMap { $0["week"] as? String } == ["2026-11-23"])
            #expect(rest.object["next_cursor"] == nil)
        }
        try await world.close()
    }

    @Test("A saved week is never silently replaced: 428 without its version, 409 with an old one; no future week")
    func neverSilentlyReplaced() async throws {
        let world = try await TestWorld.demo()
        let nam = try await world.token("p-nam")
        try await world.test { client in
            let before = try await client.api(.get, "/api/v1/weekly-updates?person=p-nam&week=2026-11-23", token: nam)
            let version = try #require(before.items.first?["version"] as? Int)
            // Any day of the week addresses its one update.
            let missing = try await client.api(
                .put, "/api/v1/weekly-updates/2026-11-25", token: nam, body: jsonBody(["progress": "Xoá sạch"]))
            #expect(missing.status == .preconditionRequired)
            let stale = try await client.api(
                .put, "/api/v1/weekly-updates/2026-11-27", token: nam,
                body: jsonBody(["progress": "Xoá sạch", "version": version + 5]))
            #expect(stale.status == .conflict)
            let after = try await client.api(.get, "/api/v1/weekly-updates?person=p-nam&week=2026-11-23", token: nam)
            #expect(after.text == before.text, "nothing was replaced")
            let future = try await client.api(
                .put, "/api/v1/weekly-updates/2026-11-30", token: nam, body: jsonBody(["progress": "Tuần sau"]))
            #expect(future.status == .unprocessableContent)
            #expect(future.errorField == "week")

            // The page's form carries the version: a stale one keeps what was typed and says why.
            let cookies = try await client.signIn("nam@okra.demo")
            let (_, home) = try await client.page("/", cookies)
            #expect(home.contains("name=\"version\" value=\"\(version)\""))
            let saved = try await client.api(
                .put, "/api/v1/weekly-updates/2026-11-23", token: nam,
                body: jsonBody(["progress": "Lưu từ thẻ khác", "version": version]))
            #expect(saved.status == .ok)
            try await client.execute(
                uri: "/week", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(
                    string: "csrf=\(cookies.csrf)&version=\(version)&plans=&progress=B%E1%BA%A3n+c%E1%BB%A7a+t%C3%B4i")
            ) { response in
                #expect(response.status == .conflict)
                let page = String(buffer: response.body)
                #expect(page.contains("Bản của tôi"), "what was typed stays")
            }
            let kept = try await client.api(.get, "/api/v1/weekly-updates?person=p-nam&week=2026-11-23", token: nam)
            #expect(kept.items.first?["progress"] as? String == "Lưu từ thẻ khác")
        }
        try await world.close()
    }

    @Test("Bad weeks are refused with the member at fault, and nothing is saved")
    func badWeeks() async throws {
        let world = try await TestWorld.demo()
        let nam = try await world.token("p-nam")
        let mai = try await world.token("p-mai")
        let tooMany = (1...51).map { ["text": "Việc \($0)"] }
        let cases: [([String: Any], HTTPResponse.Status, String)] = [
            (["mood": 6], .unprocessableContent, "mood"),
            (["mood": "vui"], .unprocessableContent, "mood"),
            (["plans": [["text": "  "]]], .unprocessableContent, "plans.0.text"),
            (["plans": [["done": true]]], .unprocessableContent, "plans.0.text"),
            (["plans": [["text": "A"], ["text": "B", "objective_id": "o-nope"]]], .notFound, "plans.1.objective_id"),
            (["plans": [["text": "A", "key_result_id": "kr-nope"]]], .notFound, "plans.0.key_result_id"),
            (
                ["plans": [["text": "A", "objective_id": "o-mkt-mql", "key_result_id": "kr-sales-trial"]]],
                .unprocessableContent, "plans.0.key_result_id"
            ),
            (["plans": tooMany], .unprocessableContent, "plans"),
            (["progress": String(repeating: "x", count: 4001)], .unprocessableContent, "progress"),
        ]
        let requests = cases.map { body, status, field in (jsonBody(body), status, field) }
        try await world.test { client in
            for (body, status, field) in requests {
                let answer = try await client.api(.put, "/api/v1/weekly-updates/2026-11-09", token: nam, body: body)
                #expect(answer.status == status, "\(body): \(answer.text)")
                #expect(answer.errorField == field, "\(body): \(answer.text)")
            }
            let badDay = try await client.api(
                .put, "/api/v1/weekly-updates/2026-13-01", token: nam, body: jsonBody([:]))
            #expect(badDay.status == .unprocessableContent)
            #expect(badDay.errorField == "week")
            let viewer = try await client.api(
                .put, "/api/v1/weekly-updates/2026-11-09", token: mai, body: jsonBody([:]))
            #expect(viewer.status == .forbidden)
            #expect(try await world.store.weeklyUpdates(week: Day(year: 2026, month: 11, day: 9), people: nil).isEmpty)

            for (query, status, field) in [
                ("week=yesterday", HTTPResponse.Status.badRequest, "week"), ("person=p-nobody", .notFound, "person"),
                ("team=nowhere", .notFound, "team"), ("limit=0", .badRequest, "limit"),
            ] {
                let answer = try await client.api(.get, "/api/v1/weekly-updates?\(query)", token: nam)
                #expect(answer.status == status, "\(query)")
                #expect(answer.errorField == field, "\(query)")
            }
        }
        try await world.close()
    }

    @Test(
        "A plan linked to Lan's private objective is left out for those who may not see it, and cannot be linked by them"
    )
    func privatePlans() async throws {
        let matrix = try await MatrixWorld.make()
        let world = matrix.world
        let lan = try await world.token("p-lan")
        try await world.test { client in
            let current = try await client.api(.get, "/api/v1/weekly-updates?person=p-lan&week=2026-11-27", token: lan)
            let saved = try await client.api(
                .put, "/api/v1/weekly-updates/2026-11-27", token: lan,
                body: jsonBody([
                    "version": current.items.first?["version"] as? Int ?? 1,
                    "plans": [
                        ["text": "Soạn điều khoản hợp đồng", "objective_id": MatrixWorld.privateObjective],
                        ["text": "Gọi 15 khách dùng thử", "key_result_id": MatrixWorld.privateKeyResult],
                        ["text": "Chuẩn bị demo", "key_result_id": "kr-lan-demos"],
                    ],
                ]))
            #expect(saved.status == .ok, "\(saved.text)")
            for (person, count) in [("p-lan", 3), ("p-bao", 3), ("p-anh", 3), ("p-nam", 1), ("p-ha", 1), ("p-mai", 1)] {
                let token = try await world.token(person)
                let read = try await client.api(
                    .get, "/api/v1/weekly-updates?person=p-lan&week=2026-11-23", token: token)
                let plans = read.items.first?["plans"] as? [[String: Any]] ?? []
                #expect(plans.count == count, "\(person)")
                if count == 1 { #expect(plans.first?["key_result_id"] as? String == "kr-lan-demos", "\(person)") }
            }
            let nam = try await world.token("p-nam")
            let linked = try await client.api(
                .put, "/api/v1/weekly-updates/2026-11-27", token: nam,
                body: jsonBody(["plans": [["text": "Giúp Lan", "key_result_id": MatrixWorld.privateKeyResult]]]))
            #expect(linked.status == .notFound)
            #expect(linked.errorField == "plans.0.key_result_id")
        }
        try await matrix.close()
    }
}
