extension Schema {
    /// The end of a cycle: each objective's retrospective, and the objectives carried into the next cycle, each
    /// naming the one it continues (an objective is carried over once).
    static let quarterClose = Migration(
        version: 13, name: "retrospectives and carried-over objectives",
        statements: [
            """
            CREATE TABLE retrospectives (
                objective_id TEXT PRIMARY KEY REFERENCES objectives (id),
                worked TEXT,
                did_not_work TEXT,
                learned TEXT,
                written_by TEXT,
                written_at BIGINT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE carry_overs (
                objective_id TEXT PRIMARY KEY REFERENCES objectives (id),
                from_objective_id TEXT NOT NULL UNIQUE REFERENCES objectives (id),
                carried_at BIGINT NOT NULL
            )
            """,
        ])
}
