extension Schema {
    /// What activating a planned cycle waits for (`ActivationGate`), one row per organization; without a row both
    /// rules are on. Comments and questions on a cycle's direction brief.
    static let planning = Migration(
        version: 14, name: "planning: the activation gate, and comments on the direction brief",
        statements: [
            """
            CREATE TABLE activation_gates (
                id BIGINT PRIMARY KEY CHECK (id = 1),
                requires_answered_questions BIGINT NOT NULL CHECK (requires_answered_questions IN (0, 1)),
                requires_answered_asks BIGINT NOT NULL CHECK (requires_answered_asks IN (0, 1))
            )
            """,
            "ALTER TABLE comments ADD COLUMN direction_brief_id TEXT REFERENCES direction_briefs (cycle_id)",
            "CREATE INDEX comments_direction_brief ON comments (direction_brief_id)",
        ])
}
