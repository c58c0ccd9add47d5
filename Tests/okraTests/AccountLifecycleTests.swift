import Foundation
import OKRTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A person's account from the outside, against the real binary with a real SMTP server: a forgotten password
/// reset by e-mail, then leaving (sessions, API tokens and password refused at once, no reset link) and coming
/// back.
@Suite("Password reset and leaving, through the served binary and a real SMTP server", .serialized)
struct AccountLifecycleTests {
    @Test("A reset link sets a new password once; a leaver is shut out at once and let back in on return")
    func resetThenLeave() async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("demo.db").path
        let server = try Binary.start([
            "demo", "--port", "0", "--db", db,
            "--smtp-url", "smtp://okra:b%C3%AD-m%E1%BA%ADt@127.0.0.1:\(sink.port)", "--smtp-from", "okra@okra.demo",
        ])
        defer { server.stop() }
        let url = try #require(try await server.waitForURL(), "the demo printed no URL: \(server.output)")
        let browser = Browser()

        // Forgot the password: the same answer for anyone; one e-mail, to Lan.
        let forgotForm = try await browser.get(url.appendingPathComponent("password/forgot"))
        let csrf = try #require(forgotForm.cookies["okra_csrf"])
        for email in ["lan%40okra.demo", "nobody%40okra.demo"] {
            let answer = try await browser.post(
                url.appendingPathComponent("password/forgot"), form: "email=\(email)&csrf=\(csrf)",
                cookies: ["okra_csrf": csrf])
            #expect(answer.status == 200 && answer.body.contains("id=\"reset-sent\""))
        }
        let mails = try sink.received()
        #expect(mails.map(\.rcptTos) == [["lan@okra.demo"]])
        let token = try #require(
            mails.first?.body.firstMatch(of: /password\/reset\?token=([0-9a-f]+)/).map { String($0.1) })
        let reset = try await browser.post(
            url.appendingPathComponent("password/reset"),
            form: "token=\(token)&password=mat-khau-moi-2026&csrf=\(csrf)", cookies: ["okra_csrf": csrf])
        #expect(reset.status == 303 && reset.location == "/sign-in?reset=1")
        let again = try await browser.post(
            url.appendingPathComponent("password/reset"),
            form: "token=\(token)&password=lan-thu-hai-2026&csrf=\(csrf)", cookies: ["okra_csrf": csrf])
        #expect(again.status == 404, "a link works once")
        #expect(try await signIn(browser, url, password: "okra-demo-2026") == nil, "the old password is refused")
        let session = try #require(try await signIn(browser, url, password: "mat-khau-moi-2026"))
        #expect(try await browser.get(url, cookies: ["okra_session": session]).status == 200)

        // Lan leaves: her session, her API token and her password stop at once; no reset link is sent.
        let lanToken = try Binary.run(["token", "create", "--db", db, "--email", "lan@okra.demo"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await me(url, token: lanToken) == 200)
        let admin = try Binary.run(["token", "create", "--db", db, "--email", "admin@okra.demo"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await setActive(false, url, admin: admin) == 200)
        #expect(try await browser.get(url, cookies: ["okra_session": session]).status == 303, "back to sign-in")
        #expect(try await me(url, token: lanToken) == 401)
        #expect(try await signIn(browser, url, password: "mat-khau-moi-2026") == nil)
        _ = try await browser.post(
            url.appendingPathComponent("password/forgot"), form: "email=lan%40okra.demo&csrf=\(csrf)",
            cookies: ["okra_csrf": csrf])
        #expect(try sink.received().count == 1, "no reset link for someone who left")

        // She comes back: she signs in again; the token revoked when she left stays revoked.
        #expect(try await setActive(true, url, admin: admin) == 200)
        #expect(try await signIn(browser, url, password: "mat-khau-moi-2026") != nil)
        #expect(try await me(url, token: lanToken) == 401)
    }

    /// Lan's session after signing in with `password`, or nil when refused.
    func signIn(_ browser: Browser, _ url: URL, password: String) async throws -> String? {
        let form = try await browser.get(url.appendingPathComponent("sign-in"))
        let csrf = try #require(form.cookies["okra_csrf"])
        let page = try await browser.post(
            url.appendingPathComponent("sign-in"), form: "email=lan%40okra.demo&password=\(password)&csrf=\(csrf)",
            cookies: ["okra_csrf": csrf])
        return page.cookies["okra_session"]
    }

    func me(_ url: URL, token: String) async throws -> Int {
        var request = URLRequest(url: url.appendingPathComponent("api/v1/me"))
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// Deactivates or reactivates Lan as the admin, with the version the API asks for.
    func setActive(_ active: Bool, _ url: URL, admin: String) async throws -> Int {
        var read = URLRequest(url: url.appendingPathComponent("api/v1/users/p-lan"))
        read.setValue("Bearer \(admin)", forHTTPHeaderField: "Authorization")
        let (_, current) = try await URLSession.shared.data(for: read)
        let etag = (current as? HTTPURLResponse)?.value(forHTTPHeaderField: "ETag") ?? ""
        var request = URLRequest(url: url.appendingPathComponent("api/v1/users/p-lan"))
        request.httpMethod = "PATCH"
        request.setValue("Bearer \(admin)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(etag, forHTTPHeaderField: "If-Match")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["active": active])
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
