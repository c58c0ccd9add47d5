/// How big each part of a generated organization is, from its number of people. "Acme-5k" is 5,000 people in
/// 400 teams four levels deep (the company, 8 divisions, 50 departments, 341 teams); other sizes scale
/// every number in proportion.
struct OrganizationShape: Sendable, Equatable {
    let people: Int
    let divisions: Int
    let departments: Int
    /// Teams of the lowest level, where most people work.
    let teams: Int
    /// Admins besides the chief executive.
    let admins: Int
    let viewers: Int
    let kpis: Int
    let asks: Int
    let comments: Int
    /// Quarterly cycles of 13 weeks: the oldest closed and graded, the last one active.
    let cycles = 5
    let weeksPerCycle = 13
    /// The week of the active cycle that holds `--today`.
    let currentWeek = 10

    init(people: Int) {
        self.people = people
        let total = max(8, Int((Double(people) / 12.5).rounded()))
        divisions = max(2, Int((Double(total) / 50).rounded()))
        departments = max(divisions, Int((Double(total) / 8).rounded()))
        teams = max(departments, total - 1 - divisions - departments)
        admins = max(1, people / 1250)
        viewers = max(1, people / 100)
        kpis = max(4, people / 125)
        asks = max(6, people / 16)
        comments = max(30, people * 3 / 5)
    }

    var allTeams: Int { 1 + divisions + departments + teams }

    /// "Acme-5k" for whole thousands, "Acme-120" otherwise.
    var name: String { people % 1000 == 0 ? "Acme-\(people / 1000)k" : "Acme-\(people)" }
}
