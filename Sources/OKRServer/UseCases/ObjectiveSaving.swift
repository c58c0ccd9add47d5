import OKRCore
import OKRStore

/// Saving an objective with its KRs, as the editor's one form does: the objective, each KR (new or changed), the
/// initiatives typed under them, the KRs taken off and the KRs' order commit in one change, or nothing does — a
/// stale version or a row the store refuses anywhere saves nothing.
struct ObjectiveSaving: Sendable {
    let store: OKRStore
    let actor: PersonID
    /// The day a new state of an initiative is stamped with.
    let today: Day

    /// What one save writes.
    struct Change: Sendable {
        var objective: Objective
        /// Each KR with the version the form read it at (nil for a new one).
        var keyResults: [(keyResult: KeyResult, version: Int?)]
        /// Stored KRs to take off the objective, with the version the form read them at.
        var removals: [(id: KeyResultID, version: Int)] = []
        /// Initiatives typed under the KRs: new ones (no version) and stored ones that changed.
        var initiatives: [(initiative: Initiative, version: Int?)] = []
    }

    /// Creates the objective with its KRs and initiatives.
    func create(_ change: Change) async throws -> Versioned<Objective> {
        let (store, actor, today) = (self.store, self.actor, self.today)
        return try await store.inOneChange(actor: actor) {
            let created = try await store.createObjective(change.objective, actor: actor)
            for (keyResult, _) in change.keyResults { _ = try await store.createKeyResult(keyResult, actor: actor) }
            try await Self.save(change.initiatives, store: store, actor: actor, today: today)
            return created
        }
    }

    /// Updates the objective read at `expectedVersion`, its KRs (creating the new ones), its initiatives, takes
    /// off the removed KRs and orders the KRs as the change lists them.
    func update(_ change: Change, expectedVersion: Int) async throws {
        let (store, actor, today) = (self.store, self.actor, self.today)
        try await store.inOneChange(actor: actor) {
            _ = try await store.updateObjective(change.objective, expectedVersion: expectedVersion, actor: actor)
            for (keyResult, version) in change.keyResults {
                if let version {
                    _ = try await store.updateKeyResult(keyResult, expectedVersion: version, actor: actor)
                } else {
                    _ = try await store.createKeyResult(keyResult, actor: actor)
                }
            }
            try await Self.save(change.initiatives, store: store, actor: actor, today: today)
            for (id, version) in change.removals {
                try await store.removeKeyResult(id, expectedVersion: version, actor: actor)
            }
            try await store.orderKeyResults(
                of: change.objective.id, change.keyResults.map(\.keyResult.id), actor: actor)
        }
    }

    /// Writes the initiatives, inside the objective's change. Each carries the days its stored self started and
    /// finished; a new state is stamped with `today`.
    private static func save(
        _ initiatives: [(initiative: Initiative, version: Int?)], store: OKRStore, actor: PersonID, today: Day
    ) async throws {
        for (typed, version) in initiatives {
            let initiative = typed.stamped(after: nil, on: today)
            if let version {
                _ = try await store.updateInitiative(initiative, expectedVersion: version, actor: actor)
            } else {
                try await store.createInitiative(initiative, actor: actor)
            }
        }
    }
}
