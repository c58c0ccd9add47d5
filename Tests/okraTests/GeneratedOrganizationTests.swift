import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A generated organization of 300 people, served by the real binary, walked through as its admin, a lead and
/// a member: every page and every API list answers (never a 5xx), no page is larger than the 300 KB a page may
/// be at any size, and the objectives list walked page by page through its cursor gives every objective the
/// caller may see exactly once. Behaviour only: the timings are the benchmark's (`scripts/bench.sh`).
@Suite("A generated organization of 300 people, page by page", .serialized)
struct GeneratedOrganizationTests {
    static let maximumPage = 300 * 1024

    /// The server and what `okra generate` printed.
    struct Served {
        let folder: URL
        let server: Binary.Server
        let url: URL
        let printed: [String: String]

        static func start() async throws -> Served {
            let folder = try Binary.temporaryFolder()
            let db = folder.appendingPathComponent("acme.db").path
            let generated = try Binary.run([
                "generate", "--db", db, "--people", "300", "--seed", "3", "--password", "okra-test-2026",
            ])
            guard generated.status == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: ["stderr": generated.stderr])
            }
            var printed: [String: String] = [:]
            for line in generated.stdout.split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                printed[String(line[..<colon])] = line[line.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces)
            }
            var tokens: [String: String] = [:]
            for role in ["admin", "lead", "member"] {
                let email = printed[role] ?? ""
                tokens[role] = try Binary.run(["token", "create", "--db", db, "--email", email]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let server = try Binary.start(["serve", "--port", "0", "--db", db])
            guard let url = try await server.waitForURL() else {
                server.stop()
                throw CocoaError(.fileReadUnknown, userInfo: ["output": server.output])
            }
            for (role, token) in tokens { printed["token." + role] = token }
            return Served(folder: folder, server: server, url: url, printed: printed)
        }

        func stop() {
            server.stop()
            try? FileManager.default.removeItem(at: folder)
        }

        func link(_ path: String) -> URL { URL(string: path, relativeTo: url)!.absoluteURL }

        /// Signs in through the form and returns the cookies of the session.
        func signIn(_ email: String, _ browser: Browser) async throws -> [String: String] {
            let csrf = try #require(try await browser.get(link("/sign-in")).cookies["okra_csrf"])
            let encoded = email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? email
            let answer = try await browser.post(
                link("/sign-in"), form: "email=\(encoded)&password=okra-test-2026&csrf=\(csrf)&next=%2F",
                cookies: ["okra_csrf": csrf])
            #expect(answer.status == 303, "\(email) could not sign in")
            let session = try #require(answer.cookies["okra_session"])
            return ["okra_csrf": csrf, "okra_session": session]
        }

        func api(_ path: String, role: String) async throws -> (status: Int, json: [String: Any]) {
            var request = URLRequest(url: link("/api/v1" + path))
            request.setValue("Bearer \(printed["token." + role] ?? "")", forHTTPHeaderField: "Authorization")
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            return (status, (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
        }
    }

    @Test("Every page and every API list, as an admin, a lead and a member")
    func everyPage() async throws {
        let served = try await Served.start()
        defer { served.stop() }
        let printed = served.printed
        let team = try #require(printed["team"])
        let objective = try #require(printed["objective"])
        let keyResult = try #require(printed["key result"])

        // Ids the pages need, read through the API.
        let cycles = try await served.api("/cycles", role: "admin").json["data"] as? [[String: Any]] ?? []
        #expect(cycles.count == 5)
        let cycleIDs = cycles.compactMap { $0["id"] as? String }
        let active = try #require(cycles.first { $0["state"] as? String == "active" }?["id"] as? String)
        let asks = try await served.api("/asks", role: "admin").json["data"] as? [[String: Any]] ?? []
        let ask = asks.first?["id"] as? String
        let people = try await served.api("/users?limit=5", role: "admin").json["data"] as? [[String: Any]] ?? []
        let person = try #require(people.first?["id"] as? String)
        let teams = try await served.api("/teams", role: "admin").json["data"] as? [[String: Any]] ?? []
        let company = try #require(
            teams.first { $0["parent_id"] == nil || $0["parent_id"] is NSNull }?["id"] as? String)
        let division = try #require(teams.first { $0["parent_id"] as? String == company }?["id"] as? String)

        var pages = [
            "/", "/check-in", "/check-in/done", "/company", "/company?open=\(division)", "/map",
            "/map?open=\(division)",
            "/teams/\(team)", "/teams/\(team)/meeting", "/teams/\(team)/meeting.md", "/objectives/\(objective)",
            "/objectives/\(objective)/edit", "/objectives/new", "/cycles", "/cycles/\(active)/brief", "/notifications",
            "/asks/new", "/settings", "/settings/holidays", "/settings/people", "/settings/people/\(person)",
            "/settings/reminders", "/settings/teams", "/settings/teams/\(team)", "/settings/tokens",
        ]
        pages += cycleIDs.map { "/cycles/\($0)" } + cycleIDs.map { "/company?cycle=\($0)" }
        if let ask { pages.append("/asks/\(ask)") }

        let browser = Browser()
        for role in ["admin", "lead", "member"] {
            let cookies = try await served.signIn(try #require(printed[role]), browser)
            for path in pages {
                let page = try await browser.get(served.link(path), cookies: cookies)
                #expect(page.status < 500, "\(role) \(path): \(page.status)")
                #expect([200, 403, 404].contains(page.status), "\(role) \(path): \(page.status)")
                #expect(page.body.utf8.count <= Self.maximumPage, "\(role) \(path): \(page.body.utf8.count) bytes")
            }
            // The main pages answer, whoever asks.
            for path in ["/", "/check-in", "/company", "/map", "/teams/\(team)", "/objectives/\(objective)"] {
                let page = try await browser.get(served.link(path), cookies: cookies)
                #expect(page.status == 200, "\(role) \(path): \(page.status)")
            }
        }

        let lists = [
            "/objectives?limit=50", "/objectives?team=\(team)", "/objectives?q=khach%20hang", "/initiatives?limit=50",
            "/asks", "/comments?objective=\(objective)&limit=50", "/cycles", "/cycles/\(active)/tree", "/teams",
            "/users?limit=50",
            "/kpis", "/weekly-updates", "/me", "/me/key-results", "/key-results/\(keyResult)",
            "/key-results/\(keyResult)/check-ins", "/objectives/\(objective)", "/objectives/\(objective)/findings",
            "/tokens", "/settings",
        ]
        for role in ["admin", "lead", "member"] {
            for path in lists {
                let (status, _) = try await served.api(path, role: role)
                #expect(status < 500, "\(role) \(path): \(status)")
                #expect([200, 403, 404].contains(status), "\(role) \(path): \(status)")
            }
            // The objectives of the active cycle, walked page by page: each once, none skipped.
            var seen: [String] = []
            var published = 0
            var cursor: String?
            repeat {
                let path = "/objectives?limit=50" + (cursor.map { "&cursor=\($0)" } ?? "")
                let (status, json) = try await served.api(path, role: role)
                #expect(status == 200)
                let page = json["data"] as? [[String: Any]] ?? []
                seen += page.compactMap { $0["id"] as? String }
                published += page.filter { $0["state"] as? String == "published" }.count
                cursor = json["next_cursor"] as? String
            } while cursor != nil && seen.count < 10_000
            #expect(Set(seen).count == seen.count, "\(role): an objective came twice")
            #expect(seen == seen.sorted(), "\(role): the pages are not in order")
            let tree = try await served.api("/cycles/\(active)/tree", role: role).json
            let counts = try #require(tree["counts"] as? [String: Any])
            // The tree's health counts only published objectives (drafts and archived ones move no number).
            #expect(counts["total"] as? Int == published, "\(role): the list and the tree disagree")
        }

        // A closed quarter's grades come a page at a time, each objective on one page only.
        let closed = try #require(cycles.first { $0["state"] as? String == "closed" }?["id"] as? String)
        let cookies = try await served.signIn(try #require(printed["admin"]), browser)
        var graded: [[String]] = []
        for number in [1, 2] {
            let page = try await browser.get(served.link("/cycles/\(closed)?page=\(number)"), cookies: cookies)
            #expect(page.status == 200)
            #expect(page.body.contains("id=\"grades-pager\""))
            graded.append(Self.objectiveGrades(page.body))
        }
        #expect(graded[0].count == 50)
        #expect(!graded[1].isEmpty)
        #expect(Set(graded[0]).isDisjoint(with: graded[1]))
        let beyond = try await browser.get(served.link("/cycles/\(closed)?page=100000"), cookies: cookies)
        #expect(beyond.status == 200)
        #expect(!Self.objectiveGrades(beyond.body).isEmpty, "a page past the end shows the last one")
    }

    /// The ids of the objectives graded on a cycle page (`<article … id="grade-…">`).
    static func objectiveGrades(_ html: String) -> [String] {
        html.components(separatedBy: "class=\"card objective-grade\" id=\"grade-").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
    }
}
