import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// The numbers of the review, through the API and the pages: a proposal moves nothing, a private child counts
/// the same for everyone and is named to no one who may not see it, a guarded KR reads alike everywhere.
@Suite("Numbers that are the same truth for everyone")
struct HonestNumbersTests {
    static let company = "/api/v1/objectives/o-company-growth"

    static func progress(_ client: some TestClientProtocol, _ token: String) async throws -> Double {
        let answer = try await client.api(.get, company, token: token)
        return try #require((answer.object["progress"] as? NSNumber)?.doubleValue)
    }

    @Test("A member's KR-less draft with a heavy link moves not the company objective; archived, neither")
    func draftMovesNothing() async throws {
        let world = try await TestWorld.demo()
        let nam = try await world.token("p-nam")
        let anh = try await world.token("p-anh")
        try await world.test { client in
            let before = try await Self.progress(client, anh)
            let draft = try await client.api(
                .post, "/api/v1/objectives", token: nam,
                body: jsonBody([
                    "id": "o-nam-proposal", "cycle_id": "2026-q4", "title": "Đề xuất của Nam",
                    "parents": [["objective_id": "o-company-growth", "weight": 5]],
                ]))
            #expect(draft.status == .created, "\(draft.text)")
            #expect(try await Self.progress(client, anh) == before)
            let tree = try await client.api(.get, "/api/v1/cycles/2026-q4/tree", token: anh)
            let counts = tree.object["counts"] as? [String: Any] ?? [:]
            let counted = (counts["total"] as? NSNumber)?.intValue
            let published = try await world.store.objectives(
                cycle: "2026-q4", owner: nil, state: .published, matching: nil
            ).count
            #expect(counted == published, "health counts only published objectives")

            // Shown beside its parent as proposed, not counted.
            let cookies = try await client.signIn("admin@okra.demo")
            let (_, page) = try await client.page("/objectives/o-company-growth", cookies)
            #expect(page.contains("/objectives/o-nam-proposal"))
            #expect(page.contains("not-counted"))

            let version = try #require(draft.object["version"] as? Int)
            let archived = try await client.api(
                .patch, "/api/v1/objectives/o-nam-proposal", token: nam,
                body: jsonBody(["version": version, "state": "archived"]))
            #expect(archived.status == .ok, "\(archived.text)")
            #expect(try await Self.progress(client, anh) == before)
        }
        try await world.close()
    }

    @Test("A private child counts the same for every viewer; one who may not see it reads “1 private objective”")
    func privateChildSameNumber() async throws {
        let world = try await TestWorld.demo()
        let secret = try Objective(
            id: "o-nam-secret", cycleID: "2026-q4", title: LocalizedName(vi: "Bí mật của Nam", en: "Nam's secret"),
            owner: .person("p-nam"), state: .published, visibility: .private,
            parents: [try AlignmentLink(to: .objective("o-company-growth"), weight: 2)])
        _ = try await world.store.createObjective(secret, actor: "p-anh")
        let anh = try await world.token("p-anh")
        let bao = try await world.token("p-bao")
        try await world.test { client in
            let hidden = try await client.api(.get, "/api/v1/objectives/o-nam-secret", token: bao)
            #expect(hidden.status == .notFound)
            #expect(try await Self.progress(client, anh) == (try await Self.progress(client, bao)))

            let baos = try await client.signIn("bao@okra.demo")
            let (_, page) = try await client.page("/objectives/o-company-growth?lang=en", baos)
            #expect(!page.contains("o-nam-secret"))
            #expect(!page.contains("Bí mật của Nam"))
            #expect(page.contains("private-children"))
            let anhs = try await client.signIn("admin@okra.demo")
            let (_, adminPage) = try await client.page("/objectives/o-company-growth", anhs)
            #expect(adminPage.contains("/objectives/o-nam-secret"))
            #expect(!adminPage.contains("private-children"))
        }
        try await world.close()
    }

