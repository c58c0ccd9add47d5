extension Schema {
    /// Outbound webhooks: the subscriptions, the job table the delivery worker polls (so a delivery survives a
    /// restart and never runs inside the request that caused it), the log of every attempt, the audit events
    /// already turned into jobs, and the last status told for each KR.
    static let webhooks = Migration(
        version: 2, name: "outbound webhooks",
        statements: [
            """
            CREATE TABLE webhook_subscriptions (
                id TEXT PRIMARY KEY,
                url TEXT NOT NULL,
                events TEXT NOT NULL,
                secret TEXT NOT NULL,
                active BIGINT NOT NULL CHECK (active IN (0, 1)),
                created_at BIGINT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE webhook_jobs (
                id TEXT PRIMARY KEY,
                subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions (id),
                event_id TEXT NOT NULL,
                event TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                state TEXT NOT NULL,
                next_attempt_at BIGINT NOT NULL,
                claimed_until BIGINT NOT NULL,
                attempts BIGINT NOT NULL,
                last_status BIGINT,
                last_error TEXT,
                delivered_at BIGINT,
                UNIQUE (subscription_id, event_id)
            )
            """,
            "CREATE INDEX webhook_jobs_due ON webhook_jobs (state, next_attempt_at)",
            """
            CREATE TABLE webhook_attempts (
                id TEXT PRIMARY KEY,
                job_id TEXT NOT NULL REFERENCES webhook_jobs (id),
                subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions (id),
                event TEXT NOT NULL,
                attempt BIGINT NOT NULL,
                at BIGINT NOT NULL,
                status_code BIGINT,
                error TEXT,
                duration_ms BIGINT NOT NULL,
                outcome TEXT NOT NULL
            )
            """,
            "CREATE INDEX webhook_attempts_subscription ON webhook_attempts (subscription_id, at)",
            """
            CREATE TABLE webhook_processed_events (
                audit_event_id TEXT PRIMARY KEY,
                processed_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX webhook_processed_events_at ON webhook_processed_events (processed_at)",
            """
            CREATE TABLE webhook_key_result_statuses (
                key_result_id TEXT PRIMARY KEY,
                status TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
        ])
}
