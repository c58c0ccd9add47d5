import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// Planning a cycle as the guide lays it out: the planning page, and the gate before activation.
@Suite("Planning a cycle: the steps, who is late, and the gate before activation")
struct PlanningTests {
    /// 2027 Q1 in planning with Marketing's draft, a question on it from the admin and Sales' ask of Marketing.
    static func plan(_ client: some TestClientProtocol, world: TestWorld) async throws {
        let admin = try await world.token("p-anh")
        let ha = try await world.token("p-ha")
        let bao = try await world.token("p-bao")
        let cycle = try await client.api(
            .post, "/api/v1/cycles", token: admin,
            body: jsonBody(["id": "2027-q1", "name": "2027 Q1", "start": "2027-01-01", "end": "2027-03-31"]))
        #expect(cycle.status == .created, "\(cycle.text)")
        let draft = try await client.api(
            .post, "/api/v1/objectives", token: ha,
            body: jsonBody([
                "id": "o-q1-mql", "cycle_id": "2027-q1", "owner": "team:marketing",
                "title": "Tăng MQL chất lượng từ hội thảo trực tuyến",
            ]))
        #expect(draft.status == .created, "\(draft.text)")
        let kr = try await client.api(
            .post, "/api/v1/objectives/o-q1-mql/key-results", token: ha,
            body: jsonBody([
                "id": "kr-q1-webinar", "title": "Tăng MQL từ hội thảo từ 20 lên 60", "kind": "increase", "start": 20,
                "target": 60, "owner": "person:p-ha",
            ]))
        #expect(kr.status == .created, "\(kr.text)")
        let question = try await client.api(
            .post, "/api/v1/comments", token: admin,
            body: jsonBody([
                "id": "c-q1-question", "subject": ["kind": "key_result", "id": "kr-q1-webinar"],
                "body": "Hội thảo nào đã có lịch?", "is_question": true,
            ]))
        #expect(question.status == .created, "\(question.text)")
        let ask = try await client.api(
            .post, "/api/v1/asks", token: bao,
            body: jsonBody([
                "id": "ask-q1-list", "from_team_id": "sales", "to_team_id": "marketing", "objective_id": "o-q1-mql",
                "need": "Danh sách người tham dự trong 24 giờ", "due_by": "2026-12-20",
            ]))
        #expect(ask.status == .created, "\(ask.text)")
    }

