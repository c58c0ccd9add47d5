extension Schema {
    /// Indexes for the reads that must not grow with the organization: a notification found by its source
    /// (the reminder pass skips those already sent), an initiative by the ask it came from.
    static let readPaths = Migration(
        version: 5, name: "indexes for the read paths",
        statements: [
            "CREATE INDEX notifications_source ON notifications (source)",
            "CREATE INDEX initiatives_ask ON initiatives (ask_id)",
        ])
}

extension Schema {
    /// A KR's history in the order `CheckIn.effective` reads it (day, time recorded, then id): its latest
    /// entry — with a confidence, with a count — is found by walking the index from its end and stopping at
    /// the first that qualifies, instead of sorting every check-in of the KR on a day and a millisecond.
    static let historyOrder = Migration(
        version: 6, name: "check-in history in its effective order",
        statements: [
            "DROP INDEX check_ins_key_result",
            "CREATE INDEX check_ins_history ON check_ins (key_result_id, day, recorded_at, id)",
        ])
}

extension Schema {
    /// People who left: deactivated at a moment, kept with their OKRs and history.
    static let leavers = Migration(
        version: 7, name: "deactivated people",
        statements: ["ALTER TABLE people ADD COLUMN deactivated_at BIGINT"])
}

extension Schema {
    /// Password reset links: only the SHA-256 of each link's secret is kept; a link works once, until it expires.
    static let passwordResets = Migration(
        version: 8, name: "password reset links",
        statements: [
            """
            CREATE TABLE password_resets (
                token_hash TEXT PRIMARY KEY,
                person_id TEXT NOT NULL REFERENCES people (id),
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT
            )
            """,
            "CREATE INDEX password_resets_person ON password_resets (person_id)",
        ])
}
