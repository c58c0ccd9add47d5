import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("Key results and check-ins through the API")
struct KeyResultsAPITests {
    @Test("A check-in moves the KR: progress, status and the history, appended and never overwritten")
    func checkIn() async throws {
        let world = try await TestWorld.demo()
        let nam = try await world.token("p-nam")
        try await world.test { client in
            let before = try await client.api(.get, "/api/v1/key-results/kr-mkt-email", token: nam)
            #expect(before.object["progress"] as? Double == 0.6)
            let history = try await client.api(.get, "/api/v1/key-results/kr-mkt-email/check-ins", token: nam)
            let count = history.items.count
            #expect(count > 0)
            let answer = try await client.api(
                .post, "/api/v1/key-results/kr-mkt-email/check-ins", token: nam,
                body: jsonBody(["value": 145, "confidence": 9, "note": "Chiến dịch tháng 11 hiệu quả"]))
            #expect(answer.status == .created)
            let kr = try #require(answer.object["key_result"] as? [String: Any])
            #expect(kr["progress"] as? Double == 0.9)
            #expect(kr["confidence"] as? Int == 9)
            #expect(kr["last_check_in"] as? String == "2026-11-27")
            let checkIn = try #require(answer.object["check_in"] as? [String: Any])
            #expect(checkIn["week"] as? String == "2026-11-23")
            let after = try await client.api(.get, "/api/v1/key-results/kr-mkt-email/check-ins", token: nam)
            #expect(after.items.count == count + 1)
            #expect(after.items.last?["value"] as? Double == 145)
            let correction = try await client.api(
                .post, "/api/v1/key-results/kr-mkt-email/check-ins", token: nam,
                body: jsonBody(["value": 140, "supersedes": checkIn["id"] as? String ?? ""]))
            #expect(correction.status == .created)
            #expect((correction.object["key_result"] as? [String: Any])?["progress"] as? Double == 0.8)
            let again = try await client.api(
                .post, "/api/v1/key-results/kr-mkt-email/check-ins", token: nam,
                body: jsonBody(["value": 141, "supersedes": checkIn["id"] as? String ?? ""]))
            #expect(again.status == .conflict)
        }
        try await world.close()
    }

    @Test(
        "Bad check-ins are refused and record nothing: a milestone at 0.5, confidence 11, a future day, text for a number"
    )
    func badCheckIns() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        try await world.test { client in
            let milestone = try await client.api(
                .post, "/api/v1/objectives/o-mkt-mql/key-results", token: admin,
                body: jsonBody(["id": "kr-launch", "title": "Ra mắt trang giới thiệu mới", "kind": "milestone"]))
            #expect(milestone.status == .created, "\(milestone.text)")
            let cases: [(String, [String: Any], String)] = [
                ("kr-launch", ["value": 0.5], "value"),
                ("kr-mkt-email", ["value": 120, "confidence": 11], "confidence"),
                ("kr-mkt-email", ["value": 120, "day": "2026-12-01"], "day"),
                ("kr-mkt-email", ["value": "lots"], "value"),
                ("kr-mkt-email", ["confidence": 5], "value"),
                ("kr-mkt-email", ["value": 120, "day": "2026-02-30"], "day"),
                ("kr-mkt-email", ["value": 120, "supersedes": "nope"], "supersedes"),
            ]
            for (kr, body, field) in cases {
                let answer = try await client.api(
                    .post, "/api/v1/key-results/\(kr)/check-ins", token: admin, body: jsonBody(body))
                #expect(answer.status == .unprocessableContent, "\(body): \(answer.text)")
                #expect(answer.errorField == field, "\(body): \(answer.text)")
            }
            let email = try await world.store.keyResult(id: "kr-mkt-email")
            #expect(email?.value.current == 130)
            #expect(try await world.store.checkIns(keyResult: "kr-launch").isEmpty)
        }
        try await world.close()
    }

    @Test(
        "Who checks in: the owner, a contributor through an initiative, the objective's lead; not a viewer or another team"
    )
    func checkInRights() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cases: [(String, String, HTTPResponse.Status)] = [
                ("p-nam", "kr-mkt-email", .created),  // owns it
                ("p-ha", "kr-mkt-email", .created),  // leads the team that owns the objective
                ("p-anh", "kr-sales-trial", .created),  // admin
                ("p-nam", "kr-sales-trial", .forbidden),  // another team's KR
                ("p-mai", "kr-mkt-email", .forbidden),  // viewer
            ]
            for (person, kr, status) in cases {
                let token = try await world.token(person)
                let answer = try await client.api(
                    .post, "/api/v1/key-results/\(kr)/check-ins", token: token, body: jsonBody(["value": 1]))
                #expect(answer.status == status, "\(person) on \(kr): \(answer.text)")
            }
        }
        try await world.close()
    }

    @Test("Creating and editing KRs: every kind's rules, the version, and the unit")
    func editing() async throws {
        let world = try await TestWorld.demo()
        let lead = try await world.token("p-ha")
        try await world.test { client in
            let range = try await client.api(
                .post, "/api/v1/objectives/o-mkt-mql/key-results", token: lead,
                body: jsonBody([
                    "title": "Giữ chi phí mỗi MQL trong khoảng 200.000–300.000 ₫", "kind": "range",
                    "unit": "currency:VND", "target": 200_000, "target_high": 300_000, "current": 250_000,
                ]))
            #expect(range.status == .created, "\(range.text)")
            #expect(range.object["unit"] as? String == "currency:VND")
            #expect(range.object["progress"] as? Double == 1)
            let id = try #require(range.object["id"] as? String)
            #expect(id.hasPrefix("kr-"))
            let wrong = try await client.api(
                .post, "/api/v1/objectives/o-mkt-mql/key-results", token: lead,
                body: jsonBody(["title": "Giảm", "kind": "decrease", "start": 10, "target": 20]))
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.errorField == "target")
            let outside = try await client.api(
                .post, "/api/v1/objectives/o-mkt-mql/key-results", token: lead,
                body: jsonBody(["title": "Xong", "kind": "milestone", "due": "2027-03-01"]))
            #expect(outside.errorField == "due")
            let edited = try await client.api(
                .patch, "/api/v1/key-results/\(id)", token: lead,
                body: jsonBody(["target_high": 260_000, "version": range.object["version"] as? Int ?? 0]))
            #expect(edited.status == .ok, "\(edited.text)")
            #expect(edited.object["target_high"] as? Double == 260_000)
            let stale = try await client.api(
                .patch, "/api/v1/key-results/\(id)", token: lead,
                body: jsonBody(["target_high": 270_000, "version": range.object["version"] as? Int ?? 0]))
            #expect(stale.status == .conflict)
            let sales = try await client.api(
                .patch, "/api/v1/key-results/kr-sales-trial", token: lead, body: jsonBody(["weight": 2, "version": 1]))
            #expect(sales.status == .forbidden)
            let hidden = try await client.api(.get, "/api/v1/key-results/nope", token: lead)
            #expect(hidden.status == .notFound)
        }
        try await world.close()
    }
}
