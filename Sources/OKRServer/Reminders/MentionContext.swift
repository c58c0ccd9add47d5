import OKRCore
import OKRStore

/// What new comments are about: the objective behind each subject, so a mention only notifies someone who may
/// see it, and the page a notification links to. Loaded from the active boards, with one query per kind for
/// what they do not hold.
struct MentionContext: Sendable {
    let objectives: [ObjectiveID: Objective]
    let keyResultObjective: [KeyResultID: ObjectiveID]
    let checkInKeyResult: [CheckInID: KeyResultID]

    static func load(_ comments: [Comment], boards: [Board], store: OKRStore) async throws -> MentionContext {
        var objectives: [ObjectiveID: Objective] = [:]
        var keyResultObjective: [KeyResultID: ObjectiveID] = [:]
        var checkInKeyResult: [CheckInID: KeyResultID] = [:]
        for board in boards {
            for objective in board.objectives { objectives[objective.value.id] = objective.value }
            for keyResult in board.allKeyResults {
                keyResultObjective[keyResult.value.id] = keyResult.value.objectiveID
            }
            for (keyResult, history) in board.checkIns {
                for checkIn in history { checkInKeyResult[checkIn.id] = keyResult }
            }
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
            case .checkIn, .weeklyUpdate: id = nil
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
        case .weeklyUpdate: return true
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
        }
    }
}
