import Foundation
import OKRCore
import SQLKit

/// Writes a whole organization into a new database fast: many rows per `INSERT … VALUES (…), (…)` statement,
/// one transaction per batch, no audit events. For `okra generate` (benchmarks and tests on a large
/// organization), never for people's changes, which go through the store's use cases one transaction each.
///
/// Every column is written exactly as the store's own insert statements write it (`StoredValue`, the owner
/// columns, the folded search key, versions 1), so `Loader` reads it all back as if the store had written it.
/// Nothing is validated beyond what the domain values already guarantee and the database's constraints check.
public struct BulkLoad: Sendable {
    public let database: OKRDatabase

    /// Rows per statement: few enough to stay far below both databases' limits on bound parameters (SQLite
    /// 32,766 by default, PostgreSQL 65,535) with the widest table (23 columns), many enough that a statement's
    /// overhead is spread over hundreds of rows.
    static let rowsPerStatement = 500

    public init(_ database: OKRDatabase) {
        self.database = database
    }

    /// Whether the database already holds anyone (a generated organization only goes into an empty one).
    public func holdsPeople() async throws -> Bool {
        let rows = try await database.reads.raw("SELECT COUNT(*) AS n FROM (SELECT 1 FROM people LIMIT 1) AS one").all()
        return try (rows.first?.decode(column: "n", as: Int.self) ?? 0) > 0
    }

    /// Inserts everything in `batch` in one transaction.
    public func write(_ batch: BulkBatch) async throws {
        try await database.transaction { db in
            let writer = Writer(db: db)
            if let settings = batch.settings { try await writer.settings(settings) }
            try await writer.teams(batch.teams)
            try await writer.people(batch.people, passwordHash: batch.passwordHash)
            try await writer.memberships(batch.teams)
            try await writer.cycles(batch.cycles)
            try await writer.kpis(batch.kpis, values: batch.kpiValues)
            try await writer.objectives(batch.objectives)
            try await writer.keyResults(batch.keyResults, newObjectives: Set(batch.objectives.map(\.id)))
            try await writer.alignmentLinks(batch.objectives)
            try await writer.grades(batch.grades)
            try await writer.asks(batch.asks)
            try await writer.initiatives(batch.initiatives)
            try await writer.checkIns(batch.checkIns)
            try await writer.weeklyUpdates(batch.weeklyUpdates)
            try await writer.comments(batch.comments)
        }
    }
}

/// The insert statements of one bulk transaction, table by table.
private struct Writer {
    typealias Row = [any Encodable & Sendable]

    let db: any SQLDatabase

    /// Inserts `items` as rows of `table`, `BulkLoad.rowsPerStatement` at a time.
    func insert<C: Collection>(_ table: String, _ columns: [String], _ items: C, row: (C.Element) -> Row)
        async throws
    {
        var index = items.startIndex
        while index != items.endIndex {
            let end =
                items.index(index, offsetBy: BulkLoad.rowsPerStatement, limitedBy: items.endIndex)
                ?? items.endIndex
            var builder = db.insert(into: SQLIdentifier(table)).columns(columns)
            for item in items[index..<end] { builder = builder.values(row(item)) }
            try await builder.run()
            index = end
        }
    }

