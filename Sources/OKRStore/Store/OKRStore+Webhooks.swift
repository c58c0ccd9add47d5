import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    // MARK: Subscriptions

    /// Adds a subscription with the secret its deliveries are signed with. The secret is kept as it is (the
    /// server must be able to sign with it) and never appears in the audit log.
    public func createWebhook(_ subscription: WebhookSubscription, secret: String, actor: PersonID?) async throws
        -> Versioned<WebhookSubscription>
    {
        try await change("webhook", actor: actor) { tx in
            try await tx.run(
                """
                INSERT INTO webhook_subscriptions (id, url, events, secret, active, created_at, version)
                VALUES (\(bind: subscription.id.rawValue), \(bind: subscription.url),
                    \(bind: Self.eventsText(subscription.events)), \(bind: secret),
                    \(bind: StoredValue.flag(subscription.active)),
                    \(bind: StoredValue.milliseconds(subscription.createdAt)), 1)
                """)
            try await tx.audit(
                "webhook", id: subscription.id.rawValue, action: "create", before: WebhookSubscription?.none,
                after: subscription)
            return Versioned(value: subscription, version: 1)
        }
    }

    /// Every subscription, by id.
    public func webhooks() async throws -> [Versioned<WebhookSubscription>] {
        try await read { try await $0.webhooks(Loader.all) }
    }

    public func webhook(id: WebhookSubscriptionID) async throws -> Versioned<WebhookSubscription>? {
        try await read { try await $0.webhooks("w.id = \(bind: id.rawValue)").first }
    }

    /// Stores a subscription's URL, events and active flag if it is still at `expectedVersion`.
    public func updateWebhook(_ subscription: WebhookSubscription, expectedVersion: Int, actor: PersonID?)
        async throws -> Versioned<WebhookSubscription>
    {
        try await change("webhook", actor: actor) { tx in
            let id = subscription.id.rawValue
            guard let before = try await Loader(db: tx.db).webhooks("w.id = \(bind: id)").first else {
                throw StoreError.notFound(entity: "webhook", id: id)
            }
            let version = try await tx.bumpVersion(
                table: "webhook_subscriptions", id: id, expected: expectedVersion, entity: "webhook")
            try await tx.run(
                """
                UPDATE webhook_subscriptions SET url = \(bind: subscription.url),
                    events = \(bind: Self.eventsText(subscription.events)),
                    active = \(bind: StoredValue.flag(subscription.active))
                WHERE id = \(bind: id)
                """)
            try await tx.audit("webhook", id: id, action: "update", before: before.value, after: subscription)
            return Versioned(value: subscription, version: version)
        }
    }

    /// Removes a subscription with its pending jobs and its log.
    public func deleteWebhook(id: WebhookSubscriptionID, actor: PersonID?) async throws {
        try await change("webhook", actor: actor) { tx in
            guard let before = try await Loader(db: tx.db).webhooks("w.id = \(bind: id.rawValue)").first else {
                throw StoreError.notFound(entity: "webhook", id: id.rawValue)
            }
            try await tx.run("DELETE FROM webhook_attempts WHERE subscription_id = \(bind: id.rawValue)")
            try await tx.run("DELETE FROM webhook_jobs WHERE subscription_id = \(bind: id.rawValue)")
            try await tx.run("DELETE FROM webhook_subscriptions WHERE id = \(bind: id.rawValue)")
            try await tx.audit(
                "webhook", id: id.rawValue, action: "delete", before: before.value, after: WebhookSubscription?.none)
        }
    }

    // MARK: Turning audit events into jobs

    /// The audit events since `since` about things webhooks tell of (check-ins, KRs, objectives, asks, comments,
    /// cycles) that no dispatcher has handled yet, oldest first.
    public func unprocessedWebhookEvents(since: Date, limit: Int) async throws -> [AuditEvent] {
        let entities: [any Encodable & Sendable] = Self.webhookEntities
        let limit = max(1, min(limit, 10_000))
        return try await read { loader in
            let found = try await loader.rows(
                """
                SELECT e.* FROM audit_events e
                WHERE e.at >= \(bind: StoredValue.milliseconds(since)) AND e.entity IN (\(binds: entities))
                    AND NOT EXISTS (SELECT 1 FROM webhook_processed_events p WHERE p.audit_event_id = e.id)
                ORDER BY e.at, e.id LIMIT \(literal: limit)
                """)
            return try found.map { raw in
                let row = try StoredRow(raw, entity: "audit_event")
                return AuditEvent(
                    id: AuditEventID(row.id), actorID: try row.optionalString("actor_id").map { PersonID($0) },
                    at: try row.date("at"), entity: try row.string("entity"), entityID: try row.string("entity_id"),
                    action: try row.string("action"), before: try row.optionalString("before_json"),
                    after: try row.optionalString("after_json"))
            }
        }
    }

    /// The entities whose audit events can become webhook deliveries.
    static let webhookEntities = ["check_in", "key_result", "objective", "dependency_ask", "comment", "cycle"]

    /// The status last told (or first seen) for each of these KRs, by id, as the status's raw value.
    public func rememberedKeyResultStatuses(_ ids: some Collection<KeyResultID>) async throws -> [KeyResultID: String] {
        guard !ids.isEmpty else { return [:] }
        let list: [any Encodable & Sendable] = Array(Set(ids.map(\.rawValue))).sorted()
        return try await read { loader in
            let found = try await loader.rows(
                "SELECT s.key_result_id, s.status FROM webhook_key_result_statuses s WHERE s.key_result_id IN (\(binds: list))"
            )
            var statuses: [KeyResultID: String] = [:]
            for raw in found {
                let row = try StoredRow(raw, entity: "webhook_key_result_status", idColumn: "key_result_id")
                statuses[KeyResultID(row.id)] = try row.string("status")
            }
            return statuses
        }
    }

    /// Marks an audit event handled and, in the same transaction, queues its jobs and remembers the KR statuses
    /// it leaves. Returns false, changing nothing, when another dispatcher handled the event first.
    @discardableResult
    public func enqueueWebhookJobs(
        for event: AuditEventID, jobs: [WebhookJob], statuses: [KeyResultID: String], at: Date
    ) async throws -> Bool {
        let now = StoredValue.milliseconds(at)
        return try await change("webhook_job", actor: nil) { tx in
            let claimed = try await tx.rows(
                """
                INSERT INTO webhook_processed_events (audit_event_id, processed_at)
                VALUES (\(bind: event.rawValue), \(bind: now))
                ON CONFLICT (audit_event_id) DO NOTHING RETURNING audit_event_id
                """)
            guard !claimed.isEmpty else { return false }
            for job in jobs {
                try await tx.run(
                    """
                    INSERT INTO webhook_jobs (id, subscription_id, event_id, event, body, created_at, state,
                        next_attempt_at, claimed_until, attempts, last_status, last_error, delivered_at)
                    VALUES (\(bind: job.id), \(bind: job.subscriptionID.rawValue), \(bind: job.eventID),
                        \(bind: job.event.rawValue), \(bind: job.body), \(bind: StoredValue.milliseconds(job.createdAt)),
                        \(bind: job.state.rawValue), \(bind: StoredValue.milliseconds(job.nextAttemptAt)), 0,
                        \(bind: job.attempts), NULL, NULL, NULL)
                    ON CONFLICT (subscription_id, event_id) DO NOTHING
                    """)
            }
            for (keyResult, status) in statuses.sorted(by: { $0.key < $1.key }) {
                try await tx.run(
                    """
                    INSERT INTO webhook_key_result_statuses (key_result_id, status, updated_at)
                    VALUES (\(bind: keyResult.rawValue), \(bind: status), \(bind: now))
                    ON CONFLICT (key_result_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
                    """)
            }
            return true
        }
    }

    /// Forgets which audit events were handled before `before`: they are older than any window a dispatcher
    /// scans again, so the table stays small.
    public func forgetProcessedWebhookEvents(before: Date) async throws {
        try await database.sql.raw(
            "DELETE FROM webhook_processed_events WHERE processed_at < \(bind: StoredValue.milliseconds(before))"
        ).run()
    }

    // MARK: Delivering

    /// Ids of pending jobs of active subscriptions that are due at `at` and claimed by no one, oldest due first.
    public func dueWebhookJobs(at: Date, limit: Int) async throws -> [String] {
        let now = StoredValue.milliseconds(at)
        let limit = max(1, min(limit, 1000))
        return try await read { loader in
            let found = try await loader.rows(
                """
                SELECT j.id FROM webhook_jobs j JOIN webhook_subscriptions s ON s.id = j.subscription_id
                WHERE j.state = 'pending' AND j.next_attempt_at <= \(bind: now) AND j.claimed_until < \(bind: now)
                    AND s.active = 1
                ORDER BY j.next_attempt_at, j.id LIMIT \(literal: limit)
                """)
            return try found.map { try $0.decode(column: "id", as: String.self) }
        }
    }

    /// Takes a due job until `until` and counts the attempt about to be made. Only one of several workers
    /// asking at the same moment gets it: the update is conditional on the job being unclaimed, and only the
    /// worker whose update changed the row sees it returned. Nil when the job is taken, done or not due.
    public func claimWebhookJob(id: String, at: Date, until: Date) async throws -> WebhookClaim? {
        let now = StoredValue.milliseconds(at)
        let claimedUntil = StoredValue.milliseconds(until)
        return try await change("webhook_job", actor: nil) { tx in
            let updated = try await tx.rows(
                """
                UPDATE webhook_jobs SET claimed_until = \(bind: claimedUntil), attempts = attempts + 1
                WHERE id = \(bind: id) AND state = 'pending' AND next_attempt_at <= \(bind: now)
                    AND claimed_until < \(bind: now)
                RETURNING id
                """)
            guard !updated.isEmpty else { return nil }
            let found = try await tx.rows(
                """
                SELECT j.*, s.url, s.secret FROM webhook_jobs j JOIN webhook_subscriptions s ON s.id = j.subscription_id
                WHERE j.id = \(bind: id)
                """)
            guard let raw = found.first else { return nil }
            let row = try StoredRow(raw, entity: "webhook_job")
            return WebhookClaim(
                job: try Loader.webhookJob(row), url: try row.string("url"), secret: try row.string("secret"))
        }
    }

    /// Logs an attempt and moves its job on: delivered, due again at `retryAt`, or given up when `retryAt` is nil
    /// after a failure.
    public func recordWebhookAttempt(_ attempt: WebhookAttempt, retryAt: Date?) async throws {
        try await change("webhook_job", actor: nil) { tx in
            try await tx.run(
                """
                INSERT INTO webhook_attempts (id, job_id, subscription_id, event, attempt, at, status_code, error,
                    duration_ms, outcome)
                VALUES (\(bind: attempt.id), \(bind: attempt.jobID), \(bind: attempt.subscriptionID.rawValue),
                    \(bind: attempt.event.rawValue), \(bind: attempt.attempt), \(bind: StoredValue.milliseconds(attempt.at)),
                    \(bind: attempt.statusCode), \(bind: attempt.error), \(bind: attempt.durationMilliseconds),
                    \(bind: attempt.outcome.rawValue))
                """)
            let at = StoredValue.milliseconds(attempt.at)
            switch attempt.outcome {
            case .delivered:
                try await tx.run(
                    """
                    UPDATE webhook_jobs SET state = 'delivered', delivered_at = \(bind: at), claimed_until = 0,
                        last_status = \(bind: attempt.statusCode), last_error = NULL
                    WHERE id = \(bind: attempt.jobID)
                    """)
            case .retrying, .gaveUp:
                let state = retryAt == nil ? WebhookJob.State.failed : .pending
                try await tx.run(
                    """
                    UPDATE webhook_jobs SET state = \(bind: state.rawValue),
                        next_attempt_at = \(bind: StoredValue.milliseconds(retryAt ?? attempt.at)), claimed_until = 0,
                        last_status = \(bind: attempt.statusCode), last_error = \(bind: attempt.error)
                    WHERE id = \(bind: attempt.jobID)
                    """)
            }
        }
    }

    // MARK: The log

    /// A subscription's jobs, newest first, at most `limit`.
    public func webhookJobs(subscription: WebhookSubscriptionID, limit: Int) async throws -> [WebhookJob] {
        let limit = max(1, min(limit, 10_000))
        return try await read { loader in
            let found = try await loader.rows(
                """
                SELECT j.* FROM webhook_jobs j WHERE j.subscription_id = \(bind: subscription.rawValue)
                ORDER BY j.created_at DESC, j.id DESC LIMIT \(literal: limit)
                """)
            return try found.map { try Loader.webhookJob(try StoredRow($0, entity: "webhook_job")) }
        }
    }

    /// Every attempt made for a subscription's deliveries (all of them when nil), newest first, at most `limit`.
    public func webhookAttempts(subscription: WebhookSubscriptionID?, limit: Int) async throws -> [WebhookAttempt] {
        let limit = max(1, min(limit, 10_000))
        let filter: SQLQueryString = subscription.map { "a.subscription_id = \(bind: $0.rawValue)" } ?? Loader.all
        return try await read { loader in
            let found = try await loader.rows(
                "SELECT a.* FROM webhook_attempts a WHERE \(filter) ORDER BY a.at DESC, a.attempt DESC, a.id DESC LIMIT \(literal: limit)"
            )
            return try found.map { raw in
                let row = try StoredRow(raw, entity: "webhook_attempt")
                return WebhookAttempt(
                    id: row.id, jobID: try row.string("job_id"),
                    subscriptionID: WebhookSubscriptionID(try row.string("subscription_id")),
                    event: try row.enumeration("event", as: OutboundEventKind.self), attempt: try row.int("attempt"),
                    at: try row.date("at"), statusCode: try row.optionalInt("status_code"),
                    error: try row.optionalString("error"), durationMilliseconds: try row.int("duration_ms"),
                    outcome: try row.enumeration("outcome", as: WebhookAttempt.Outcome.self))
            }
        }
    }

    static func eventsText(_ events: [OutboundEventKind]) -> String { events.map(\.rawValue).joined(separator: ",") }
}

