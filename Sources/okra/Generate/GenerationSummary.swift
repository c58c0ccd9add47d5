import Foundation

/// What `okra generate` made, and who to sign in as to look at it: the lines it prints, one `key: value` each,
/// which `scripts/bench.sh` reads.
struct GenerationSummary: Sendable, Equatable {
    var name = ""
    var seed: UInt64 = 0
    var people = 0
    var teams = 0
    var cycles = 0
    var objectives = 0
    var keyResults = 0
    var initiatives = 0
    var checkIns = 0
    var weeklyUpdates = 0
    var comments = 0
    var asks = 0
    var kpis = 0
    /// An admin's e-mail.
    var admin = ""
    /// The lead (role lead) of a team of the lowest level.
    var lead = ""
    /// A member (role member) of that team who owns KRs in the current cycle.
    var member = ""
    /// A team whose page in the current cycle holds about 30 objectives (its own and its members').
    var team = ""
    /// A published team objective of the current cycle with 3 or more KRs.
    var objective = ""
    /// A KR of the current cycle owned by `member`.
    var keyResult = ""
    var password = ""

    func lines(seconds: Double) -> [String] {
        [
            "generated: \(name) (seed \(seed), \(people) people) in \(String(format: "%.1f", seconds)) s",
            "people: \(people)", "teams: \(teams)", "cycles: \(cycles)", "objectives: \(objectives)",
            "key results: \(keyResults)", "initiatives: \(initiatives)", "check-ins: \(checkIns)",
            "weekly updates: \(weeklyUpdates)", "comments: \(comments)", "asks: \(asks)", "kpis: \(kpis)",
            "admin: \(admin)", "lead: \(lead)", "member: \(member)", "team: \(team)", "objective: \(objective)",
            "key result: \(keyResult)", "password: \(password)",
        ]
    }
}
