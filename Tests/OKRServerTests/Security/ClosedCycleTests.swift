import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// A closed quarter is its graded record: nothing in it changes until an admin reopens it.
@Suite("A closed cycle is read-only until an admin reopens it")
struct ClosedCycleTests {
    static func code(_ answer: APIAnswer) -> String? {
        (answer.object["error"] as? [String: Any])?["code"] as? String
    }

    @Test("Objectives, KRs, check-ins and initiatives of 2026 Q3 (closed) are 409 cycle_closed, for admins too")
    func writesRefused() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        try await world.test { client in
            let before = try await client.api(.get, "/api/v1/key-results/kr-prev-nps", token: admin)
            let attempts: [(HTTPRequest.Method, String, String)] = [
                (
                    .post, "/api/v1/objectives",
                    #"{"cycle_id": "2026-q3", "title": "Thêm sau khi đóng", "owner": "company"}"#
                ),
                (.post, "/api/v1/key-results/kr-prev-nps/check-ins", #"{"value": 39, "confidence": 8}"#),
                (
                    .post, "/api/v1/objectives/o-prev-onboarding/key-results",
                    #"{"title": "KR thêm", "kind": "increase", "start": 0, "target": 10}"#
                ),
                (.post, "/api/v1/initiatives", #"{"title": "Việc thêm", "key_result_ids": ["kr-prev-nps"]}"#),
            ]
            for (method, uri, body) in attempts {
                let answer = try await client.api(method, uri, token: admin, body: body)
                #expect(answer.status == .conflict, "\(uri)")
                #expect(Self.code(answer) == "cycle_closed", "\(uri)")
                #expect((answer.object["error"] as? [String: Any])?["message"] as? String != nil)
            }
            let objective = try await client.api(.get, "/api/v1/objectives/o-prev-onboarding", token: admin)
            let version = try #require(objective.object["version"] as? Int)
            let renamed = try await client.api(
                .patch, "/api/v1/objectives/o-prev-onboarding", token: admin,
                body: #"{"version": \#(version), "title": "Đổi tên sau khi đóng"}"#)
            #expect(renamed.status == .conflict && Self.code(renamed) == "cycle_closed")
            let after = try await client.api(.get, "/api/v1/key-results/kr-prev-nps", token: admin)
            #expect(after.text == before.text, "the graded KR is as it was")
        }
        try await world.close()
    }

    @Test("An admin reopens the cycle (audited; 409 while an overlapping one is active); then it may be corrected")
    func reopen() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        let lead = try await world.token("p-ha")
        try await world.test { client in
            // An active cycle over some of Q3's days, that does not hold it, keeps it closed.
            try await world.store.createCycle(
                try Cycle(id: "autumn", name: "Autumn", start: Day(iso: "2026-09-15")!, end: Day(iso: "2026-10-15")!),
                actor: nil)
            let september = try #require(try await world.store.cycle(id: "autumn"))
            _ = try await world.store.updateCycle(
                try september.value.moved(to: .active), expectedVersion: september.version, actor: nil)
            let refused = try await client.api(.post, "/api/v1/cycles/2026-q3/reopen", token: admin)
            #expect(refused.status == .conflict && Self.code(refused) == "active_cycle_overlaps")
            #expect(try await client.api(.post, "/api/v1/cycles/2026-q3/reopen", token: lead).status == .forbidden)
            let active = try #require(try await world.store.cycle(id: "autumn"))
            _ = try await world.store.updateCycle(
                try active.value.moved(to: .planning), expectedVersion: active.version, actor: nil)

            let reopened = try await client.api(.post, "/api/v1/cycles/2026-q3/reopen", token: admin)
            #expect(reopened.status == .ok)
            #expect(reopened.object["state"] as? String == "active")
            let checkIn = try await client.api(
                .post, "/api/v1/key-results/kr-prev-nps/check-ins", token: admin,
                body: #"{"value": 39, "confidence": 8}"#)
            #expect(checkIn.status == .created)
            let again = try await client.api(.post, "/api/v1/cycles/2026-q3/reopen", token: admin)
            #expect(again.status == .unprocessableContent, "only a closed cycle reopens")
        }
        let events = try await world.store.auditEvents(entity: "cycle", entityID: "2026-q3", limit: 10)
        #expect(events.contains { $0.actorID == "p-anh" && $0.action == "transition" })
        try await world.close()
    }

    @Test("The store refuses too, whoever calls it: a check-in on a closed cycle's KR")
    func storeRefuses() async throws {
        let world = try await TestWorld.demo()
        await #expect(throws: StoreError.cycleClosed(cycle: "2026-q3")) {
            try await world.store.recordCheckIn(
                try CheckIn(
                    id: "ci-late", keyResultID: "kr-prev-nps", value: 39, confidence: try Confidence(8),
                    authorID: "p-anh", recordedAt: Date(), day: Day(year: 2026, month: 9, day: 30)),
                actor: "p-anh")
        }
        try await world.close()
    }
}