extension Loader {
    func webhooks(_ filter: SQLQueryString) async throws -> [Versioned<WebhookSubscription>] {
        let found = try await rows(
            """
            SELECT w.id, w.url, w.events, w.active, w.created_at, w.version FROM webhook_subscriptions w
            WHERE \(filter) ORDER BY w.id
            """)
        return try found.map { raw in
            let row = try StoredRow(raw, entity: "webhook")
            let text = try row.string("events")
            let events = try text.split(separator: ",").map { name in
                guard let kind = OutboundEventKind(rawValue: String(name)) else { throw row.corrupt("events: \(text)") }
                return kind
            }
            let url = try row.string("url")
            let subscription = try row.restore {
                try WebhookSubscription(
                    id: WebhookSubscriptionID(row.id), url: url, events: events, active: try row.bool("active"),
                    createdAt: try row.date("created_at"))
            }
            return Versioned(value: subscription, version: try row.int("version"))
        }
    }

    static func webhookJob(_ row: StoredRow) throws -> WebhookJob {
        WebhookJob(
            id: row.id, subscriptionID: WebhookSubscriptionID(try row.string("subscription_id")),
            eventID: try row.string("event_id"), event: try row.enumeration("event", as: OutboundEventKind.self),
            body: try row.string("body"), createdAt: try row.date("created_at"),
            state: try row.enumeration("state", as: WebhookJob.State.self),
            nextAttemptAt: try row.date("next_attempt_at"), attempts: try row.int("attempts"),
            lastStatus: try row.optionalInt("last_status"), lastError: try row.optionalString("last_error"),
            deliveredAt: try row.optionalDate("delivered_at"))
    }
}
