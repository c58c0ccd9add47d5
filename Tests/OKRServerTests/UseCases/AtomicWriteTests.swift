import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRStore
import SQLKit
import Testing

@testable import OKRServer

/// A failure injected into the test's real SQLite file: a trigger that aborts the write of one row, so that a
/// use case writing several rows fails on its last one. Nothing else in the server knows about it.
struct InjectedFailure {
    let world: TestWorld
    static let name = "okra_injected_failure"

    /// Aborts `event` (`INSERT`, `UPDATE`) on `table` for the rows where `condition` holds (on `NEW`).
    @discardableResult
    static func before(_ event: String, on table: String, when condition: String, in world: TestWorld) async throws
        -> InjectedFailure
    {
        try await world.database.sql.raw(
            """
            CREATE TRIGGER \(unsafeRaw: name) BEFORE \(unsafeRaw: event) ON \(unsafeRaw: table)
            FOR EACH ROW WHEN \(unsafeRaw: condition)
            BEGIN SELECT RAISE(ABORT, 'injected failure'); END
            """
        ).run()
        return InjectedFailure(world: world)
    }

    func remove() async throws {
        try await world.database.sql.raw("DROP TRIGGER \(unsafeRaw: Self.name)").run()
    }
}

extension TestWorld {
    /// How many rows each table that a use case writes holds, the audit trail included: equal before and after a
    /// failed use case when it wrote nothing.
    func rowCounts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in [
            "objectives", "key_results", "check_ins", "initiatives", "initiative_key_results", "key_result_grades",
            "dependency_asks", "alignment_links", "audit_events",
        ] {
            let row = try await database.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()
            counts[table] = try row?.decode(column: "n", as: Int.self)
        }
        return counts
    }
}

