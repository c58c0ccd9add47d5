import Foundation
import OKRCore
import SQLKit

/// Planning a cycle: the organization's activation gate, and what a cycle's drafts still wait for — the
/// questions asked on them and the dependency asks made for them.
extension OKRStore {
    /// The organization's activation gate; both rules on until an admin changes them.
    public func activationGate() async throws -> ActivationGate {
        try await read { try await $0.activationGate() }
    }

    /// Replaces the organization's activation gate (audited).
    public func saveActivationGate(_ gate: ActivationGate, actor: PersonID?) async throws {
        try await change("activation_gate", actor: actor) { tx in
            let before = try await Loader(db: tx.db).activationGate()
            try await tx.run("DELETE FROM activation_gates WHERE id = 1")
            try await tx.run(
                """
                INSERT INTO activation_gates (id, requires_answered_questions, requires_answered_asks)
                VALUES (1, \(bind: StoredValue.flag(gate.requiresAnsweredQuestions)),
                    \(bind: StoredValue.flag(gate.requiresAnsweredAsks)))
                """)
            try await tx.audit("activation_gate", id: "1", action: "update", before: before, after: gate)
        }
    }

    /// The questions asked on the cycle's direction brief, objectives and KRs that no answer points at yet, oldest
    /// first.
    public func openQuestions(cycle: CycleID) async throws -> [Comment] {
        try await read { loader in
            try await loader.comments(
                """
                c.is_question = 1 AND NOT EXISTS (SELECT 1 FROM comments a WHERE a.answers = c.id)
                AND (c.direction_brief_id = \(bind: cycle.rawValue)
                    OR c.objective_id IN (SELECT o.id FROM objectives o WHERE o.cycle_id = \(bind: cycle.rawValue))
                    OR c.key_result_id IN (
                        SELECT k.id FROM key_results k JOIN objectives o ON o.id = k.objective_id
                        WHERE o.cycle_id = \(bind: cycle.rawValue)))
                """)
        }
    }

    /// The dependency asks made for the cycle's objectives and KRs, in their stored order.
    public func asks(cycle: CycleID) async throws -> [Versioned<DependencyAsk>] {
        try await read { loader in
            try await loader.asks(
                """
                a.objective_id IN (SELECT o.id FROM objectives o WHERE o.cycle_id = \(bind: cycle.rawValue))
                OR a.key_result_id IN (
                    SELECT k.id FROM key_results k JOIN objectives o ON o.id = k.objective_id
                    WHERE o.cycle_id = \(bind: cycle.rawValue))
                """)
        }
    }
}

extension Loader {
    func activationGate() async throws -> ActivationGate {
        guard let raw = try await rows("SELECT g.* FROM activation_gates g WHERE g.id = 1").first else {
            return ActivationGate()
        }
        let row = try StoredRow(raw, entity: "activation_gate")
        return ActivationGate(
            requiresAnsweredQuestions: try row.bool("requires_answered_questions"),
            requiresAnsweredAsks: try row.bool("requires_answered_asks"))
    }
}
