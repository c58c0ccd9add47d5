import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import Testing

@testable import OKRServer

/// Grading before the close: the proposal from progress, another grade only with a reason, saved grades kept by
/// the close; on the cycle's page (beside the field) and in the API.
@Suite("Adjusting a KR's grade before the close, with a reason")
struct GradeAdjustmentTests {
    @Test("The API refuses a change without a reason, a grade out of range, others' KRs and a closed cycle's")
    func api() async throws {
        let world = try await TestWorld.demo()
        let ha = try await world.token("p-ha")
        let lan = try await world.token("p-lan")
        let admin = try await world.token("p-anh")
        try await world.test { client in
            let path = "/api/v1/key-results/kr-mkt-email/grade"
            let bare = try await client.api(.put, path, token: ha, body: jsonBody(["grade": 0]))
            #expect(bare.status == .unprocessableContent)
            #expect(bare.errorField == "reason")
            let high = try await client.api(.put, path, token: ha, body: jsonBody(["grade": 1.5, "reason": "x"]))
            #expect(high.status == .unprocessableContent)
            #expect(high.errorField == "grade")
            let other = try await client.api(.put, path, token: lan, body: jsonBody(["grade": 0, "reason": "x"]))
            #expect(other.status == .forbidden)
            let closed = try await client.api(
                .put, "/api/v1/key-results/kr-prev-nps/grade", token: admin,
                body: jsonBody(["grade": 0.9, "reason": "Khảo sát muộn"]))
            #expect(closed.status == .conflict)
            #expect(closed.errorCode == "cycle_closed")
            #expect(try await world.store.grades(cycle: "2026-q4").isEmpty)

            let saved = try await client.api(
                .put, path, token: ha, body: jsonBody(["grade": 0, "reason": "Danh sách email bị lỗi cả quý"]))
            #expect(saved.status == .ok, "\(saved.text)")
            #expect((saved.object["grade"] as? NSNumber)?.decimalValue == 0)
            #expect(saved.object["reason"] as? String == "Danh sách email bị lỗi cả quý")
            #expect(saved.object["band"] as? String == "red")
            let stored = try #require(try await world.store.grades(cycle: "2026-q4")["kr-mkt-email"])
            #expect(stored.value == 0)
            #expect(stored.proposed > 0)
            let events = try await world.store.auditEvents(
                entity: "key_result_grade", entityID: "kr-mkt-email", limit: 5)
            #expect(!events.isEmpty)

            // Closing keeps the adjusted grade and its reason.
            let version = try #require(try await world.store.cycle(id: "2026-q4")?.version)
            let close = try await client.api(
                .post, "/api/v1/cycles/2026-q4/close", token: admin, headers: [.ifMatch: "\"v\(version)\""])
            #expect(close.status == .ok)
            let cookies = try await client.signIn("ha@okra.demo")
            let (_, page) = try await client.page("/cycles/2026-q4", cookies)
            #expect(page.contains("id=\"grade-kr-mkt-email\" data-grade=\"0\""))
            #expect(page.contains("Danh sách email bị lỗi cả quý"))
        }
        try await world.close()
    }

    @Test("On the cycle's page: the lead's own KRs carry the form; a change without a reason is asked for beside it")
    func page() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let ha = try await client.signIn("ha@okra.demo")
            let (status, html) = try await client.page("/cycles/2026-q4", ha)
            #expect(status == .ok)
            #expect(html.contains("id=\"adjust-hint\""))
            #expect(html.contains("action=\"/cycles/2026-q4/grades/kr-mkt-email\""))
            // Sales' KRs are not hers to grade.
            #expect(!html.contains("action=\"/cycles/2026-q4/grades/kr-sales-"))

            let (refused, _, again) = try await AskPageTests.post(
                client, "/cycles/2026-q4/grades/kr-mkt-email", ha, [("back", "/cycles/2026-q4"), ("grade", "0,1")])
            #expect(refused == .unprocessableContent)
            #expect(again.contains("id=\"adjust-reason-kr-mkt-email-error\""))
            #expect(again.contains("value=\"0,1\""))
            #expect(try await world.store.grades(cycle: "2026-q4").isEmpty)

            let (saved, location, _) = try await AskPageTests.post(
                client, "/cycles/2026-q4/grades/kr-mkt-email", ha,
                [("back", "/cycles/2026-q4"), ("grade", "0,1"), ("reason", "Đo sai nguồn")])
            #expect(saved == .seeOther)
            #expect(location == "/cycles/2026-q4#grade-kr-mkt-email")
            let grade = try #require(try await world.store.grades(cycle: "2026-q4")["kr-mkt-email"])
            #expect(grade.value == Decimal(string: "0.1"))
            #expect(grade.reason == "Đo sai nguồn")

            // A viewer has no form, and posting is refused.
            let mai = try await client.signIn("mai@okra.demo")
            let (_, viewer) = try await client.page("/cycles/2026-q4", mai)
            #expect(!viewer.contains("action=\"/cycles/2026-q4/grades/"))
            let (forbidden, _, _) = try await AskPageTests.post(
                client, "/cycles/2026-q4/grades/kr-mkt-email", mai, [("grade", "1"), ("reason", "x")])
            #expect(forbidden == .forbidden)
        }
        try await world.close()
    }
}