    /// The highest position already stored per group (`cycle_id` of objectives, …), for the given groups.
    func topPositions(table: String, group: String, of ids: [String]) async throws -> [String: Int] {
        var top: [String: Int] = [:]
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(ids.count, start + BulkLoad.rowsPerStatement)]
            let list = SQLList(chunk.map { SQLBind($0) })
            let rows = try await db.raw(
                """
                SELECT \(ident: group) AS grp, MAX(position) AS top FROM \(ident: table)
                WHERE \(ident: group) IN (\(list)) GROUP BY \(ident: group)
                """
            ).all()
            for row in rows {
                top[try row.decode(column: "grp", as: String.self)] = try row.decode(column: "top", as: Int?.self) ?? 0
            }
            start += BulkLoad.rowsPerStatement
        }
        return top
    }

    /// The highest position of a table whose positions are global (initiatives, asks).
    func topPosition(table: String) async throws -> Int {
        let rows = try await db.raw("SELECT MAX(position) AS top FROM \(ident: table)").all()
        return try rows.first?.decode(column: "top", as: Int?.self) ?? 0
    }

    // MARK: The organization

    func settings(_ settings: OrganizationSettings) async throws {
        let policy = StoredValue.policyColumns(settings.statusRules.policy)
        try await insert(
            "organization_settings",
            [
                "id", "name", "time_zone", "week_start", "holidays", "observes_vietnamese_holidays",
                "default_language", "status_policy", "policy_first", "policy_second", "low_confidence_below",
                "stale_after_days", "max_objectives_per_owner", "check_in_day", "check_in_time", "version",
            ], [settings]
        ) { settings in
            [
                1, settings.name, settings.timeZone, settings.weekStart.rawValue, StoredValue.days(settings.holidays),
                StoredValue.flag(settings.observesVietnameseHolidays), settings.defaultLanguage.rawValue, policy.name,
                policy.first, policy.second, settings.statusRules.lowConfidenceBelow,
                settings.statusRules.staleAfterDays, settings.maxObjectivesPerOwner, settings.checkInDay.rawValue,
                settings.checkInTime, 1,
            ]
        }
    }

    /// Parents before children, whatever the order of the list, so every `parent_id` exists when written.
    func teams(_ teams: [Team]) async throws {
        let ids = Set(teams.map(\.id))
        var depth: [TeamID: Int] = [:]
        let byID = Dictionary(teams.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func level(_ team: Team) -> Int {
            if let known = depth[team.id] { return known }
            var result = 0
            if let parent = team.parentID, ids.contains(parent), let above = byID[parent], above.id != team.id {
                result = level(above) + 1
            }
            depth[team.id] = result
            return result
        }
        let ordered = teams.map { ($0, level($0)) }.sorted { ($0.1, $0.0.id) < ($1.1, $1.0.id) }.map(\.0)
        try await insert("teams", ["id", "name_vi", "name_en", "parent_id", "version"], ordered) { team in
            [team.id.rawValue, team.name.vi, team.name.en, team.parentID?.rawValue, 1]
        }
    }

    func people(_ people: [Person], passwordHash: String?) async throws {
        try await insert("people", ["id", "name", "email", "role", "language", "password_hash", "version"], people) {
            [$0.id.rawValue, $0.name, $0.email, $0.role.rawValue, $0.language?.rawValue, passwordHash, 1]
        }
    }

    /// Each team's leads (`is_lead` 1) and members (0), once each, as `OKRStore.createTeam` writes them.
    func memberships(_ teams: [Team]) async throws {
        var rows: [(team: String, person: String, lead: Int)] = []
        for team in teams {
            for (people, lead) in [(team.leadIDs, 1), (team.memberIDs, 0)] {
                var seen: Set<PersonID> = []
                for person in people where seen.insert(person).inserted {
                    rows.append((team.id.rawValue, person.rawValue, lead))
                }
            }
        }
        try await insert("team_members", ["team_id", "person_id", "is_lead"], rows) { [$0.team, $0.person, $0.lead] }
    }

    func cycles(_ cycles: [Cycle]) async throws {
        try await insert(
            "cycles",
            [
                "id", "name", "start_day", "end_day", "state", "status_policy", "policy_first", "policy_second",
                "low_confidence_below", "stale_after_days", "version",
            ], cycles
        ) { cycle in
            let policy = StoredValue.policyColumns(cycle.statusRules.policy)
            return [
                cycle.id.rawValue, cycle.name, cycle.start.iso, cycle.end.iso, cycle.state.rawValue, policy.name,
                policy.first, policy.second, cycle.statusRules.lowConfidenceBelow, cycle.statusRules.staleAfterDays, 1,
            ]
        }
    }

    func kpis(_ kpis: [KPI], values: [KPIValue]) async throws {
        try await insert(
            "kpis",
            ["id", "name_vi", "name_en", "unit", "direction", "healthy", "unhealthy", "owner_team_id", "version"],
            kpis
        ) { kpi in
            [
                kpi.id.rawValue, kpi.name.vi, kpi.name.en, kpi.unit.description, kpi.direction.rawValue,
                StoredValue.text(kpi.healthy), StoredValue.text(kpi.unhealthy), kpi.ownerTeamID?.rawValue, 1,
            ]
        }
        try await insert("kpi_values", ["kpi_id", "day", "value"], values) {
            [$0.kpiID.rawValue, $0.day.iso, StoredValue.text($0.value)]
        }
    }

    // MARK: Objectives and key results

    func objectives(_ objectives: [Objective]) async throws {
        var cycles: [String] = []
        for objective in objectives where !cycles.contains(objective.cycleID.rawValue) {
            cycles.append(objective.cycleID.rawValue)
        }
        var position = try await topPositions(table: "objectives", group: "cycle_id", of: cycles)
        let positioned = objectives.map { objective -> (Objective, Int) in
            let next = position[objective.cycleID.rawValue, default: 0] + 1
            position[objective.cycleID.rawValue] = next
            return (objective, next)
        }
        try await insert(
            "objectives",
            [
                "id", "cycle_id", "position", "title_vi", "title_en", "description", "owner", "owner_team_id",
                "owner_person_id", "kind", "state", "visibility", "progress_source", "search_key", "version",
            ], positioned
        ) { objective, position in
            let owner = StoredValue.ownerColumns(objective.owner)
            return [
                objective.id.rawValue, objective.cycleID.rawValue, position, objective.title.vi, objective.title.en,
                objective.description, owner.text, owner.team, owner.person, objective.kind.rawValue,
                objective.state.rawValue, objective.visibility.rawValue, objective.progressSource.rawValue,
                OKRStore.searchKey(objective), 1,
            ]
        }
    }

    /// `newObjectives` were written in this batch, so they hold no KRs yet; only the others are looked up.
    func keyResults(_ keyResults: [KeyResult], newObjectives: Set<ObjectiveID>) async throws {
        var older: [String] = []
        var seen: Set<ObjectiveID> = []
        for keyResult in keyResults
        where !newObjectives.contains(keyResult.objectiveID) && seen.insert(keyResult.objectiveID).inserted {
            older.append(keyResult.objectiveID.rawValue)
        }
        var position = try await topPositions(table: "key_results", group: "objective_id", of: older)
        let positioned = keyResults.map { keyResult -> (KeyResult, Int) in
            let next = position[keyResult.objectiveID.rawValue, default: 0] + 1
            position[keyResult.objectiveID.rawValue] = next
            return (keyResult, next)
        }
        try await insert(
            "key_results",
            [
                "id", "objective_id", "position", "title_vi", "title_en", "owner", "owner_team_id", "owner_person_id",
                "kind", "unit", "start_value", "target", "target_high", "current_value", "weight", "confidence",
                "condition_metric", "condition_minimum", "condition_actual", "plan", "kpi_id", "due_day", "version",
            ], positioned
        ) { keyResult, position in
            let owner = StoredValue.ownerColumns(keyResult.owner)
            return [
                keyResult.id.rawValue, keyResult.objectiveID.rawValue, position, keyResult.title.vi,
                keyResult.title.en, owner.text, owner.team, owner.person, keyResult.kind.rawValue,
                keyResult.unit.description, StoredValue.text(keyResult.start), StoredValue.text(keyResult.target),
                StoredValue.text(keyResult.targetHigh), StoredValue.text(keyResult.current),
                StoredValue.text(keyResult.weight), keyResult.confidence?.value, keyResult.condition?.metric,
                StoredValue.text(keyResult.condition?.minimum), StoredValue.text(keyResult.condition?.actual),
                StoredValue.plan(keyResult.plan), keyResult.kpiID?.rawValue, keyResult.due?.iso, 1,
            ]
        }
    }

    /// After the KRs: a link may point at a KR of the same batch.
    func alignmentLinks(_ objectives: [Objective]) async throws {
        let links = objectives.flatMap { objective in
            objective.parents.enumerated().map { (objective.id, $0.offset, $0.element) }
        }
        try await insert(
            "alignment_links", ["objective_id", "position", "parent_objective_id", "parent_key_result_id", "weight"],
            links
        ) { objective, position, link in
            var parentObjective: String?
            var parentKeyResult: String?
            switch link.target {
            case .objective(let id): parentObjective = id.rawValue
            case .keyResult(let id): parentKeyResult = id.rawValue
            }
            return [objective.rawValue, position, parentObjective, parentKeyResult, StoredValue.text(link.weight)]
        }
    }

    func grades(_ grades: [KeyResultID: KeyResultGrade]) async throws {
        let sorted = grades.sorted { $0.key < $1.key }
        try await insert("key_result_grades", ["key_result_id", "proposed", "value", "reason", "version"], sorted) {
            [
                $0.key.rawValue, StoredValue.text($0.value.proposed), StoredValue.text($0.value.value), $0.value.reason,
                1,
            ]
        }
    }

    // MARK: Asks, initiatives, check-ins

    func asks(_ asks: [DependencyAsk]) async throws {
        let top = try await asks.isEmpty ? 0 : topPosition(table: "dependency_asks")
        try await insert(
            "dependency_asks",
            [
                "id", "from_team_id", "to_team_id", "objective_id", "key_result_id", "need", "due_by", "state",
                "reason", "counter_due", "position", "version",
            ], Array(asks.enumerated())
        ) { index, ask in
            [
                ask.id.rawValue, ask.fromTeamID.rawValue, ask.toTeamID.rawValue, ask.objectiveID?.rawValue,
                ask.keyResultID?.rawValue, ask.need, ask.dueBy.iso, ask.state.rawValue, ask.reason,
                ask.counterDue?.iso, top + index + 1, 1,
            ]
        }
    }

    func initiatives(_ initiatives: [Initiative]) async throws {
        let top = try await initiatives.isEmpty ? 0 : topPosition(table: "initiatives")
        try await insert(
            "initiatives",
            [
                "id", "title_vi", "title_en", "owner", "owner_team_id", "owner_person_id", "state", "due_day", "link",
                "ask_id", "position", "version",
            ], Array(initiatives.enumerated())
        ) { index, initiative in
            let owner = StoredValue.ownerColumns(initiative.owner)
            return [
                initiative.id.rawValue, initiative.title.vi, initiative.title.en, owner.text, owner.team, owner.person,
                initiative.state.rawValue, initiative.due?.iso, initiative.link, initiative.askID?.rawValue,
                top + index + 1, 1,
            ]
        }
        // As `insertInitiativeLinks`: each KR once, at the position of its first mention.
        var links: [(initiative: String, keyResult: String, position: Int)] = []
        for initiative in initiatives {
            var seen: Set<KeyResultID> = []
            for (position, keyResult) in initiative.keyResultIDs.enumerated() where seen.insert(keyResult).inserted {
                links.append((initiative.id.rawValue, keyResult.rawValue, position))
            }
        }
        try await insert("initiative_key_results", ["initiative_id", "key_result_id", "position"], links) {
            [$0.initiative, $0.keyResult, $0.position]
        }
    }

    /// Corrections after everything else, so the check-in each one supersedes is already there.
    func checkIns(_ checkIns: [CheckIn]) async throws {
        let columns = [
            "id", "key_result_id", "value", "confidence", "note", "author_id", "recorded_at", "day", "week",
            "supersedes", "condition_actual",
        ]
        let row: (CheckIn) -> Row = { checkIn in
            [
                checkIn.id.rawValue, checkIn.keyResultID.rawValue, StoredValue.text(checkIn.value),
                checkIn.confidence?.value, checkIn.note, checkIn.authorID.rawValue,
                StoredValue.milliseconds(checkIn.recordedAt), checkIn.day.iso, checkIn.week.iso,
                checkIn.supersedes?.rawValue, StoredValue.text(checkIn.conditionActual),
            ]
        }
        try await insert("check_ins", columns, checkIns.filter { $0.supersedes == nil }, row: row)
        try await insert("check_ins", columns, checkIns.filter { $0.supersedes != nil }, row: row)
    }

    // MARK: Weekly updates and comments

    func weeklyUpdates(_ updates: [WeeklyUpdate]) async throws {
        try await insert(
            "weekly_updates", ["id", "person_id", "week", "progress", "problems", "mood", "version"], updates
        ) { [$0.id.rawValue, $0.personID.rawValue, $0.week.iso, $0.progress, $0.problems, $0.mood, 1] }
        let items = updates.flatMap { update in update.plans.enumerated().map { (update.id, $0.offset, $0.element) } }
        try await insert(
            "weekly_plan_items", ["weekly_update_id", "position", "text", "objective_id", "key_result_id", "done"],
            items
        ) { id, position, plan in
            [
                id.rawValue, position, plan.text, plan.objectiveID?.rawValue, plan.keyResultID?.rawValue,
                StoredValue.flag(plan.done),
            ]
        }
    }

    /// Questions and comments before the answers that point at them.
    func comments(_ comments: [Comment]) async throws {
        let ordered = comments.filter { $0.answers == nil } + comments.filter { $0.answers != nil }
        try await insert(
            "comments",
            [
                "id", "subject_kind", "objective_id", "key_result_id", "check_in_id", "weekly_update_id", "author_id",
                "body", "is_question", "created_at", "answers",
            ], ordered
        ) { comment in
            let subject = CommentSubjectColumns(comment.subject)
            return [
                comment.id.rawValue, subject.kind, subject.objective, subject.keyResult, subject.checkIn,
                subject.weeklyUpdate, comment.authorID.rawValue, comment.body, StoredValue.flag(comment.isQuestion),
                StoredValue.milliseconds(comment.createdAt), comment.answers?.rawValue,
            ]
        }
    }
}
