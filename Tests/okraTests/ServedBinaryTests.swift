import Foundation
import OKRTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The real `okra` binary, as an operator runs it: a demo database in a temp folder, the server on a free
/// loopback port, an API token made by `okra token create`, and `/api/v1/objectives` read over HTTP.
@Suite("The okra binary, served on a loopback port", .serialized)
struct ServedBinaryTests {
    @Test("okra demo serves the mission's objectives over HTTP, read with a token from okra token create")
    func demoOverHTTP() async throws {
        let folder = try Binary.temporaryFolder()
        let db = folder.appendingPathComponent("demo.db").path
        let server = try Binary.start(["demo", "--port", "0", "--db", db])
        defer { server.stop() }
        let url = try #require(try await server.waitForURL(), "the demo printed no URL: \(server.output)")

        let token = try Binary.run(["token", "create", "--db", db, "--email", "admin@okra.demo"])
        #expect(token.status == 0)
        let secret = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!secret.isEmpty && !secret.contains(" "), "only the token on stdout")

        var request = URLRequest(url: url.appendingPathComponent("api/v1/objectives"))
        request.setValue("Bearer \(secret)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Server") == nil, "no Server header")
        let body = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let objectives = try #require(body["data"] as? [[String: Any]])
        let marketing = try #require(objectives.first { $0["id"] as? String == "o-mkt-mql" })
        let krs = try #require(marketing["key_results"] as? [[String: Any]])
        let email = try #require(krs.first { $0["id"] as? String == "kr-mkt-email" })
        #expect((email["progress"] as? NSNumber)?.doubleValue == 0.6)

        let (_, unauthorized) = try await URLSession.shared.data(from: url.appendingPathComponent("api/v1/objectives"))
        #expect((unauthorized as? HTTPURLResponse)?.statusCode == 401)
        try? FileManager.default.removeItem(at: folder)
    }

    /// Durable commits: what the server acknowledged (a sign-in's session, a language choice) is on disk before
    /// the answer leaves, so a crash right after loses nothing.
    @Test("Writes acknowledged before a crash (kill -9) are still there after a restart")
    func durableAcrossCrash() async throws {
        let folder = try Binary.temporaryFolder()
        let db = folder.appendingPathComponent("demo.db").path
        let first = try Binary.start(["demo", "--port", "0", "--db", db])
        defer { first.stop() }
        let url = try #require(try await first.waitForURL(), "the demo printed no URL: \(first.output)")
        let browser = Browser()

        let csrf = try #require(try await browser.get(url.appendingPathComponent("sign-in")).cookies["okra_csrf"])
        let signIn = try await browser.post(
            url.appendingPathComponent("sign-in"),
            form: "email=admin%40okra.demo&password=okra-demo-2026&csrf=\(csrf)&next=%2F", cookies: ["okra_csrf": csrf])
        #expect(signIn.status == 303)
        let session = try #require(signIn.cookies["okra_session"])
        let rotated = try #require(signIn.cookies["okra_csrf"], "signing in gives a new CSRF token")
        #expect(rotated != csrf)
        let cookies = ["okra_csrf": rotated, "okra_session": session]
        let language = try await browser.post(
            url.appendingPathComponent("language"), form: "to=en&back=%2F&csrf=\(rotated)", cookies: cookies)
        #expect(language.status == 303)

        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()

        let second = try Binary.start(["serve", "--port", "0", "--db", db])
        defer { second.stop() }
        let restarted = try #require(try await second.waitForURL(), "serve printed no URL: \(second.output)")
        let page = try await browser.get(
            restarted.appendingPathComponent("company"), cookies: ["okra_session": session])
        #expect(page.status == 200)
        #expect(page.body.contains("<html lang=\"en\">"))
        #expect(page.body.contains("Improve advertising channels to generate more Marketing Qualified Leads (MQL)"))
        try? FileManager.default.removeItem(at: folder)
    }

    @Test("okra user and token find the folder's only database, and refuse a missing one unless --create")
    func findsTheDatabase() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let none = try Binary.run(["token", "create", "--email", "lan@example.vn"], in: folder)
        #expect(none.status == 64)
        #expect(none.stderr.contains("no database at okra.db"))
        #expect(none.stderr.contains("--create"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("okra.db").path))

        #expect(try Binary.run(["migrate", "--db", "okra-demo.db"], in: folder).status == 0)
        let added = try Binary.run(
            ["user", "add", "--email", "lan@example.vn", "--name", "Võ Thị Lan", "--role", "member"],
            stdin: "a-long-enough-password\n", in: folder)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr.contains("using okra-demo.db, the only database in this folder"))
        let token = try Binary.run(["token", "create", "--email", "lan@example.vn"], in: folder)
        #expect(token.status == 0, "\(token.stderr)")
        #expect(!token.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)

        let missing = try Binary.run(
            ["user", "add", "--db", "new.db", "--email", "an@example.vn", "--name", "An", "--role", "admin"],
            stdin: "a-long-enough-password\n", in: folder)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("no database at new.db (the demo's is okra-demo.db)"))
        let created = try Binary.run(
            [
                "user", "add", "--db", "new.db", "--create", "--email", "an@example.vn", "--name", "An", "--role",
                "admin",
            ],
            stdin: "a-long-enough-password\n", in: folder)
        #expect(created.status == 0, "\(created.stderr)")
    }

    @Test("okra user add reads the password from standard input; okra migrate is idempotent")
    func userAndMigrate() throws {
        let folder = try Binary.temporaryFolder()
        let db = folder.appendingPathComponent("okra.db").path
        #expect(try Binary.run(["migrate", "--db", db]).status == 0)
        #expect(try Binary.run(["migrate", "--db", db]).status == 0)
        let added = try Binary.run(
            ["user", "add", "--db", db, "--email", "lan@example.vn", "--name", "Võ Thị Lan", "--role", "lead"],
            stdin: "a-long-enough-password\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(!added.stdout.contains("Password:"))
        let duplicate = try Binary.run(
            ["user", "add", "--db", db, "--email", "lan@example.vn", "--name", "Lan", "--role", "member"],
            stdin: "another-long-password\n")
        #expect(duplicate.status != 0)
        let badRole = try Binary.run(
            ["user", "add", "--db", db, "--email", "x@example.vn", "--name", "X", "--role", "boss"], stdin: "")
        #expect(badRole.status != 0)
        #expect(badRole.stderr.contains("--role"))
        try? FileManager.default.removeItem(at: folder)
    }

    /// Requests the HTTP parser rejects never reach the router: they are answered in the API's error shape
    /// (not the framework's empty 400), and the server goes on serving.
    @Test("An unknown method is 501 and a malformed request line 400, both in the API's error shape")
    func requestsTheParserRejects() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try Binary.start(["demo", "--port", "0", "--db", folder.appendingPathComponent("d.db").path])
        defer { server.stop() }
        let url = try #require(try await server.waitForURL(), "the demo printed no URL: \(server.output)")
        let port = try #require(url.port)

        let unknown = try RawHTTP.exchange(port: port, "FOO /api/v1/objectives HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(unknown.hasPrefix("HTTP/1.1 501"), "\(unknown)")
        #expect(unknown.lowercased().contains("content-type: application/json"))
        #expect(unknown.contains(#""code":"method_not_implemented""#), "\(unknown)")

        let malformed = try RawHTTP.exchange(port: port, "GET /a b c\r\n\r\n")
        #expect(malformed.hasPrefix("HTTP/1.1 400"), "\(malformed)")
        #expect(malformed.contains(#""code":"malformed_request""#), "\(malformed)")

        let (_, health) = try await URLSession.shared.data(from: url.appendingPathComponent("health"))
        #expect((health as? HTTPURLResponse)?.statusCode == 200, "still serving")
    }

    @Test("Every command has --help text")
    func help() throws {
        for command in [
            [], ["serve"], ["demo"], ["migrate"], ["user", "add"], ["token", "create"], ["lint"], ["score"],
            ["checkin"],
        ] {
            let result = try Binary.run(command + ["--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.contains("USAGE"), "\(command)")
        }
    }
}

/// A minimal browser: sends the cookies it is given, reads the ones it gets back, never follows redirects.
final class Browser: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    struct Page {
        let status: Int
        let body: String
        let cookies: [String: String]
        /// Where a redirect points.
        var location: String? = nil
    }

    private lazy var session = URLSession(configuration: Browser.configuration, delegate: self, delegateQueue: nil)

    private static var configuration: URLSessionConfiguration {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        return configuration
    }

    func get(_ url: URL, cookies: [String: String] = [:]) async throws -> Page {
        try await send(URLRequest(url: url), cookies: cookies)
    }

    func post(_ url: URL, form: String, cookies: [String: String]) async throws -> Page {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(form.utf8)
        return try await send(request, cookies: cookies)
    }

    private func send(_ request: URLRequest, cookies: [String: String]) async throws -> Page {
        var request = request
        if !cookies.isEmpty {
            request.setValue(
                cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "), forHTTPHeaderField: "Cookie")
        }
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        var received: [String: String] = [:]
        let header = http?.value(forHTTPHeaderField: "Set-Cookie") ?? ""
        for match in header.matches(of: /(okra_[a-z]+)=([0-9a-zA-Z]*)/) {
            received[String(match.1)] = String(match.2)
        }
        return Page(
            status: http?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self), cookies: received,
            location: http?.value(forHTTPHeaderField: "Location"))
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

/// Finds and runs the built `okra` executable.
enum Binary {
    static var path: URL {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(repository.appendingPathComponent(".build/debug"))
        for folder in candidates {
            let binary = folder.appendingPathComponent("okra")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        return repository.appendingPathComponent(".build/debug/okra")
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("okra-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil) throws -> Result {
        let ran = try ChildProcess.run(
            path.path, arguments, input: stdin.map { Data($0.utf8) }, currentDirectory: directory?.path)
        return Result(
            status: ran.status, stdout: String(decoding: ran.output, as: UTF8.self),
            stderr: String(decoding: ran.errors, as: UTF8.self))
    }

    /// Starts `okra` with `arguments`; its standard error goes to `errors` when given (created), else nowhere.
    static func start(_ arguments: [String], errors: URL? = nil) throws -> Server {
        let out = Pipe()
        var errorFile: FileHandle?
        if let errors {
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            errorFile = try FileHandle(forWritingTo: errors)
        }
        let process = try ChildProcess(
            executable: path.path, arguments: arguments, standardOutput: out.fileHandleForWriting.fileDescriptor,
            standardError: errorFile?.fileDescriptor)
        try out.fileHandleForWriting.close()
        try errorFile?.close()
        return Server(process: process, pipe: out)
    }

    /// A running server whose standard output is collected as it comes.
    final class Server: @unchecked Sendable {
        let process: ChildProcess
        let pipe: Pipe
        private let lock = NSLock()
        private var collected = ""

        init(process: ChildProcess, pipe: Pipe) {
            self.process = process
            self.pipe = pipe
            pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                self.lock.withLock { self.collected += String(decoding: data, as: UTF8.self) }
            }
        }

        var output: String { lock.withLock { collected } }

        /// Waits up to 3 minutes (a debug build, with other suites running) for the "http://127.0.0.1:PORT/" line.
        func waitForURL() async throws -> URL? {
            for _ in 0..<1_800 {
                let text = output
                if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                    return URL(string: String(text[range]))
                }
                if !process.isRunning { return nil }
                try await Task.sleep(for: .milliseconds(100))
            }
            return nil
        }

        func stop() {
            pipe.fileHandleForReading.readabilityHandler = nil
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }
    }
}

/// One request written as raw bytes on a loopback TCP connection, and everything the server sends back until it
/// closes the connection: for requests no HTTP client library would send.
enum RawHTTP {
    static func exchange(port: Int, _ request: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let bytes = Array(request.utf8)
        guard send(fd, bytes, bytes.count, 0) == bytes.count else { throw POSIXError(.EIO) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
