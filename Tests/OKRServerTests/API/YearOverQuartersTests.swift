import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// Cadences: a year active over its quarters, quarterly objectives aligned to yearly ones and counted there.
@Suite("A year over its quarters: cycles side by side and alignment across them")
struct YearOverQuartersTests {
    /// Plans the year 2026 (which holds the demo's Q3 and Q4) with one company objective, and activates it.
    static func planYear(_ client: some TestClientProtocol, admin: String) async throws {
        let year = try await client.api(
            .post, "/api/v1/cycles", token: admin,
            body: jsonBody(["id": "2026", "name": "2026", "start": "2026-01-01", "end": "2026-12-31"]))
        #expect(year.status == .created, "\(year.text)")
        let activated = try await client.api(.post, "/api/v1/cycles/2026/activate", token: admin)
        #expect(activated.status == .ok, "a year runs beside its active quarter: \(activated.text)")
        let objective = try await client.api(
            .post, "/api/v1/objectives", token: admin,
            body: jsonBody([
                "id": "o-year", "cycle_id": "2026", "owner": "company", "state": "published",
                "progress_source": "children", "title": "Trở thành lựa chọn số một cho doanh nghiệp vừa",
                "title_en": "Become the first choice of mid-sized companies",
            ]))
        #expect(objective.status == .created, "\(objective.text)")
    }

