import Foundation
import OKRCore

/// The company of a generated organization: its team tree four levels deep (the company, divisions,
/// departments, teams), its people with their roles, and its KPIs. Deterministic from the seed.
struct GeneratedOrganization: Sendable {
    /// The levels of the team tree, top down.
    enum Level: Int, Sendable, Comparable {
        case company, division, department, team

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct Unit: Sendable {
        let id: TeamID
        let level: Level
        let parent: Int?
        /// Index into `Theme.all`: what the unit works on (the company borrows each division's).
        let theme: Int
        let vi: String
        let en: String
        /// Index into `people` of the lead, who is also a member.
        var lead = 0
        /// Indexes into `people`, the lead first.
        var members: [Int] = []
        var children: [Int] = []
    }

    struct Member: Sendable {
        let id: PersonID
        let name: String
        let email: String
        var role: Role
        /// Index into `units` of the one team the person belongs to.
        let unit: Int
        let language: Language?
    }

    static let domain = "acme.example"

    let shape: OrganizationShape
    let today: Day
    private(set) var units: [Unit] = []
    private(set) var people: [Member] = []
    private(set) var kpis: [KPI] = []
    private(set) var kpiValues: [KPIValue] = []

    init(shape: OrganizationShape, seed: UInt64, today: Day) {
        self.shape = shape
        self.today = today
        var random = SplitMix64(seed: seed, stream: "organization")
        buildTree(&random)
        placePeople(&random)
        buildKPIs(&random)
    }

    // MARK: The tree

    private mutating func buildTree(_ random: inout SplitMix64) {
        units.append(
            Unit(id: Self.teamID(0), level: .company, parent: nil, theme: 0, vi: "Công ty Acme", en: "Acme Company"))
        var names = UniqueNames()
        for d in 0..<shape.divisions {
            let theme = d % Theme.all.count
            let name = names.unique(vi: "Khối \(Theme.all[theme].vi)", en: "\(Theme.all[theme].en) Division")
            add(Unit(id: Self.teamID(units.count), level: .division, parent: 0, theme: theme, vi: name.vi, en: name.en))
        }
        let divisions = Array(1...shape.divisions)
        var departments: [Int] = []
        for p in 0..<shape.departments {
            let division = divisions[p % divisions.count]
            let theme = units[division].theme
            let choices = Theme.all[theme].departments
            let base = choices[(p / divisions.count) % choices.count]
            let name = names.unique(vi: "Phòng \(base.vi)", en: "\(base.en) Department")
            departments.append(units.count)
            add(
                Unit(
                    id: Self.teamID(units.count), level: .department, parent: division, theme: theme, vi: name.vi,
                    en: name.en))
        }
        for t in 0..<shape.teams {
            // Round robin with a shuffle of where each round starts, so departments differ a little in size.
            let department = departments[(t + random.int(0...1)) % departments.count]
            let parent = units[department]
            let number = parent.children.count + 1
            let short = parent.vi.replacingOccurrences(of: "Phòng ", with: "")
            let shortEn = parent.en.replacingOccurrences(of: " Department", with: "")
            add(
                Unit(
                    id: Self.teamID(units.count), level: .team, parent: department, theme: parent.theme,
                    vi: "Nhóm \(short) \(number)", en: "\(shortEn) team \(number)"))
        }
    }

    private mutating func add(_ unit: Unit) {
        if let parent = unit.parent { units[parent].children.append(units.count) }
        units.append(unit)
    }

    static func teamID(_ index: Int) -> TeamID { TeamID("t-" + padded(index + 1, 4)) }

    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // MARK: People

