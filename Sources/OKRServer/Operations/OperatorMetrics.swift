import Crypto
import Foundation
import Hummingbird
import Metrics
import OKRStore
import Prometheus

/// `/metrics`: the server's numbers in Prometheus's text format — HTTP requests by route template, method and
/// status with their time (Hummingbird's `MetricsMiddleware`), the database's statements, write wait and group
/// commits, check-ins recorded, reminders and webhook deliveries, the sessions active and the webhook jobs
/// waiting (counted when scraped), and the build.
///
/// swift-metrics has one backend per process: `bootstrap()` installs Prometheus's once, before the database is
/// opened (the store's metrics are made on first use), and returns its registry.
public enum OperatorMetrics {
    private static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in (metricName(name), labels.map { (labelName($0), $1) }) }
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(500), .milliseconds(1), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10),
        ]
        factory.defaultValueHistogramBuckets = [1, 2, 5, 10, 25, 50, 100, 256]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// Installs the Prometheus backend (the first call; later ones return the same registry).
    public static func bootstrap() -> PrometheusCollectorRegistry { registry }

    /// Hummingbird's names, in Prometheus's words.
    static func metricName(_ name: String) -> String {
        switch name {
        case "hb.requests": return "okra_http_requests_total"
        case "hb.request.errors": return "okra_http_request_errors_total"
        case "http.server.request.duration": return "okra_http_request_duration_seconds"
        case "http.server.active_requests": return "okra_http_active_requests"
        default: return name.replacingOccurrences(of: ".", with: "_")
        }
    }

    static func labelName(_ name: String) -> String {
        switch name {
        case "http.route": return "route"
        case "http.request.method": return "method"
        case "http.response.status_code": return "status"
        default: return name.replacingOccurrences(of: ".", with: "_")
        }
    }
}

/// Who may read `/metrics`: anyone who can reach the server when it listens on a loopback address, else only
/// with the token (`--metrics-token`); with neither, the route is not there.
public struct MetricsAccess: Sendable {
    let registry: PrometheusCollectorRegistry
    /// The bearer token a scrape must present; nil for none.
    let token: String?

    public init(registry: PrometheusCollectorRegistry, token: String?) {
        self.registry = registry
        self.token = token
    }

    /// `/metrics` for a server on `host`: nil (off) on a public address without a token.
    public static func forServer(host: String, token: String?, registry: PrometheusCollectorRegistry)
        -> MetricsAccess?
    {
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(host) || host.hasPrefix("127.")
        guard loopback || token != nil else { return nil }
        return MetricsAccess(registry: registry, token: token)
    }

    func allows(_ request: Request) -> Bool {
        guard let token else { return true }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return false }
        // Compared as digests, so the time taken says nothing about how much of the token matched.
        return SHA256.hash(data: Data(header.dropFirst(7).utf8)) == SHA256.hash(data: Data(token.utf8))
    }
}

/// The counts read from the database when `/metrics` is scraped, and the build.
struct ScrapedMetrics {
    let store: OKRStore
    let now: @Sendable () -> Date
    let sessions: Prometheus.Gauge
    let webhookJobs: Prometheus.Gauge

    init(store: OKRStore, now: @escaping @Sendable () -> Date, registry: PrometheusCollectorRegistry) {
        self.store = store
        self.now = now
        sessions = registry.makeGauge(
            descriptor: .init(
                namespace: "okra", metricName: "sessions", unitName: "active", helpText: "Browser sessions not expired")
        )
        webhookJobs = registry.makeGauge(
            descriptor: .init(
                namespace: "okra", metricName: "webhook_jobs", unitName: "pending",
                helpText: "Webhook deliveries waiting to be sent or retried"))
        registry.makeGauge(
            descriptor: .init(namespace: "okra", metricName: "build", unitName: "info", helpText: "The build serving"),
            labels: [("version", OkraBuild.version), ("database", store.database.backend.rawValue)]
        ).set(to: 1.0)
    }

    func update() async throws {
        let counts = try await store.operatorCounts(now: now())
        sessions.set(to: Double(counts.sessions))
        webhookJobs.set(to: Double(counts.pendingWebhookJobs))
    }
}

/// What this build is.
public enum OkraBuild {
    public static let version = "0.1.0"
}

/// What background work reports (`/metrics`): reminders sent by channel, webhook attempts by outcome.
enum WorkMetrics {
    static func remindersSent(_ channel: String, _ count: Int) {
        guard count > 0 else { return }
        Counter(label: "okra_reminders_sent_total", dimensions: [("channel", channel)]).increment(by: count)
    }

    static let reminderRoundsFailed = Counter(label: "okra_reminder_rounds_failed_total")

    static func webhookAttempt(_ outcome: String) {
        Counter(label: "okra_webhook_attempts_total", dimensions: [("outcome", outcome)]).increment()
    }
}

/// `GET /metrics`.
enum MetricsRoute {
    static func add(
        to router: Router<OkraContext>, access: MetricsAccess, store: OKRStore, now: @escaping @Sendable () -> Date
    ) {
        let scraped = ScrapedMetrics(store: store, now: now, registry: access.registry)
        router.get("/metrics") { request, _ in
            guard access.allows(request) else {
                return Response(
                    status: .unauthorized,
                    headers: [.wwwAuthenticate: #"Bearer realm="metrics""#, .contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "A metrics token is needed: Authorization: Bearer …\n")))
            }
            try await scraped.update()
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: access.registry.emitToBuffer())))
        }
    }
}
