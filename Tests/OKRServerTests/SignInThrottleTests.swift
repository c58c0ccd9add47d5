import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date

    init(_ date: Date) { self.date = date }

    var now: Date { lock.withLock { date } }

    func advance(by seconds: TimeInterval) { lock.withLock { date = date.addingTimeInterval(seconds) } }
}

@Suite("Sign-in is limited per account and per address")
struct SignInThrottleTests {
    /// The demo world served with a clock the test moves.
    static func serve(
        _ world: TestWorld, clock: TestClock, _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let router = buildRouter(
            store: world.store, configuration: ServerConfiguration(bcryptCost: 4),
            environment: AppEnvironment(now: { clock.now }))
        try await Application(router: router).test(.router, body)
    }

    static func start() -> TestClock {
        TestClock(Date(timeIntervalSince1970: 1_795_766_400))
    }

    @Test("The 6th try after 5 wrong passwords is 429 even with the right one; another account still signs in")
    func perAccount() async throws {
        let world = try await TestWorld.demo()
        let clock = Self.start()
        try await Self.serve(world, clock: clock) { client in
            for _ in 1...5 {
                let wrong = try await client.trySignIn("nam@okra.demo", password: "không phải mật khẩu")
                #expect(wrong.status == .unauthorized)
                clock.advance(by: 10)
            }
            let blocked = try await client.trySignIn("nam@okra.demo", password: DemoOrganization.password)
            #expect(blocked.status == .tooManyRequests)
            let seconds = try #require(blocked.headers[.retryAfter].flatMap { Int($0) })
            #expect(seconds == 15 * 60 - 50, "the oldest failure leaves the window 50 s after it would have")
            #expect(blocked.body.contains("Thử quá nhiều lần. Hãy thử lại sau \(seconds) giây."))
            let other = try await client.trySignIn("ha@okra.demo", password: DemoOrganization.password)
            #expect(other.status == .seeOther || other.status == .found)
        }
        try await world.close()
    }

    @Test("The window passes with the clock; a successful sign-in then clears the account's count")
    func windowPasses() async throws {
        let world = try await TestWorld.demo()
        let clock = Self.start()
        try await Self.serve(world, clock: clock) { client in
            for _ in 1...5 {
                _ = try await client.trySignIn("lan@okra.demo", password: "sai mật khẩu")
            }
            clock.advance(by: 15 * 60 - 1)
            let early = try await client.trySignIn("lan@okra.demo", password: DemoOrganization.password)
            #expect(early.status == .tooManyRequests)
            #expect(early.headers[.retryAfter] == "1")
            clock.advance(by: 1)
            let open = try await client.trySignIn("lan@okra.demo", password: DemoOrganization.password)
            #expect(open.status == .seeOther || open.status == .found)
            for _ in 1...4 {
                let wrong = try await client.trySignIn("lan@okra.demo", password: "sai mật khẩu")
                #expect(wrong.status == .unauthorized, "the success cleared the earlier failures")
            }
        }
        try await world.close()
    }

    @Test("20 failures from one address across accounts block the address, for a right password too")
    func perAddress() async throws {
        let world = try await TestWorld.demo()
        let clock = Self.start()
        try await Self.serve(world, clock: clock) { client in
            for account in 1...5 {
                for _ in 1...4 {
                    let wrong = try await client.trySignIn("guess\(account)@okra.demo", password: "mật khẩu đoán")
                    #expect(wrong.status == .unauthorized)
                }
            }
            let blocked = try await client.trySignIn("ha@okra.demo", password: DemoOrganization.password)
            #expect(blocked.status == .tooManyRequests)
            clock.advance(by: 15 * 60)
            let open = try await client.trySignIn("ha@okra.demo", password: DemoOrganization.password)
            #expect(open.status == .seeOther || open.status == .found)
        }
        try await world.close()
    }

    @Test("The counters are in the database under hashed keys, so every instance shares them")
    func shared() async throws {
        let world = try await TestWorld.demo()
        let clock = Self.start()
        try await Self.serve(world, clock: clock) { client in
            for _ in 1...5 { _ = try await client.trySignIn("bao@okra.demo", password: "sai mật khẩu") }
        }
        let key = SignInThrottle.accountKey("Bao@Okra.Demo")
        #expect(key.hasPrefix("signin.account.") && !key.contains("bao"))
        #expect(try await world.store.persistGet(key: key, now: clock.now) != nil)
        try await Self.serve(world, clock: clock) { client in
            let blocked = try await client.trySignIn("bao@okra.demo", password: DemoOrganization.password)
            #expect(blocked.status == .tooManyRequests, "a second router over the same database")
        }
        try await world.close()
    }

