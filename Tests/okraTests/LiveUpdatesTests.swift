import Foundation
import OKRTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Live updates over Server-Sent Events, against the real binary: a signed-in browser's `/events` stream hears a
/// check-in made through the API, rendered in its language; never a KR of a private objective it may not see;
/// and after reconnecting with `Last-Event-ID`, what it missed.
@Suite("Live updates (Server-Sent Events) from the served binary", .serialized)
struct LiveUpdatesTests {
    @Test("A check-in reaches an open stream; a private objective's does not; a reconnect hears what it missed")
    func checkInsReachOpenPages() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("demo.db").path
        let server = try Binary.start(["demo", "--port", "0", "--db", db])
        defer { server.stop() }
        let url = try #require(try await server.waitForURL(), "the demo printed no URL: \(server.output)")
        let port = try #require(url.port)
        let api = try AdminAPI(url: url, db: db)

        // Nam (a member of Marketing) opens a page; Lan has a private objective Nam may not see.
        let cycle = try #require(
            try await api.call("GET", "cycles")["data"].flatMap { $0 as? [[String: Any]] }?
                .first { $0["state"] as? String == "active" }?["id"] as? String)
        try await api.call(
            "POST", "objectives",
            [
                "id": "o-live-secret", "cycle_id": cycle, "owner": "person:p-lan", "visibility": "private",
                "state": "published", "title": "Đàm phán hợp đồng bí mật",
            ])
        try await api.call(
            "POST", "objectives/o-live-secret/key-results",
            [
                "id": "kr-live-secret", "title": "Ký 3 hợp đồng", "kind": "increase", "unit": "label:HĐ", "start": 0,
                "target": 3, "owner": "person:p-lan",
            ])
        let session = try await signIn(url, "nam@okra.demo")
        #expect(try EventStream.status(port: port, session: nil) == 401, "no stream without signing in")

        let stream = try EventStream(port: port, session: session)
        try await stream.waitFor("retry: 2000")
        try await api.call("POST", "key-results/kr-live-secret/check-ins", ["value": 1, "confidence": 6])
        try await api.call("POST", "key-results/kr-mkt-email/check-ins", ["value": 140, "confidence": 8])
        let email = try await stream.event(for: "kr-mkt-email")
        #expect(email.payload["objective"] as? String == "o-mkt-mql")
        #expect((email.payload["value"] as? String)?.contains("140") == true, "\(email.payload)")
        #expect((email.payload["key_result_score"] as? String)?.contains("role=\"progressbar\"") == true)
        #expect((email.payload["objective_score"] as? String)?.contains("role=\"progressbar\"") == true)
        #expect(!stream.received.contains("kr-live-secret"), "a private objective's KR is never sent to Nam")
        stream.close()

        // While Nam's page is away, another check-in; reconnecting with the last id hears it at once.
        try await api.call("POST", "key-results/kr-mkt-adwords/check-ins", ["value": 90, "confidence": 7])
        let resumed = try EventStream(port: port, session: session, lastEventID: email.id)
        defer { resumed.close() }
        let missed = try await resumed.event(for: "kr-mkt-adwords")
        #expect(missed.id > email.id)
        #expect(!resumed.received.contains("kr-live-secret"))
    }

    /// Signs in through the form; the session cookie.
    func signIn(_ url: URL, _ email: String) async throws -> String {
        let browser = Browser()
        let form = try await browser.get(url.appendingPathComponent("sign-in"))
        let csrf = try #require(form.cookies["okra_csrf"])
        let page = try await browser.post(
            url.appendingPathComponent("sign-in"),
            form: "email=\(email.replacingOccurrences(of: "@", with: "%40"))&password=okra-demo-2026&csrf=\(csrf)",
            cookies: ["okra_csrf": csrf])
        return try #require(page.cookies["okra_session"], "signed in as \(email): \(page.status)")
    }

    /// The JSON API with an admin token made by `okra token create`.
    struct AdminAPI {
        let url: URL
        let token: String

        init(url: URL, db: String) throws {
            self.url = url
            token = try Binary.run(["token", "create", "--db", db, "--email", "admin@okra.demo"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        @discardableResult
        func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
            var request = URLRequest(url: URL(string: url.absoluteString + "api/v1/" + path)!)
            request.httpMethod = method
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            if let body {
                request.httpBody = try JSONSerialization.data(withJSONObject: body)
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            #expect((200..<300).contains(status), "\(method) \(path): \(String(decoding: data, as: UTF8.self))")
            return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        }
    }
}

/// An `/events` stream read off a loopback socket as it comes, the way a browser's EventSource reads it.
final class EventStream: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var text = ""

    struct Event {
        let id: Int
        let payload: [String: Any]
    }

    init(port: Int, session: String, lastEventID: Int? = nil) throws {
        fd = try Self.connect(port: port)
        var request = "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
        request += "Cookie: okra_session=\(session)\r\n"
        if let lastEventID { request += "Last-Event-ID: \(lastEventID)\r\n" }
        request += "\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
    }

    /// The status of `/events` for a request with this session (or none).
    static func status(port: Int, session: String?) throws -> Int {
        let fd = try connect(port: port)
        defer { Glibc.close(fd) }
        var request = "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let session { request += "Cookie: okra_session=\(session)\r\n" }
        request += "\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = recv(fd, &buffer, buffer.count, 0)
        let head = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
        return Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    private static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        return fd
    }

    /// Everything read so far.
    var received: String { lock.withLock { text } }

    private func readAvailable() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return }
        lock.withLock { text += String(decoding: buffer.prefix(count), as: UTF8.self) }
    }

    /// Reads until `marker` has arrived (a minute at most: only a failure waits that long).
    func waitFor(_ marker: String) async throws {
        for _ in 0..<300 {
            if received.contains(marker) { return }
            readAvailable()
            await Task.yield()
        }
        Issue.record("never received \(marker); got: \(received.suffix(500))")
        throw POSIXError(.ETIMEDOUT)
    }

    /// The first `kr` event about `keyResult`.
    func event(for keyResult: String) async throws -> Event {
        try await waitFor("\"key_result\":\"\(keyResult)\"")
        for match in received.matches(of: /id: ([0-9]+)\nevent: kr\ndata: ([^\n]+)\n/) {
            guard let data = String(match.2).data(using: .utf8),
                let payload = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                payload["key_result"] as? String == keyResult, let id = Int(match.1)
            else { continue }
            return Event(id: id, payload: payload)
        }
        throw POSIXError(.EBADMSG)
    }

    func close() { Glibc.close(fd) }
}
