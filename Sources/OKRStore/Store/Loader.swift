import Foundation
import OKRCore
import SQLKit

/// Reads domain values from rows. Each list is loaded with a fixed number of queries whatever its length:
/// one for the main rows and one per link table, all under the same filter, grouped in Swift.
///
/// A filter is an SQL condition on the main table's alias (`t` teams, `p` people, `c` cycles, `o` objectives,
/// `k` key results, `ci` check-ins, `i` initiatives, …).
struct Loader: Sendable {
    let db: any SQLDatabase

    static let all: SQLQueryString = "1 = 1"

    func rows(_ query: SQLQueryString) async throws -> [any SQLRow] { try await db.raw(query).all() }

    // MARK: Teams and people

    func teams(_ filter: SQLQueryString = all) async throws -> [Versioned<Team>] {
        let found = try await rows(
            "SELECT t.id, t.name_vi, t.name_en, t.parent_id, t.version FROM teams t WHERE \(filter)")
        let memberships = try await rows(
            """
            SELECT m.team_id, m.person_id, m.is_lead FROM team_members m
            WHERE m.team_id IN (SELECT t.id FROM teams t WHERE \(filter))
            """)
        var leads: [String: [PersonID]] = [:]
        var members: [String: [PersonID]] = [:]
        for membership in memberships {
            let row = try StoredRow(membership, entity: "team", idColumn: "team_id")
            let person = PersonID(try row.string("person_id"))
            if try row.bool("is_lead") {
                leads[row.id, default: []].append(person)
            } else {
                members[row.id, default: []].append(person)
            }
        }
        return try found.map { raw in
            let row = try StoredRow(raw, entity: "team")
            let team = try row.restore {
                try Team(
                    id: TeamID(row.id), name: try row.name(),
                    parentID: try row.optionalString("parent_id").map { TeamID($0) },
                    leadIDs: (leads[row.id] ?? []).sorted(), memberIDs: (members[row.id] ?? []).sorted())
            }
            return Versioned(value: team, version: try row.int("version"))
        }.sorted { $0.value.id < $1.value.id }
    }

    func people(_ filter: SQLQueryString = all) async throws -> [StoredPerson] {
        let found = try await rows(
            """
            SELECT p.id, p.name, p.email, p.role, p.language, p.password_hash, p.deactivated_at, p.version
            FROM people p WHERE \(filter)
            """
        )
        let memberships = try await rows(
            """
            SELECT m.team_id, m.person_id FROM team_members m
            WHERE m.is_lead = 0 AND m.person_id IN (SELECT p.id FROM people p WHERE \(filter))
            """)
        var teams: [String: [TeamID]] = [:]
        for membership in memberships {
            let row = try StoredRow(membership, entity: "person", idColumn: "person_id")
            teams[row.id, default: []].append(TeamID(try row.string("team_id")))
        }
        return try found.map { raw in
            let row = try StoredRow(raw, entity: "person")
            let language = try row.optionalString("language")
            let person = try row.restore {
                try Person(
                    id: PersonID(row.id), name: try row.string("name"), email: try row.string("email"),
                    role: try row.enumeration("role", as: Role.self), teamIDs: (teams[row.id] ?? []).sorted(),
                    language: try language.map { text in
                        guard let value = Language(rawValue: text) else { throw row.corrupt("language: \(text)") }
                        return value
                    }, deactivatedAt: try row.optionalInt("deactivated_at").map(StoredValue.date))
            }
            return StoredPerson(
                person: Versioned(value: person, version: try row.int("version")),
                passwordHash: try row.optionalString("password_hash"))
        }.sorted { $0.person.value.id < $1.person.value.id }
    }

    // MARK: Cycles, objectives, key results, check-ins

    func cycles(_ filter: SQLQueryString = all) async throws -> [Versioned<Cycle>] {
        let found = try await rows("SELECT c.* FROM cycles c WHERE \(filter) ORDER BY c.start_day, c.end_day")
        return try found.map { raw in
            let row = try StoredRow(raw, entity: "cycle")
            let cycle = try row.restore {
                try Cycle(
                    id: CycleID(row.id), name: try row.string("name"), start: try row.day("start_day"),
                    end: try row.day("end_day"), state: try row.enumeration("state", as: Cycle.State.self),
                    statusRules: try row.statusRules())
            }
            return Versioned(value: cycle, version: try row.int("version"))
        }
    }