    @Test("The planning page lists the steps with who is late, each team, the open question and the waiting ask")
    func page() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            try await Self.plan(client, world: world)
            let cookies = try await client.signIn("admin@okra.demo")
            let (cyclePageStatus, cyclePage) = try await client.page("/cycles/2027-q1", cookies)
            #expect(cyclePageStatus == .ok)
            #expect(cyclePage.contains("href=\"/cycles/2027-q1/planning\""))
            let (status, html) = try await client.page("/cycles/2027-q1/planning", cookies)
            #expect(status == .ok)
            #expect(html.contains("Lập kế hoạch 2027 Q1"))
            // No brief yet; Sales and Engineering have no draft; Marketing's draft is not yet reviewed.
            #expect(html.contains("<li id=\"step-brief\" class=\"waiting\">"))
            #expect(html.contains("Chưa có định hướng"))
            let drafts = try #require(Self.element(html, id: "step-drafts"))
            #expect(drafts.contains("Kinh doanh") && !drafts.contains("Marketing"), "\(drafts)")
            let review = try #require(Self.element(html, id: "step-review"))
            #expect(review.contains("Marketing"))
            let asks = try #require(Self.element(html, id: "step-asks"))
            #expect(asks.contains("Marketing"), "Marketing must answer Sales' ask: \(asks)")
            #expect(html.contains("<tr data-team=\"marketing\">"))
            #expect(html.contains("data-comment=\"c-q1-question\""))
            #expect(html.contains("Hội thảo nào đã có lịch?"))
            #expect(html.contains("data-ask=\"ask-q1-list\""))
            #expect(
                html.contains("Việc kích hoạt còn chờ 1 câu hỏi chưa trả lời và 1 yêu cầu hỗ trợ chưa có câu trả lời."))
            #expect(html.contains("id=\"to-cycle\""), "the admin is sent to activate it")

            let member = try await client.signIn("nam@okra.demo")
            let (memberStatus, memberPage) = try await client.page("/cycles/2027-q1/planning", member)
            #expect(memberStatus == .ok)
            #expect(!memberPage.contains("id=\"to-cycle\""))
            let (missing, _) = try await client.page("/cycles/nope/planning", cookies)
            #expect(missing == .notFound)
        }
        try await world.close()
    }

    @Test("Activation waits for the open question and the ask (API and page); each switch lets it through")
    func gate() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        let ha = try await world.token("p-ha")
        try await world.test { client in
            try await Self.plan(client, world: world)
            let blocked = try await client.api(.post, "/api/v1/cycles/2027-q1/activate", token: admin)
            #expect(blocked.status == .conflict)
            #expect(blocked.errorCode == "planning_open")
            #expect(blocked.errorMessage?.contains("open_question: ") == true, "\(blocked.text)")
            #expect(blocked.errorMessage?.contains("open_ask: ") == true, "\(blocked.text)")
            #expect(try await world.store.cycle(id: "2027-q1")?.value.state == .planning)

            // The page refuses the same way, beside the button.
            let cookies = try await client.signIn("admin@okra.demo")
            let (_, cyclePage) = try await client.page("/cycles/2027-q1", cookies)
            let version = try #require(try await world.store.cycle(id: "2027-q1")?.version)
            let (status, _, html) = try await CyclesPageTests.post(
                client, "/cycles/2027-q1/activate", cookies, [("version", String(version))])
            #expect(status == .conflict)
            #expect(html.contains("Việc kích hoạt còn chờ 1 câu hỏi chưa trả lời và 1 yêu cầu hỗ trợ"))
            #expect(cyclePage.contains("cycle-planning"))

            // The organization lets asks through: the question still holds it.
            let settings = try await client.api(.get, "/api/v1/settings", token: admin)
            #expect(settings.object["activation_requires_answered_asks"] as? Bool == true)
            let settingsVersion = try #require(settings.object["version"] as? Int)
            let switched = try await client.api(
                .patch, "/api/v1/settings", token: admin,
                body: jsonBody(["version": settingsVersion, "activation_requires_answered_asks": false]))
            #expect(switched.status == .ok, "\(switched.text)")
            #expect(switched.object["activation_requires_answered_asks"] as? Bool == false)
            let stillBlocked = try await client.api(.post, "/api/v1/cycles/2027-q1/activate", token: admin)
            #expect(stillBlocked.errorCode == "planning_open")
            #expect(stillBlocked.errorMessage?.contains("open_ask") == false)
            #expect(try await world.store.auditEvents(entity: "activation_gate", entityID: "1", limit: 5).count == 1)

            // Marketing answers the question: nothing holds the activation.
            let answer = try await client.api(
                .post, "/api/v1/comments", token: ha,
                body: jsonBody([
                    "subject": ["kind": "key_result", "id": "kr-q1-webinar"], "answers": "c-q1-question",
                    "body": "Ba hội thảo đã có lịch trong tháng 1.",
                ]))
            #expect(answer.status == .created, "\(answer.text)")
            let (_, ready) = try await client.page("/cycles/2027-q1/planning", cookies)
            #expect(ready.contains("Không còn gì chặn việc kích hoạt"))
            let activated = try await client.api(.post, "/api/v1/cycles/2027-q1/activate", token: admin)
            #expect(activated.status == .ok, "\(activated.text)")
        }
        try await world.close()
    }

    @Test("The settings page shows and saves the activation gate's switches")
    func settingsPage() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let (_, html) = try await client.page("/settings", cookies)
            #expect(html.contains("id=\"activation_requires_answered_questions\""))
            #expect(html.contains("Chu kỳ chỉ bắt đầu khi mọi yêu cầu hỗ trợ đã có câu trả lời"))
            #expect(try await world.store.activationGate() == ActivationGate())
        }
        try await world.close()
    }

    /// The HTML of the element with `id`, up to its closing `</li>`.
    static func element(_ html: String, id: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\"") else { return nil }
        let rest = html[start.lowerBound...]
        guard let end = rest.range(of: "</li>") else { return nil }
        return String(rest[..<end.upperBound])
    }
}

