import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// The page contract: one form reader for every page, the CSRF check and the sign-in requirement in middleware,
/// and one page for each refusal with the words that fit it.
@Suite("The page contract")
struct PageContractTests {
    @Test("A posted form reads repeated names, spaces, escapes and any name; text arrives composed")
    func formReading() throws {
        // "Tiếng Việt" typed with decomposed marks: e + U+0302 + U+0301, e + U+0323 + U+0302.
        let decomposed = "Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t"
        let encoded = decomposed.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let form = PageForm(
            urlEncoded:
                "leads=p-1&leads=p-2&note=\(encoded)&kr-0-title=A+b%26c&value.kr-1=1.234,5&broken=%E0%A4%A&empty=")
        #expect(form.all("leads") == ["p-1", "p-2"])
        #expect(form["leads"] == "p-2")
        #expect(form["note"] == "Tiếng Việt")
        #expect(
            form["note"]?.unicodeScalars.count
                == "Tiếng Việt".precomposedStringWithCanonicalMapping.unicodeScalars.count)
        #expect(form["kr-0-title"] == "A b&c")
        #expect(form["broken"] == "%E0%A4%A")
        #expect(form["empty"] == "")
        #expect(form["missing"] == nil)
        #expect(form.fields["leads"] == "p-2")
        // Numbers as people type them in either language.
        #expect(form.number("value.kr-1") == Decimal(string: "1234.5"))
        #expect(PageForm(urlEncoded: "v=1%2C234.5").number("v") == Decimal(string: "1234.5"))
        #expect(PageForm(urlEncoded: "v=0%2C5").number("v") == Decimal(string: "0.5"))
        #expect(PageForm(urlEncoded: "v=abc").number("v") == nil)
        #expect(PageForm(urlEncoded: "v=").number("v") == nil)
    }

    struct Typed: Decodable, Equatable {
        enum Kind: String, Decodable { case up, down }
        let name: String?
        let count: Int?
        let on: Bool?
        let kind: Kind?
        let backTo: String?

        enum CodingKeys: String, CodingKey {
            case name, count, on, kind
            case backTo = "back_to"
        }
    }

    @Test("A form decodes into a type field by field; a field that is not its type is a 400")
    func formDecoding() throws {
        let typed = try PageForm(urlEncoded: "name=Ch%C3%A0o&count=3&on=on&kind=up&back_to=%2Fcycles&csrf=x")
            .decode(Typed.self)
        #expect(typed == Typed(name: "Chào", count: 3, on: true, kind: .up, backTo: "/cycles"))
        let empty = try PageForm(urlEncoded: "").decode(Typed.self)
        #expect(empty == Typed(name: nil, count: nil, on: nil, kind: nil, backTo: nil))
        for bad in ["count=three", "kind=sideways", "on=maybe"] {
            #expect(throws: HTTPError.self) { try PageForm(urlEncoded: bad).decode(Typed.self) }
        }
    }

    @Test("A signed-in person refused an action is told they may not, not that the form expired")
    func forbiddenIsNotExpired() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let mai = try await client.signIn("mai@okra.demo")
            let (status, _, html) = try await MyWeekPageTests.saveWeek(client, mai, plans: "Đọc báo cáo")
            #expect(status == .forbidden)
            #expect(html.contains("Bạn không có quyền làm việc này"))
            #expect(!html.contains("Biểu mẫu đã hết hạn"))
            // The refusal keeps the person's page frame: navigation and sign-out.
            #expect(html.contains("action=\"/sign-out\""))
            // An admin-only page names why.
            let (settings, settingsHTML) = try await client.page("/settings/webhooks", mai)
            #expect(settings == .forbidden)
            #expect(settingsHTML.contains("Bạn không có quyền làm việc này"))
            #expect(settingsHTML.contains("action=\"/sign-out\""))
        }
        try await world.close()
    }

    @Test("A form without this browser's token is refused before its handler runs, with a way back to the form")
    func expiredFormLeadsBack() async throws {
        let world = try await TestWorld.demo()
        let before = try await world.store.auditEvents(entity: nil, entityID: nil, limit: 10_000).count
        try await world.test { client in
            let nam = try await client.signIn("nam@okra.demo")
            let (status, html) = try await client.execute(
                uri: "/objectives/o-nam-email/comments", method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .cookie: nam.header,
                    .referer: "http://localhost:8080/objectives/o-nam-email?tab=comments",
                ],
                body: ByteBuffer(string: "csrf=forged&body=Hello")
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(status == .forbidden)
            #expect(html.contains("Biểu mẫu đã hết hạn"))
            #expect(html.contains("href=\"/objectives/o-nam-email?tab=comments\""))
            #expect(html.contains("Quay lại biểu mẫu"))
            // A referer on another site is not followed.
            let (_, elsewhere) = try await client.execute(
                uri: "/objectives/o-nam-email/comments", method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .cookie: nam.header,
                    .referer: "https://evil.example//evil.example/x",
                ],
                body: ByteBuffer(string: "body=Hello")
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(!elsewhere.contains("evil.example"))
        }
        #expect(try await world.store.auditEvents(entity: nil, entityID: nil, limit: 10_000).count == before)
        try await world.close()
    }

    @Test("A page asked for without signing in goes to the sign-in page and comes back after")
    func signInRequired() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let (status, location) = try await client.execute(uri: "/cycles/2026-q4/planning?x=1", method: .get) {
                ($0.status, $0.headers[.location] ?? "")
            }
            #expect(status == .seeOther)
            #expect(location == "/sign-in?next=/cycles/2026-q4/planning%3Fx%3D1")
        }
        try await world.close()
    }

    @Test("A decomposed Vietnamese note as long as the limit in letters is recorded as the page counted it")
    func decomposedNote() async throws {
        let world = try await TestWorld.demo()
        // 1,000 letters "ế", each sent as three code points (e, circumflex, acute).
        let note = String(repeating: "e\u{0302}\u{0301}", count: 1000)
        try await world.test { client in
            var cookies = try await client.signIn("nam@okra.demo")
            let (status, _, html) = try await CheckInPageTests.post(
                client, &cookies, [("value.kr-nam-open", "31"), ("note.kr-nam-open", note)])
            #expect(status == .seeOther, "\(html.prefix(400))")
        }
        let last = try #require(try await world.store.checkIns(keyResult: "kr-nam-open").last)
        #expect(last.note == String(repeating: "ế", count: 1000))
        #expect(last.note?.unicodeScalars.count == 1000)
        try await world.close()
    }

    @Test(
        "A weekly update within the limit in letters but over it in code points is refused beside its field by the core"
    )
    func weeklyUpdateCountedByTheCore() async throws {
        let world = try await TestWorld.demo()
        let before = try await world.store.weeklyUpdates(person: "p-nam")
        // 3,000 thumbs up with a skin tone: 3,000 letters, 6,000 code points; the core allows 4,000 code points.
        let progress = String(repeating: "👍🏽", count: 3000)
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            let (status, _, html) = try await MyWeekPageTests.saveWeek(
                client, cookies, plans: "Gọi 5 khách hàng", progress: progress)
            #expect(status == .unprocessableContent)
            #expect(html.contains("Dài quá 4000 ký tự."))
            // A plan line too long in code points is named the same way.
            let (planStatus, _, planHTML) = try await MyWeekPageTests.saveWeek(
                client, cookies, plans: String(repeating: "👍🏽", count: 300))
            #expect(planStatus == .unprocessableContent)
            #expect(planHTML.contains("Dài quá 500 ký tự."))
        }
        #expect(try await world.store.weeklyUpdates(person: "p-nam") == before)
        try await world.close()
    }
}
