import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("Removing a KR from an existing objective in the editor")
struct KeyResultRemovalTests {
    static func post(_ client: any TestClientProtocol, _ form: String, _ cookies: BrowserCookies) async throws -> (
        HTTPResponse.Status, String, String?
    ) {
        try await client.execute(
            uri: "/objectives/o-mkt-mql/edit", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: form)
        ) { response in
            (response.status, String(buffer: response.body), response.headers[.location])
        }
    }

    @Test("Ticking remove on the email KR takes it off with its history; what pointed at it moves to the objective")
    func removesKeyResult() async throws {
        let world = try await TestWorld.demo()
        #expect(try await !world.store.checkIns(keyResult: "kr-mkt-email").isEmpty)
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (_, html) = try await client.page("/objectives/o-mkt-mql/edit", cookies)
            #expect(html.contains("id=\"kr-0-remove\""))
            #expect(html.contains("<label for=\"kr-0-remove\">Xóa kết quả then chốt này</label>"))
            // New rows have nothing to remove.
            #expect(!html.contains("id=\"kr-4-remove\""))
            let form = try ObjectiveEditorTests.editForm(
                html, csrf: cookies.csrf, title: "Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn")
            let (status, _, location) = try await Self.post(client, form + "&kr-0-remove=1", cookies)
            #expect(status == .seeOther)
            #expect(location == "/objectives/o-mkt-mql")
            let (_, page) = try await client.page("/objectives/o-mkt-mql", cookies)
            #expect(!page.contains("Tăng MQL từ email từ 100 lên 150"))
            #expect(page.contains("Tăng MQL từ AdWords từ 70 lên 100"))
        }
        #expect(try await world.store.keyResult(id: "kr-mkt-email") == nil)
        #expect(try await world.store.checkIns(keyResult: "kr-mkt-email").isEmpty)
        #expect(try await world.store.keyResults(objective: "o-mkt-mql").count == 2)
        // Nam's objective aligned through the KR now aligns to the objective; the ask about it likewise.
        let nam = try #require(try await world.store.objective(id: "o-nam-email")?.value)
        #expect(nam.parents.map(\.target) == [.objective("o-mkt-mql")])
        let ask = try #require(try await world.store.ask(id: "ask-mkt-sales")?.value)
        #expect(ask.keyResultID == nil)
        #expect(ask.objectiveID == "o-mkt-mql")
        let events = try await world.store.auditEvents(entity: "key_result", entityID: "kr-mkt-email", limit: 10)
        #expect(events.contains { $0.action == "delete" && $0.actorID == "p-ha" })
        try await world.close()
    }

    @Test("A KR of another objective cannot be changed or removed through this one's form")
    func foreignKeyResultRefused() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let (_, html) = try await client.page("/objectives/o-mkt-mql/edit", cookies)
            var form = try ObjectiveEditorTests.editForm(
                html, csrf: cookies.csrf, title: "Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn")
            let field = "kr-0-id".formEncoded + "="
            #expect(form.contains(field + "kr-mkt-email".formEncoded))
            form = form.replacingOccurrences(
                of: field + "kr-mkt-email".formEncoded, with: field + "kr-sales-trial".formEncoded)
            let (status, page, _) = try await Self.post(client, form + "&kr-0-remove=1", cookies)
            #expect(status == .unprocessableContent)
            #expect(page.contains("id=\"kr-0-title-error\"") || page.contains("aria-describedby=\"kr-0-title"))
        }
        #expect(try await world.store.keyResult(id: "kr-sales-trial") != nil)
        #expect(try await world.store.keyResult(id: "kr-mkt-email") != nil)
        try await world.close()
    }

    @Test("A stale KR version removes nothing and keeps the form with the box ticked")
    func staleVersion() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (_, html) = try await client.page("/objectives/o-mkt-mql/edit", cookies)
            let form = try ObjectiveEditorTests.editForm(
                html, csrf: cookies.csrf, title: "Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn")
            let field = "kr-1-version".formEncoded + "="
            #expect(form.contains(field))
            let stale = form.replacingOccurrences(of: field, with: field + "9")
            let (status, page, _) = try await Self.post(client, stale + "&kr-1-remove=1", cookies)
            #expect(status == .conflict)
            #expect(page.contains("id=\"kr-1-remove\" value=\"1\" name=\"kr-1-remove\" checked"))
        }
        #expect(try await world.store.keyResult(id: "kr-mkt-adwords") != nil)
        try await world.close()
    }
}
