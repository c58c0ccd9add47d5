import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A whole OKR year on the real binary, as the guide runs it: a yearly company cycle over four quarters; the first
/// quarter planned through its planning page and the gate before activation, activated, checked in, closed with an
/// adjusted grade, looked back on, and its unfinished objective carried into the second quarter rebased; the
/// year's objective counting the quarter's grade.
///
/// The server keeps the real clock, so the year is last year: every day of it may be checked in.
@Suite("A whole year on the real binary", .serialized)
struct WholeYearTests {
    /// The server's API with one token.
    struct API {
        let base: URL
        let token: String

        @discardableResult
        func call(
            _ method: String, _ path: String, _ body: [String: Any]? = nil, ifMatch: String? = nil
        ) async throws -> (status: Int, object: [String: Any]) {
            var request = URLRequest(url: URL(string: "api/v1" + path, relativeTo: base)!)
            request.httpMethod = method
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            if let body {
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                request.httpBody = try JSONSerialization.data(withJSONObject: body)
            }
            if let ifMatch { request.setValue(ifMatch, forHTTPHeaderField: "If-Match") }
            let (data, response) = try await URLSession.shared.data(for: request)
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, object)
        }

        /// Sends and expects `status`, reporting the answer when it differs.
        @discardableResult
        func expect(
            _ status: Int, _ method: String, _ path: String, _ body: [String: Any]? = nil, ifMatch: String? = nil,
            sourceLocation: SourceLocation = #_sourceLocation
        ) async throws -> [String: Any] {
            let answer = try await call(method, path, body, ifMatch: ifMatch)
            #expect(answer.status == status, "\(method) \(path): \(answer.object)", sourceLocation: sourceLocation)
            return answer.object
        }
    }

    static func token(_ db: String, _ email: String) throws -> String {
        let made = try Binary.run(["token", "create", "--db", db, "--email", email])
        #expect(made.status == 0, "\(made.stderr)")
        return made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("A yearly cycle over four quarters: Q1 planned, gated, run, closed, looked back on and carried into Q2")
    func year() async throws {
        let folder = try Binary.temporaryFolder()
        let db = folder.appendingPathComponent("year.db").path
        let server = try Binary.start(["demo", "--port", "0", "--db", db])
        defer { server.stop() }
        let url = try #require(try await server.waitForURL(), "the demo printed no URL: \(server.output)")
        let admin = API(base: url, token: try Self.token(db, "admin@okra.demo"))
        let ha = API(base: url, token: try Self.token(db, "ha@okra.demo"))
        let bao = API(base: url, token: try Self.token(db, "bao@okra.demo"))

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let year = calendar.component(.year, from: Date()) - 1
        let (q1, q2) = ("\(year)-q1", "\(year)-q2")

        // The year and its quarters.
        try await admin.expect(
            201, "POST", "/cycles",
            ["id": "y\(year)", "name": "\(year)", "start": "\(year)-01-01", "end": "\(year)-12-31"])
        for (index, (start, end)) in [("01-01", "03-31"), ("04-01", "06-30"), ("07-01", "09-30"), ("10-01", "12-31")]
            .enumerated()
        {
            try await admin.expect(
                201, "POST", "/cycles",
                [
                    "id": "\(year)-q\(index + 1)", "name": "\(year) Q\(index + 1)", "start": "\(year)-\(start)",
                    "end": "\(year)-\(end)",
                ])
        }
        try await admin.expect(200, "POST", "/cycles/y\(year)/activate")
        try await admin.expect(
            201, "POST", "/objectives",
            [
                "id": "o-year", "cycle_id": "y\(year)", "owner": "company", "state": "published",
                "progress_source": "children", "title": "Trở thành lựa chọn số một cho doanh nghiệp vừa",
            ])

        // Planning Q1: the direction, Marketing's draft aligned to the year, a question on it, Sales' ask.
        try await admin.expect(
            200, "PUT", "/cycles/\(q1)/brief",
            ["body": "Quý 1 tập trung vào khách hàng tiềm năng chất lượng.", "themes": ["MQL chất lượng"]])
        try await ha.expect(
            201, "POST", "/objectives",
            [
                "id": "o-q1", "cycle_id": q1, "owner": "team:marketing", "title": "Tăng MQL chất lượng từ hội thảo",
                "parents": [["objective_id": "o-year"]],
            ])
        for (id, start, target) in [("kr-q1-webinar", 0, 100), ("kr-q1-partner", 10, 50)] {
            try await ha.expect(
                201, "POST", "/objectives/o-q1/key-results",
                [
                    "id": id, "title": "Tăng MQL từ \(start) lên \(target)", "kind": "increase", "start": start,
                    "target": target, "owner": "person:p-ha",
                ])
            try await ha.expect(
                201, "POST", "/initiatives",
                ["id": "i-\(id)", "title": "Kế hoạch cho \(id)", "key_result_ids": [id], "owner": "person:p-ha"])
        }
        try await admin.expect(
            201, "POST", "/comments",
            [
                "id": "c-q1-question", "subject": ["kind": "objective", "id": "o-q1"], "is_question": true,
                "body": "Lịch hội thảo đã chốt chưa?",
            ])
        try await bao.expect(
            201, "POST", "/asks",
            [
                "id": "ask-q1", "from_team_id": "sales", "to_team_id": "marketing", "objective_id": "o-q1",
                "need": "Danh sách người tham dự trong 24 giờ", "due_by": "\(year)-01-20",
            ])

        // The planning page shows what is open; the gate holds the activation.
        let browser = Browser()
        let csrf = try #require(try await browser.get(url.appendingPathComponent("sign-in")).cookies["okra_csrf"])
        let signIn = try await browser.post(
            url.appendingPathComponent("sign-in"),
            form: "email=admin%40okra.demo&password=okra-demo-2026&csrf=\(csrf)&next=%2F", cookies: ["okra_csrf": csrf])
        let cookies = ["okra_session": try #require(signIn.cookies["okra_session"])]
        let planning = try await browser.get(url.appendingPathComponent("cycles/\(q1)/planning"), cookies: cookies)
        #expect(planning.status == 200)
        #expect(planning.body.contains("data-comment=\"c-q1-question\""))
        #expect(planning.body.contains("data-ask=\"ask-q1\""))
        #expect(planning.body.contains("<li id=\"step-brief\" class=\"done\">"))
        let held = try await admin.call("POST", "/cycles/\(q1)/activate")
        #expect(held.status == 409)
        #expect((held.object["error"] as? [String: Any])?["code"] as? String == "planning_open", "\(held.object)")

        // Marketing answers the question and accepts the ask; the lead publishes the draft.
        try await ha.expect(
            201, "POST", "/comments",
            [
                "subject": ["kind": "objective", "id": "o-q1"], "answers": "c-q1-question",
                "body": "Đã chốt ba hội thảo trong tháng 2.",
            ])
        try await ha.expect(200, "POST", "/asks/ask-q1/accept", ["version": 1])
        let draft = try await ha.expect(200, "GET", "/objectives/o-q1")
        try await ha.expect(
            200, "PATCH", "/objectives/o-q1", ["version": draft["version"] as? Int ?? 0, "state": "published"])
        let ready = try await browser.get(url.appendingPathComponent("cycles/\(q1)/planning"), cookies: cookies)
        #expect(ready.body.contains("gate-ready"))
        try await admin.expect(200, "POST", "/cycles/\(q1)/activate")

        // The quarter runs: check-ins, then an adjusted grade (live 0.8 → 0.5).
        try await ha.expect(
            201, "POST", "/key-results/kr-q1-webinar/check-ins",
            ["value": 80, "confidence": 7, "day": "\(year)-02-16"])
        try await ha.expect(
            201, "POST", "/key-results/kr-q1-partner/check-ins",
            ["value": 30, "confidence": 6, "day": "\(year)-02-16"])
        let live = try await admin.expect(200, "GET", "/objectives/o-year")
        #expect((live["progress"] as? NSNumber)?.doubleValue == 0.65, "the year counts Q1 live: (0.8 + 0.5) / 2")
        try await ha.expect(
            200, "PUT", "/key-results/kr-q1-webinar/grade",
            ["grade": 0.5, "reason": "Một nửa MQL đến từ danh sách mua ngoài"])

        // The close: grades saved; the year takes Q1's grade, not its live progress.
        let cycle = try await admin.expect(200, "GET", "/cycles/\(q1)")
        try await admin.expect(
            200, "POST", "/cycles/\(q1)/close", ifMatch: "\"v\(cycle["version"] as? Int ?? 0)\"")
        let graded = try await admin.expect(200, "GET", "/objectives/o-year")
        #expect((graded["progress"] as? NSNumber)?.doubleValue == 0.5, "the year counts Q1's grade: \(graded)")

        // The look back, then the unfinished objective carried into Q2, rebased where it stood.
        try await ha.expect(
            200, "PUT", "/objectives/o-q1/retrospective",
            ["worked": "Hội thảo với đối tác", "learned": "Danh sách mua ngoài không tạo MQL thật"])
        let carried = try await ha.expect(201, "POST", "/objectives/o-q1/carry-over", ["cycle_id": q2])
        #expect(carried["cycle_id"] as? String == q2)
        #expect(carried["state"] as? String == "draft")
        let krs = carried["key_results"] as? [[String: Any]] ?? []
        #expect(krs.map { ($0["start"] as? NSNumber)?.doubleValue } == [80, 30], "\(krs)")
        #expect(krs.map { ($0["target"] as? NSNumber)?.doubleValue } == [100, 50])
        let copy = try #require(carried["id"] as? String)
        let q2List = try await admin.expect(200, "GET", "/objectives?cycle=\(q2)")
        #expect((q2List["data"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == copy })

        // The year's page names its quarter's objective with the quarter.
        let yearPage = try await browser.get(url.appendingPathComponent("objectives/o-year"), cookies: cookies)
        #expect(yearPage.body.contains("href=\"/objectives/o-q1\""))
        #expect(yearPage.body.contains("<span class=\"chip link-cycle\">\(year) Q1</span>"))
        try? FileManager.default.removeItem(at: folder)
    }
}
