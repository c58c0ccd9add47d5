import OKRCore
import OKRStore

/// What new comments are about: the objective behind each subject, so a mention only notifies someone who may
/// see it, and the page a notification links to. Loaded from the active cycles in memory, with a query for
/// what they do not hold.
struct MentionContext: Sendable {
    let objectives: [ObjectiveID: Objective]
    let keyResultObjective: [KeyResultID: ObjectiveID]
    let checkInKeyResult: [CheckInID: KeyResultID]

    static func load(_ comments: [Comment], cycles: [CycleSnapshot], store: OKRStore) async throws -> MentionContext {
        var objectives: [ObjectiveID: Objective] = [:]
        var keyResultObjective: [KeyResultID: ObjectiveID] = [:]
        var checkInKeyResult: [CheckInID: KeyResultID] = [:]
        // A comment on a check-in is traced to the check-in's KR, when that KR is in an active cycle.
        for comment in comments {
            guard case .checkIn(let id) = comment.subject, let checkIn = try await store.checkIn(id: id),
                cycles.contains(where: { $0.keyResult(checkIn.keyResultID) != nil })
            else { continue }
            checkInKeyResult[id] = checkIn.keyResultID
        }
        for comment in comments {
            let keyResult: KeyResultID?
            switch comment.subject {
            case .keyResult(let id): keyResult = id
            case .checkIn(let id): keyResult = checkInKeyResult[id]
            case .objective, .weeklyUpdate, .directionBrief: keyResult = nil
            }
            guard let keyResult, let cycle = cycles.first(where: { $0.keyResult(keyResult) != nil }),
                let found = cycle.keyResult(keyResult)
            else { continue }
            keyResultObjective[keyResult] = found.value.objectiveID
            if let objective = cycle.objective(found.value.objectiveID) {
                objectives[objective.value.id] = objective.value
            }
        }
        for comment in comments {
            guard case .objective(let id) = comment.subject,
                let objective = cycles.lazy.compactMap({ $0.objective(id) }).first
            else { continue }
            objectives[id] = objective.value
        }
        var missingKeyResults: Set<KeyResultID> = []
        for comment in comments {
            if case .keyResult(let id) = comment.subject, keyResultObjective[id] == nil { missingKeyResults.insert(id) }
        }
        for keyResult in try await store.keyResults(ids: missingKeyResults) {
            keyResultObjective[keyResult.value.id] = keyResult.value.objectiveID
        }
        for comment in comments {
            let id: ObjectiveID?
            switch comment.subject {
            case .objective(let objective): id = objective
            case .keyResult(let keyResult): id = keyResultObjective[keyResult]
            case .checkIn, .weeklyUpdate, .directionBrief: id = nil
            }
            if let id, objectives[id] == nil, let found = try await store.objective(id: id) {
                objectives[id] = found.value
            }
        }
        return MentionContext(
            objectives: objectives, keyResultObjective: keyResultObjective, checkInKeyResult: checkInKeyResult)
    }

    /// Whether the person behind `access` may see what the comment is on. A check-in outside the active cycles
    /// cannot be traced here, so nobody is notified of it rather than someone who should not see it.
    func visible(_ subject: Comment.Subject, to access: Access) -> Bool {
        switch subject {
        case .weeklyUpdate, .directionBrief: return true
        case .objective(let id): return objectives[id].map(access.canSee) ?? false
        case .keyResult(let id):
            return keyResultObjective[id].flatMap { objectives[$0] }.map(access.canSee) ?? false
        case .checkIn(let id):
            return checkInKeyResult[id].flatMap { keyResultObjective[$0] }.flatMap { objectives[$0] }
                .map(access.canSee) ?? false
        }
    }

    /// What the notification links to: a check-in's comment opens its KR.
    func link(_ subject: Comment.Subject) -> InAppNotification.Subject {
        switch subject {
        case .objective(let id): return .objective(id)
        case .keyResult(let id): return .keyResult(id)
        case .checkIn(let id): return checkInKeyResult[id].map { .keyResult($0) } ?? .checkIn(id)
        case .weeklyUpdate(let id): return .weeklyUpdate(id)
        case .directionBrief(let id): return .directionBrief(id)
        }
    }
}
