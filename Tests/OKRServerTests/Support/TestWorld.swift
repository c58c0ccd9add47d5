import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OKRCore
import OKRServer
import OKRStore
import Testing

/// A demo organization in a temporary SQLite file, served in-process on a fixed day (Friday 27 November 2026).
/// One clock for everything: the store stamps what it writes, and the router reads, by the same fixed day.
struct TestWorld {
    static let today = Day(iso: "2026-11-27")!
    let database: OKRDatabase
    let store: OKRStore
    let directory: URL
    /// The world's clock, shared by the store and the router: each reading a millisecond after the one before.
    let environment: AppEnvironment

    /// The world's time now (a reading of its clock).
    var now: Date { environment.now() }

    /// bcrypt at its lowest cost keeps the tests fast; production uses 12.
    static let hasher = PasswordHasher(cost: 4)

    static func demo() async throws -> TestWorld {
        let world = try await empty()
        let hash = try await hasher.hash(DemoOrganization.password)
        try await DemoOrganization(store: world.store, today: today, passwordHash: hash).loadIfEmpty()
        return world
    }

    /// A migrated database that holds no one (a server's first run).
    static func empty() async throws -> TestWorld {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("okra-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var logger = Logger(label: "okra-test")
        logger.logLevel = .warning
        let database = try await OKRDatabase.open(
            .sqlite(path: directory.appendingPathComponent("okra.db").path), logger: logger)
        try await database.migrate()
        let environment = AppEnvironment.fixed(today)
        return TestWorld(
            database: database, store: OKRStore(database, now: environment.now), directory: directory,
            environment: environment)
    }

    func close() async throws {
        try await database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    var router: Router<OkraContext> {
        var configuration = ServerConfiguration(bcryptCost: 4)
        // The webhook receivers of the tests listen on loopback.
        configuration.webhookTargets = WebhookTargets(allowPrivate: true)
        return buildRouter(store: store, configuration: configuration, environment: environment)
    }

    /// Runs `body` against the in-process application.
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: router)
        return try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// Signs in through the form, as a browser would, and returns the cookies to send afterwards.
    func signIn(_ email: String, password: String = DemoOrganization.password) async throws -> BrowserCookies {
        var cookies = try await execute(uri: "/sign-in", method: .get) { response in
            BrowserCookies(response)
        }
        let form = "email=\(email.formEncoded)&password=\(password.formEncoded)&csrf=\(cookies.csrf)&next=%2F"
        try await execute(
            uri: "/sign-in", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: form)
        ) { response in
            #expect(response.status == .seeOther || response.status == .found, "sign-in of \(email)")
            cookies.merge(response)
        }
        return cookies
    }

    /// The version My week's update form carries (as a browser would send it back), when one is saved.
    func weekFormVersion(_ cookies: BrowserCookies) async throws -> [(String, String)] {
        let (_, html) = try await page("/", cookies)
        guard let start = html.range(of: "name=\"version\" value=\"") else { return [] }
        return [("version", String(html[start.upperBound...].prefix { $0 != "\"" }))]
    }

    /// GETs a page with the cookies and returns its status and HTML.
    func page(_ uri: String, _ cookies: BrowserCookies) async throws -> (HTTPResponse.Status, String) {
        try await execute(uri: uri, method: .get, headers: [.cookie: cookies.header]) { response in
            (response.status, String(buffer: response.body))
        }
    }
}

/// The cookies a browser would keep between requests.
struct BrowserCookies: Sendable {
    var values: [String: String] = [:]

    /// No cookies: a browser on its first visit.
    init() {}

    init(_ response: TestResponse) {
        merge(response)
    }

    mutating func merge(_ response: TestResponse) {
        for field in response.headers[values: .setCookie] {
            // `name=` with nothing after it is a cookie being cleared, as a browser reads it.
            let pair = field.split(separator: ";")[0].split(
                separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            values[String(pair[0])] = String(pair[1])
        }
    }

    var csrf: String { values["okra_csrf"] ?? "" }
    var header: String { values.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
}

extension String {
    var formEncoded: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self
    }
}
