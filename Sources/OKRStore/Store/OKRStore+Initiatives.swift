import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// Adds an initiative linked to the KRs it drives.
    public func createInitiative(_ initiative: Initiative, actor: PersonID?) async throws {
        try await change("initiative", actor: actor) { tx in try await Self.insert(initiative, in: tx) }
    }

    /// Adds an initiative inside the change `tx`.
    static func insert(_ initiative: Initiative, in tx: StoreTransaction) async throws {
        try await tx.checkInitiativeReferences(initiative)
        try await tx.requireOpen(keyResults: initiative.keyResultIDs)
        let owner = StoredValue.ownerColumns(initiative.owner)
        try await tx.run(
            """
            INSERT INTO initiatives (id, title_vi, title_en, owner, owner_team_id, owner_person_id, state, due_day,
                link, ask_id, started_day, done_day, position, version)
            VALUES (\(bind: initiative.id.rawValue), \(bind: initiative.title.vi), \(bind: initiative.title.en),
                \(bind: owner.text), \(bind: owner.team), \(bind: owner.person), \(bind: initiative.state.rawValue),
                \(bind: initiative.due?.iso), \(bind: initiative.link), \(bind: initiative.askID?.rawValue),
                \(bind: initiative.started?.iso), \(bind: initiative.finished?.iso),
                (SELECT COALESCE(MAX(x.position), 0) + 1 FROM initiatives x), 1)
            """)
        try await tx.insertInitiativeLinks(of: initiative)
        try await tx.audit(
            "initiative", id: initiative.id.rawValue, action: "create", before: Initiative?.none, after: initiative)
    }

    /// Replaces an initiative (title, owner, state, due date, link, linked KRs) if it is still at
    /// `expectedVersion`.
    public func updateInitiative(_ initiative: Initiative, expectedVersion: Int, actor: PersonID?) async throws
        -> Versioned<Initiative>
    {
        try await change("initiative", actor: actor) { tx in
            guard
                let before = try await Loader(db: tx.db).initiatives("i.id = \(bind: initiative.id.rawValue)").first
            else { throw StoreError.notFound(entity: "initiative", id: initiative.id.rawValue) }
            try await tx.checkInitiativeReferences(initiative)
            try await tx.requireOpen(keyResults: before.value.keyResultIDs + initiative.keyResultIDs)
            let version = try await tx.bumpVersion(
                table: "initiatives", id: initiative.id.rawValue, expected: expectedVersion, entity: "initiative")
            let owner = StoredValue.ownerColumns(initiative.owner)
            try await tx.run(
                """
                UPDATE initiatives SET title_vi = \(bind: initiative.title.vi), title_en = \(bind: initiative.title.en),
                    owner = \(bind: owner.text), owner_team_id = \(bind: owner.team),
                    owner_person_id = \(bind: owner.person), state = \(bind: initiative.state.rawValue),
                    due_day = \(bind: initiative.due?.iso), link = \(bind: initiative.link),
                    ask_id = \(bind: initiative.askID?.rawValue), started_day = \(bind: initiative.started?.iso),
                    done_day = \(bind: initiative.finished?.iso)
                WHERE id = \(bind: initiative.id.rawValue)
                """)
            try await tx.run("DELETE FROM initiative_key_results WHERE initiative_id = \(bind: initiative.id.rawValue)")
            try await tx.insertInitiativeLinks(of: initiative)
            let action = before.value.state == initiative.state ? "update" : "transition"
            try await tx.audit(
                "initiative", id: initiative.id.rawValue, action: action, before: before.value, after: initiative)
            return Versioned(value: initiative, version: version)
        }
    }

    public func initiative(id: InitiativeID) async throws -> Versioned<Initiative>? {
        try await read { try await $0.initiatives("i.id = \(bind: id.rawValue)").first }
    }

    /// The initiatives that accepted asks became, by ask.
    public func initiatives(asks: some Collection<DependencyAskID>) async throws -> [DependencyAskID: Initiative] {
        guard !asks.isEmpty else { return [:] }
        let ids: [any Encodable & Sendable] = asks.map(\.rawValue)
        let found = try await read { try await $0.initiatives("i.ask_id IN (\(binds: ids))") }
        var byAsk: [DependencyAskID: Initiative] = [:]
        for entry in found {
            if let ask = entry.value.askID, byAsk[ask] == nil { byAsk[ask] = entry.value }
        }
        return byAsk
    }

    /// The initiatives that drive a KR, oldest first.
    public func initiatives(keyResult: KeyResultID) async throws -> [Versioned<Initiative>] {
        try await read {
            try await $0.initiatives(
                """
                i.id IN (SELECT ik.initiative_id FROM initiative_key_results ik
                    WHERE ik.key_result_id = \(bind: keyResult.rawValue))
                """)
        }
    }
}

extension StoreTransaction {
    func checkInitiativeReferences(_ initiative: Initiative) async throws {
        try await requireReferences(
            [
                Reference("key_result_ids", table: "key_results", ids: initiative.keyResultIDs.map(\.rawValue)),
                Reference.owner(initiative.owner),
                Reference("ask_id", table: "dependency_asks", id: initiative.askID?.rawValue),
            ], entity: "initiative")
    }

    func insertInitiativeLinks(of initiative: Initiative) async throws {
        var seen: Set<KeyResultID> = []
        for (position, keyResult) in initiative.keyResultIDs.enumerated() where seen.insert(keyResult).inserted {
            try await run(
                """
                INSERT INTO initiative_key_results (initiative_id, key_result_id, position)
                VALUES (\(bind: initiative.id.rawValue), \(bind: keyResult.rawValue), \(bind: position))
                """)
        }
    }
}
