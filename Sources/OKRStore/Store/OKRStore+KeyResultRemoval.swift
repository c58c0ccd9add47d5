import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// Removes a KR from its objective, if it is still at `expectedVersion`, with what only it gives meaning to:
    /// its check-ins, its grade, its links to initiatives (the initiatives stay), and the comments on it and on
    /// its check-ins. What others wrote that points at it moves up to its objective, so nothing pointing upward
    /// is lost: an objective aligned through the KR aligns to the objective (once, if it already did), a
    /// dependency ask or a weekly plan item about the KR is then about the objective. The objectives whose
    /// alignment moved get a new version, so an editor still open on one of them sees the change. The audit
    /// keeps the KR as it was.
    public func removeKeyResult(_ id: KeyResultID, expectedVersion: Int, actor: PersonID?) async throws {
        try await change("key_result", actor: actor) { tx in
            guard let before = try await Loader(db: tx.db).keyResults("k.id = \(bind: id.rawValue)").first else {
                throw StoreError.notFound(entity: "key_result", id: id.rawValue)
            }
            try await tx.requireOpen(keyResults: [id])
            _ = try await tx.bumpVersion(
                table: "key_results", id: id.rawValue, expected: expectedVersion, entity: "key_result")
            let kr = id.rawValue
            let objective = before.value.objectiveID.rawValue
            for row in try await tx.rows(
                "SELECT a.objective_id FROM alignment_links a WHERE a.parent_key_result_id = \(bind: kr)")
            {
                tx.touch("objective", id: try row.decode(column: "objective_id", as: String.self))
            }
            try await tx.run(
                """
                UPDATE objectives SET version = version + 1
                WHERE id IN (SELECT a.objective_id FROM alignment_links a WHERE a.parent_key_result_id = \(bind: kr))
                """)
            try await tx.run(
                """
                DELETE FROM alignment_links
                WHERE parent_key_result_id = \(bind: kr) AND objective_id IN (
                    SELECT d.objective_id FROM alignment_links d WHERE d.parent_objective_id = \(bind: objective))
                """)
            try await tx.run(
                """
                UPDATE alignment_links SET parent_objective_id = \(bind: objective), parent_key_result_id = NULL
                WHERE parent_key_result_id = \(bind: kr)
                """)
            try await tx.run(
                """
                UPDATE dependency_asks SET objective_id = COALESCE(objective_id, \(bind: objective)), key_result_id = NULL
                WHERE key_result_id = \(bind: kr)
                """)
            try await tx.run(
                """
                UPDATE weekly_plan_items SET objective_id = COALESCE(objective_id, \(bind: objective)), key_result_id = NULL
                WHERE key_result_id = \(bind: kr)
                """)
            try await tx.run(
                """
                DELETE FROM comments WHERE key_result_id = \(bind: kr)
                    OR check_in_id IN (SELECT c.id FROM check_ins c WHERE c.key_result_id = \(bind: kr))
                """)
            try await tx.run("DELETE FROM key_result_grades WHERE key_result_id = \(bind: kr)")
            try await tx.run("DELETE FROM initiative_key_results WHERE key_result_id = \(bind: kr)")
            try await tx.run("DELETE FROM check_ins WHERE key_result_id = \(bind: kr)")
            try await tx.run("DELETE FROM key_results WHERE id = \(bind: kr)")
            try await tx.audit("key_result", id: kr, action: "delete", before: before.value, after: KeyResult?.none)
        }
    }
}
