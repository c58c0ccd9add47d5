extension Schema {
    /// Drafting in two directions: leadership's direction brief per cycle (one row each, versioned), and the
    /// organization's publish gate (one row; without it both rules are on).
    static let drafting = Migration(
        version: 4, name: "drafting: direction briefs and publish gates",
        statements: [
            """
            CREATE TABLE direction_briefs (
                cycle_id TEXT PRIMARY KEY REFERENCES cycles (id),
                body TEXT NOT NULL,
                body_en TEXT,
                themes TEXT NOT NULL,
                author_id TEXT REFERENCES people (id),
                updated_at BIGINT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE publish_gates (
                id BIGINT PRIMARY KEY CHECK (id = 1),
                requires_answered_questions BIGINT NOT NULL CHECK (requires_answered_questions IN (0, 1)),
                requires_no_errors BIGINT NOT NULL CHECK (requires_no_errors IN (0, 1))
            )
            """,
        ])
}
