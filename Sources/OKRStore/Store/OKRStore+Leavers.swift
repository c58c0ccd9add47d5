import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// What a deactivation handed over to the successor.
    public struct Handover: Sendable, Equatable {
        public var objectives: [ObjectiveID] = []
        public var keyResults: [KeyResultID] = []
        public var initiatives: [InitiativeID] = []

        public init() {}

        public var count: Int { objectives.count + keyResults.count + initiatives.count }
    }

    /// Someone leaves: from now on they cannot sign in and their API tokens stop working (revoked in the same
    /// transaction; their browser sessions are refused because they are no longer active). Their OKRs and
    /// history stay. With `successor`, what they own in cycles that are not closed — objectives, KRs, and
    /// initiatives still planned or in progress — is handed to that person in the same change.
    @discardableResult
    public func deactivatePerson(_ id: PersonID, handingOverTo successor: PersonID?, actor: PersonID?) async throws
        -> Handover
    {
        let at = now()
        return try await change("person", actor: actor) { tx in
            let loader = Loader(db: tx.db)
            guard let before = try await loader.people("p.id = \(bind: id.rawValue)").first?.person.value else {
                throw StoreError.notFound(entity: "person", id: id.rawValue)
            }
            guard before.isActive else { return Handover() }
            if let successor {
                guard successor != id else {
                    throw DomainError.invalid(field: "hand_over_to", reason: .unknownValue(successor.rawValue))
                }
                guard let heir = try await loader.people("p.id = \(bind: successor.rawValue)").first?.person.value
                else { throw StoreError.invalidReference(entity: "person", field: "hand_over_to") }
                guard heir.isActive else {
                    throw DomainError.invalid(field: "hand_over_to", reason: .unknownValue(successor.rawValue))
                }
            }
            try await tx.run(
                """
                UPDATE people SET deactivated_at = \(bind: StoredValue.milliseconds(at)), version = version + 1
                WHERE id = \(bind: id.rawValue)
                """)
            var after = before
            after.deactivatedAt = at
            try await tx.audit("person", id: id.rawValue, action: "deactivate", before: before, after: after)
            let revoked = try await tx.rows(
                """
                UPDATE api_tokens SET revoked_at = \(bind: StoredValue.milliseconds(at))
                WHERE person_id = \(bind: id.rawValue) AND revoked_at IS NULL RETURNING id
                """)
            for row in revoked {
                try await tx.audit("api_token", id: try row.decode(column: "id", as: String.self), action: "revoke")
            }
            guard let successor else { return Handover() }
            return try await Self.handOver(from: id, to: successor, in: tx)
        }
    }

    /// Someone comes back: they sign in again (with a password or their identity provider); API tokens revoked
    /// when they left stay revoked.
    public func reactivatePerson(_ id: PersonID, actor: PersonID?) async throws {
        try await change("person", actor: actor) { tx in
            guard let before = try await Loader(db: tx.db).people("p.id = \(bind: id.rawValue)").first?.person.value
            else { throw StoreError.notFound(entity: "person", id: id.rawValue) }
            guard !before.isActive else { return }
            try await tx.run(
                "UPDATE people SET deactivated_at = NULL, version = version + 1 WHERE id = \(bind: id.rawValue)")
            var after = before
            after.deactivatedAt = nil
            try await tx.audit("person", id: id.rawValue, action: "reactivate", before: before, after: after)
        }
    }

    /// Moves the open ownership of `leaver` to `successor` inside the change `tx`, each move audited.
    private static func handOver(from leaver: PersonID, to successor: PersonID, in tx: StoreTransaction) async throws
        -> Handover
    {
        let open: SQLQueryString = "(SELECT c.id FROM cycles c WHERE c.state <> 'closed')"
        let owned: [(table: String, entity: String, filter: SQLQueryString)] = [
            ("objectives", "objective", "cycle_id IN \(open)"),
            (
                "key_results", "key_result",
                "objective_id IN (SELECT o.id FROM objectives o WHERE o.cycle_id IN \(open))"
            ),
            ("initiatives", "initiative", "state IN ('planned', 'in_progress')"),
        ]
        var handover = Handover()
        let newOwner = Owner.person(successor).description
        for (table, entity, filter) in owned {
            let moved = try await tx.rows(
                """
                UPDATE \(ident: table) SET owner = \(bind: newOwner), owner_person_id = \(bind: successor.rawValue),
                    version = version + 1
                WHERE owner_person_id = \(bind: leaver.rawValue) AND \(filter) RETURNING id
                """)
            for row in moved {
                let id = try row.decode(column: "id", as: String.self)
                try await tx.audit(
                    entity, id: id, action: "hand_over", before: Owner.person(leaver).description, after: newOwner)
                switch entity {
                case "objective": handover.objectives.append(ObjectiveID(id))
                case "key_result": handover.keyResults.append(KeyResultID(id))
                default: handover.initiatives.append(InitiativeID(id))
                }
            }
        }
        return handover
    }
}
