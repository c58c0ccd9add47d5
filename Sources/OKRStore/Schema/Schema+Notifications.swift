extension Schema {
    /// In-app notifications, the record of reminders sent (so two servers never send one twice), the
    /// organization's chat webhook for reminders, and how far the mention scan has read the audit log.
    static let notifications = Migration(
        version: 3, name: "notifications and reminders",
        statements: [
            """
            CREATE TABLE notifications (
                id TEXT PRIMARY KEY,
                person_id TEXT NOT NULL REFERENCES people (id),
                kind TEXT NOT NULL,
                subject_kind TEXT NOT NULL,
                subject_id TEXT NOT NULL,
                actor_id TEXT,
                excerpt TEXT,
                source TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                read_at BIGINT,
                UNIQUE (person_id, source)
            )
            """,
            "CREATE INDEX notifications_person ON notifications (person_id, created_at)",
            """
            CREATE TABLE reminders_sent (
                recipient TEXT NOT NULL,
                week TEXT NOT NULL,
                channel TEXT NOT NULL,
                sent_at BIGINT NOT NULL,
                PRIMARY KEY (recipient, week, channel)
            )
            """,
            """
            CREATE TABLE reminder_settings (
                id BIGINT PRIMARY KEY CHECK (id = 1),
                chat_webhook_url TEXT,
                version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE notification_scans (
                name TEXT PRIMARY KEY,
                scanned_until BIGINT NOT NULL
            )
            """,
        ])
}
