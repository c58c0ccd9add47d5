extension Schema {
    /// An initiative remembers the day its work started and the day it was done, so the weekly review can tell
    /// a done initiative whose key result did not move since it started.
    static let initiativeDays = Migration(
        version: 12, name: "initiatives remember when they started and were done",
        statements: [
            "ALTER TABLE initiatives ADD COLUMN started_day TEXT",
            "ALTER TABLE initiatives ADD COLUMN done_day TEXT",
        ])
}