    @Test("The guarded Sales KR reads 0 % in its history while its responses fall short, with the reason")
    func guardedHistory() async throws {
        let world = try await TestWorld.demo()
        let kr = try #require(try await world.store.keyResult(id: "kr-sales-survey"))
        #expect(kr.value.progress().value == 0, "the headline is guarded")
        try await world.test { client in
            let cookies = try await client.signIn("admin@okra.demo")
            let (_, page) = try await client.page("/objectives/o-sales-nurture", cookies)
            let table = try #require(page.range(of: "id=\"kr-kr-sales-survey\"")).upperBound
            let history = String(page[table...].prefix(6000))
            #expect(history.contains("class=\"muted guarded\""))
            #expect(!history.contains("<td class=\"number\">100"), "no history row reads 100 % while guarded")
        }
        try await world.close()
    }
}

/// The input edges of the review: every one a clear 4xx that changes nothing.
@Suite("Input edges")
struct InputEdgeTests {
    @Test("A NUL inside a JSON string is 422 naming the member, and nothing is created")
    func nulRefused() async throws {
        let world = try await TestWorld.demo()
        let anh = try await world.token("p-anh")
        try await world.test { client in
            let answer = try await client.api(
                .post, "/api/v1/objectives", token: anh,
                body: jsonBody(["id": "o-nul", "cycle_id": "2026-q4", "title": "Tăng\u{0}trưởng"]))
            #expect(answer.status == .unprocessableContent)
            #expect(answer.errorField == "title")
            let missing = try await client.api(.get, "/api/v1/objectives/o-nul", token: anh)
            #expect(missing.status == .notFound)
            let nested = try await client.api(
                .post, "/api/v1/key-results/kr-nam-open/check-ins", token: anh,
                body: jsonBody(["value": 20, "note": "a\u{0}"]))
            #expect(nested.status == .unprocessableContent)
            #expect(nested.errorField == "note")
        }
        try await world.close()
    }

    @Test("A check-in before its cycle starts and a KPI value for the year 1 are 422 on day")
    func datesOutsideTheirWindow() async throws {
        let world = try await TestWorld.demo()
        let anh = try await world.token("p-anh")
        let before = try await world.store.checkIns(keyResult: "kr-nam-open").count
        try await world.test { client in
            let early = try await client.api(
                .post, "/api/v1/key-results/kr-nam-open/check-ins", token: anh,
                body: jsonBody(["value": 20, "day": "2026-09-30"]))
            #expect(early.status == .unprocessableContent)
            #expect(early.errorField == "day")
            let ancient = try await client.api(
                .post, "/api/v1/kpis/kpi-churn/values", token: anh, body: jsonBody(["value": 3, "day": "0001-01-01"]))
            #expect(ancient.status == .unprocessableContent)
            #expect(ancient.errorField == "day")
            let future = try await client.api(
                .post, "/api/v1/kpis/kpi-churn/values", token: anh, body: jsonBody(["value": 3, "day": "9999-12-31"]))
            #expect(future.status == .unprocessableContent)
        }
        #expect(try await world.store.checkIns(keyResult: "kr-nam-open").count == before)
        try await world.close()
    }

    @Test("HEAD is answered like GET without a body; a method a route does not take is 405 with Allow")
    func headAndMethods() async throws {
        let world = try await TestWorld.demo()
        let anh = try await world.token("p-anh")
        try await world.test { client in
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            for (uri, headers) in [
                ("/health", HTTPFields()), ("/sign-in", HTTPFields()), ("/company", [.cookie: cookies.header]),
                ("/api/v1/objectives", [.authorization: "Bearer \(anh)"]), ("/assets/okra.css", HTTPFields()),
            ] {
                let get = try await client.execute(uri: uri, method: .get, headers: headers) { $0.status }
                let (status, body) = try await client.execute(uri: uri, method: .head, headers: headers) {
                    ($0.status, $0.body.readableBytes)
                }
                #expect(status == get, "HEAD \(uri)")
                #expect(body == 0, "HEAD \(uri) has no body")
            }
            let (page, allow) = try await client.execute(
                uri: "/company", method: .delete, headers: [.cookie: cookies.header]
            ) { ($0.status, $0.headers[.allow]) }
            #expect(page == .methodNotAllowed)
            #expect(allow == "GET, HEAD, POST")
            let api = try await client.api(.put, "/api/v1/objectives", token: anh, body: "{}")
            #expect(api.status == .methodNotAllowed)
            #expect(api.errorCode == "method_not_allowed")
        }
        try await world.close()
    }
}
