import Foundation
import OKRTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Signing in with the company's identity provider, end to end: the real `okra demo` binary on a loopback port
/// and a real OpenID Connect provider process (`system-tests/oidc/provider.py`: discovery, PKCE, single-use codes,
/// RS256 ID tokens and a JWKS, and switches that make it misbehave). Each test walks the browser's redirects
/// one by one, so it sees exactly what Okra answers.
@Suite("Sign-in through an OpenID Connect provider process", .serialized)
struct OpenIDConnectSignInTests {
    static let clientID = "okra-test"
    static let clientSecret = "s3cret:with/odd+chars"

    @Test("A new person of an allowed domain is created at first sign-in with the default role and mapped team")
    func justInTime() async throws {
        guard let rig = try await Rig.start() else { return }
        defer { rig.stop() }
        try await rig.provider(
            user: ["sub": "kc-1001", "email": "Linh@okra.demo", "name": "Ngô Thùy Linh", "groups": ["okra-sales"]])
        let signedIn = try await rig.signIn(next: "/objectives")
        #expect(signedIn.status == 303 || signedIn.status == 302, "\(signedIn.body.prefix(300))")
        #expect(signedIn.location == "/objectives")
        let session = try #require(signedIn.cookies["okra_session"], "a session cookie")
        let me = try await rig.me(session: session)
        #expect(me["email"] as? String == "linh@okra.demo")
        #expect(me["name"] as? String == "Ngô Thùy Linh")
        #expect(me["role"] as? String == "member")
        #expect(me["team_ids"] as? [String] == ["sales"])
        // A second sign-in finds the same person by the provider's subject, not a new one.
        let again = try await rig.signIn()
        let meAgain = try await rig.me(session: try #require(again.cookies["okra_session"]))
        #expect(meAgain["id"] as? String == me["id"] as? String)
        #expect(try await rig.people().filter { $0 == "linh@okra.demo" }.count == 1)
    }

    @Test("Someone already in Okra is linked by verified e-mail, then found by subject when the e-mail changes")
    func linksExistingPeople() async throws {
        guard let rig = try await Rig.start() else { return }
        defer { rig.stop() }
        try await rig.provider(
            user: ["sub": "kc-ha", "email": "ha@okra.demo", "email_verified": true, "groups": ["okra-leads"]])
        let first = try await rig.signIn()
        let me = try await rig.me(session: try #require(first.cookies["okra_session"]))
        #expect(me["id"] as? String == "p-ha")
        #expect(me["role"] as? String == "lead")
        #expect(me["team_ids"] as? [String] == ["marketing"], "a team no group maps to is kept")
        try await rig.provider(
            user: [
                "sub": "kc-ha", "email": "thu.ha@other.example", "email_verified": true, "groups": ["okra-leads"],
            ])
        let second = try await rig.signIn()
        #expect(try await rig.me(session: try #require(second.cookies["okra_session"]))["id"] as? String == "p-ha")
        // An unverified address links no one and creates no one.
        try await rig.provider(user: ["sub": "kc-nam?", "email": "nam@okra.demo", "email_verified": false])
        let unverified = try await rig.signIn()
        #expect(unverified.status == 403)
        #expect(unverified.cookies["okra_session"] == nil)
        #expect(unverified.body.contains("verified e-mail"))
    }

    @Test("A wrong state, a replayed callback and a replayed code are refused, and sign no one in")
    func singleUse() async throws {
        guard let rig = try await Rig.start() else { return }
        defer { rig.stop() }
        try await rig.provider(user: ["sub": "kc-lan", "email": "lan@okra.demo"])
        let callback = try await rig.callbackURL()
        let wrongState = try await rig.browser.get(
            URL(
                string: callback.absoluteString.replacing(
                    /state=[0-9a-f]+/, with: "state=" + String(repeating: "0", count: 64)))!)
        #expect(wrongState.status == 400)
        #expect(wrongState.cookies["okra_session"] == nil)
        #expect(wrongState.body.contains("expired or was already used"))

        let used = try await rig.browser.get(callback)
        #expect(used.cookies["okra_session"] != nil)
        let replayed = try await rig.browser.get(callback)
        #expect(replayed.status == 400, "the state is spent")
        #expect(replayed.cookies["okra_session"] == nil)

        // The spent code with a fresh state: Okra asks the provider, which refuses a code used before.
        let fresh = try await rig.callbackURL()
        let freshState = try #require(fresh.absoluteString.firstMatch(of: /state=([0-9a-f]+)/)?.1)
        let spentCode = try #require(callback.absoluteString.firstMatch(of: /code=([^&]+)/)?.1)
        let replayedCode = try await rig.browser.get(
            URL(string: rig.okra.absoluteString + "sign-in/oidc/callback?code=\(spentCode)&state=\(freshState)")!)
        #expect(replayedCode.status == 401)
        #expect(replayedCode.cookies["okra_session"] == nil)
        #expect(replayedCode.body.contains("could not be confirmed"))
        let log = try await rig.providerLog()
        #expect(log.contains("code already used"), "the provider saw the replay")
    }

    @Test("Expired, forged, wrong-audience, wrong-issuer and wrong-nonce ID tokens are refused")
    func badTokens() async throws {
        guard let rig = try await Rig.start() else { return }
        defer { rig.stop() }
        try await rig.provider(user: ["sub": "kc-tam", "email": "tam@okra.demo"])
        for mode in ["expired", "wrong-key", "wrong-audience", "wrong-issuer", "wrong-nonce"] {
            try await rig.provider(mode: mode)
            let page = try await rig.signIn()
            #expect(page.status == 401, "\(mode)")
            #expect(page.cookies["okra_session"] == nil, "\(mode) signs no one in")
            #expect(page.body.contains("could not be confirmed"), "\(mode)")
        }
        try await rig.provider(mode: "good")
        #expect(try await rig.signIn().cookies["okra_session"] != nil)
    }

    @Test("After the provider rotates its signing key, sign-in goes on: Okra fetches the new key")
    func keyRotation() async throws {
        guard let rig = try await Rig.start() else { return }
        defer { rig.stop() }
        try await rig.provider(user: ["sub": "kc-bao", "email": "bao@okra.demo"])
        #expect(try await rig.signIn().cookies["okra_session"] != nil)
        try await rig.control("rotate", [:])
        let afterRotation = try await rig.signIn()
        #expect(
            afterRotation.cookies["okra_session"] != nil, "\(afterRotation.status) \(afterRotation.body.prefix(200))")
        try await rig.control("rotate", [:])
        #expect(try await rig.signIn().cookies["okra_session"] != nil)
    }

    @Test("An e-mail outside the allowed domains is not created; someone who left is refused")
    func refusals() async throws {
        guard let rig = try await Rig.start() else { return }
        defer { rig.stop() }
        try await rig.provider(user: ["sub": "g-77", "email": "stranger@gmail.com"])
        let outside = try await rig.signIn()
        #expect(outside.status == 403)
        #expect(outside.body.contains("gmail.com"))
        #expect(outside.cookies["okra_session"] == nil)
        #expect(try await !rig.people().contains("stranger@gmail.com"))

        try await rig.provider(user: ["sub": "kc-long", "email": "long@okra.demo"])
        #expect(try await rig.signIn().cookies["okra_session"] != nil)
        try await rig.patch("users/p-long", ["active": false])
        let left = try await rig.signIn()
        #expect(left.status == 403)
        #expect(left.body.contains("deactivated"))
        #expect(left.cookies["okra_session"] == nil)
    }

    @Test("Groups keep mapped teams and roles in step at every sign-in; other teams are left alone")
    func groupsInStep() async throws {
        guard let rig = try await Rig.start() else { return }
        defer { rig.stop() }
        try await rig.provider(
            user: ["sub": "kc-nam", "email": "nam@okra.demo", "groups": ["okra-sales", "okra-leads"]])
        let first = try await rig.me(session: try #require(try await rig.signIn().cookies["okra_session"]))
        #expect(first["role"] as? String == "lead")
        #expect(Set(first["team_ids"] as? [String] ?? []) == ["marketing", "sales"])
        try await rig.provider(user: ["sub": "kc-nam", "email": "nam@okra.demo", "groups": [String]()])
        let second = try await rig.me(session: try #require(try await rig.signIn().cookies["okra_session"]))
        #expect(second["role"] as? String == "member", "no group grants a role: the default role")
        #expect(second["team_ids"] as? [String] == ["marketing"], "marketing is not mapped, so it stays")
    }

    @Test("With passwords off, only the break-glass admin signs in with a password; the form offers the provider")
    func passwordsOff() async throws {
        guard
            let rig = try await Rig.start(extra: [
                "--no-password-sign-in", "--break-glass-admin", "admin@okra.demo", "--oidc-name", "Keycloak",
            ])
        else { return }
        defer { rig.stop() }
        let form = try await rig.browser.get(rig.okra.appendingPathComponent("sign-in"))
        #expect(form.body.contains("Sign in with Keycloak") || form.body.contains("Đăng nhập bằng Keycloak"))
        #expect(form.body.contains("<details"))
        let csrf = try #require(form.cookies["okra_csrf"])
        let member = try await rig.browser.post(
            rig.okra.appendingPathComponent("sign-in"),
            form: "email=nam%40okra.demo&password=okra-demo-2026&csrf=\(csrf)&next=%2F", cookies: ["okra_csrf": csrf])
        #expect(member.status == 403)
        #expect(member.cookies["okra_session"] == nil)
        let admin = try await rig.browser.post(
            rig.okra.appendingPathComponent("sign-in"),
            form: "email=admin%40okra.demo&password=okra-demo-2026&csrf=\(csrf)&next=%2F", cookies: ["okra_csrf": csrf])
        #expect(admin.cookies["okra_session"] != nil, "\(admin.status)")
    }

    @Test("Bad sign-in settings stop the server at start with a message naming the option")
    func badSettings() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("okra.db").path
        let cases: [([String], String)] = [
            (["--oidc-issuer", "ftp://idp.example", "--oidc-client-id", "a", "--oidc-client-secret", "b"], "https"),
            (["--oidc-issuer", "https://idp.example", "--oidc-client-secret", "b"], "--oidc-client-id"),
            (
                [
                    "--oidc-issuer", "https://idp.example", "--oidc-client-id", "a", "--oidc-client-secret", "b",
                    "--oidc-default-role", "admin",
                ], "default role"
            ),
            (
                [
                    "--oidc-issuer", "https://idp.example", "--oidc-client-id", "a", "--oidc-client-secret", "b",
                    "--oidc-group", "sales",
                ], "--oidc-group"
            ),
            (["--no-password-sign-in"], "--oidc-issuer"),
            (
                [
                    "--oidc-issuer", "https://idp.example", "--oidc-client-id", "a", "--oidc-client-secret", "b",
                    "--no-password-sign-in",
                ], "--break-glass-admin"
            ),
        ]
        for (arguments, named) in cases {
            let ran = try Binary.run(["serve", "--db", db, "--port", "0"] + arguments)
            #expect(ran.status != 0, "\(arguments)")
            #expect(ran.stderr.contains(named), "\(arguments): \(ran.stderr)")
        }
    }

    // MARK: The rig: the provider process and the okra binary

    final class Rig: @unchecked Sendable {
        let provider: ChildProcess
        let providerURL: URL
        let server: Binary.Server
        let okra: URL
        let db: String
        let folder: URL
        let browser = Browser()
        private var adminToken: String?

        init(
            provider: ChildProcess, providerURL: URL, server: Binary.Server, okra: URL, db: String, folder: URL
        ) {
            self.provider = provider
            self.providerURL = providerURL
            self.server = server
            self.okra = okra
            self.db = db
            self.folder = folder
        }

        /// The provider and `okra demo` with sign-in through it (okra.demo people created at first sign-in,
        /// `okra-sales` mapped to the Sales team and `okra-leads` to the lead role); nil when no Python here
        /// has PyJWT and cryptography and the environment does not insist.
        static func start(extra: [String] = []) async throws -> Rig? {
            guard let python = ProviderPython.path else {
                #expect(!ProviderPython.required, "OKRA_TEST_PYTHON cannot import jwt and cryptography")
                return nil
            }
            // A free port can be taken by another process before okra binds it: try again on another.
            for attempt in 1...3 {
                do {
                    return try await start(python: python, extra: extra)
                } catch let failure as RigFailure where failure.description.contains("Address already in use") {
                    if attempt == 3 { throw failure }
                }
            }
            return nil
        }

        private static func start(python: String, extra: [String]) async throws -> Rig {
            let folder = try Binary.temporaryFolder()
            let port = try freePort()
            let okra = URL(string: "http://127.0.0.1:\(port)/")!
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("system-tests/oidc/provider.py").path
            let out = Pipe()
            let provider = try ChildProcess(
                executable: python,
                arguments: [script, clientID, clientSecret, okra.absoluteString + "sign-in/oidc/callback"],
                standardOutput: out.fileHandleForWriting.fileDescriptor)
            try out.fileHandleForWriting.close()
            let line = String(decoding: out.fileHandleForReading.readLine(), as: UTF8.self)
            guard let providerPort = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                provider.terminate()
                throw RigFailure(description: "the provider printed no port: \(line)")
            }
            let providerURL = URL(string: "http://127.0.0.1:\(providerPort)")!
            let db = folder.appendingPathComponent("demo.db").path
            let server = try Binary.start(
                [
                    "demo", "--db", db, "--port", String(port), "--public-url", okra.absoluteString,
                    "--oidc-issuer", providerURL.absoluteString, "--oidc-client-id", clientID,
                    "--oidc-client-secret", clientSecret, "--oidc-allowed-domains", "okra.demo",
                    "--oidc-group", "okra-sales=team:sales", "--oidc-group", "okra-leads=role:lead",
                ] + extra, errors: folder.appendingPathComponent("okra.err"))
            guard try await server.waitForURL() != nil else {
                provider.terminate()
                server.stop()
                let errors = (try? String(contentsOf: folder.appendingPathComponent("okra.err"), encoding: .utf8)) ?? ""
                throw RigFailure(description: "okra did not start: \(server.output) \(errors)")
            }
            return Rig(provider: provider, providerURL: providerURL, server: server, okra: okra, db: db, folder: folder)
        }

        func stop() {
            server.stop()
            provider.terminate()
            provider.waitUntilExit()
            try? FileManager.default.removeItem(at: folder)
        }

        // MARK: The provider's switches

        func control(_ path: String, _ body: [String: Any]) async throws {
            var request = URLRequest(url: providerURL.appendingPathComponent("control/" + path))
            request.httpMethod = "POST"
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 204)
        }

        func provider(user: [String: Any]) async throws { try await control("user", user) }
        func provider(mode: String) async throws { try await control("token", ["mode": mode]) }

        func providerLog() async throws -> String {
            let (data, _) = try await URLSession.shared.data(from: providerURL.appendingPathComponent("control/log"))
            return String(decoding: data, as: UTF8.self)
        }

        // MARK: The browser's walk

        /// `/sign-in/oidc` → the provider's authorization endpoint → the callback URL it sends the browser to.
        func callbackURL(next: String = "/") async throws -> URL {
            let start = try await browser.get(
                URL(string: okra.absoluteString + "sign-in/oidc?next=" + next)!)
            let authorize = try #require(start.location.flatMap(URL.init(string:)), "\(start.status) \(start.body)")
            #expect(authorize.absoluteString.hasPrefix(providerURL.absoluteString + "/authorize?"))
            let back = try await browser.get(authorize)
            #expect(back.status == 302, "the provider accepted the request: \(back.body)")
            return try #require(back.location.flatMap(URL.init(string:)))
        }

        /// The whole walk: what Okra answers at its callback.
        func signIn(next: String = "/") async throws -> Browser.Page {
            try await browser.get(try await callbackURL(next: next))
        }

        func me(session: String) async throws -> [String: Any] {
            let page = try await browser.get(
                okra.appendingPathComponent("api/v1/me"), cookies: ["okra_session": session])
            #expect(page.status == 200, "\(page.body)")
            return try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
        }

        // MARK: The admin's API

        /// A change to someone, made as the admin with the version the API asks for.
        func patch(_ path: String, _ body: [String: Any]) async throws {
            var read = URLRequest(url: URL(string: okra.absoluteString + "api/v1/" + path)!)
            read.setValue("Bearer \(try token())", forHTTPHeaderField: "Authorization")
            let (_, response) = try await URLSession.shared.data(for: read)
            let etag = try #require((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "ETag"))
            try await api("PATCH", path, body, headers: ["If-Match": etag])
        }

        private func token() throws -> String {
            if let adminToken { return adminToken }
            let made = try Binary.run(["token", "create", "--db", db, "--email", "admin@okra.demo"])
            adminToken = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            return adminToken ?? ""
        }

        @discardableResult
        func api(_ method: String, _ path: String, _ body: [String: Any]? = nil, headers: [String: String] = [:])
            async throws -> [String: Any]
        {
            var request = URLRequest(url: URL(string: okra.absoluteString + "api/v1/" + path)!)
            request.httpMethod = method
            request.setValue("Bearer \(try token())", forHTTPHeaderField: "Authorization")
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            if let body {
                request.httpBody = try JSONSerialization.data(withJSONObject: body)
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            #expect((200..<300).contains((response as? HTTPURLResponse)?.statusCode ?? 0), "\(method) \(path)")
            return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        }

        /// Everyone's e-mail.
        func people() async throws -> [String] {
            let page = try await api("GET", "users?limit=200")
            return (page["data"] as? [[String: Any]] ?? []).compactMap { $0["email"] as? String }
        }
    }

    /// A free loopback port: the public URL (and so the redirect URI) must be known before okra starts.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct RigFailure: Error, CustomStringConvertible {
    let description: String
}

/// The Python that runs the test provider: it needs PyJWT and cryptography.
enum ProviderPython {
    static let required = ProcessInfo.processInfo.environment["OKRA_TEST_PYTHON"]?.isEmpty == false

    static let path: String? = {
        var candidates: [String] = []
        if let chosen = ProcessInfo.processInfo.environment["OKRA_TEST_PYTHON"], !chosen.isEmpty {
            candidates.append(chosen)
        }
        candidates += ["/tmp/okra-ci-venv/bin/python", "/usr/bin/python3"]
        return candidates.first { path in
            guard FileManager.default.isExecutableFile(atPath: path) else { return false }
            return (try? ChildProcess.run(path, ["-c", "import jwt, cryptography"]).status) == 0
        }
    }()
}

extension FileHandle {
    /// Bytes up to the first newline (or the end).
    fileprivate func readLine() -> Data {
        var line = Data()
        while true {
            let byte = readData(ofLength: 1)
            guard let first = byte.first, first != UInt8(ascii: "\n") else { return line }
            line.append(first)
        }
    }
}
