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
