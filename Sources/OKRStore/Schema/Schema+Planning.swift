extension Schema {
    /// What activating a planned cycle waits for (`ActivationGate`), one row per organization; without a row both
    /// rules are on.
    static let planning = Migration(
        version: 14, name: "the activation gate of planning",
        statements: [
            """
            CREATE TABLE activation_gates (
                id BIGINT PRIMARY KEY CHECK (id = 1),
                requires_answered_questions BIGINT NOT NULL CHECK (requires_answered_questions IN (0, 1)),
                requires_answered_asks BIGINT NOT NULL CHECK (requires_answered_asks IN (0, 1))
            )
            """
        ])
}
