import Foundation
import Logging
import OKRCore
import OKRStore

/// Turns new audit events into delivery jobs. The code that records check-ins, asks, comments and cycles knows
/// nothing of webhooks: every change already writes its audit event in its own transaction, so whatever was
/// acknowledged to its author is in the audit log, and this reads it from there.
///
/// Audit events are stamped when their change starts but become visible when it commits, so an older event can
/// appear after a newer one: each pass scans again the last `window` and skips the events already handled (the
/// store marks each event handled in the same transaction that queues its jobs, so two servers never queue one
/// event twice).
///
/// Objectives marked private never leave through a webhook: no event about them, their KRs, their check-ins,
/// the asks and the questions on them is sent.
struct WebhookDispatcher: Sendable {
    let store: OKRStore
    /// How far back each pass looks for events not yet handled.
    var window: TimeInterval = 600
    var logger = Logger(label: "okra.webhooks")
    /// The scan mark (in the database, shared by every server) up to which audit events are nobody's: a pass
    /// that finds no active subscription moves it to the newest event, since a subscription made later only
    /// wants what happens after it.
    static let quietScan = "webhooks-quiet"

    /// Queues the jobs of every event not yet handled; returns how many jobs it queued.
    @discardableResult
    func dispatch(at now: Date) async throws -> Int {
        // Without an active subscription nothing is wanted: the audit log is not read, and what happened until
        // now is passed over for good (a Monday burst of check-ins costs the dispatcher nothing).
        let subscriptions = try await store.webhooks().map(\.value).filter(\.active)
        let quiet = try await store.scanMark(Self.quietScan)
        guard !subscriptions.isEmpty else {
            let newest = max(now, try await store.newestAuditEventTime() ?? now)
            if quiet.map({ $0 < newest }) ?? true { try await store.setScanMark(Self.quietScan, to: newest) }
            return 0
        }
        let since = max(now.addingTimeInterval(-window), quiet.map { $0.addingTimeInterval(0.001) } ?? .distantPast)
        let events = try await store.unprocessedWebhookEvents(since: since, limit: 500)
        guard !events.isEmpty else { return 0 }
        let context = try await OutboundEventContext.load(store)
        var queued = 0
        for event in events {
            var outbound: OutboundEvent?
            var statuses: [KeyResultID: String] = [:]
            do {
                (outbound, statuses) = try await context.translate(event)
            } catch let error as DecodingError {
                // An audit snapshot this version cannot read will not become readable later: it is passed over.
                logger.error("webhook: audit event \(event.id) cannot be read: \(error)")
            }
            var jobs: [WebhookJob] = []
            if let outbound {
                let body = try outbound.body
                jobs = subscriptions.filter { $0.wants(outbound.kind, at: event.at) }.map { subscription in
                    WebhookJob(
                        id: "dlv-" + NewID.make(), subscriptionID: subscription.id, eventID: outbound.id,
                        event: outbound.kind, body: body, createdAt: now)
                }
            }
            if try await store.enqueueWebhookJobs(for: event.id, jobs: jobs, statuses: statuses, at: now) {
                queued += jobs.count
            }
        }
        try await store.forgetProcessedWebhookEvents(before: now.addingTimeInterval(-max(86_400, window * 2)))
        return queued
    }
}
