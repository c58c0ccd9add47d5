import OKRCore
import OKRStore

/// The objectives and key results that collaboration records point at — asks, weekly plan items, comments —
/// and what the caller may see of them. An ask, a plan or a comment about a private objective is as private as
/// the objective itself, so each endpoint of these records asks here before it shows or accepts one.
struct LinkedObjectives: Sendable {
    let access: Access
    private let teams: Set<TeamID>
    private let objectives: [ObjectiveID: Objective]
    private let keyResults: [KeyResultID: KeyResult]

    /// Reads the teams, every objective and the key results named in `keyResults`: one query each, whatever the
    /// number of records.
    static func load(
        store: OKRStore, viewer: Person, keyResults ids: some Sequence<KeyResultID> = [KeyResultID]()
    ) async throws -> LinkedObjectives {
        let teams = try await store.teams()
        var objectives: [ObjectiveID: Objective] = [:]
        for entry in try await store.objectives(cycle: nil, owner: nil, state: nil, matching: nil) {
            objectives[entry.value.id] = entry.value
        }
        var keyResults: [KeyResultID: KeyResult] = [:]
        for entry in try await store.keyResults(ids: Set(ids)) { keyResults[entry.value.id] = entry.value }
        return LinkedObjectives(
            access: Access(viewer: viewer, teams: teams), teams: Set(teams.map(\.id)), objectives: objectives,
            keyResults: keyResults)
    }

    /// The team named by a body member or query parameter; 404 naming it when there is no such team.
    func requireTeam(_ id: TeamID, field: String) throws -> TeamID {
        guard teams.contains(id) else { throw APIError.notFound(.team, id.rawValue, field: field) }
        return id
    }

    /// The objective, if it exists and the caller may see it.
    func visibleObjective(_ id: ObjectiveID) -> Objective? {
        objectives[id].flatMap { access.canSee($0) ? $0 : nil }
    }

    /// The key result (it must have been named to `load`) and its objective, if the caller may see them.
    func visibleKeyResult(_ id: KeyResultID) -> (keyResult: KeyResult, objective: Objective)? {
        guard let keyResult = keyResults[id], let objective = visibleObjective(keyResult.objectiveID) else {
            return nil
        }
        return (keyResult, objective)
    }

    /// Whether a record linked to this objective and key result may be seen; a record linked to neither is
    /// seen by everyone.
    func canSee(objective: ObjectiveID?, keyResult: KeyResultID?) -> Bool {
        if let objective, visibleObjective(objective) == nil { return false }
        if let keyResult, visibleKeyResult(keyResult) == nil { return false }
        return true
    }

    /// The objective named by a body member; unknown or invisible is 404 naming the member (one answer for
    /// both, so a private objective's id cannot be probed).
    func requireObjective(_ id: ObjectiveID, field: String) throws -> Objective {
        guard let objective = visibleObjective(id) else {
            throw APIError.notFound(.objective, id.rawValue, field: field)
        }
        return objective
    }

    /// The key result named by a body member, with its objective; 404 naming the member otherwise.
    func requireKeyResult(_ id: KeyResultID, field: String) throws -> (keyResult: KeyResult, objective: Objective) {
        guard let found = visibleKeyResult(id) else { throw APIError.notFound(.keyResult, id.rawValue, field: field) }
        return found
    }

    /// Checks a link to an objective and/or one of its key results, as asks and plan items carry: each must be
    /// visible, and a key result given with an objective must belong to it.
    func requireLink(
        objective: ObjectiveID?, keyResult: KeyResultID?, objectiveField: String, keyResultField: String
    ) throws {
        let objective = try objective.map { try requireObjective($0, field: objectiveField) }
        guard let keyResult else { return }
        let found = try requireKeyResult(keyResult, field: keyResultField)
        if let objective, found.keyResult.objectiveID != objective.id {
            throw APIError.invalid(keyResultField, .outOfRange)
        }
    }
}
