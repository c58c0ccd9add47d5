import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// The API's permission matrix, for the pages: every page route for a visitor not signed in and for each role,
/// on what is one's own, another team's and private. And every form route refuses a post without the CSRF
/// token, whoever sends it, changing nothing.
@Suite("Page permission and CSRF matrix")
struct PagePermissionMatrix {
    /// Who asks: not signed in, the viewer, a member of Marketing, Marketing's lead, a lead of another team
    /// (Sales), the admin.
    static let roles = ["anonymous", "mai", "nam", "ha", "bao", "admin"]

    /// A GET route and its expected status for each of `roles`, in that order (303: to the sign-in page).
    struct Row: Sendable, CustomStringConvertible {
        let uri: String
        let expected: [Int]
        var description: String { uri }
    }

    static func row(_ uri: String, _ expected: Int...) -> Row { Row(uri: uri, expected: expected) }

    /// Nam's published objective; `o-nam-secret` is his private one (added by the test).
    static let pages: [Row] = [
        row("/", 303, 200, 200, 200, 200, 200),
        row("/company", 303, 200, 200, 200, 200, 200),
        row("/map", 303, 200, 200, 200, 200, 200),
        row("/check-in", 303, 200, 200, 200, 200, 200),
        row("/notifications", 303, 200, 200, 200, 200, 200),
        row("/cycles", 303, 200, 200, 200, 200, 200),
        row("/cycles/2026-q4", 303, 200, 200, 200, 200, 200),
        row("/cycles/2026-q4/brief", 303, 200, 200, 200, 200, 200),
        row("/cycles/2026-q4/planning", 303, 200, 200, 200, 200, 200),
        row("/cycles/nobody/planning", 303, 404, 404, 404, 404, 404),
        row("/cycles/2026-q4/close", 303, 403, 403, 403, 403, 200),
        row("/objectives/new", 303, 403, 200, 200, 200, 200),
        row("/objectives/o-nam-email", 303, 200, 200, 200, 200, 200),
        row("/objectives/o-nam-email/edit", 303, 403, 200, 200, 403, 200),
        row("/objectives/o-sales-nurture/edit", 303, 403, 403, 403, 200, 200),
        row("/objectives/o-nam-secret", 303, 404, 200, 200, 404, 200),
        row("/objectives/o-nam-secret/edit", 303, 404, 200, 200, 404, 200),
        row("/objectives/o-nobody", 303, 404, 404, 404, 404, 404),
        row("/objectives/o-prev-onboarding", 303, 200, 200, 200, 200, 200),
        row("/teams/marketing", 303, 200, 200, 200, 200, 200),
        row("/teams/marketing/meeting", 303, 200, 200, 200, 200, 200),
        row("/teams/marketing/meeting.md", 303, 200, 200, 200, 200, 200),
        row("/teams/nobody", 303, 404, 404, 404, 404, 404),
        row("/asks/new", 303, 403, 200, 200, 200, 200),
        row("/asks/ask-mkt-sales", 303, 200, 200, 200, 200, 200),
        // The organization's settings and holidays are read by everyone (the forms are the admin's).
        row("/settings", 303, 200, 200, 200, 200, 200),
        row("/settings/holidays", 303, 200, 200, 200, 200, 200),
        row("/settings/reminders", 303, 403, 403, 403, 403, 200),
        row("/settings/teams", 303, 200, 200, 200, 200, 200),
        row("/settings/teams/marketing", 303, 403, 403, 403, 403, 200),
        row("/settings/people", 303, 200, 200, 200, 200, 200),
        row("/settings/people/p-nam", 303, 403, 403, 403, 403, 200),
        row("/settings/tokens", 303, 200, 200, 200, 200, 200),
        row("/settings/webhooks", 303, 403, 403, 403, 403, 200),
    ]

    static func world() async throws -> TestWorld {
        let world = try await TestWorld.demo()
        let secret = try Objective(
            id: "o-nam-secret", cycleID: "2026-q4", title: LocalizedName(vi: "Bí mật của Nam", en: "Nam's secret"),
            owner: .person("p-nam"), state: .draft, visibility: .private)
        _ = try await world.store.createObjective(secret, actor: "p-nam")
        return world
    }

    static func cookies(_ client: some TestClientProtocol) async throws -> [String: BrowserCookies] {
        var cookies: [String: BrowserCookies] = [:]
        cookies["anonymous"] = try await client.execute(uri: "/sign-in", method: .get) { BrowserCookies($0) }
        for role in roles.dropFirst() {
            cookies[role] = try await client.signIn(role == "admin" ? DemoOrganization.adminEmail : "\(role)@okra.demo")
        }
        return cookies
    }