    func objectives(_ filter: SQLQueryString) async throws -> [Versioned<Objective>] {
        try await positionedObjectives(filter).map(\.entry)
    }

    /// Objectives with their position in their cycle's list.
    func positionedObjectives(_ filter: SQLQueryString) async throws -> [(entry: Versioned<Objective>, position: Int)] {
        let found = try await rows("SELECT o.* FROM objectives o WHERE \(filter) ORDER BY o.cycle_id, o.position")
        let linkRows = try await rows(
            """
            SELECT l.objective_id, l.position, l.parent_objective_id, l.parent_key_result_id, l.weight
            FROM alignment_links l WHERE l.objective_id IN (SELECT o.id FROM objectives o WHERE \(filter))
            """)
        var links: [String: [(position: Int, link: AlignmentLink)]] = [:]
        for raw in linkRows {
            let row = try StoredRow(raw, entity: "objective", idColumn: "objective_id")
            let target: AlignmentLink.Target
            if let objective = try row.optionalString("parent_objective_id") {
                target = .objective(ObjectiveID(objective))
            } else if let keyResult = try row.optionalString("parent_key_result_id") {
                target = .keyResult(KeyResultID(keyResult))
            } else {
                throw row.corrupt("an alignment link without a parent")
            }
            let weight = try row.decimal("weight")
            let link = try row.restore { try AlignmentLink(to: target, weight: weight) }
            links[row.id, default: []].append((try row.int("position"), link))
        }
        return try found.map { raw in
            let row = try StoredRow(raw, entity: "objective")
            let parents = (links[row.id] ?? []).sorted { $0.position < $1.position }.map(\.link)
            let objective = try row.restore {
                try Objective(
                    id: ObjectiveID(row.id), cycleID: CycleID(try row.string("cycle_id")),
                    title: try row.name(vi: "title_vi", en: "title_en"),
                    description: try row.optionalString("description"), owner: try row.owner(),
                    kind: try row.enumeration("kind", as: Objective.Kind.self),
                    state: try row.enumeration("state", as: Objective.State.self),
                    visibility: try row.enumeration("visibility", as: Objective.Visibility.self), parents: parents,
                    progressSource: try row.enumeration("progress_source", as: Objective.ProgressSource.self))
            }
            return (Versioned(value: objective, version: try row.int("version")), try row.int("position"))
        }
    }

    func keyResults(_ filter: SQLQueryString) async throws -> [Versioned<KeyResult>] {
        let found = try await rows("SELECT k.* FROM key_results k WHERE \(filter) ORDER BY k.objective_id, k.position")
        return try found.map { raw in
            let row = try StoredRow(raw, entity: "key_result")
            return Versioned(value: try Self.keyResult(row), version: try row.int("version"))
        }
    }

    static func keyResult(_ row: StoredRow) throws -> KeyResult {
        var condition: ValidityCondition?
        if let metric = try row.optionalString("condition_metric") {
            let minimum = try row.decimal("condition_minimum")
            let actual = try row.optionalDecimal("condition_actual")
            condition = try row.restore { try ValidityCondition(metric: metric, minimum: minimum, actual: actual) }
        }
        let unitText = try row.string("unit")
        let unit = try row.restore { try MeasureUnit.parse(unitText) }
        let planText = try row.string("plan")
        guard let plan = StoredValue.plan(planText) else { throw row.corrupt("plan: \(planText)") }
        return try row.restore {
            try KeyResult(
                id: KeyResultID(row.id), objectiveID: ObjectiveID(try row.string("objective_id")),
                title: try row.name(vi: "title_vi", en: "title_en"), owner: try row.owner(),
                kind: try row.enumeration("kind", as: KeyResult.Kind.self), unit: unit,
                start: try row.optionalDecimal("start_value"), target: try row.optionalDecimal("target"),
                targetHigh: try row.optionalDecimal("target_high"), current: try row.optionalDecimal("current_value"),
                weight: try row.decimal("weight"), confidence: try row.confidence(), condition: condition, plan: plan,
                kpiID: try row.optionalString("kpi_id").map { KPIID($0) }, due: try row.optionalDay("due_day"))
        }
    }

    func checkIns(_ filter: SQLQueryString) async throws -> [CheckIn] {
        try checkIns(
            rows: try await rows("SELECT ci.* FROM check_ins ci WHERE \(filter) ORDER BY ci.recorded_at, ci.id"))
    }