    @Test("Cycles run side by side when apart or nested; one that partly overlaps an active cycle is 409")
    func sideBySide() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        try await world.test { client in
            try await Self.planYear(client, admin: admin)
            #expect(try await world.store.cycle(id: "2026-q4")?.value.state == .active)
            _ = try await client.api(
                .post, "/api/v1/cycles", token: admin,
                body: jsonBody(["id": "winter", "name": "Winter", "start": "2026-11-15", "end": "2027-02-15"]))
            let overlapping = try await client.api(.post, "/api/v1/cycles/winter/activate", token: admin)
            #expect(overlapping.status == .conflict)
            #expect(overlapping.errorCode == "active_cycle_overlaps")
            #expect(overlapping.errorField == "state")
            #expect(try await world.store.cycle(id: "winter")?.value.state == .planning)
            // The same days as an active cycle split "now" in two: refused too.
            _ = try await client.api(
                .post, "/api/v1/cycles", token: admin,
                body: jsonBody(["id": "q4-bis", "name": "Q4 bis", "start": "2026-10-01", "end": "2026-12-31"]))
            let twin = try await client.api(.post, "/api/v1/cycles/q4-bis/activate", token: admin)
            #expect(twin.errorCode == "active_cycle_overlaps")
            // A month within the running quarter is nested: it may run too.
            _ = try await client.api(
                .post, "/api/v1/cycles", token: admin,
                body: jsonBody(["id": "2026-12", "name": "December", "start": "2026-12-01", "end": "2026-12-31"]))
            #expect(try await client.api(.post, "/api/v1/cycles/2026-12/activate", token: admin).status == .ok)

            // The pages choose the shortest active cycle that runs today (the quarter, not the year), and the
            // company page shows the year's goals above the quarter's.
            let cookies = try await client.signIn("admin@okra.demo")
            let (_, company) = try await client.page("/company", cookies)
            #expect(company.contains("<h1>Tổng quan — 2026 Q4</h1>"), "\(company.prefix(3000))")
            #expect(company.contains("Các mục tiêu mà chu kỳ này phục vụ"))
            #expect(company.contains("<li data-objective=\"o-year\">"))
            let (_, yearPage) = try await client.page("/company?cycle=2026", cookies)
            #expect(!yearPage.contains("Các mục tiêu mà chu kỳ này phục vụ"))

            // `cycle=now` lists every active cycle's objectives together.
            let now = try await client.api(.get, "/api/v1/objectives?cycle=now&limit=200", token: admin)
            #expect(now.status == .ok)
            let rows = try #require(now.object["data"] as? [[String: Any]])
            let cycles = Set(rows.compactMap { $0["cycle_id"] as? String })
            #expect(cycles == ["2026", "2026-q4"], "\(cycles)")
            let ids = rows.compactMap { $0["id"] as? String }
            #expect(ids == ids.sorted())
            #expect(ids.contains("o-year") && ids.contains("o-mkt-mql"))
            let quarter = try await client.api(.get, "/api/v1/objectives?limit=200", token: admin)
            let quarterIDs = (quarter.object["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(!quarterIDs.contains("o-year") && quarterIDs.contains("o-mkt-mql"))
            // By pages of two, the cursor walks the same list.
            var walked: [String] = []
            var cursor: String?
            repeat {
                let uri = "/api/v1/objectives?cycle=now&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let answer = try await client.api(.get, uri, token: admin)
                walked += (answer.object["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = answer.object["next_cursor"] as? String
            } while cursor != nil
            #expect(walked == ids)
        }
        try await world.close()
    }

    @Test("A quarterly objective aligns to its year's and counts there, live and then with its closing grade")
    func alignmentAcrossCycles() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        let ha = try await world.token("p-ha")
        try await world.test { client in
            try await Self.planYear(client, admin: admin)
            // Q3 does not hold Q4: a link that could never count is refused with the reason.
            let mkt = try await client.api(.get, "/api/v1/objectives/o-mkt-mql", token: ha)
            let version = try #require(mkt.object["version"] as? Int)
            let sideways = try await client.api(
                .patch, "/api/v1/objectives/o-mkt-mql", token: ha,
                body: jsonBody(["version": version, "parents": [["objective_id": "o-prev-onboarding"]]]))
            #expect(sideways.status == .unprocessableContent)
            #expect(sideways.errorField == "parents")
            #expect(sideways.errorMessage?.contains("2026-q3") == true, "\(sideways.text)")

            let linked = try await client.api(
                .patch, "/api/v1/objectives/o-mkt-mql", token: ha,
                body: jsonBody(["version": version, "parents": [["objective_id": "o-year", "weight": 2]]]))
            #expect(linked.status == .ok, "\(linked.text)")
            let quarterProgress = try #require(linked.object["progress"] as? Double)
            let year = try await client.api(.get, "/api/v1/objectives/o-year", token: admin)
            #expect(year.object["progress"] as? Double == quarterProgress, "the year counts its quarter, live")

            // A check-in in the quarter moves the year.
            let checkIn = try await client.api(
                .post, "/api/v1/key-results/kr-mkt-adwords/check-ins", token: ha,
                body: jsonBody(["value": 99, "confidence": 8]))
            #expect(checkIn.status == .created)
            let moved = try await client.api(.get, "/api/v1/objectives/o-mkt-mql", token: ha)
            let movedProgress = try #require(moved.object["progress"] as? Double)
            #expect(movedProgress > quarterProgress)
            let yearAfter = try await client.api(.get, "/api/v1/objectives/o-year", token: admin)
            #expect(yearAfter.object["progress"] as? Double == movedProgress)

            // Both pages name the other, with its cycle.
            let cookies = try await client.signIn("ha@okra.demo")
            let (_, quarterPage) = try await client.page("/objectives/o-mkt-mql", cookies)
            #expect(quarterPage.contains("href=\"/objectives/o-year\""))
            #expect(quarterPage.contains("<span class=\"chip link-cycle\">2026</span>"))
            let (_, yearPage) = try await client.page("/objectives/o-year", cookies)
            #expect(yearPage.contains("href=\"/objectives/o-mkt-mql\""))
            #expect(yearPage.contains("<span class=\"chip link-cycle\">2026 Q4</span>"))
            // The editor offers the year's objectives as parents.
            let (_, editor) = try await client.page("/objectives/new?cycle=2026-q4", cookies)
            #expect(editor.contains("objective:o-year"))

            // The quarter closes with an adjusted grade: the year counts the grade it closed with.
            let adjusted = try await client.api(
                .put, "/api/v1/key-results/kr-mkt-email/grade", token: ha,
                body: jsonBody(["grade": 0.2, "reason": "Danh sách email mua ngoài, không bền"]))
            #expect(adjusted.status == .ok, "\(adjusted.text)")
            let q4 = try #require(try await world.store.cycle(id: "2026-q4"))
            let closed = try await client.api(
                .post, "/api/v1/cycles/2026-q4/close", token: admin, headers: [.ifMatch: "\"v\(q4.version)\""])
            #expect(closed.status == .ok, "\(closed.text)")
            let quarter = try #require(try await world.store.readModel.cycle("2026-q4", on: TestWorld.today))
            let grade = try #require(quarter.score(ObjectiveID("o-mkt-mql"))).grade.value
            let yearClosed = try await client.api(.get, "/api/v1/objectives/o-year", token: admin)
            let yearProgress = try #require(yearClosed.object["progress"] as? Double)
            let expected = NSDecimalNumber(decimal: grade.rounded(4)).doubleValue
            #expect(abs(yearProgress - expected) < 0.00001, "the year takes Q4's grade: \(grade)")
            #expect(abs(yearProgress - movedProgress) > 0.001, "the grade, not the live progress")
        }
        try await world.close()
    }

    @Test("A person's KR of the running year is on their check-in form and My week beside the quarter's, and records")
    func checkInOnTheYear() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        try await world.test { client in
            try await Self.planYear(client, admin: admin)
            let objective = try await client.api(
                .post, "/api/v1/objectives", token: admin,
                body: jsonBody([
                    "id": "o-nam-year", "cycle_id": "2026", "owner": "person:p-nam", "state": "published",
                    "title": "Trở thành người viết bản tin được đọc nhiều nhất",
                ]))
            #expect(objective.status == .created, "\(objective.text)")
            let kr = try await client.api(
                .post, "/api/v1/objectives/o-nam-year/key-results", token: admin,
                body: jsonBody([
                    "id": "kr-nam-year", "title": "Tăng số người đọc bản tin từ 1.000 lên 5.000", "kind": "increase",
                    "start": 1000, "target": 5000, "owner": "person:p-nam",
                ]))
            #expect(kr.status == .created, "\(kr.text)")
            var cookies = try await client.signIn("nam@okra.demo")
            let (_, form) = try await client.page("/check-in", cookies)
            #expect(form.contains("name=\"value.kr-nam-year\""))
            #expect(form.contains("name=\"value.kr-nam-open\""), "the quarter's KRs are still there")
            #expect(form.contains("<span class=\"chip link-cycle\">2026</span>"))
            let (_, week) = try await client.page("/", cookies)
            #expect(week.contains("Tăng số người đọc bản tin từ 1.000 lên 5.000"))
            let (status, location, _) = try await CheckInPageTests.post(
                client, &cookies, [("value.kr-nam-year", "2000"), ("confidence.kr-nam-year", "6")])
            #expect(status == .seeOther && location == "/check-in/done")
            let recorded = try await client.api(.get, "/api/v1/key-results/kr-nam-year", token: admin)
            #expect((recorded.object["current"] as? NSNumber)?.doubleValue == 2000, "\(recorded.text)")
        }
        try await world.close()
    }

    @Test("The read model keeps a year current when a quarter changes, removes a child that leaves")
    func readModelAcrossCycles() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        try await world.test { client in
            try await Self.planYear(client, admin: admin)
            let sales = try await client.api(.get, "/api/v1/objectives/o-sales-nurture", token: admin)
            let version = try #require(sales.object["version"] as? Int)
            _ = try await client.api(
                .patch, "/api/v1/objectives/o-sales-nurture", token: admin,
                body: jsonBody(["version": version, "parents": [["objective_id": "o-year"]]]))
            let year = try #require(try await world.store.readModel.cycle("2026", on: TestWorld.today))
            #expect(year.outsideChildren(of: "o-year").map(\.child.objective.id) == ["o-sales-nurture"])
            // Unlinked in the quarter: the year forgets it.
            let unlinked = try await client.api(
                .patch, "/api/v1/objectives/o-sales-nurture", token: admin,
                body: jsonBody(["version": version + 1, "parents": []]))
            #expect(unlinked.status == .ok, "\(unlinked.text)")
            let after = try #require(try await world.store.readModel.cycle("2026", on: TestWorld.today))
            #expect(after.outsideChildren(of: "o-year").isEmpty)
            #expect(after.score(ObjectiveID("o-year"))?.progress.value == 0)
        }
        try await world.close()
    }
}
