import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("KR values, targets and currencies are written for the language on every page that shows them")
struct NumberFormattingPageTests {
    /// Nam gets an objective with a KR counted in MQL (at 1234.5 of 2000) and one in đồng (1,234,000 of
    /// 2,500,000), each checked in once.
    static func world() async throws -> TestWorld {
        let world = try await TestWorld.demo()
        let cycle = try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
        _ = try await world.store.createObjective(
            Objective(
                id: "o-nam-numbers", cycleID: cycle.id, title: LocalizedName(vi: "Doanh thu từ bản tin"),
                owner: .person("p-nam"), state: .published), actor: nil)
        let rows: [(String, MeasureUnit, Decimal, Decimal, Decimal)] = [
            ("kr-n-mql", .label("MQL"), 1000, 2000, Decimal(string: "1234.5")!),
            ("kr-n-vnd", try .currency("VND"), 1_000_000, 2_500_000, 1_234_000),
        ]
        for (id, unit, start, target, value) in rows {
            _ = try await world.store.createKeyResult(
                KeyResult(
                    id: KeyResultID(id), objectiveID: "o-nam-numbers", title: LocalizedName(vi: "Chỉ số \(id)"),
                    owner: .person("p-nam"), kind: .increase, unit: unit, start: start, target: target),
                actor: nil)
            _ = try await world.store.recordCheckIn(
                CheckIn(
                    id: CheckInID("ci-\(id)"), keyResultID: KeyResultID(id), value: value, authorID: "p-nam",
                    recordedAt: Date(timeIntervalSince1970: 1_795_000_000), day: TestWorld.today),
                actor: nil)
        }
        return world
    }

    static func english(_ client: some TestClientProtocol, _ cookies: BrowserCookies) async throws {
        try await client.execute(
            uri: "/language", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: "to=en&back=%2F&csrf=\(cookies.csrf)")
        ) { response in #expect(response.status == .seeOther) }
    }

    static let pages = ["/objectives/o-nam-numbers", "/", "/check-in", "/teams/marketing", "/company"]

    @Test("Vietnamese: 1.234,5 MQL and 1.234.000 ₫ of 2.500.000 ₫")
    func vietnamese() async throws {
        let world = try await Self.world()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            for path in Self.pages {
                let (status, html) = try await client.page(path, cookies)
                #expect(status == .ok, "\(path)")
                #expect(html.contains("1.234,5"), "\(path): the MQL value")
                #expect(html.contains("1.234.000"), "\(path): the đồng value")
                // The status formulas stay locale-free on purpose ("(1234.5 − 1000) / …"); the values do not.
                #expect(!html.contains("1,234.5") && !html.contains("1,234,000"), "\(path)")
            }
            for path in ["/objectives/o-nam-numbers", "/teams/marketing", "/company"] {
                let (_, html) = try await client.page(path, cookies)
                #expect(html.contains("2.500.000 ₫"), "\(path): the target in đồng")
                #expect(html.contains("2.000 MQL"), "\(path): the target in MQL")
            }
        }
        try await world.close()
    }

    @Test("English: 1,234.5 MQL and 1,234,000 ₫ of 2,500,000 ₫")
    func english() async throws {
        let world = try await Self.world()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            try await Self.english(client, cookies)
            for path in Self.pages {
                let (status, html) = try await client.page(path, cookies)
                #expect(status == .ok, "\(path)")
                #expect(html.contains("1,234.5"), "\(path): the MQL value")
                #expect(html.contains("1,234,000"), "\(path): the đồng value")
                #expect(!html.contains("1.234,5"), "\(path)")
            }
            for path in ["/objectives/o-nam-numbers", "/teams/marketing", "/company"] {
                let (_, html) = try await client.page(path, cookies)
                #expect(html.contains("2,500,000"), "\(path): the target in đồng")
                #expect(html.contains("2,000 MQL"), "\(path): the target in MQL")
            }
        }
        try await world.close()
    }
}