    /// The chief executive and admins in the company; a head and two staff in each division and department;
    /// everyone else in the teams, a lead each, sizes varying around the mean.
    private mutating func placePeople(_ random: inout SplitMix64) {
        var sizes = Array(repeating: 0, count: units.count)
        sizes[0] = 1 + shape.admins
        for index in units.indices where units[index].level == .division || units[index].level == .department {
            sizes[index] = 3
        }
        let teams = units.indices.filter { units[$0].level == .team }
        let remaining = max(teams.count * 3, shape.people - sizes.reduce(0, +))
        let weights = teams.map { _ in random.double(0.6...1.4) }
        let total = weights.reduce(0, +)
        var placed = 0
        for (n, index) in teams.enumerated() {
            let size = max(3, Int((Double(remaining) * weights[n] / total).rounded(.down)))
            sizes[index] = size
            placed += size
        }
        // What rounding left over goes to the teams one by one; too many comes off the largest.
        var n = 0
        while placed < remaining {
            sizes[teams[n % teams.count]] += 1
            placed += 1
            n += 1
        }
        while placed > remaining, let largest = teams.max(by: { sizes[$0] < sizes[$1] }), sizes[largest] > 3 {
            sizes[largest] -= 1
            placed -= 1
        }
        var emails = Set<String>()
        for index in units.indices {
            for seat in 0..<sizes[index] {
                let number = people.count + 1
                let name =
                    "\(random.pick(Phrases.familyNames)) \(random.pick(Phrases.middleNames)) "
                    + "\(random.pick(Phrases.givenNames))"
                var email = Folding.fold(name).replacingOccurrences(of: " ", with: ".") + ".\(number)@\(Self.domain)"
                if !emails.insert(email).inserted { email = "person.\(number)@\(Self.domain)" }
                let role: Role
                switch (units[index].level, seat) {
                case (.company, _): role = .admin
                case (_, 0): role = .lead
                default: role = .member
                }
                people.append(
                    Member(
                        id: PersonID("p-" + Self.padded(number, 5)), name: name, email: email, role: role, unit: index,
                        language: random.chance(0.1) ? .en : nil))
                units[index].members.append(people.count - 1)
            }
            units[index].lead = units[index].members.first ?? 0
        }
        // A few viewers among the teams' members (never a lead).
        var viewers = 0
        var attempts = 0
        while viewers < shape.viewers && attempts < shape.people * 4 {
            attempts += 1
            let person = random.int(0...(people.count - 1))
            guard people[person].role == .member, units[people[person].unit].level == .team else { continue }
            people[person].role = .viewer
            viewers += 1
        }
    }

    // MARK: KPIs

    /// Health metrics of the company, its divisions and departments, each with a value every Monday for the last
    /// 26 weeks.
    private mutating func buildKPIs(_ random: inout SplitMix64) {
        let owners = units.indices.filter { units[$0].level == .division || units[$0].level == .department }
        let monday = today.startOfWeek(.monday)
        var names = UniqueNames()
        for k in 0..<shape.kpis {
            let owner = k < 2 ? 0 : owners[(k - 2) % owners.count]
            let theme = Theme.all[k < 2 ? k : units[owner].theme]
            let metric = theme.metrics[(k / max(1, owners.count)) % theme.metrics.count]
            let name = names.unique(vi: Self.capitalized(metric.vi), en: Self.capitalized(metric.en))
            let good = metric.decimal(metric.higherIsBetter ? metric.high : metric.low)
            var bad = metric.decimal(metric.higherIsBetter ? metric.low : metric.high)
            if bad == good { bad = metric.decimal(metric.higherIsBetter ? metric.low - metric.step : metric.high + 1) }
            guard
                let kpi = try? KPI(
                    id: KPIID("kpi-" + Self.padded(k + 1, 3)), name: LocalizedName(vi: name.vi, en: name.en),
                    unit: metric.unit, direction: metric.higherIsBetter ? .higherIsBetter : .lowerIsBetter,
                    healthy: good, unhealthy: bad, ownerTeamID: units[owner].id)
            else { continue }
            kpis.append(kpi)
            var value = random.double(metric.low...metric.high)
            for week in 0..<26 {
                value += (metric.high - metric.low) * random.around(0.01, spread: 0.12)
                value = min(max(value, metric.low * 0.8), metric.high * 1.1)
                if let point = try? KPIValue(
                    kpiID: kpi.id, day: monday.adding(days: -7 * (25 - week)), value: metric.decimal(value))
                {
                    kpiValues.append(point)
                }
            }
        }
    }

    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    // MARK: As domain values

    func settings() throws -> OrganizationSettings {
        try OrganizationSettings(name: "Acme", timeZone: "Asia/Ho_Chi_Minh", defaultLanguage: .vi)
    }

    func domainTeams() throws -> [Team] {
        try units.map { unit in
            try Team(
                id: unit.id, name: LocalizedName(vi: unit.vi, en: unit.en), parentID: unit.parent.map { units[$0].id },
                leadIDs: [people[unit.lead].id], memberIDs: unit.members.map { people[$0].id })
        }
    }

    func domainPeople() throws -> [Person] {
        try people.map { member in
            try Person(
                id: member.id, name: member.name, email: member.email, role: member.role,
                teamIDs: [units[member.unit].id], language: member.language)
        }
    }
}

/// Names made unique by a number when they repeat ("Phòng Hạ tầng 2").
struct UniqueNames {
    private var seen: [String: Int] = [:]

    mutating func unique(vi: String, en: String) -> (vi: String, en: String) {
        let count = (seen[vi] ?? 0) + 1
        seen[vi] = count
        return count == 1 ? (vi, en) : ("\(vi) \(count)", "\(en) \(count)")
    }
}
