import Foundation
import OKRCore
import OKRStore

/// What one viewer may see, looked up one way for the pages and the API: the thing, or nil when it does not
/// exist or is hidden from them — both answered as "not found", so a private objective's id tells no one it is
/// there.
struct Visible: Sendable {
    let store: OKRStore
    let viewer: Person
    let environment: AppEnvironment

    /// The objective with the report of its own cycle (from the read model when its cycle is in memory).
    func objective(_ id: ObjectiveID) async throws -> (Versioned<Objective>, CycleReport)? {
        var cycle = store.readModel.cachedCycle(of: id)
        if cycle == nil { cycle = try await store.objective(id: id)?.value.cycleID }
        guard let cycle,
            case .report(let report) = try await CycleReport.load(
                store: store, viewer: viewer, cycle: cycle.rawValue, environment: environment),
            let entry = report.objective(id)
        else { return nil }
        return (entry, report)
    }

    /// The dependency ask with the objectives it links, when the viewer may see what it is about.
    func ask(_ id: DependencyAskID) async throws -> (Versioned<DependencyAsk>, LinkedObjectives)? {
        guard let entry = try await store.ask(id: id) else { return nil }
        let linked = try await LinkedObjectives.load(
            store: store, viewer: viewer, keyResults: [entry.value.keyResultID].compactMap(\.self))
        guard linked.canSee(objective: entry.value.objectiveID, keyResult: entry.value.keyResultID) else {
            return nil
        }
        return (entry, linked)
    }
}
