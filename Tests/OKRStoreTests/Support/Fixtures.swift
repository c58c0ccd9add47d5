import Foundation
import OKRCore
import OKRStore

/// A small organization to test against: the company, Marketing and Sales, three people, the 2026 Q4 cycle.
enum Fixtures {
    static let company: TeamID = "company"
    static let marketing: TeamID = "marketing"
    static let sales: TeamID = "sales"
    static let lan: PersonID = "lan"
    static let minh: PersonID = "minh"
    static let admin: PersonID = "admin"
    static let q4: CycleID = "2026-q4"

    static func day(_ text: String) -> Day { Day(iso: text)! }

    /// A whole-millisecond instant (the store keeps milliseconds), `seconds` after 2026-10-01 00:00 UTC.
    static func instant(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_790_812_800 + seconds) }

    static func name(_ vi: String, _ en: String? = nil) -> LocalizedName { try! LocalizedName(vi: vi, en: en) }

    static var cycle: Cycle {
        try! Cycle(id: q4, name: "2026 Q4", start: day("2026-10-01"), end: day("2026-12-31"), state: .active)
    }

    /// Creates the teams, people and cycle.
    static func organization(in store: OKRStore) async throws {
        try await store.createTeam(try Team(id: company, name: name("Công ty", "Company")), actor: nil)
        try await store.createTeam(
            try Team(id: marketing, name: name("Tiếp thị", "Marketing"), parentID: company), actor: nil)
        try await store.createTeam(
            try Team(id: sales, name: name("Kinh doanh", "Sales"), parentID: company), actor: nil)
        try await store.createPerson(
            try Person(id: admin, name: "Quản trị", email: "admin@okra.test", role: .admin), passwordHash: "hash-admin",
            actor: nil)
        try await store.createPerson(
            try Person(id: lan, name: "Nguyễn Thị Lan", email: "Lan@Okra.test", role: .lead, teamIDs: [marketing]),
            passwordHash: nil, actor: admin)
        try await store.createPerson(
            try Person(id: minh, name: "Trần Văn Minh", email: "minh@okra.test", teamIDs: [sales], language: .en),
            passwordHash: nil, actor: admin)
        try await store.createCycle(cycle, actor: admin)
    }

    static func objective(
        _ id: ObjectiveID, _ title: String, owner: Owner? = .team(marketing), parents: [AlignmentLink] = [],
        state: Objective.State = .published
    ) -> Objective {
        try! Objective(
            id: id, cycleID: q4, title: name(title), owner: owner, state: state, parents: parents)
    }

    /// "Tăng MQL qua email từ 100 lên 150".
    static func emailKR(_ id: KeyResultID, objective: ObjectiveID) -> KeyResult {
        try! KeyResult(
            id: id, objectiveID: objective, title: name("Tăng MQL qua email từ 100 lên 150"), owner: .person(lan),
            kind: .increase, unit: .label("MQL"), start: 100, target: 150)
    }

    static func checkIn(
        _ id: CheckInID, _ keyResult: KeyResultID, value: Decimal, day: String, at seconds: Double,
        confidence: Int? = nil, supersedes: CheckInID? = nil, conditionActual: Decimal? = nil
    ) -> CheckIn {
        try! CheckIn(
            id: id, keyResultID: keyResult, value: value, confidence: confidence.map { try! Confidence($0) },
            note: "tuần này", authorID: lan, recordedAt: instant(seconds), day: Fixtures.day(day),
            supersedes: supersedes, conditionActual: conditionActual)
    }
}