/// Every write that spans rows is one transaction: a failure on its last row leaves nothing of it — not the rows
/// before, not their audit events, not a changed read model — and the same request succeeds once the failure is
/// gone (so it was the failure, not the form, that stopped it).
@Suite("Multi-row writes are atomic: a failure injected on the last row writes nothing")
struct AtomicWriteTests {
    static func post(
        _ client: some TestClientProtocol, _ uri: String, _ cookies: BrowserCookies, _ form: String
    ) async throws -> (status: HTTPResponse.Status, location: String?) {
        try await client.execute(
            uri: uri, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: form)
        ) { response in (response.status, response.headers[.location]) }
    }

    static func encoded(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0.formEncoded)=\($0.1.formEncoded)" }.joined(separator: "&")
    }

    @Test("Checking in on three KRs in one form: the third row fails, so none is recorded")
    func checkIns() async throws {
        let world = try await TestWorld.demo()
        let before = try await world.rowCounts()
        let lastOpen = try await world.store.checkIns(keyResult: "kr-nam-open").last
        try await world.test { client in
            let nam = try await client.signIn("nam@okra.demo")
            let form = Self.encoded([
                ("csrf", nam.csrf), ("value.kr-mkt-email", "140"), ("confidence.kr-mkt-email", "9"),
                ("note.kr-mkt-email", "Bản tin tháng 11"), ("value.kr-nam-open", "25"),
                ("confidence.kr-nam-open", "7"), ("value.kr-nam-ctr", "3,5"), ("confidence.kr-nam-ctr", "6"),
            ])
            let failure = try await InjectedFailure.before(
                "INSERT", on: "check_ins", when: "NEW.key_result_id = 'kr-nam-ctr'", in: world)
            let failed = try await Self.post(client, "/check-in", nam, form)
            #expect(failed.status.code >= 400)
            #expect(try await world.rowCounts() == before)
            #expect(try await world.store.checkIns(keyResult: "kr-nam-open").last?.id == lastOpen?.id)
            // The pages read the read model: it did not hear of the rolled-back rows either.
            let (_, html) = try await client.page("/check-in", nam)
            #expect(!html.contains("Bản tin tháng 11"))

            try await failure.remove()
            let saved = try await Self.post(client, "/check-in", nam, form)
            #expect(saved.status == .seeOther)
            #expect(try await world.rowCounts()["check_ins"] == (before["check_ins"] ?? 0) + 3)
        }
        try await world.close()
    }

    @Test("Writing an objective with three KRs and their initiatives: the last initiative fails, so nothing is saved")
    func objectiveCreated() async throws {
        let world = try await TestWorld.demo()
        let before = try await world.rowCounts()
        try await world.test { client in
            let lead = try await client.signIn("bao@okra.demo")
            let cycle = try await EditorLoopTests.activeCycle(world)
            let form = EditorLoopTests.salesForm(
                lead.csrf, cycle: cycle, initiatives: ["Gọi lại trong 24 giờ", "Viết lại email chào mừng", "Khảo sát"])
            let failure = try await InjectedFailure.before(
                "INSERT", on: "initiatives", when: "NEW.title_vi = 'Khảo sát'", in: world)
            let failed = try await Self.post(client, "/objectives/new", lead, form)
            #expect(failed.status.code >= 400)
            #expect(try await world.rowCounts() == before)

            try await failure.remove()
            let saved = try await Self.post(client, "/objectives/new", lead, form)
            #expect(saved.status == .seeOther)
            let after = try await world.rowCounts()
            #expect(after["objectives"] == (before["objectives"] ?? 0) + 1)
            #expect(after["key_results"] == (before["key_results"] ?? 0) + 3)
            #expect(after["initiatives"] == (before["initiatives"] ?? 0) + 3)
        }
        try await world.close()
    }

    @Test(
        "Editing an objective (title, a KR taken off, the rest renumbered): the last renumbering fails, nothing changes"
    )
    func objectiveUpdated() async throws {
        let world = try await TestWorld.demo()
        let before = try await world.rowCounts()
        let objective = try #require(try await world.store.objective(id: "o-mkt-mql"))
        let keyResults = try await world.store.keyResults(objective: "o-mkt-mql")
        let last = try #require(keyResults.last?.value.id.rawValue)
        try await world.test { client in
            let ha = try await client.signIn("ha@okra.demo")
            let (_, html) = try await client.page("/objectives/o-mkt-mql/edit", ha)
            let form =
                try ObjectiveEditorTests.editForm(html, csrf: ha.csrf, title: "Nhiều MQL hơn từ hai kênh quảng cáo")
                + "&kr-0-remove=1"
            let failure = try await InjectedFailure.before(
                "INSERT", on: "audit_events", when: "NEW.action = 'reorder' AND NEW.entity_id = '\(last)'", in: world)
            let failed = try await Self.post(client, "/objectives/o-mkt-mql/edit", ha, form)
            #expect(failed.status.code >= 400)
            #expect(try await world.rowCounts() == before)
            #expect(try await world.store.objective(id: "o-mkt-mql") == objective)
            #expect(try await world.store.keyResults(objective: "o-mkt-mql") == keyResults)
            #expect(try await !world.store.checkIns(keyResult: "kr-mkt-email").isEmpty)

            try await failure.remove()
            let saved = try await Self.post(client, "/objectives/o-mkt-mql/edit", ha, form)
            #expect(saved.status == .seeOther)
            #expect(
                try await world.store.objective(id: "o-mkt-mql")?.value.title.vi
                    == "Nhiều MQL hơn từ hai kênh quảng cáo")
            #expect(try await world.store.keyResults(objective: "o-mkt-mql").count == keyResults.count - 1)
        }
        try await world.close()
    }

    @Test("Closing a cycle saves the proposed grades, then closes it: the close fails, so no grade is saved")
    func cycleClosed() async throws {
        let world = try await TestWorld.demo()
        let before = try await world.rowCounts()
        let q4 = try #require(try await world.store.cycle(id: "2026-q4"))
        try await world.test { client in
            let admin = try await client.signIn("admin@okra.demo")
            let form = Self.encoded([("csrf", admin.csrf), ("version", String(q4.version))])
            let failure = try await InjectedFailure.before(
                "INSERT", on: "audit_events", when: "NEW.entity = 'cycle' AND NEW.action = 'transition'", in: world)
            let failed = try await Self.post(client, "/cycles/2026-q4/close", admin, form)
            #expect(failed.status.code >= 400)
            #expect(try await world.rowCounts() == before)
            #expect(try await world.store.cycle(id: "2026-q4") == q4)
            #expect(try await world.store.grades(cycle: "2026-q4").isEmpty)

            // The API closes through the same use case, and fails the same way.
            let token = try await world.token("p-anh")
            let api = try await client.execute(
                uri: "/api/v1/cycles/2026-q4/close", method: .post,
                headers: [.authorization: "Bearer \(token)", .ifMatch: "\"v\(q4.version)\""]
            ) { $0.status }
            #expect(api.code >= 400)
            #expect(try await world.store.grades(cycle: "2026-q4").isEmpty)
            #expect(try await world.store.cycle(id: "2026-q4")?.value.state == .active)

            try await failure.remove()
            let saved = try await Self.post(client, "/cycles/2026-q4/close", admin, form)
            #expect(saved.status == .seeOther)
            #expect(try await world.store.cycle(id: "2026-q4")?.value.state == .closed)
            #expect(try await !world.store.grades(cycle: "2026-q4").isEmpty)
        }
        try await world.close()
    }

    @Test("Accepting an ask moves it, then puts an initiative in the plan: the initiative fails, so the ask stays open")
    func askAccepted() async throws {
        let world = try await TestWorld.demo()
        let before = try await world.rowCounts()
        let ask = try #require(try await world.store.ask(id: "ask-mkt-sales"))
        try await world.test { client in
            let bao = try await client.signIn("bao@okra.demo")
            let form = Self.encoded([("csrf", bao.csrf), ("back", "/teams/sales")])
            let failure = try await InjectedFailure.before(
                "INSERT", on: "initiatives", when: "NEW.ask_id = 'ask-mkt-sales'", in: world)
            let failed = try await Self.post(client, "/asks/ask-mkt-sales/accept", bao, form)
            #expect(failed.status.code >= 400)
            #expect(try await world.rowCounts() == before)
            #expect(try await world.store.ask(id: "ask-mkt-sales") == ask)

            try await failure.remove()
            let saved = try await Self.post(client, "/asks/ask-mkt-sales/accept", bao, form)
            #expect(saved.status == .seeOther)
            #expect(try await world.store.ask(id: "ask-mkt-sales")?.value.state == .accepted)
            #expect(try await world.store.initiative(id: "initiative-ask-mkt-sales") != nil)
        }
        try await world.close()
    }

    @Test("Changing the settings and both gates: the activation gate fails, so the settings stay as they were")
    func settingsChanged() async throws {
        let world = try await TestWorld.demo()
        let settings = try #require(try await world.store.versionedSettings())
        let gate = try await world.store.publishGate()
        let activation = try await world.store.activationGate()
        try await world.test { client in
            let token = try await world.token("p-anh")
            let body = jsonBody([
                "version": settings.version, "name": "Okra Việt Nam",
                "publish_requires_no_errors": !gate.requiresNoErrors,
                "activation_requires_answered_asks": !activation.requiresAnsweredAsks,
            ])
            let failure = try await InjectedFailure.before("INSERT", on: "activation_gates", when: "1", in: world)
            let failed = try await client.execute(
                uri: "/api/v1/settings", method: .patch,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: body)
            ) { $0.status }
            #expect(failed.code >= 400)
            #expect(try await world.store.versionedSettings() == settings)
            #expect(try await world.store.publishGate() == gate)
            #expect(try await world.store.activationGate() == activation)

            try await failure.remove()
            let saved = try await client.api(.patch, "/api/v1/settings", token: token, body: body)
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(try await world.store.versionedSettings()?.value.name == "Okra Việt Nam")
            #expect(try await world.store.publishGate().requiresNoErrors == !gate.requiresNoErrors)
            #expect(try await world.store.activationGate().requiresAnsweredAsks == !activation.requiresAnsweredAsks)
        }
        try await world.close()
    }
}
