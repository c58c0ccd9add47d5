import Foundation
import OKRTestSupport
import Testing

/// Every page in Vietnamese, on the demo and on a generated organization, served by the real binary, as an admin
/// and as a member: the visible text (and the meeting's Markdown) has no ISO date, no decimal point between
/// digits and no English word of the product (`VietnameseText`). The pages are found the way a person finds
/// them: from the main routes, following every link, at most two pages of each shape (ids and days aside).
@Suite("Every page in Vietnamese: dates, numbers and words", .serialized)
struct VietnamesePagesTests {
    /// The routes to start from; the rest are reached by their links.
    static let routes = [
        "/", "/check-in", "/check-in/done", "/company", "/map", "/objectives/new", "/cycles", "/notifications",
        "/asks/new", "/settings", "/settings/holidays", "/settings/people", "/settings/reminders",
        "/settings/teams", "/settings/tokens", "/settings/webhooks", "/settings/scim", "/settings/data",
        "/kpis", "/kpis/new",
    ]

    /// A page's address with its ids, days and numbers replaced: two pages of each shape are enough.
    static func shape(_ path: String) -> String {
        path.replacing(/[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-q[0-9]/, with: "D")
            .replacing(/[0-9a-f]{8}-[0-9a-f-]{27,}|[A-Za-z0-9_]{20,}/, with: "ID")
            .replacing(/[0-9]+/, with: "N")
    }

    /// Whether a link is a page to read (not an export, the API, an asset, signing out or the language switch).
    static func readable(_ path: String) -> Bool {
        let skipped = [
            "/api/", "/sign-out", "/assets/", "/static/", "lang", ".xlsx", ".csv", ".json", ".yaml", "export",
            "format=", "/template", "/favicon.",
        ]
        return path.hasPrefix("/") && !path.hasPrefix("//") && !skipped.contains { path.contains($0) }
    }

    /// Visits the pages reachable from `routes` with `cookies`; returns the problems found, by page.
    static func walk(_ link: (String) -> URL, cookies: [String: String], who: String) async throws -> (
        visited: Int, problems: [String]
    ) {
        let browser = Browser()
        var queue = routes
        var visited: Set<String> = []
        var shapes: [String: Int] = [:]
        var problems: [String] = []
        var vietnamese = 0
        while !queue.isEmpty, visited.count < 600 {
            let path = queue.removeFirst()
            guard visited.insert(path).inserted else { continue }
            let page = try await browser.get(link(path), cookies: cookies)
            #expect(page.status < 500, "\(who) \(path): \(page.status)")
            guard page.status == 200 else { continue }
            let isMarkdown = path.contains(".md")
            if !isMarkdown {
                guard page.body.contains("<html lang=\"vi\"") else {
                    problems.append("\(who) \(path): not in Vietnamese")
                    continue
                }
                vietnamese += 1
            }
            let text = isMarkdown ? page.body : VietnameseText.visible(page.body)
            problems += VietnameseText.problems(text).map { "\(who) \(path): \($0)" }
            guard !isMarkdown else { continue }
            for match in page.body.matches(of: /href="([^"#]*)"/) {
                let href = String(match.1).replacingOccurrences(of: "&amp;", with: "&")
                guard readable(href), !visited.contains(href) else { continue }
                let shape = shape(href)
                guard shapes[shape, default: 0] < 2 else { continue }
                shapes[shape, default: 0] += 1
                queue.append(href)
            }
        }
        #expect(vietnamese >= 20, "\(who): only \(vietnamese) pages in Vietnamese were read")
        return (visited.count, problems)
    }

    /// Signs in through the form and chooses Vietnamese (a person's own choice outweighs the cookie).
    static func signIn(
        _ email: String, password: String, _ link: (String) -> URL
    ) async throws -> [String: String] {
        let browser = Browser()
        let csrf = try #require(try await browser.get(link("/sign-in")).cookies["okra_csrf"])
        let encoded = email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? email
        let answer = try await browser.post(
            link("/sign-in"), form: "email=\(encoded)&password=\(password)&csrf=\(csrf)&next=%2F",
            cookies: ["okra_csrf": csrf, "okra_lang": "vi"])
        #expect(answer.status == 303, "\(email) could not sign in")
        let session = try #require(answer.cookies["okra_session"])
        let cookies = ["okra_csrf": csrf, "okra_session": session, "okra_lang": "vi"]
        let chosen = try await browser.post(
            link("/language"), form: "to=vi&back=%2F&csrf=\(csrf)", cookies: cookies)
        #expect(chosen.status == 303, "\(email) could not choose Vietnamese")
        return cookies
    }

    @Test("The demo in Vietnamese, as its admin and as a member")
    func demo() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("demo.db").path
        let server = try Binary.start(["demo", "--port", "0", "--db", db])
        defer { server.stop() }
        let base = try #require(try await server.waitForURL(), "\(server.output)")
        let link = { (path: String) in URL(string: path, relativeTo: base)!.absoluteURL }
        for (who, email) in [("admin", "admin@okra.demo"), ("member", "nam@okra.demo")] {
            let cookies = try await Self.signIn(email, password: "okra-demo-2026", link)
            let (visited, problems) = try await Self.walk(link, cookies: cookies, who: who)
            #expect(visited >= 40, "\(who): only \(visited) pages")
            #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(40).joined(separator: "\n"))")
        }
    }

    @Test("A generated organization in Vietnamese, as its admin and as a member")
    func generated() async throws {
        let served = try await GeneratedOrganizationTests.Served.start()
        defer { served.stop() }
        for role in ["admin", "member"] {
            let email = try #require(served.printed[role])
            let cookies = try await Self.signIn(email, password: "okra-test-2026", served.link)
            let (visited, problems) = try await Self.walk(served.link, cookies: cookies, who: role)
            #expect(visited >= 40, "\(role): only \(visited) pages")
            #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(40).joined(separator: "\n"))")
        }
    }
}