    @Test("A burst of 30 concurrent wrong passwords is checked 5 times; the right password after it is refused")
    func burst() async throws {
        let world = try await TestWorld.demo()
        let clock = Self.start()
        try await Self.serve(world, clock: clock) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 1...30 {
                    group.addTask { try await client.trySignIn("nam@okra.demo", password: "đoán mò mật khẩu").status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5, "only 5 tries reach bcrypt")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 25)
            let right = try await client.trySignIn("nam@okra.demo", password: DemoOrganization.password)
            #expect(right.status == .tooManyRequests)
        }
        try await world.close()
    }

    @Test("An e-mail without an account is answered like a wrong password and counted the same")
    func unknownAccount() async throws {
        let world = try await TestWorld.demo()
        let clock = Self.start()
        try await Self.serve(world, clock: clock) { client in
            let known = try await client.trySignIn("nam@okra.demo", password: "sai mật khẩu rồi")
            let unknown = try await client.trySignIn("khong-co@okra.demo", password: "sai mật khẩu rồi")
            #expect(known.status == .unauthorized && unknown.status == .unauthorized)
            #expect(Self.alert(known.body) != nil)
            #expect(Self.alert(known.body) == Self.alert(unknown.body), "the same words for both")
            for _ in 1...4 { _ = try await client.trySignIn("khong-co@okra.demo", password: "sai mật khẩu rồi") }
            let blocked = try await client.trySignIn("khong-co@okra.demo", password: "sai mật khẩu rồi")
            #expect(blocked.status == .tooManyRequests)
        }
        try await world.close()
    }

    /// The text of the page's alert (the refusal).
    static func alert(_ body: String) -> String? {
        guard let start = body.range(of: "role=\"alert\"") else { return nil }
        let rest = body[start.upperBound...]
        guard let open = rest.firstIndex(of: ">") else { return nil }
        return String(rest[rest.index(after: open)...].prefix { $0 != "<" })
    }

    @Test("Guessing from other addresses slows the account down but never locks the person out of a known address")
    func noLockout() async throws {
        let world = try await TestWorld.demo()
        let clock = Self.start()
        let throttle = SignInThrottle(store: world.store, now: { clock.now })
        func attempt(_ address: String) async throws -> SignInThrottle.Attempt {
            try await throttle.reserve(email: "anh@okra.demo", address: address)
        }
        // The admin signed in from her desk once.
        guard case .allowed(let desk) = try await attempt("198.51.100.7") else { throw CancellationError() }
        try await throttle.succeeded(desk)
        // Someone guesses from many addresses, as fast as allowed.
        var refused: [Int] = []
        for n in 0..<40 {
            switch try await attempt("203.0.113.\(n)") {
            case .allowed: break
            case .wait(let seconds): refused.append(seconds)
            }
            clock.advance(by: 1)
        }
        #expect(!refused.isEmpty, "past 5 failures the account's tries are spaced out")
        #expect(refused.allSatisfy { $0 <= Int(SignInThrottle.maximumDelay) }, "a delay, never a lock")
        // Her desk is let through at once, whatever the guessing.
        guard case .allowed = try await attempt("198.51.100.7") else {
            Issue.record("the admin is locked out of her own address")
            return
        }
        try await world.close()
    }

    @Test("After sign-in only a local path is followed: tabs, newlines, backslashes and // lead home")
    func localPathOnly() async throws {
        #expect(PageKit.localPath("/teams/marketing?cycle=2026-q4") == "/teams/marketing?cycle=2026-q4")
        #expect(PageKit.localPath("/\t/evil.example") == "/")
        #expect(PageKit.localPath("/\n/evil.example") == "/")
        #expect(PageKit.localPath("/\\evil.example") == "/")
        #expect(PageKit.localPath("//evil.example") == "/")
        #expect(PageKit.localPath("/ /evil.example") == "/")
        #expect(PageKit.localPath("https://evil.example") == "/")
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.execute(uri: "/sign-in", method: .get) { BrowserCookies($0) }
            for next in ["%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%5Cevil.example"] {
                let form =
                    "email=nam%40okra.demo&password=\(DemoOrganization.password.formEncoded)&csrf=\(cookies.csrf)"
                    + "&next=\(next)"
                try await client.execute(
                    uri: "/sign-in", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                    body: ByteBuffer(string: form)
                ) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/", "next=\(next)")
                }
            }
            let signedIn = try await client.signIn("nam@okra.demo")
            let csrf = signedIn.csrf
            try await client.execute(
                uri: "/language", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: signedIn.header],
                body: ByteBuffer(string: "to=en&csrf=\(csrf)&back=%2F%09%2Fevil.example")
            ) { response in
                #expect(response.headers[.location] == "/")
            }
        }
        try await world.close()
    }

    @Test("The client's address: the peer; X-Forwarded-For only from a proxy the operator named")
    func clientAddress() throws {
        let proxy = try SocketAddress(ipAddress: "127.0.0.1", port: 40_000)
        let outside = try SocketAddress(ipAddress: "203.0.113.9", port: 40_000)
        let docker = try SocketAddress(ipAddress: "172.17.0.1", port: 40_000)
        let none = TrustedProxies([])
        let named = TrustedProxies(["127.0.0.1", "172.16.0.0/12", "fd00::/8"])
        #expect(SignInThrottle.clientAddress(peer: nil, forwardedFor: "198.51.100.1", trusted: named) == "unknown")
        #expect(SignInThrottle.clientAddress(peer: outside, forwardedFor: nil, trusted: named) == "203.0.113.9")
        #expect(
            SignInThrottle.clientAddress(peer: outside, forwardedFor: "198.51.100.1", trusted: named) == "203.0.113.9",
            "a client on the internet cannot choose its address")
        #expect(
            SignInThrottle.clientAddress(peer: proxy, forwardedFor: "198.51.100.1", trusted: none) == "127.0.0.1",
            "by default nobody's X-Forwarded-For is believed, not even a local one")
        #expect(
            SignInThrottle.clientAddress(peer: proxy, forwardedFor: "1.2.3.4, 198.51.100.1", trusted: named)
                == "198.51.100.1")
        #expect(
            SignInThrottle.clientAddress(peer: docker, forwardedFor: "198.51.100.1", trusted: named) == "198.51.100.1")
        #expect(SignInThrottle.clientAddress(peer: proxy, forwardedFor: nil, trusted: named) == "127.0.0.1")
        #expect(!named.contains("172.32.0.1"))
        #expect(named.contains("::ffff:172.20.0.7"))
        #expect(named.contains("fd12::1") && !named.contains("fe80::1"))
        #expect(TrustedProxies.Entry("10.0.0.0/33") == nil && TrustedProxies.Entry("proxy.local") == nil)
    }

    @Test("Every answer carries the safety headers; pages a CSP without inline scripts; nothing but assets is stored")
    func securityHeaders() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            for uri in ["/company", "/sign-in", "/api/v1/cycles", "/assets/okra.css", "/teams/marketing/meeting.md"] {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: cookies.header]) { response in
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                    #expect(response.headers[HTTPField.Name("X-XSS-Protection")!] == "0", "\(uri)")
                    let html = response.headers[.contentType]?.hasPrefix("text/html") == true
                    let csp = response.headers[.contentSecurityPolicy]
                    #expect((csp != nil) == !uri.hasPrefix("/assets/"), "\(uri)")
                    if !html, let csp { #expect(csp == "default-src 'none'; frame-ancestors 'none'", "\(uri)") }
                    if html, let csp {
                        #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe"))
                        #expect(csp.contains("frame-ancestors 'none'") && csp.contains("base-uri 'none'"))
                    }
                    let stored = uri.hasPrefix("/assets/")
                    #expect((response.headers[.cacheControl] == "no-store, max-age=0") == !stored, "\(uri)")
                }
            }
            try await client.execute(
                uri: "/teams/marketing/meeting.md", method: .get, headers: [.cookie: cookies.header]
            ) {
                #expect($0.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            }
        }
        try await world.close()
    }
}

/// What the sign-in form answered.
struct SignInAnswer: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String
}

extension TestClientProtocol {
    /// Posts the sign-in form once, as a browser would, whatever the outcome.
    func trySignIn(_ email: String, password: String) async throws -> SignInAnswer {
        let cookies = try await execute(uri: "/sign-in", method: .get) { BrowserCookies($0) }
        let form = "email=\(email.formEncoded)&password=\(password.formEncoded)&csrf=\(cookies.csrf)&next=%2F"
        return try await execute(
            uri: "/sign-in", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: form)
        ) { SignInAnswer(status: $0.status, headers: $0.headers, body: String(buffer: $0.body)) }
    }
}
