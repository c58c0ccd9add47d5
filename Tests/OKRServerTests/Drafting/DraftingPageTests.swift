import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// Drafting in the browser: the direction brief page, and the workflow section of the objective page with its
/// moves, the reasons publishing waits for, and the history of moves.
@Suite("Drafting pages: direction brief and the objective's workflow")
struct DraftingPageTests {
    static func post(
        _ client: any TestClientProtocol, _ uri: String, _ form: String, _ cookies: BrowserCookies
    ) async throws -> (HTTPResponse.Status, String, String?) {
        try await client.execute(
            uri: uri, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: form)
        ) { response in
            (response.status, String(buffer: response.body), response.headers[.location])
        }
    }

    static func briefForm(_ cookies: BrowserCookies, body: String, themes: String = "", version: String = "")
        -> String
    {
        "csrf=\(cookies.csrf)&body=\(body.formEncoded)&body_en=&themes=\(themes.formEncoded)&version=\(version)"
    }

    @Test("Everyone reads the brief; only leadership sees the form; a saved brief shows escaped, with its priorities")
    func briefPage() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let viewer = try await client.signIn("mai@okra.demo")
            let (status, empty) = try await client.page("/cycles/2026-q4/brief", viewer)
            #expect(status == .ok)
            #expect(empty.contains("Ban lãnh đạo chưa viết định hướng cho chu kỳ này."))
            #expect(!empty.contains("id=\"save-brief\""))
            let (unknown, _) = try await client.page("/cycles/1999-q1/brief", viewer)
            #expect(unknown == .notFound)

            let admin = try await client.signIn("admin@okra.demo")
            let (_, form) = try await client.page("/cycles/2026-q4/brief", admin)
            #expect(form.contains("id=\"save-brief\""))
            #expect(form.contains("<label for=\"brief-body\">"))
            let (saved, _, location) = try await Self.post(
                client, "/cycles/2026-q4/brief",
                Self.briefForm(
                    admin, body: "Tăng trưởng <script>alert(1)</script>", themes: "Khách hàng mới\n\nTốc độ"),
                admin)
            #expect(saved == .seeOther)
            #expect(location == "/cycles/2026-q4/brief")
            let (_, read) = try await client.page("/cycles/2026-q4/brief", viewer)
            #expect(read.contains("Tăng trưởng &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!read.contains("<script>alert(1)"))
            #expect(read.contains("<li>Khách hàng mới</li><li>Tốc độ</li>"))
            #expect(read.contains("Cập nhật bởi Nguyễn Minh Anh"))
            #expect(
                try await world.store.directionBrief(cycle: "2026-q4")?.value.themes == ["Khách hàng mới", "Tốc độ"])
        }
        try await world.close()
    }

    @Test("A stale save keeps what was typed and says someone else changed it; a blank one names the field")
    func briefConflictAndValidation() async throws {
        let world = try await TestWorld.demo()
        _ = try await world.store.saveDirectionBrief(
            try DirectionBrief(cycleID: "2026-q4", body: "Bản đầu", authorID: "p-anh", updatedAt: Date()),
            expectedVersion: nil, actor: "p-anh")
        _ = try await world.store.saveDirectionBrief(
            try DirectionBrief(cycleID: "2026-q4", body: "Bản hai", authorID: "p-anh", updatedAt: Date()),
            expectedVersion: 1, actor: "p-anh")
        try await world.test { client in
            let admin = try await client.signIn("admin@okra.demo")
            let (conflict, page, _) = try await Self.post(
                client, "/cycles/2026-q4/brief", Self.briefForm(admin, body: "Điều tôi vừa gõ", version: "1"), admin)
            #expect(conflict == .conflict)
            #expect(page.contains("Ai đó vừa sửa định hướng này."))
            #expect(page.contains(">Điều tôi vừa gõ</textarea>"))
            #expect(page.contains("<p>Bản hai</p>"))
            #expect(page.contains("name=\"version\" value=\"2\""))
            let (invalid, blank, _) = try await Self.post(
                client, "/cycles/2026-q4/brief", Self.briefForm(admin, body: "  ", themes: "Giữ nguyên", version: "2"),
                admin)
            #expect(invalid == .unprocessableContent)
            #expect(blank.contains("aria-describedby=\"brief-body-error\""))
            #expect(blank.contains("id=\"brief-body-error\""))
            #expect(blank.contains(">Giữ nguyên</textarea>"))
            #expect(try await world.store.directionBrief(cycle: "2026-q4")?.value.body == "Bản hai")

            let lead = try await client.signIn("ha@okra.demo")
            let (forbidden, _, _) = try await Self.post(
                client, "/cycles/2026-q4/brief", Self.briefForm(lead, body: "Hướng của tôi", version: "2"), lead)
            #expect(forbidden == .forbidden)
            let (noCSRF, _, _) = try await Self.post(client, "/cycles/2026-q4/brief", "body=x&version=2", admin)
            #expect(noCSRF == .forbidden)
        }
        try await world.close()
    }

    @Test("A lead asks, publishing is refused with the question listed; the owner answers and the lead publishes")
    func workflowOnThePage() async throws {
        let world = try await TestWorld.demo()
        let version = try await DraftingAPITests.inReview(world, "o-mkt-mql")
        let question = try await DraftingAPITests.question(world, on: "o-mkt-mql", by: "p-anh")
        try await world.test { client in
            let lead = try await client.signIn("ha@okra.demo")
            let (_, page) = try await client.page("/objectives/o-mkt-mql", lead)
            #expect(page.contains("id=\"workflow\""))
            #expect(page.contains("data-state=\"in_review\""))
            #expect(page.contains("<li data-reason=\"open_question\"><a href=\"#comment-\(question.rawValue)\">"))
            #expect(page.contains("id=\"workflow-published\""))
            #expect(page.contains("id=\"workflow-draft\""))
            #expect(page.contains("<li data-to=\"in_review\">Trần Thu Hà chuyển từ Đã công bố sang Đang xem xét lúc"))

            let form = "csrf=\(lead.csrf)&to=published&version=\(version)"
            let (refused, again, _) = try await Self.post(client, "/objectives/o-mkt-mql/state", form, lead)
            #expect(refused == .conflict)
            #expect(again.contains("id=\"workflow-error\""))
            #expect(again.contains("Vì sao mục tiêu là 150 MQL?"))
            #expect(try await world.store.objective(id: "o-mkt-mql")?.value.state == .inReview)

            try await DraftingAPITests.answer(world, question, on: "o-mkt-mql", by: "p-ha")
            let (moved, _, location) = try await Self.post(client, "/objectives/o-mkt-mql/state", form, lead)
            #expect(moved == .seeOther)
            #expect(location == "/objectives/o-mkt-mql#workflow")
            #expect(try await world.store.objective(id: "o-mkt-mql")?.value.state == .published)
            let (_, after) = try await client.page("/objectives/o-mkt-mql", lead)
            #expect(after.contains("<li data-to=\"published\">Trần Thu Hà chuyển từ Đang xem xét sang Đã công bố lúc"))
            #expect(!after.contains("id=\"workflow-published\""))

            let (stale, staleAnswer, _) = try await Self.post(
                client, "/objectives/o-mkt-mql/state", "csrf=\(lead.csrf)&to=in_review&version=\(version)", lead)
            #expect(stale == .conflict)
            #expect(staleAnswer.contains("Ai đó vừa thay đổi mục tiêu này."))
        }
        try await world.close()
    }

    @Test("A member submits their draft but has no publish button and is refused publishing; a viewer has no buttons")
    func memberAndViewer() async throws {
        let world = try await TestWorld.demo()
        let stored = try #require(try await world.store.objective(id: "o-nam-email"))
        let draft = try await world.store.updateObjective(
            try stored.value.moved(to: .inReview).moved(to: .draft), expectedVersion: stored.version, actor: "p-nam")
        try await world.test { client in
            let member = try await client.signIn("nam@okra.demo")
            let (_, page) = try await client.page("/objectives/o-nam-email", member)
            #expect(page.contains("id=\"workflow-in_review\""))
            #expect(!page.contains("id=\"workflow-published\""))
            let (forbidden, _, _) = try await Self.post(
                client, "/objectives/o-nam-email/state", "csrf=\(member.csrf)&to=published&version=\(draft.version)",
                member)
            #expect(forbidden == .forbidden)
            let (submitted, _, _) = try await Self.post(
                client, "/objectives/o-nam-email/state", "csrf=\(member.csrf)&to=in_review&version=\(draft.version)",
                member)
            #expect(submitted == .seeOther)
            #expect(try await world.store.objective(id: "o-nam-email")?.value.state == .inReview)
            let (wrongMove, wrong, _) = try await Self.post(
                client, "/objectives/o-nam-email/state",
                "csrf=\(member.csrf)&to=closed&version=\(draft.version + 1)", member)
            #expect(wrongMove == .unprocessableContent)
            #expect(wrong.contains("id=\"workflow-error\""))

            let viewer = try await client.signIn("mai@okra.demo")
            let (_, seen) = try await client.page("/objectives/o-nam-email", viewer)
            #expect(seen.contains("id=\"workflow\""))
            #expect(!seen.contains("action=\"/objectives/o-nam-email/state\""))
            let (refused, _, _) = try await Self.post(
                client, "/objectives/o-nam-email/state", "csrf=\(viewer.csrf)&to=draft&version=\(draft.version + 1)",
                viewer)
            #expect(refused == .forbidden)
        }
        try await world.close()
    }
}
