import Foundation
import OKRCore
import SQLKit

/// A closed cycle is read-only: its objectives, KRs, check-ins, initiatives and links are the graded record of
/// the quarter. Every write to them asks here first, in its own transaction, so nothing slips in between the
/// check and the write; an admin who must correct the record reopens the cycle (an audited transition).
extension StoreTransaction {
    func requireOpen(cycle: CycleID) async throws {
        try await refuseClosed(
            rows("SELECT id, state FROM cycles WHERE id = \(bind: cycle.rawValue)"))
    }

    func requireOpen(objective: ObjectiveID) async throws {
        try await refuseClosed(
            rows(
                """
                SELECT c.id, c.state FROM objectives o JOIN cycles c ON c.id = o.cycle_id
                WHERE o.id = \(bind: objective.rawValue)
                """))
    }

    func requireOpen(keyResults: some Collection<KeyResultID>) async throws {
        guard !keyResults.isEmpty else { return }
        let ids = SQLList(keyResults.map { SQLBind($0.rawValue) })
        try await refuseClosed(
            rows(
                """
                SELECT c.id, c.state FROM key_results k JOIN objectives o ON o.id = k.objective_id
                JOIN cycles c ON c.id = o.cycle_id WHERE k.id IN (\(ids))
                """))
    }

    private func refuseClosed(_ rows: [any SQLRow]) throws {
        for row in rows where try row.decode(column: "state", as: String.self) == Cycle.State.closed.rawValue {
            throw StoreError.cycleClosed(cycle: try row.decode(column: "id", as: String.self))
        }
    }
}