    @Test("Every page route × role × own, other and private")
    func pagesByRole() async throws {
        let world = try await Self.world()
        let mismatches = try await world.test { client in
            let cookies = try await Self.cookies(client)
            var mismatches: [String] = []
            for row in Self.pages {
                for (role, expected) in zip(Self.roles, row.expected) {
                    let (status, location) = try await client.execute(
                        uri: row.uri, method: .get, headers: [.cookie: cookies[role]!.header]
                    ) { ($0.status.code, $0.headers[.location] ?? "") }
                    if status != expected { mismatches.append("\(row.uri) as \(role): \(status), not \(expected)") }
                    if status == 303 && !location.hasPrefix("/sign-in?next=") {
                        mismatches.append("\(row.uri) as \(role): 303 to \(location)")
                    }
                }
            }
            return mismatches
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        try await world.close()
    }

    /// Every form route, with a body that would change something were the token there.
    static let forms: [(uri: String, body: String)] = [
        ("/week", "plans=x"), ("/check-in", "value-kr-nam-open=30"), ("/objectives/new", "title=X"),
        ("/objectives/check", "title=X"), ("/objectives/o-nam-email/edit", "title=X"),
        ("/objectives/o-nam-email/state", "state=archived"), ("/objectives/o-nam-email/comments", "body=X"),
        ("/objectives/o-prev-onboarding/retrospective", "worked=X"),
        ("/objectives/o-prev-onboarding/carry-over", "cycle_id=2026-q4"),
        ("/asks", "to=sales&need=X"), ("/asks/ask-mkt-sales/accept", ""), ("/asks/ask-mkt-sales/decline", "reason=X"),
        ("/asks/ask-mkt-sales/counter", "reason=X"), ("/asks/ask-mkt-sales/done", ""), ("/cycles", "name=X"),
        ("/cycles/2026-q4", "name=X"), ("/cycles/2026-q4/activate", ""), ("/cycles/2026-q4/close", ""),
        ("/cycles/2026-q3/reopen", ""), ("/cycles/2026-q4/brief", "body=X"),
        ("/cycles/2026-q4/brief/comments", "body=X&question=1"),
        ("/cycles/2026-q4/grades/kr-mkt-email", "grade=0.5&reason=X"),
        ("/notifications/read", ""), ("/settings", "name=X"),
        ("/settings/holidays", "day=2026-12-24&name=X"), ("/settings/holidays/remove", "day=2026-12-24"),
        ("/settings/reminders", "enabled=on"), ("/settings/reminders/test-email", ""), ("/settings/teams", "name=X"),
        ("/settings/teams/marketing", "name=X"), ("/settings/people", "name=X&email=x%40y.z"),
        ("/settings/people/p-nam", "name=X"), ("/settings/tokens", "name=X"),
        ("/settings/tokens/t-none/revoke", ""), ("/settings/webhooks", "url=https%3A%2F%2Fexample.com"),
        ("/settings/webhooks/wh-none/active", "active=false"), ("/settings/webhooks/wh-none/delete", ""),
        ("/sign-out", ""), ("/language", "language=en"),
    ]

    @Test("Every form route refuses a post without the CSRF token for every role, and nothing changes")
    func formsNeedTheToken() async throws {
        let world = try await Self.world()
        let auditBefore = try await world.store.auditEvents(entity: nil, entityID: nil, limit: 10_000).count
        let mismatches = try await world.test { client in
            let cookies = try await Self.cookies(client)
            var mismatches: [String] = []
            for form in Self.forms {
                for role in Self.roles {
                    let status = try await client.execute(
                        uri: form.uri, method: .post,
                        headers: [
                            .contentType: "application/x-www-form-urlencoded", .cookie: cookies[role]!.header,
                        ],
                        body: ByteBuffer(string: form.body)
                    ) { $0.status.code }
                    // Not signed in, a route may send to the sign-in page before it looks at the token.
                    let allowed: Set<Int> = role == "anonymous" ? [403, 303] : [403]
                    if !allowed.contains(status) {
                        mismatches.append("POST \(form.uri) as \(role) without token: \(status)")
                    }
                }
            }
            // With the token but not signed in: to the sign-in page, never a change.
            let anonymous = cookies["anonymous"]!
            for form in Self.forms where !["/sign-out", "/language"].contains(form.uri) {
                let (status, location) = try await client.execute(
                    uri: form.uri, method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: anonymous.header],
                    body: ByteBuffer(string: form.body + "&csrf=" + anonymous.csrf)
                ) { ($0.status.code, $0.headers[.location] ?? "") }
                // The editor's live check is called by the page's script: it answers 401, not a redirect.
                if form.uri == "/objectives/check" && status == 401 { continue }
                if status != 303 || !location.hasPrefix("/sign-in") {
                    mismatches.append("POST \(form.uri) not signed in: \(status) \(location)")
                }
            }
            return mismatches
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(
            try await world.store.auditEvents(entity: nil, entityID: nil, limit: 10_000).count == auditBefore,
            "nothing was changed")
        try await world.close()
    }
}
