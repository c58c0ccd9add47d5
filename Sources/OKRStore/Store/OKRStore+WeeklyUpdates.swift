import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// Saves a person's week: there is one update per person and week, so saving again replaces its plans,
    /// progress, problems and mood. The first saved id stays the update's id (comments point at it).
    public func saveWeeklyUpdate(_ update: WeeklyUpdate, actor: PersonID?) async throws {
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
            let before = try await loader.weeklyUpdates(
                "w.person_id = \(bind: update.personID.rawValue) AND w.week = \(bind: update.week.iso)"
            ).first
            let id = before?.id.rawValue ?? update.id.rawValue
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
                        mood = \(bind: update.mood), version = version + 1
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
                "weekly_update", id: id, action: before == nil ? "create" : "update", before: before, after: update)
        }
    }

    /// The updates of one week, for everyone or for the given people, by person.
    public func weeklyUpdates(week: Day, people: [PersonID]?) async throws -> [WeeklyUpdate] {
        var filter: SQLQueryString = "w.week = \(bind: week.iso)"
        if let people {
            guard !people.isEmpty else { return [] }
            let ids: [any Encodable & Sendable] = people.map(\.rawValue)
            filter = filter + " AND w.person_id IN (\(binds: ids))"
        }
        let condition = filter
        return try await read { try await $0.weeklyUpdates(condition) }
    }

    /// One person's updates, newest week first.
    public func weeklyUpdates(person: PersonID) async throws -> [WeeklyUpdate] {
        try await read { try await $0.weeklyUpdates("w.person_id = \(bind: person.rawValue)").reversed() }
    }
}

extension Loader {
    func weeklyUpdates(_ filter: SQLQueryString) async throws -> [WeeklyUpdate] {
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
            return try row.restore {
                try WeeklyUpdate(
                    id: WeeklyUpdateID(row.id), personID: PersonID(try row.string("person_id")),
                    week: try row.day("week"),
                    plans: items, progress: try row.optionalString("progress"),
                    problems: try row.optionalString("problems"), mood: try row.optionalInt("mood"))
            }
        }
        return updates.sorted { ($0.week, $0.personID) < ($1.week, $1.personID) }
    }
}
