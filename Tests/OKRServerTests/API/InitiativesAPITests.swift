import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("Initiatives in the API: the work that drives key results")
struct InitiativesAPITests {
    /// Adds Lan's private objective with one KR, an initiative driving only that KR, and one driving it and a
    /// public Sales KR.
    static func addPrivateWork(_ store: OKRStore) async throws {
        _ = try await store.createObjective(
            try Objective(
                id: "o-lan-private", cycleID: "2026-q4", title: try LocalizedName(vi: "Đàm phán hợp đồng lớn"),
                owner: .person("p-lan"), state: .published, visibility: .private), actor: nil)
        _ = try await store.createKeyResult(
            try KeyResult(
                id: "kr-lan-private", objectiveID: "o-lan-private", title: try LocalizedName(vi: "Chốt 3 điều khoản"),
                owner: .person("p-lan"), kind: .increase, start: 0, target: 3), actor: nil)
        try await store.createInitiative(
            try Initiative(
                id: "i-private", title: try LocalizedName(vi: "Chuẩn bị hồ sơ pháp lý"), owner: .person("p-lan"),
                keyResultIDs: ["kr-lan-private"]), actor: nil)
        try await store.createInitiative(
            try Initiative(
                id: "i-mixed", title: try LocalizedName(vi: "Gọi khách hàng lớn"), owner: .person("p-lan"),
                keyResultIDs: ["kr-lan-private", "kr-sales-trial"]), actor: nil)
    }

    static func ids(_ answer: APIAnswer) -> [String] { answer.items.compactMap { $0["id"] as? String } }

    @Test("Lists: the active cycle's initiatives by id, filtered by key result, owner, state or cycle, in pages")
    func list() async throws {
        let world = try await TestWorld.demo()
        let viewer = try await world.token("p-mai")
        try await world.test { client in
            let all = try await client.api(.get, "/api/v1/initiatives", token: viewer)
            #expect(all.status == .ok)
            #expect(Self.ids(all).count == 15)
            #expect(Self.ids(all) == Self.ids(all).sorted())
            #expect(!Self.ids(all).contains("kr-prev-nps-i1"))

            let email = try await client.api(.get, "/api/v1/initiatives?key_result=kr-mkt-email", token: viewer)
            #expect(Self.ids(email) == ["kr-mkt-email-i1", "kr-mkt-email-i2"])
            let first = try #require(email.items.first)
            #expect(first["title_en"] as? String == "New weekly email newsletter")
            #expect(first["owner"] as? String == "person:p-nam")
            #expect(first["state"] as? String == "in_progress")
            #expect(first["key_result_ids"] as? [String] == ["kr-mkt-email"])

            let nam = try await client.api(.get, "/api/v1/initiatives?owner=person:p-nam", token: viewer)
            #expect(Self.ids(nam) == ["kr-mkt-email-i1", "kr-mkt-email-i2", "kr-nam-ctr-i1", "kr-nam-open-i1"])
            let done = try await client.api(.get, "/api/v1/initiatives?owner=person:p-nam&state=done", token: viewer)
            #expect(Self.ids(done) == ["kr-mkt-email-i2"])
            let previous = try await client.api(.get, "/api/v1/initiatives?cycle=2026-q3", token: viewer)
            #expect(Self.ids(previous) == ["kr-prev-activation-i1", "kr-prev-nps-i1"])
            let crossed = try await client.api(
                .get, "/api/v1/initiatives?cycle=2026-q3&key_result=kr-mkt-email", token: viewer)
            #expect(crossed.status == .ok)
            #expect(crossed.items.isEmpty)

            var pages: [String] = []
            var cursor: String?
            repeat {
                let uri = "/api/v1/initiatives?limit=4" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.api(.get, uri, token: viewer)
                #expect(page.items.count <= 4)
                pages += Self.ids(page)
                cursor = page.object["next_cursor"] as? String
            } while cursor != nil
            #expect(pages == Self.ids(all))

            for (query, field) in [("owner=nobody", "owner"), ("state=started", "state"), ("limit=201", "limit")] {
                let answer = try await client.api(.get, "/api/v1/initiatives?\(query)", token: viewer)
                #expect(answer.status == .badRequest, "\(query)")
                #expect(answer.errorField == field)
            }
            for (query, field) in [("cycle=nope", "cycle"), ("key_result=kr-nope", "key_result")] {
                let answer = try await client.api(.get, "/api/v1/initiatives?\(query)", token: viewer)
                #expect(answer.status == .notFound, "\(query)")
                #expect(answer.errorField == field)
            }
        }
        try await world.close()
    }

