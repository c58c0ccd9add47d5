import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

/// The end of a quarter, per objective: a retrospective, and an unfinished objective carried into the next cycle.
@Suite("Looking back: retrospectives and carrying over")
struct LookBackTests {
    @Test("The API writes a retrospective and carries an unfinished objective over, rebased, once")
    func api() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        let member = try await world.token("p-nam")
        try await world.test { client in
            let path = "/api/v1/objectives/o-prev-onboarding"
            #expect(try await client.api(.get, path + "/retrospective", token: admin).status == .notFound)
            let empty = try await client.api(.put, path + "/retrospective", token: admin, body: "{}")
            #expect(empty.status == .unprocessableContent)
            #expect(empty.errorField == "worked")
            let notTheirs = try await client.api(
                .put, path + "/retrospective", token: member, body: jsonBody(["worked": "Hướng dẫn khởi đầu"]))
            #expect(notTheirs.status == .forbidden)
            let written = try await client.api(
                .put, path + "/retrospective", token: admin,
                body: jsonBody(["worked": "Hướng dẫn khởi đầu", "learned": "Gọi điện chào mừng sớm hơn"]))
            #expect(written.status == .ok)
            #expect(written.object["worked"] as? String == "Hướng dẫn khởi đầu")
            #expect(written.object["did_not_work"] == nil)
            #expect(written.object["written_by"] as? String == "p-anh")
            let read = try await client.api(.get, path + "/retrospective", token: admin)
            #expect(read.object["learned"] as? String == "Gọi điện chào mừng sớm hơn")

            // Only into a later cycle still to run, only from a closed one.
            let sameCycle = try await client.api(
                .post, path + "/carry-over", token: admin, body: jsonBody(["cycle_id": "2026-q3"]))
            #expect(sameCycle.status == .unprocessableContent)
            #expect(sameCycle.errorField == "cycle_id")
            let running = try await client.api(
                .post, "/api/v1/objectives/o-mkt-mql/carry-over", token: admin, body: jsonBody(["cycle_id": "2026-q4"]))
            #expect(running.status == .conflict)
            #expect(running.errorCode == "cycle_not_closed")
            let missing = try await client.api(.post, path + "/carry-over", token: admin, body: "{}")
            #expect(missing.status == .unprocessableContent)
            #expect(
                try await client.api(
                    .post, path + "/carry-over", token: member, body: jsonBody(["cycle_id": "2026-q4"])
                ).status == .forbidden)

            let carried = try await client.api(
                .post, path + "/carry-over", token: admin, body: jsonBody(["cycle_id": "2026-q4"]))
            #expect(carried.status == .created)
            #expect(carried.object["cycle_id"] as? String == "2026-q4")
            #expect(carried.object["state"] as? String == "draft")
            let keyResults = carried.object["key_results"] as? [[String: Any]] ?? []
            // Each unfinished KR starts where it stood at the close (57% and 31), with the same target.
            #expect(keyResults.map { $0["start"] as? Double } == [57, 31])
            #expect(keyResults.map { $0["target"] as? Double } == [60, 40])
            #expect(keyResults.map { $0["current"] as? Double } == [57, 31])
            let copy = try #require(carried.object["id"] as? String)
            let links = try await world.store.carryOvers(touching: [ObjectiveID(copy)])
            #expect(links.map(\.from) == ["o-prev-onboarding"])
            // The original's initiatives were done: nothing to do is carried.
            for keyResult in keyResults {
                let id = try #require(keyResult["id"] as? String)
                #expect(try await world.store.initiatives(keyResult: KeyResultID(id)).isEmpty)
            }

            let again = try await client.api(
                .post, path + "/carry-over", token: admin, body: jsonBody(["cycle_id": "2026-q4"]))
            #expect(again.status == .conflict)
            #expect(again.errorCode == "already_carried")
        }
        let events = try await world.store.auditEvents(entity: "retrospective", entityID: "o-prev-onboarding", limit: 5)
        #expect(events.map(\.action) == ["create"])
        try await world.close()
    }

    @Test(
        "The closed quarter's objective page takes the retrospective and carries the objective over, linked both ways")
    func page() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let admin = try await client.signIn(DemoOrganization.adminEmail)
            // The closed cycle's grades lead to each objective's look back.
            let (_, cycle) = try await client.page("/cycles/2026-q3", admin)
            #expect(cycle.contains("href=\"/objectives/o-prev-onboarding#look-back\""))
            #expect(cycle.contains("Chưa hoàn thành: nhìn lại, rồi chuyển tiếp, dừng hoặc giữ nguyên"))
            let (_, running) = try await client.page("/cycles/2026-q4", admin)
            #expect(!running.contains("#look-back"))
            let (_, before) = try await client.page("/objectives/o-prev-onboarding", admin)
            #expect(before.contains("id=\"look-back\""))
            #expect(before.contains("action=\"/objectives/o-prev-onboarding/retrospective\""))
            #expect(before.contains("<option value=\"2026-q4\">2026 Q4</option>"))
            // An objective of the running cycle has no look back yet.
            let (_, runningObjective) = try await client.page("/objectives/o-mkt-mql", admin)
            #expect(!runningObjective.contains("id=\"look-back\""))

            let (empty, _, refused) = try await CyclesPageTests.post(
                client, "/objectives/o-prev-onboarding/retrospective", admin,
                [("worked", " "), ("did_not_work", ""), ("learned", "")])
            #expect(empty == .unprocessableContent)
            #expect(refused.contains("Hãy viết ít nhất một trong ba ý."))
            let (saved, location, _) = try await CyclesPageTests.post(
                client, "/objectives/o-prev-onboarding/retrospective", admin,
                [("worked", "Hướng dẫn khởi đầu"), ("did_not_work", "Khảo sát NPS quá muộn"), ("learned", "")])
            #expect(saved == .seeOther)
            #expect(location == "/objectives/o-prev-onboarding#look-back")
            let (_, after) = try await client.page("/objectives/o-prev-onboarding", admin)
            #expect(after.contains(">Khảo sát NPS quá muộn</textarea>"))

            // A member reads it and has no form.
            let member = try await client.signIn("nam@okra.demo")
            let (_, read) = try await client.page("/objectives/o-prev-onboarding", member)
            #expect(read.contains("<dd>Khảo sát NPS quá muộn</dd>"))
            #expect(!read.contains("action=\"/objectives/o-prev-onboarding/retrospective\""))
            #expect(!read.contains("id=\"carry-over\""))

            let (carried, target, _) = try await CyclesPageTests.post(
                client, "/objectives/o-prev-onboarding/carry-over", admin, [("cycle_id", "2026-q4")])
            #expect(carried == .seeOther)
            let copy = try #require(target)
            let (_, copyPage) = try await client.page(copy, admin)
            #expect(copyPage.contains("id=\"carried-from\""))
            #expect(copyPage.contains("href=\"/objectives/o-prev-onboarding\""))
            let (_, original) = try await client.page("/objectives/o-prev-onboarding", admin)
            #expect(original.contains("id=\"carried-into\""))
            #expect(original.contains("href=\"\(copy)\""))
            #expect(!original.contains("id=\"carry-over\""))

            let (twice, _, message) = try await CyclesPageTests.post(
                client, "/objectives/o-prev-onboarding/carry-over", admin, [("cycle_id", "2026-q4")])
            #expect(twice == .conflict)
            #expect(message.contains("Mục tiêu này đã được chuyển tiếp"))
        }
        try await world.close()
    }
}
