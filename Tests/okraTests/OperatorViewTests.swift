import Foundation
import OKRServer
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What an operator watches on the real binary: `/health/live` and `/health/ready`, `/metrics` scraped and
/// parsed (its request counter moves with requests; a token guards it when given), and one JSON log line per
/// request carrying the caller's `X-Request-Id` and nothing secret.
@Suite("The operator's view: health, metrics and request logs", .serialized)
struct OperatorViewTests {
    static func get(_ url: URL, headers: [String: String] = [:]) async throws -> (Int, String, [String: String]) {
        var request = URLRequest(url: url)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession(configuration: .ephemeral).data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return (http.statusCode, String(decoding: data, as: UTF8.self), fields)
    }

    /// Prometheus's text format: each sample's value by its name with labels, as written.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    /// The sum of the samples named `name` whose labels hold every one of `labels` (`key="value"`).
    static func total(_ samples: [String: Double], _ name: String, _ labels: [String] = []) -> Double {
        samples.filter { key, _ in
            (key == name || key.hasPrefix(name + "{")) && labels.allSatisfy { key.contains($0) }
        }.values.reduce(0, +)
    }

    @Test("Live and ready answer; /metrics parses and counts requests; a request id comes back and is logged")
    func healthMetricsAndLogs() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("okra.db").path
        let log = folder.appendingPathComponent("server.log")
        let server = try Binary.start(["demo", "--port", "0", "--db", db, "--log-format", "json"], errors: log)
        defer { server.stop() }
        let url = try #require(try await server.waitForURL(), "the demo printed no URL: \(server.output)")

        let (live, liveBody, _) = try await Self.get(url.appendingPathComponent("health/live"))
        #expect(live == 200)
        #expect(liveBody == #"{"status":"live"}"#)
        var ready = (0, "", [String: String]())
        for _ in 0..<100 {
            ready = try await Self.get(url.appendingPathComponent("health/ready"))
            if ready.0 == 200 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(ready.0 == 200, "not ready: \(ready.1)")
        let checks = try #require(try JSONSerialization.jsonObject(with: Data(ready.1.utf8)) as? [String: String])
        #expect(checks["status"] == "ready")
        #expect(checks["database"] == "ok" && checks["migrations"] == "ok")
        #expect(checks["service.reminders"] == "running" && checks["service.webhooks"] == "running")

        let (status, first, _) = try await Self.get(url.appendingPathComponent("metrics"))
        #expect(status == 200)
        let before = Self.samples(first)
        #expect(Self.total(before, "okra_build_info") == 1)
        #expect(Self.total(before, "okra_database_queries_total") > 0)
        #expect(before.keys.contains { $0.hasPrefix("okra_sessions_active") })
        for _ in 0..<3 { _ = try await Self.get(url.appendingPathComponent("health/live")) }
        let after = Self.samples(try await Self.get(url.appendingPathComponent("metrics")).1)
        let route = [#"route="/health/live""#, #"method="GET""#, #"status="200""#]
        #expect(
            Self.total(after, "okra_http_requests_total", route)
                == Self.total(before, "okra_http_requests_total", route) + 3)
        #expect(Self.total(after, "okra_http_request_duration_seconds_count", [#"route="/health/live""#]) >= 4)

        // The caller's request id comes back; one that could forge a log line is replaced.
        let (_, _, echoed) = try await Self.get(
            url.appendingPathComponent("sign-in"), headers: ["X-Request-Id": "trace-2026.12:abc_1"])
        #expect(echoed["x-request-id"] == "trace-2026.12:abc_1")
        let (_, _, replaced) = try await Self.get(
            url.appendingPathComponent("sign-in"), headers: ["X-Request-Id": "bad id\"}"])
        let generated = try #require(replaced["x-request-id"])
        #expect(!generated.isEmpty && generated != "bad id\"}")

        let token = try Binary.run(["token", "create", "--db", db, "--email", "nam@okra.demo"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let (api, _, _) = try await Self.get(
            url.appendingPathComponent("api/v1/objectives"),
            headers: ["Authorization": "Bearer \(token)", "X-Request-Id": "api-call-1"])
        #expect(api == 200)
        // An error shows the request id, as its log line does.
        let (missing, missingBody, _) = try await Self.get(
            url.appendingPathComponent("api/v1/objectives/no-such-objective"),
            headers: ["Authorization": "Bearer \(token)", "X-Request-Id": "missing-1"])
        #expect(missing == 404)
        #expect(missingBody.contains(#""request_id":"missing-1""#))
        let (lost, page, _) = try await Self.get(
            url.appendingPathComponent("no-such-page"), headers: ["X-Request-Id": "page-1", "Accept-Language": "vi"])
        #expect(lost == 404)
        #expect(page.contains("Mã yêu cầu: page-1"))

        var lines: [[String: String]] = []
        for _ in 0..<50 {
            let text = try String(contentsOf: log, encoding: .utf8)
            lines = text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
            }
            if lines.contains(where: { $0["request_id"] == "api-call-1" }) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let line = try #require(lines.first { $0["request_id"] == "api-call-1" }, "no log line for the API call")
        #expect(line["message"] == "request")
        #expect(line["method"] == "GET" && line["route"] == "/api/v1/objectives" && line["status"] == "200")
        #expect(line["person"] == "p-nam")
        #expect(Double(line["ms"] ?? "") != nil)
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(!text.contains(token))
        #expect(!text.contains("okra-demo-2026"))
    }

    @Test("With --metrics-token, /metrics answers 401 without the token and 200 with it")
    func metricsToken() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("okra.db").path
        #expect(try Binary.run(["migrate", "--db", db]).status == 0)
        let server = try Binary.start(["serve", "--port", "0", "--db", db, "--metrics-token", "scrape-secret-2026"])
        defer { server.stop() }
        let url = try #require(try await server.waitForURL(), "serve printed no URL: \(server.output)")
        let metrics = url.appendingPathComponent("metrics")
        #expect(try await Self.get(metrics).0 == 401)
        #expect(try await Self.get(metrics, headers: ["Authorization": "Bearer wrong"]).0 == 401)
        let (status, body, headers) = try await Self.get(
            metrics, headers: ["Authorization": "Bearer scrape-secret-2026"])
        #expect(status == 200)
        #expect(headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(Self.total(Self.samples(body), "okra_build_info") == 1)
    }

    @Test("/metrics is off on a public address unless a token guards it; on loopback it is on")
    func metricsOnlyWhereSafe() {
        let registry = OperatorMetrics.bootstrap()
        for host in ["0.0.0.0", "10.0.0.5", "::", "okra.example.com"] {
            #expect(MetricsAccess.forServer(host: host, token: nil, registry: registry) == nil, "\(host)")
            #expect(MetricsAccess.forServer(host: host, token: "t-2026", registry: registry) != nil, "\(host)")
        }
        for host in ["127.0.0.1", "127.0.1.1", "::1", "localhost"] {
            #expect(MetricsAccess.forServer(host: host, token: nil, registry: registry) != nil, "\(host)")
        }
    }
}
