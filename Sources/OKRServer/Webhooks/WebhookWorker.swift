import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import OKRCore
import OKRStore
import ServiceLifecycle

/// The background service that delivers webhooks: each pass turns new audit events into jobs, then posts the
/// jobs that are due, each claimed first so that two servers sharing a database never post the same job at
/// once. A failure is retried on `RetrySchedule`; every attempt is logged with its outcome.
///
/// Nothing here runs in a request: a change is answered as soon as it commits, and its deliveries follow on the
/// next pass (about a second later).
struct WebhookWorker: Service {
    let store: OKRStore
    let dispatcher: WebhookDispatcher
    /// The worker's clock; tests move it forward instead of waiting minutes for a retry.
    let now: @Sendable () -> Date
    /// Where deliveries may go; a host that resolves to a non-public address is not posted to.
    let targets: WebhookTargets
    /// How the worker waits between passes; tests pass one that returns at once.
    let sleep: @Sendable (Duration) async throws -> Void
    var schedule = RetrySchedule.standard
    var interval: Duration = .seconds(1)
    /// How long a claimed job stays taken: longer than the request timeout, so a worker that stopped mid-way
    /// leaves its job to others soon after.
    var claimFor: TimeInterval = 60
    var timeout: TimeAmount = .seconds(10)
    let logger: Logger

    init(
        store: OKRStore, now: @escaping @Sendable () -> Date = { Date() }, targets: WebhookTargets = WebhookTargets(),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        logger: Logger = Logger(label: "okra.webhooks")
    ) {
        self.targets = targets
        self.store = store
        self.dispatcher = WebhookDispatcher(store: store, logger: logger)
        self.logger = logger
        self.now = now
        self.sleep = sleep
    }

    /// An HTTP client for deliveries: redirects are not followed (a receiver that moved answers 3xx, a failure
    /// that shows in the log), and every request has the worker's timeout.
    static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(10))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Runs passes until the application shuts down. A pass that fails (the database away for a moment) is
    /// logged and the next one tries again.
    func run() async throws {
        let client = Self.makeClient()
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await pass(client: client)
                } catch is CancellationError {
                    break
                } catch {
                    logger.error("webhook pass failed: \(error)")
                }
                do { try await sleep(interval) } catch { break }
            }
        }
        try await client.shutdown()
    }

    /// One pass: queue the jobs of new events, then post every due job (a few at a time).
    func pass(client: HTTPClient) async throws {
        try await dispatcher.dispatch(at: now())
        let due = try await store.dueWebhookJobs(at: now(), limit: 50)
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            for id in due {
                if running == 8 {
                    try await group.next()
                    running -= 1
                }
                group.addTask { try await deliver(id, client: client) }
                running += 1
            }
            try await group.waitForAll()
        }
    }

    /// Claims one job and posts it; does nothing when another worker has it.
    func deliver(_ jobID: String, client: HTTPClient) async throws {
        let started = now()
        guard let claim = try await store.claimWebhookJob(id: jobID, at: started, until: started + claimFor) else {
            return
        }
        let job = claim.job
        var request = HTTPClientRequest(url: claim.url)
        request.method = .POST
        let body = Data(job.body.utf8)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Okra-Webhooks/1")
        request.headers.add(name: "X-Okra-Event", value: job.event.rawValue)
        request.headers.add(name: "X-Okra-Delivery", value: job.id)
        request.headers.add(
            name: WebhookSignature.header, value: WebhookSignature.value(body: body, secret: claim.secret))
        request.body = .bytes(ByteBuffer(bytes: body))
        var statusCode: Int?
        var failure: String?
        let clock = ContinuousClock()
        let start = clock.now
        do {
            if let address = await targets.refusedAddress(of: claim.url) {
                throw WebhookRefusal(address: address)
            }
            let response = try await client.execute(request, timeout: timeout)
            statusCode = Int(response.status.code)
            // The answer's body is read (up to a limit) so the connection can be reused, and otherwise ignored.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if !(200..<300).contains(Int(response.status.code)) { failure = "HTTP \(response.status.code)" }
        } catch {
            failure = String(String(describing: error).prefix(500))
        }
        let elapsed = clock.now - start
        let finished = now()
        let retryAt = failure == nil ? nil : schedule.retryAt(afterAttempt: job.attempts, failedAt: finished)
        let outcome: WebhookAttempt.Outcome = failure == nil ? .delivered : retryAt == nil ? .gaveUp : .retrying
        WorkMetrics.webhookAttempt(outcome.rawValue)
        let milliseconds = Int(
            elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        try await store.recordWebhookAttempt(
            WebhookAttempt(
                id: "att-" + NewID.make(), jobID: job.id, subscriptionID: job.subscriptionID, event: job.event,
                attempt: job.attempts, at: finished, statusCode: statusCode, error: failure,
                durationMilliseconds: milliseconds, outcome: outcome), retryAt: retryAt)
        logger.info(
            "webhook \(job.id) (\(job.event.rawValue)) attempt \(job.attempts): \(outcome.rawValue) \(failure ?? "")")
    }
}

/// A delivery not made: the receiver's host is (or resolves to) an address webhooks may not reach.
struct WebhookRefusal: Error, CustomStringConvertible {
    let address: String
    var description: String {
        "refused: \(address) is not a public address (okra serve --allow-private-webhooks allows it)"
    }
}
