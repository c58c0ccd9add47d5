import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// Saves a person's week: there is one update per person and week, so saving again replaces its plans,
    /// progress, problems and mood. The first saved id stays the update's id (comments point at it).
    /// Saves a person's update of a week: a new one when `expectedVersion` is nil, else a replacement of the one
    /// saved at that version — never silently over someone's earlier save (`conflict` when the week already has
    /// an update the caller did not read, or a newer one). Returns the saved version.
    @discardableResult
    public func saveWeeklyUpdate(_ update: WeeklyUpdate, expectedVersion: Int?, actor: PersonID?) async throws -> Int {
        try await change("weekly_update", actor: actor) { tx in
            try await tx.requireReferences(
                [
                    Reference("person_id", table: "people", id: update.personID.rawValue),
                    Reference(
                        "plans.objective_id", table: "objectives", ids: update.plans.compactMap(\.objectiveID?.rawValue)
                    ),
                    Reference(
                        "plans.key_result_id", table: "key_results",
                        ids: update.plans.compactMap(\.keyResultID?.rawValue)),
                ], entity: "weekly_update")
            let loader = Loader(db: tx.db)
            let before = try await loader.versionedWeeklyUpdates(
                "w.person_id = \(bind: update.personID.rawValue) AND w.week = \(bind: update.week.iso)"
            ).first
            let id = before?.value.id.rawValue ?? update.id.rawValue
            let version: Int
            if let before {
                guard let expectedVersion else {
                    throw StoreError.conflict(entity: "weekly_update", id: id, expected: 0, actual: before.version)
                }
                version = try await tx.bumpVersion(
                    table: "weekly_updates", id: id, expected: expectedVersion, entity: "weekly_update")
            } else {
                version = 1
            }
            if before == nil {
                try await tx.run(
                    """
                    INSERT INTO weekly_updates (id, person_id, week, progress, problems, mood, version)
                    VALUES (\(bind: id), \(bind: update.personID.rawValue), \(bind: update.week.iso),
                        \(bind: update.progress), \(bind: update.problems), \(bind: update.mood), 1)
                    """)
            } else {
                try await tx.run(
                    """
                    UPDATE weekly_updates SET progress = \(bind: update.progress), problems = \(bind: update.problems),
                        mood = \(bind: update.mood)
                    WHERE id = \(bind: id)
                    """)
                try await tx.run("DELETE FROM weekly_plan_items WHERE weekly_update_id = \(bind: id)")
            }
            for (position, plan) in update.plans.enumerated() {
                try await tx.run(
                    """
                    INSERT INTO weekly_plan_items (weekly_update_id, position, text, objective_id, key_result_id, done)
                    VALUES (\(bind: id), \(bind: position), \(bind: plan.text), \(bind: plan.objectiveID?.rawValue),
                        \(bind: plan.keyResultID?.rawValue), \(bind: StoredValue.flag(plan.done)))
                    """)
            }
            try await tx.audit(
                "weekly_update", id: id, action: before == nil ? "create" : "update", before: before?.value,
                after: update)
            return version
        }
    }

    /// The updates of one week, for everyone or for the given people, by person.
    public func weeklyUpdates(week: Day, people: [PersonID]?) async throws -> [WeeklyUpdate] {
        try await versionedWeeklyUpdates(week: week, people: people).map(\.value)
    }

    /// One person's updates, newest week first.
    public func weeklyUpdates(person: PersonID) async throws -> [WeeklyUpdate] {
        try await versionedWeeklyUpdates(person: person).map(\.value)
    }

    /// The updates of one week with their versions, for everyone or for the given people, by person.
    public func versionedWeeklyUpdates(week: Day, people: [PersonID]?) async throws -> [Versioned<WeeklyUpdate>] {
        var filter: SQLQueryString = "w.week = \(bind: week.iso)"
        if let people {
            guard !people.isEmpty else { return [] }
            let ids: [any Encodable & Sendable] = people.map(\.rawValue)
            filter = filter + " AND w.person_id IN (\(binds: ids))"
        }
        let condition = filter
        return try await read { try await $0.versionedWeeklyUpdates(condition) }
    }

    /// One person's updates with their versions, newest week first.
    public func versionedWeeklyUpdates(person: PersonID) async throws -> [Versioned<WeeklyUpdate>] {
        try await read { try await $0.versionedWeeklyUpdates("w.person_id = \(bind: person.rawValue)").reversed() }
    }
}

extension Loader {
    func versionedWeeklyUpdates(_ filter: SQLQueryString) async throws -> [Versioned<WeeklyUpdate>] {
        let found = try await rows("SELECT w.* FROM weekly_updates w WHERE \(filter) ORDER BY w.week, w.person_id")
        let planRows = try await rows(
            """
            SELECT pi.* FROM weekly_plan_items pi
            WHERE pi.weekly_update_id IN (SELECT w.id FROM weekly_updates w WHERE \(filter))
            """)
        var plans: [String: [(position: Int, item: PlanItem)]] = [:]
        for raw in planRows {
            let row = try StoredRow(raw, entity: "weekly_update", idColumn: "weekly_update_id")
            let text = try row.string("text")
            let objective = try row.optionalString("objective_id").map { ObjectiveID($0) }
            let keyResult = try row.optionalString("key_result_id").map { KeyResultID($0) }
            let done = try row.bool("done")
            let item = try row.restore {
                try PlanItem(text: text, objectiveID: objective, keyResultID: keyResult, done: done)
            }
            plans[row.id, default: []].append((try row.int("position"), item))
        }
        let updates = try found.map { raw in
            let row = try StoredRow(raw, entity: "weekly_update")
            let items = (plans[row.id] ?? []).sorted { $0.position < $1.position }.map(\.item)
            let update = try row.restore {
                try WeeklyUpdate(
                    id: WeeklyUpdateID(row.id), personID: PersonID(try row.string("person_id")),
                    week: try row.day("week"),
                    plans: items, progress: try row.optionalString("progress"),
                    problems: try row.optionalString("problems"), mood: try row.optionalInt("mood"))
            }
            return Versioned(value: update, version: try row.int("version"))
        }
        return updates.sorted { ($0.value.week, $0.value.personID) < ($1.value.week, $1.value.personID) }
    }
}
