import Foundation
import OKRCore
import SQLKit

/// An objective carried into a later cycle: `objective` goes on from `from`.
public struct CarryOver: Hashable, Sendable {
    public let from: ObjectiveID
    public let objective: ObjectiveID
    public let at: Date
}

extension OKRStore {
    /// Saves the retrospective of an objective; writing it again replaces it (the audit keeps the old one). It
    /// is written after the cycle closes too: it is a look back, not a change to the closed record.
    @discardableResult
    public func saveRetrospective(_ retrospective: Retrospective, actor: PersonID?) async throws -> Retrospective {
        try await change("retrospective", actor: actor) { tx in
            let id = retrospective.objectiveID.rawValue
            try await tx.requireReferences(
                [Reference("objective_id", table: "objectives", id: id)], entity: "retrospective")
            let before = try await Loader(db: tx.db).retrospectives("r.objective_id = \(bind: id)")[
                retrospective.objectiveID]
            var saved = retrospective
            saved.writtenBy = tx.actor
            saved.writtenAt = StoredValue.date(StoredValue.milliseconds(tx.now))
            try await tx.run(
                """
                INSERT INTO retrospectives (objective_id, worked, did_not_work, learned, written_by, written_at, version)
                VALUES (\(bind: id), \(bind: saved.worked), \(bind: saved.didNotWork), \(bind: saved.learned),
                    \(bind: saved.writtenBy?.rawValue), \(bind: StoredValue.milliseconds(tx.now)), 1)
                ON CONFLICT (objective_id) DO UPDATE SET worked = excluded.worked,
                    did_not_work = excluded.did_not_work, learned = excluded.learned, written_by = excluded.written_by,
                    written_at = excluded.written_at, version = retrospectives.version + 1
                """)
            try await tx.audit(
                "retrospective", id: id, action: before == nil ? "create" : "update", before: before, after: saved)
            return saved
        }
    }

    /// The retrospectives of these objectives, by objective.
    public func retrospectives(objectives: some Collection<ObjectiveID>) async throws -> [ObjectiveID: Retrospective] {
        guard !objectives.isEmpty else { return [:] }
        let ids = objectives.map(\.rawValue)
        return try await read { try await $0.retrospectives("r.objective_id IN (\(binds: ids))") }
    }

    /// Carries an unfinished objective of a closed cycle into a later one, in one change: the copy, its KRs and
    /// the initiatives still to do are written, with the link to the original — all of them or none.
    public func carryOver(
        _ objective: Objective, keyResults: [KeyResult], initiatives: [Initiative], from original: ObjectiveID,
        actor: PersonID?
    ) async throws {
        try await change("carry_over", actor: actor) { tx in
            _ = try await self.createObjective(objective, actor: actor)
            for keyResult in keyResults { _ = try await self.createKeyResult(keyResult, actor: actor) }
            for initiative in initiatives { try await self.createInitiative(initiative, actor: actor) }
            try await tx.run(
                """
                INSERT INTO carry_overs (objective_id, from_objective_id, carried_at)
                VALUES (\(bind: objective.id.rawValue), \(bind: original.rawValue),
                    \(bind: StoredValue.milliseconds(tx.now)))
                """)
            try await tx.audit(
                "carry_over", id: objective.id.rawValue, action: "create", before: String?.none,
                after: original.rawValue)
        }
    }

    /// The carry-overs from or into any of these objectives.
    public func carryOvers(touching objectives: some Collection<ObjectiveID>) async throws -> [CarryOver] {
        guard !objectives.isEmpty else { return [] }
        let ids = objectives.map(\.rawValue)
        return try await read { loader in
            try await loader.rows(
                """
                SELECT objective_id, from_objective_id, carried_at FROM carry_overs
                WHERE objective_id IN (\(binds: ids)) OR from_objective_id IN (\(binds: ids))
                ORDER BY carried_at, objective_id
                """
            ).map { raw in
                let row = try StoredRow(raw, entity: "carry_over", idColumn: "objective_id")
                return CarryOver(
                    from: ObjectiveID(try row.string("from_objective_id")), objective: ObjectiveID(row.id),
                    at: StoredValue.date(try row.int("carried_at")))
            }
        }
    }
}

extension Loader {
    func retrospectives(_ filter: SQLQueryString) async throws -> [ObjectiveID: Retrospective] {
        let found = try await rows(
            """
            SELECT r.objective_id, r.worked, r.did_not_work, r.learned, r.written_by, r.written_at
            FROM retrospectives r WHERE \(filter)
            """)
        var byObjective: [ObjectiveID: Retrospective] = [:]
        for raw in found {
            let row = try StoredRow(raw, entity: "retrospective", idColumn: "objective_id")
            let retrospective = try row.restore {
                try Retrospective(
                    objectiveID: ObjectiveID(row.id), worked: try row.optionalString("worked"),
                    didNotWork: try row.optionalString("did_not_work"), learned: try row.optionalString("learned"),
                    writtenBy: try row.optionalString("written_by").map { PersonID($0) },
                    writtenAt: StoredValue.date(try row.int("written_at")))
            }
            byObjective[retrospective.objectiveID] = retrospective
        }
        return byObjective
    }
}
