import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// Adds a KR at the end of its objective's list.
    public func createKeyResult(_ keyResult: KeyResult, actor: PersonID?) async throws -> Versioned<KeyResult> {
        try await change("key_result", actor: actor) { tx in
            try await tx.checkKeyResultReferences(keyResult)
            try await tx.requireOpen(objective: keyResult.objectiveID)
            let owner = StoredValue.ownerColumns(keyResult.owner)
            try await tx.run(
                """
                INSERT INTO key_results (id, objective_id, position, title_vi, title_en, owner, owner_team_id,
                    owner_person_id, kind, unit, start_value, target, target_high, current_value, weight, confidence,
                    condition_metric, condition_minimum, condition_actual, plan, kpi_id, due_day, version)
                VALUES (\(bind: keyResult.id.rawValue), \(bind: keyResult.objectiveID.rawValue),
                    (SELECT COALESCE(MAX(x.position), 0) + 1 FROM key_results x WHERE x.objective_id = \(bind: keyResult.objectiveID.rawValue)),
                    \(bind: keyResult.title.vi), \(bind: keyResult.title.en), \(bind: owner.text),
                    \(bind: owner.team), \(bind: owner.person), \(bind: keyResult.kind.rawValue),
                    \(bind: keyResult.unit.description), \(bind: StoredValue.text(keyResult.start)),
                    \(bind: StoredValue.text(keyResult.target)), \(bind: StoredValue.text(keyResult.targetHigh)),
                    \(bind: StoredValue.text(keyResult.current)), \(bind: StoredValue.text(keyResult.weight)),
                    \(bind: keyResult.confidence?.value), \(bind: keyResult.condition?.metric),
                    \(bind: StoredValue.text(keyResult.condition?.minimum)),
                    \(bind: StoredValue.text(keyResult.condition?.actual)), \(bind: StoredValue.plan(keyResult.plan)),
                    \(bind: keyResult.kpiID?.rawValue), \(bind: keyResult.due?.iso), 1)
                """)
            try await tx.audit(
                "key_result", id: keyResult.id.rawValue, action: "create", before: KeyResult?.none, after: keyResult)
            return Versioned(value: keyResult, version: 1)
        }
    }

    public func keyResult(id: KeyResultID) async throws -> Versioned<KeyResult>? {
        try await read { try await $0.keyResults("k.id = \(bind: id.rawValue)").first }
    }

    /// The KRs with these ids (unknown ids are left out), in one query whatever their number.
    public func keyResults(ids: some Collection<KeyResultID>) async throws -> [Versioned<KeyResult>] {
        guard !ids.isEmpty else { return [] }
        let list = SQLList(ids.map { SQLBind($0.rawValue) })
        return try await read { try await $0.keyResults("k.id IN (\(list))") }
    }

    /// An objective's KRs in their stored order.
    public func keyResults(objective: ObjectiveID) async throws -> [Versioned<KeyResult>] {
        try await read { try await $0.keyResults("k.objective_id = \(bind: objective.rawValue)") }
    }

    /// Replaces a KR if it is still at `expectedVersion`. Its current value and confidence are normally moved by
    /// check-ins (`recordCheckIn`), which keep the history; this stores whatever `keyResult` holds.
    public func updateKeyResult(_ keyResult: KeyResult, expectedVersion: Int, actor: PersonID?) async throws
        -> Versioned<KeyResult>
    {
        try await change("key_result", actor: actor) { tx in
            guard let before = try await Loader(db: tx.db).keyResults("k.id = \(bind: keyResult.id.rawValue)").first
            else { throw StoreError.notFound(entity: "key_result", id: keyResult.id.rawValue) }
            try await tx.checkKeyResultReferences(keyResult)
            try await tx.requireOpen(objective: before.value.objectiveID)
            try await tx.requireOpen(objective: keyResult.objectiveID)
            let version = try await tx.bumpVersion(
                table: "key_results", id: keyResult.id.rawValue, expected: expectedVersion, entity: "key_result")
            try await tx.writeKeyResult(keyResult)
            try await tx.audit(
                "key_result", id: keyResult.id.rawValue, action: "update", before: before.value, after: keyResult)
            return Versioned(value: keyResult, version: version)
        }
    }
}

extension StoreTransaction {
    func checkKeyResultReferences(_ keyResult: KeyResult) async throws {
        try await requireReferences(
            [
                Reference("objective_id", table: "objectives", id: keyResult.objectiveID.rawValue),
                Reference.owner(keyResult.owner),
                Reference("kpi_id", table: "kpis", id: keyResult.kpiID?.rawValue),
            ], entity: "key_result")
    }

    /// Writes every column of a KR but its id, position and version.
    func writeKeyResult(_ keyResult: KeyResult) async throws {
        let owner = StoredValue.ownerColumns(keyResult.owner)
        try await run(
            """
            UPDATE key_results SET objective_id = \(bind: keyResult.objectiveID.rawValue),
                title_vi = \(bind: keyResult.title.vi), title_en = \(bind: keyResult.title.en),
                owner = \(bind: owner.text), owner_team_id = \(bind: owner.team),
                owner_person_id = \(bind: owner.person), kind = \(bind: keyResult.kind.rawValue),
                unit = \(bind: keyResult.unit.description), start_value = \(bind: StoredValue.text(keyResult.start)),
                target = \(bind: StoredValue.text(keyResult.target)),
                target_high = \(bind: StoredValue.text(keyResult.targetHigh)),
                current_value = \(bind: StoredValue.text(keyResult.current)),
                weight = \(bind: StoredValue.text(keyResult.weight)), confidence = \(bind: keyResult.confidence?.value),
                condition_metric = \(bind: keyResult.condition?.metric),
                condition_minimum = \(bind: StoredValue.text(keyResult.condition?.minimum)),
                condition_actual = \(bind: StoredValue.text(keyResult.condition?.actual)),
                plan = \(bind: StoredValue.plan(keyResult.plan)), kpi_id = \(bind: keyResult.kpiID?.rawValue),
                due_day = \(bind: keyResult.due?.iso)
            WHERE id = \(bind: keyResult.id.rawValue)
            """)
    }
}

extension OKRStore {
    /// Puts the KRs of `objective` in the order given (the editor's rows): each KR whose place changes gets it, with
    /// a new version so pages and forms kept for the old order see the change. KRs of the objective left out keep
    /// their places after those given; ids of other objectives are refused.
    public func orderKeyResults(of objective: ObjectiveID, _ order: [KeyResultID], actor: PersonID?) async throws {
        try await change("key_result", actor: actor) { tx in
            try await tx.requireOpen(objective: objective)
            let stored = try await tx.rows(
                """
                SELECT k.id, k.position FROM key_results k WHERE k.objective_id = \(bind: objective.rawValue)
                ORDER BY k.position, k.id
                """)
            var positions: [KeyResultID: Int] = [:]
            var current: [KeyResultID] = []
            for row in stored {
                let id = KeyResultID(try row.decode(column: "id", as: String.self))
                positions[id] = try row.decode(column: "position", as: Int.self)
                current.append(id)
            }
            for id in order where positions[id] == nil {
                throw StoreError.notFound(entity: "key_result", id: id.rawValue)
            }
            let wanted = order + current.filter { !order.contains($0) }
            for (index, id) in wanted.enumerated() where positions[id] != index + 1 {
                try await tx.run(
                    """
                    UPDATE key_results SET position = \(bind: index + 1), version = version + 1
                    WHERE id = \(bind: id.rawValue)
                    """)
                try await tx.audit(
                    "key_result", id: id.rawValue, action: "reorder", before: positions[id], after: index + 1)
            }
        }
    }
}
