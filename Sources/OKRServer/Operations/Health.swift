import Foundation
import Hummingbird
import OKRStore
import ServiceLifecycle
import Synchronization

/// Which background services are running, for `GET /health/ready`.
public final class ServiceHealth: Sendable {
    private let running: Mutex<[String: Bool]>

    /// `expected`: the services that must run for the server to be ready (none for a router alone).
    public init(expected: [String] = []) {
        running = Mutex(Dictionary(uniqueKeysWithValues: expected.map { ($0, false) }))
    }

    func mark(_ name: String, running isRunning: Bool) { running.withLock { $0[name] = isRunning } }

    var states: [String: Bool] { running.withLock { $0 } }
}

/// A background service that tells `ServiceHealth` while it runs.
struct TrackedService<Base: Service>: Service {
    let base: Base
    let name: String
    let health: ServiceHealth

    func run() async throws {
        health.mark(name, running: true)
        defer { health.mark(name, running: false) }
        try await base.run()
    }
}

/// `/health` (the database answers), `/health/live` (the process serves) and `/health/ready` (the database
/// answers, its schema is up to date and every background service runs: 200, else 503 with what is not).
enum HealthRoutes {
    static func add(to router: Router<OkraContext>, store: OKRStore, services: ServiceHealth) {
        router.get("/health") { _, _ in
            _ = try await store.settings()
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.get("/health/live") { _, _ in json(.ok, ["status": "live"]) }
        router.get("/health/ready") { _, _ in
            var checks: [String: String] = [:]
            var ready = true
            do {
                let pending = try await store.database.pendingMigrations()
                checks["database"] = "ok"
                checks["migrations"] = pending == 0 ? "ok" : "\(pending) pending"
                ready = pending == 0
            } catch {
                checks["database"] = "unreachable"
                ready = false
            }
            for (name, running) in services.states {
                checks["service." + name] = running ? "running" : "stopped"
                ready = ready && running
            }
            checks["status"] = ready ? "ready" : "not ready"
            return json(ready ? .ok : .serviceUnavailable, checks)
        }
    }

    private static func json(_ status: HTTPResponse.Status, _ fields: [String: String]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