    @Test(
        "An initiative driving only a private objective's KR is hidden like it; a shared one hides the private KR's id")
    func privacy() async throws {
        let world = try await TestWorld.demo()
        try await Self.addPrivateWork(world.store)
        try await world.test { client in
            for person in ["p-nam", "p-ha", "p-mai"] {
                let token = try await world.token(person)
                let all = try await client.api(.get, "/api/v1/initiatives", token: token)
                #expect(!Self.ids(all).contains("i-private"), "\(person)")
                #expect(!all.text.contains("kr-lan-private"), "\(person)")
                let mixed = try #require(all.items.first { $0["id"] as? String == "i-mixed" })
                #expect(mixed["key_result_ids"] as? [String] == ["kr-sales-trial"])
                let hidden = try await client.api(.get, "/api/v1/initiatives/i-private", token: token)
                #expect(hidden.status == .notFound, "\(person)")
                let shared = try await client.api(.get, "/api/v1/initiatives/i-mixed", token: token)
                #expect(shared.object["key_result_ids"] as? [String] == ["kr-sales-trial"])
                let byKR = try await client.api(.get, "/api/v1/initiatives?key_result=kr-lan-private", token: token)
                #expect(byKR.status == .notFound, "\(person)")
                let patch = try await client.api(
                    .patch, "/api/v1/initiatives/i-private", token: token,
                    body: jsonBody(["state": "done", "version": 1]))
                #expect(patch.status == .notFound, "\(person)")
            }
            for person in ["p-lan", "p-bao", "p-anh"] {
                let token = try await world.token(person)
                let all = try await client.api(.get, "/api/v1/initiatives", token: token)
                #expect(Self.ids(all).contains("i-private"), "\(person)")
                let mixed = try await client.api(.get, "/api/v1/initiatives/i-mixed", token: token)
                #expect(mixed.object["key_result_ids"] as? [String] == ["kr-lan-private", "kr-sales-trial"])
                let byKR = try await client.api(.get, "/api/v1/initiatives?key_result=kr-lan-private", token: token)
                #expect(Self.ids(byKR) == ["i-mixed", "i-private"], "\(person)")
            }
        }
        try await world.close()
    }

    @Test("One initiative with its version as the ETag; an unknown id is 404")
    func get() async throws {
        let world = try await TestWorld.demo()
        let member = try await world.token("p-nam")
        try await world.test { client in
            let answer = try await client.api(.get, "/api/v1/initiatives/kr-sales-trial-i1", token: member)
            #expect(answer.status == .ok)
            #expect(answer.object["title_en"] as? String == "Industry-specific call scripts")
            #expect(answer.object["owner"] as? String == "person:p-bao")
            #expect(answer.headers[.eTag] == "\"v1\"")
            let unknown = try await client.api(.get, "/api/v1/initiatives/i-nope", token: member)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
        }
        try await world.close()
    }

