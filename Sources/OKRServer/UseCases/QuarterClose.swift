import Foundation
import OKRCore
import OKRStore

/// What a team does with an objective once its cycle has closed: looks back on it (the retrospective), and —
/// when it is unfinished — carries it into a later cycle, drops it, or keeps it as it is (the last two change
/// nothing). Used by the cycle and objective pages and the API.
struct QuarterClose: Sendable {
    let store: OKRStore

    enum Refusal: Error, Equatable {
        /// The viewer may not edit this objective.
        case forbidden
        /// Carrying over is for objectives of a closed cycle.
        case cycleNotClosed(CycleID)
        /// The target is not a later cycle still to run (planning or active).
        case notLaterCycle(CycleID)
        /// Every KR is complete: there is nothing to go on with.
        case finished
        /// It was carried over already, into this objective.
        case alreadyCarried(ObjectiveID)
    }

    /// Writes the retrospective of `objective` (whoever may edit it), in an active or a closed cycle.
    func writeRetrospective(
        _ objective: Objective, in report: CycleReport, worked: String?, didNotWork: String?, learned: String?,
        by viewer: Person
    ) async throws -> Retrospective {
        guard report.access.canEdit(objective) else { throw Refusal.forbidden }
        let retrospective = try Retrospective(
            objectiveID: objective.id, worked: worked, didNotWork: didNotWork, learned: learned)
        return try await store.saveRetrospective(retrospective, actor: viewer.id)
    }

    /// The cycles an objective of `report`'s cycle may be carried into: later ones that still run, earliest first.
    static func targets(after cycle: Cycle, among cycles: [Cycle]) -> [Cycle] {
        cycles.filter { $0.state != .closed && $0.start > cycle.start }.sorted { $0.start < $1.start }
    }

    /// Whether `objective` is unfinished: some KR of it is not complete.
    static func isUnfinished(_ objective: ObjectiveID, in report: CycleReport) -> Bool {
        report.keyResults(of: objective).contains { $0.value.goesOn }
    }

    /// Carries `objective` of the closed cycle of `report` into `target`: a draft copy with its unfinished KRs
    /// rebased at their current values and the initiatives still to do, linked to the original. Returns the copy.
    func carryOver(_ objective: Objective, in report: CycleReport, into target: CycleID, by viewer: Person)
        async throws -> Objective
    {
        guard report.access.canEdit(objective) else { throw Refusal.forbidden }
        guard report.cycle.state == .closed else { throw Refusal.cycleNotClosed(report.cycle.id) }
        guard Self.targets(after: report.cycle, among: report.cycles).contains(where: { $0.id == target }) else {
            throw Refusal.notLaterCycle(target)
        }
        if let earlier = try await store.carryOvers(touching: [objective.id]).first(where: { $0.from == objective.id })
        {
            throw Refusal.alreadyCarried(earlier.objective)
        }
        let unfinished = report.keyResults(of: objective.id).map(\.value).filter(\.goesOn)
        guard !unfinished.isEmpty else { throw Refusal.finished }
        let copy = try objective.carriedOver(as: ObjectiveID(NewID.make("o")), into: target)
        var keyResults: [KeyResult] = []
        var newIDs: [KeyResultID: KeyResultID] = [:]
        for keyResult in unfinished {
            let id = KeyResultID(NewID.make("kr"))
            newIDs[keyResult.id] = id
            keyResults.append(try keyResult.carriedOver(as: id, objective: copy.id))
        }
        var initiatives: [Initiative] = []
        var seen = Set<InitiativeID>()
        for keyResult in unfinished {
            for stored in report.initiatives(of: keyResult.id) {
                let initiative = stored.value
                guard initiative.state == .planned || initiative.state == .inProgress,
                    seen.insert(initiative.id).inserted
                else { continue }
                initiatives.append(
                    try Initiative(
                        id: InitiativeID(NewID.make("i")), title: initiative.title, owner: initiative.owner,
                        state: initiative.state, link: initiative.link,
                        keyResultIDs: initiative.keyResultIDs.compactMap { newIDs[$0] }, started: initiative.started))
            }
        }
        try await store.carryOver(
            copy, keyResults: keyResults, initiatives: initiatives, from: objective.id, actor: viewer.id)
        return copy
    }
}
