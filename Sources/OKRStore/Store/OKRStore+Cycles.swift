import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    public func createCycle(_ cycle: Cycle, actor: PersonID?) async throws {
        try await change("cycle", actor: actor) { tx in
            let policy = StoredValue.policyColumns(cycle.statusRules.policy)
            try await tx.run(
                """
                INSERT INTO cycles (id, name, start_day, end_day, state, status_policy, policy_first, policy_second,
                    low_confidence_below, stale_after_days, version)
                VALUES (\(bind: cycle.id.rawValue), \(bind: cycle.name), \(bind: cycle.start.iso), \(bind: cycle.end.iso),
                    \(bind: cycle.state.rawValue), \(bind: policy.name), \(bind: policy.first), \(bind: policy.second),
                    \(bind: cycle.statusRules.lowConfidenceBelow), \(bind: cycle.statusRules.staleAfterDays), 1)
                """)
            try await tx.audit("cycle", id: cycle.id.rawValue, action: "create", before: Cycle?.none, after: cycle)
        }
    }

    /// All cycles, oldest first.
    public func cycles() async throws -> [Versioned<Cycle>] {
        try await read { try await $0.cycles() }
    }

    public func cycle(id: CycleID) async throws -> Versioned<Cycle>? {
        try await read { try await $0.cycles("c.id = \(bind: id.rawValue)").first }
    }

    /// Replaces a cycle's name, dates, state and status rules if it is still at `expectedVersion`.
    public func updateCycle(_ cycle: Cycle, expectedVersion: Int, actor: PersonID?) async throws -> Versioned<Cycle> {
        try await change("cycle", actor: actor) { tx in
            try await Self.update(cycle, expectedVersion: expectedVersion, in: tx)
        }
    }

    /// Closes a cycle in one transaction: the proposed grades of the KRs that have none, and the cycle's state at
    /// the version the admin saw. A stale version rolls the grades back with it.
    public func closeCycle(
        _ closed: Cycle, expectedVersion: Int, grades: [KeyResultID: KeyResultGrade], actor: PersonID?
    ) async throws -> Versioned<Cycle> {
        try await change("cycle", actor: actor) { tx in
            try await Self.insertGrades(grades, in: tx)
            return try await Self.update(closed, expectedVersion: expectedVersion, in: tx)
        }
    }

    private static func update(_ cycle: Cycle, expectedVersion: Int, in tx: StoreTransaction) async throws
        -> Versioned<Cycle>
    {
        guard let before = try await Loader(db: tx.db).cycles("c.id = \(bind: cycle.id.rawValue)").first else {
            throw StoreError.notFound(entity: "cycle", id: cycle.id.rawValue)
        }
        let version = try await tx.bumpVersion(
            table: "cycles", id: cycle.id.rawValue, expected: expectedVersion, entity: "cycle")
        let policy = StoredValue.policyColumns(cycle.statusRules.policy)
        try await tx.run(
            """
            UPDATE cycles SET name = \(bind: cycle.name), start_day = \(bind: cycle.start.iso),
                end_day = \(bind: cycle.end.iso), state = \(bind: cycle.state.rawValue),
                status_policy = \(bind: policy.name), policy_first = \(bind: policy.first),
                policy_second = \(bind: policy.second),
                low_confidence_below = \(bind: cycle.statusRules.lowConfidenceBelow),
                stale_after_days = \(bind: cycle.statusRules.staleAfterDays)
            WHERE id = \(bind: cycle.id.rawValue)
            """)
        let action = before.value.state == cycle.state ? "update" : "transition"
        try await tx.audit("cycle", id: cycle.id.rawValue, action: action, before: before.value, after: cycle)
        return Versioned(value: cycle, version: version)
    }
}