    @Test("Nam adds an initiative to his own KR: 201, owned by him, planned; bad values are 422 naming the field")
    func create() async throws {
        let world = try await TestWorld.demo()
        let nam = try await world.token("p-nam")
        try await world.test { client in
            let created = try await client.api(
                .post, "/api/v1/initiatives", token: nam,
                body: jsonBody([
                    "id": "i-nam-segments", "title": "Chia danh sách nhận tin theo ngành",
                    "title_en": "Segment the newsletter list by industry", "due": "2026-12-15",
                    "link": "https://tracker.okra.demo/NL-12", "key_result_ids": ["kr-nam-open", "kr-nam-open"],
                ]))
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"v1\"")
            #expect(created.object["owner"] as? String == "person:p-nam")
            #expect(created.object["state"] as? String == "planned")
            #expect(created.object["due"] as? String == "2026-12-15")
            #expect(created.object["key_result_ids"] as? [String] == ["kr-nam-open"])
            let stored = try #require(try await world.store.initiative(id: "i-nam-segments"))
            #expect(stored.value.keyResultIDs == ["kr-nam-open"])
            #expect(stored.value.link == "https://tracker.okra.demo/NL-12")
            let drives = try await world.store.initiatives(keyResult: "kr-nam-open").map(\.value.id)
            #expect(drives.contains("i-nam-segments"))

            let generated = try await client.api(
                .post, "/api/v1/initiatives", token: nam,
                body: jsonBody(["title": "Gửi thử hai giờ khác nhau", "key_result_ids": ["kr-nam-ctr"]]))
            #expect((generated.object["id"] as? String)?.hasPrefix("i-") == true)

            let duplicate = try await client.api(
                .post, "/api/v1/initiatives", token: nam,
                body: jsonBody(["id": "i-nam-segments", "title": "Lần nữa", "key_result_ids": ["kr-nam-open"]]))
            #expect(duplicate.status == .conflict)

            let invalid: [(body: [String: Any], field: String)] = [
                (["key_result_ids": ["kr-nam-open"]], "title"),
                (["title": "  ", "key_result_ids": ["kr-nam-open"]], "title"),
                (["title": "Không KR"], "key_result_ids"),
                (["title": "Không KR", "key_result_ids": [String]()], "key_result_ids"),
                (["title": "Link", "link": "ftp://files.okra.demo", "key_result_ids": ["kr-nam-open"]], "link"),
                (["title": "Ngày", "due": "2026-13-01", "key_result_ids": ["kr-nam-open"]], "due"),
                (["title": "Trạng thái", "state": "started", "key_result_ids": ["kr-nam-open"]], "state"),
                (["title": "Chủ", "owner": "nobody", "key_result_ids": ["kr-nam-open"]], "owner"),
                (["title": "Kiểu", "key_result_ids": "kr-nam-open"], "key_result_ids"),
                (["id": "có dấu", "title": "Id", "key_result_ids": ["kr-nam-open"]], "id"),
                (["title": "Hai quý", "key_result_ids": ["kr-nam-open", "kr-prev-nps"]], "key_result_ids"),
            ]
            for (body, field) in invalid {
                let answer = try await client.api(.post, "/api/v1/initiatives", token: nam, body: jsonBody(body))
                #expect(answer.status == .unprocessableContent, "\(body)")
                #expect(answer.errorField == field, "\(body): \(answer.text)")
            }
            let unknown = try await client.api(
                .post, "/api/v1/initiatives", token: nam,
                body: jsonBody(["title": "Không có", "key_result_ids": ["kr-nam-open", "kr-nope"]]))
            #expect(unknown.status == .notFound)
            #expect(unknown.errorField == "key_result_ids")
        }
        try await world.close()
    }

    @Test("Who may add one: whoever may edit every linked KR; another team's lead helps through an accepted ask")
    func createPermissions() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let nam = try await world.token("p-nam")
            let otherTeam = try await client.api(
                .post, "/api/v1/initiatives", token: nam,
                body: jsonBody(["title": "Giúp Sales", "key_result_ids": ["kr-sales-trial"]]))
            #expect(otherTeam.status == .forbidden)
            let forSales = try await client.api(
                .post, "/api/v1/initiatives", token: nam,
                body: jsonBody(["title": "Cho Sales", "owner": "team:sales", "key_result_ids": ["kr-nam-open"]]))
            #expect(forSales.status == .forbidden)
            let viewer = try await client.api(
                .post, "/api/v1/initiatives", token: try await world.token("p-mai"),
                body: jsonBody(["title": "Xem thôi", "key_result_ids": ["kr-company-mrr"]]))
            #expect(viewer.status == .forbidden)

            let bao = try await world.token("p-bao")
            let helping = try await client.api(
                .post, "/api/v1/initiatives", token: bao,
                body: jsonBody([
                    "title": "Sales gửi danh sách khách hàng cho Marketing", "owner": "team:sales",
                    "key_result_ids": ["kr-mkt-email"],
                ]))
            #expect(helping.status == .forbidden, "helping another team's KR goes through an ask")
            let asHimself = try await client.api(
                .post, "/api/v1/initiatives", token: bao,
                body: jsonBody(["title": "Tự làm", "key_result_ids": ["kr-mkt-email"]]))
            #expect(asHimself.status == .forbidden)
            let readOnly = try await client.api(
                .post, "/api/v1/initiatives", token: try await world.token("p-nam", readOnly: true),
                body: jsonBody(["title": "Chỉ đọc", "key_result_ids": ["kr-nam-open"]]))
            #expect(readOnly.status == .forbidden)
        }
        try await world.close()
    }

    @Test("Editing: the members sent at the version given; empty clears; stale 409, missing version 428")
    func update() async throws {
        let world = try await TestWorld.demo()
        let nam = try await world.token("p-nam")
        try await world.test { client in
            let started = try await client.api(
                .patch, "/api/v1/initiatives/kr-nam-ctr-i1", token: nam,
                body: jsonBody([
                    "state": "in_progress", "due": "2026-12-11", "link": "https://tracker.okra.demo/NL-3",
                    "title_en": "Clearer buttons", "version": 1,
                ]))
            #expect(started.status == .ok)
            #expect(started.object["state"] as? String == "in_progress")
            #expect(started.object["title"] as? String == "Nút kêu gọi hành động rõ hơn")
            #expect(started.object["title_en"] as? String == "Clearer buttons")
            #expect(started.headers[.eTag] == "\"v2\"")

            let cleared = try await client.api(
                .patch, "/api/v1/initiatives/kr-nam-ctr-i1", token: nam,
                body: #"{"due": "", "link": "", "title_en": ""}"#, headers: [.ifMatch: "\"v2\""])
            #expect(cleared.status == .ok)
            #expect(cleared.object["due"] == nil)
            #expect(cleared.object["link"] == nil)
            #expect(cleared.object["title_en"] == nil)
            #expect(cleared.object["state"] as? String == "in_progress")

            let stale = try await client.api(
                .patch, "/api/v1/initiatives/kr-nam-ctr-i1", token: nam,
                body: jsonBody(["state": "done", "version": 2]))
            #expect(stale.status == .conflict)
            #expect(stale.errorCode == "version_conflict")
            let missing = try await client.api(
                .patch, "/api/v1/initiatives/kr-nam-ctr-i1", token: nam, body: jsonBody(["state": "done"]))
            #expect(missing.status == .preconditionRequired)
            let badLink = try await client.api(
                .patch, "/api/v1/initiatives/kr-nam-ctr-i1", token: nam,
                body: jsonBody(["link": "mailto:nam@okra.demo", "version": 3]))
            #expect(badLink.errorField == "link")
            let relinked = try await client.api(
                .patch, "/api/v1/initiatives/kr-nam-ctr-i1", token: nam,
                body: jsonBody(["key_result_ids": ["kr-nam-open", "kr-nam-ctr"], "version": 3]))
            #expect(relinked.object["key_result_ids"] as? [String] == ["kr-nam-open", "kr-nam-ctr"])
            #expect(try await world.store.initiative(id: "kr-nam-ctr-i1")?.value.state == .inProgress)
            let null = try await client.api(
                .patch, "/api/v1/initiatives/kr-nam-ctr-i1", token: nam, body: #"{"due": null, "version": 4}"#)
            #expect(null.status == .unprocessableContent)
            #expect(null.errorField == "due")
            let notADay = try await client.api(
                .patch, "/api/v1/initiatives/kr-nam-ctr-i1", token: nam,
                body: jsonBody(["due": "2026-02-30", "version": 4]))
            #expect(notADay.errorField == "due")
            let unknown = try await client.api(
                .patch, "/api/v1/initiatives/i-nope", token: nam, body: jsonBody(["state": "done", "version": 1]))
            #expect(unknown.status == .notFound)
        }
        try await world.close()
    }

    @Test("Who may edit one: its owner, an editor of a linked KR, a lead of its team; links one cannot see stay")
    func updatePermissions() async throws {
        let world = try await TestWorld.demo()
        try await Self.addPrivateWork(world.store)
        try await world.test { client in
            try await world.store.createInitiative(
                try Initiative(
                    id: "i-lan-trial", title: try LocalizedName(vi: "Gọi lại khách dùng thử"), owner: .person("p-lan"),
                    keyResultIDs: ["kr-sales-trial"]), actor: nil)
            let lan = try await world.token("p-lan")
            // Lan may not edit Sales' trial KR (Bảo's), but she owns the initiative.
            let own = try await client.api(
                .patch, "/api/v1/initiatives/i-lan-trial", token: lan,
                body: jsonBody(["state": "in_progress", "version": 1]))
            #expect(own.status == .ok)
            let nam = try await world.token("p-nam")
            let notHis = try await client.api(
                .patch, "/api/v1/initiatives/i-lan-trial", token: nam, body: jsonBody(["state": "done", "version": 2]))
            #expect(notHis.status == .forbidden)

            let ha = try await world.token("p-ha")
            let lead = try await client.api(
                .patch, "/api/v1/initiatives/kr-mkt-email-i1", token: ha,
                body: jsonBody(["state": "done", "version": 1]))
            #expect(lead.status == .ok)
            let handOver = try await client.api(
                .patch, "/api/v1/initiatives/kr-mkt-email-i1", token: ha,
                body: jsonBody(["owner": "person:p-lan", "version": 2]))
            #expect(handOver.status == .forbidden)
            let viewer = try await client.api(
                .patch, "/api/v1/initiatives/kr-company-mrr-i1", token: try await world.token("p-mai"),
                body: jsonBody(["state": "done", "version": 1]))
            #expect(viewer.status == .forbidden)

            // Bảo sees the private KR, so relinking replaces every link, the private one too.
            let bao = try await world.token("p-bao")
            let relinked = try await client.api(
                .patch, "/api/v1/initiatives/i-mixed", token: bao,
                body: jsonBody(["key_result_ids": ["kr-sales-open-rate"], "version": 1]))
            #expect(relinked.status == .ok)
            #expect(try await world.store.initiative(id: "i-mixed")?.value.keyResultIDs == ["kr-sales-open-rate"])

            // Hà does not see it: her relinking leaves the private link in place.
            _ = try await world.store.updateInitiative(
                try Initiative(
                    id: "i-mixed", title: try LocalizedName(vi: "Gọi khách hàng lớn"), owner: .team("marketing"),
                    keyResultIDs: ["kr-lan-private", "kr-mkt-adwords"]), expectedVersion: 2, actor: nil)
            let hidden = try await client.api(
                .patch, "/api/v1/initiatives/i-mixed", token: ha,
                body: jsonBody(["key_result_ids": ["kr-mkt-organic"], "version": 3]))
            #expect(hidden.status == .ok)
            #expect(hidden.object["key_result_ids"] as? [String] == ["kr-mkt-organic"])
            let kept = try await world.store.initiative(id: "i-mixed")?.value.keyResultIDs
            #expect(kept == ["kr-mkt-organic", "kr-lan-private"])
        }
        try await world.close()
    }
}