    /// The last `limit` check-ins of `filter` in the order `CheckIn.effective` sorts them (day, time recorded,
    /// id), latest first: the end of a history, read through the index of the KR's history.
    func checkIns(_ filter: SQLQueryString, latestFirst limit: Int) async throws -> [CheckIn] {
        try checkIns(
            rows: try await rows(
                """
                SELECT ci.* FROM check_ins ci WHERE \(filter)
                ORDER BY ci.day DESC, ci.recorded_at DESC, ci.id DESC LIMIT \(bind: limit)
                """))
    }

    private func checkIns(rows found: [any SQLRow]) throws -> [CheckIn] {
        try found.map { raw in
            let row = try StoredRow(raw, entity: "check_in")
            let week = try row.day("week")
            let checkIn = try row.restore {
                try CheckIn(
                    id: CheckInID(row.id), keyResultID: KeyResultID(try row.string("key_result_id")),
                    value: try row.decimal("value"), confidence: try row.confidence(),
                    note: try row.optionalString("note"),
                    authorID: PersonID(try row.string("author_id")), recordedAt: try row.date("recorded_at"),
                    day: try row.day("day"), weekStart: week.weekday,
                    supersedes: try row.optionalString("supersedes").map { CheckInID($0) },
                    conditionActual: try row.optionalDecimal("condition_actual"),
                    kpiID: try row.optionalString("kpi_id").map { KPIID($0) })
            }
            guard checkIn.week == week else { throw row.corrupt("week \(week) does not hold day \(checkIn.day)") }
            return checkIn
        }
    }

    /// The latest effective check-in of each KR matching `keyResultFilter` (on `k`): the last by day, then by
    /// the time it was recorded, of those no correction supersedes — `CheckIn.effective(history).last`, read
    /// through the index of each KR's history without loading it.
    /// With `before`, the latest effective check-in for a day before it.
    func lastCheckIns(_ keyResultFilter: SQLQueryString, before: Day? = nil) async throws -> [KeyResultID: CheckIn] {
        let earlier: SQLQueryString = before.map { "AND c.day < \(bind: $0.iso)" } ?? ""
        let found = try await checkIns(
            """
            ci.id IN (SELECT (SELECT c.id FROM check_ins c
                WHERE c.key_result_id = k.id AND NOT EXISTS (SELECT 1 FROM check_ins s WHERE s.supersedes = c.id)
                \(earlier)
                ORDER BY c.day DESC, c.recorded_at DESC, c.id DESC LIMIT 1)
            FROM key_results k WHERE \(keyResultFilter))
            """)
        return Dictionary(found.map { ($0.keyResultID, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Initiatives

    func initiatives(_ filter: SQLQueryString) async throws -> [Versioned<Initiative>] {
        try await positionedInitiatives(filter).map(\.entry)
    }

    /// Initiatives with their position, in the order lists show them (position, then id).
    func positionedInitiatives(_ filter: SQLQueryString) async throws
        -> [(entry: Versioned<Initiative>, position: Int)]
    {
        let found = try await rows("SELECT i.* FROM initiatives i WHERE \(filter) ORDER BY i.position, i.id")
        let linkRows = try await rows(
            """
            SELECT ik.initiative_id, ik.key_result_id, ik.position FROM initiative_key_results ik
            WHERE ik.initiative_id IN (SELECT i.id FROM initiatives i WHERE \(filter))
            """)
        var links: [String: [(position: Int, id: KeyResultID)]] = [:]
        for raw in linkRows {
            let row = try StoredRow(raw, entity: "initiative", idColumn: "initiative_id")
            links[row.id, default: []].append((try row.int("position"), KeyResultID(try row.string("key_result_id"))))
        }
        return try found.map { raw in
            let row = try StoredRow(raw, entity: "initiative")
            let keyResults = (links[row.id] ?? []).sorted { $0.position < $1.position }.map(\.id)
            let initiative = try row.restore {
                try Initiative(
                    id: InitiativeID(row.id), title: try row.name(vi: "title_vi", en: "title_en"),
                    owner: try row.owner(), state: try row.enumeration("state", as: Initiative.State.self),
                    due: try row.optionalDay("due_day"), link: try row.optionalString("link"), keyResultIDs: keyResults,
                    askID: try row.optionalString("ask_id").map { DependencyAskID($0) },
                    started: try row.optionalDay("started_day"), finished: try row.optionalDay("done_day"))
            }
            return (Versioned(value: initiative, version: try row.int("version")), try row.int("position"))
        }
    }
}