/// Teams ask leadership about the direction before they draft: questions on the brief hold the cycle's start.
@Suite("Comments and questions on the direction brief")
struct BriefDiscussionTests {
    @Test("A lead asks on the brief page; the question holds activation until the admin answers it")
    func question() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        try await world.test { client in
            _ = try await client.api(
                .post, "/api/v1/cycles", token: admin,
                body: jsonBody(["id": "2027-q2", "name": "2027 Q2", "start": "2027-04-01", "end": "2027-06-30"]))
            let lead = try await client.signIn("ha@okra.demo")
            // No brief yet: nothing to discuss.
            let (_, empty) = try await client.page("/cycles/2027-q2/brief", lead)
            #expect(!empty.contains("id=\"comments\""))
            let (none, _, _) = try await CyclesPageTests.post(
                client, "/cycles/2027-q2/brief/comments", lead, [("body", "Hỏi"), ("question", "1")])
            #expect(none == .notFound)
            let onNothing = try await client.api(
                .post, "/api/v1/comments", token: admin,
                body: jsonBody(["subject": ["kind": "direction_brief", "id": "2027-q2"], "body": "Hỏi"]))
            #expect(onNothing.status == .notFound)

            let brief = try await client.api(
                .put, "/api/v1/cycles/2027-q2/brief", token: admin,
                body: jsonBody(["body": "Quý 2: giữ chân khách hàng.", "themes": ["Giữ chân"]]))
            #expect(brief.status == .ok, "\(brief.text)")
            let (asked, location, _) = try await CyclesPageTests.post(
                client, "/cycles/2027-q2/brief/comments", lead,
                [("body", "Giữ chân tính theo tháng hay theo quý?"), ("question", "1")])
            #expect(asked == .seeOther)
            #expect(location == "/cycles/2027-q2/brief#comments")
            let (blank, _, refused) = try await CyclesPageTests.post(
                client, "/cycles/2027-q2/brief/comments", lead, [("body", "  ")])
            #expect(blank == .unprocessableContent)
            #expect(refused.contains("field-error"))
            let questions = try await world.store.comments(subject: .directionBrief("2027-q2"))
            let question = try #require(questions.first)
            #expect(questions.count == 1 && question.isQuestion && question.authorID == "p-ha")

            let (_, page) = try await client.page("/cycles/2027-q2/brief", lead)
            #expect(page.contains("Giữ chân tính theo tháng hay theo quý?"))
            #expect(page.contains("question-open"))
            let (_, planning) = try await client.page("/cycles/2027-q2/planning", lead)
            #expect(planning.contains("hỏi về định hướng"))
            let blocked = try await client.api(.post, "/api/v1/cycles/2027-q2/activate", token: admin)
            #expect(blocked.errorCode == "planning_open")

            // A viewer reads the discussion but may not add to it.
            let viewer = try await client.signIn("mai@okra.demo")
            let (viewerStatus, viewerPage) = try await client.page("/cycles/2027-q2/brief", viewer)
            #expect(viewerStatus == .ok && viewerPage.contains("Giữ chân tính theo tháng hay theo quý?"))
            #expect(!viewerPage.contains("action=\"/cycles/2027-q2/brief/comments\""))
            let (forbidden, _, _) = try await CyclesPageTests.post(
                client, "/cycles/2027-q2/brief/comments", viewer, [("body", "X")])
            #expect(forbidden == .forbidden)

            // The admin answers in the page: the cycle may start.
            let adminCookies = try await client.signIn("admin@okra.demo")
            let (answered, _, _) = try await CyclesPageTests.post(
                client, "/cycles/2027-q2/brief/comments", adminCookies,
                [("body", "Theo tháng, tính trung bình trong quý."), ("answers", question.id.rawValue)])
            #expect(answered == .seeOther)
            let (_, after) = try await client.page("/cycles/2027-q2/brief", lead)
            #expect(after.contains("question-answered"))
            let activated = try await client.api(.post, "/api/v1/cycles/2027-q2/activate", token: admin)
            #expect(activated.status == .ok, "\(activated.text)")
        }
        try await world.close()
    }
}
