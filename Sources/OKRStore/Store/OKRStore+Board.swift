import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// Everything the overview of a cycle shows, read from one snapshot in a fixed number of queries
    /// (`boardQueryCount`), whatever the number of objectives, KRs and check-ins.
    public func board(cycle: CycleID) async throws -> Board {
        try await database.snapshot { db in
            let loader = Loader(db: db)
            let id = cycle.rawValue
            guard let cycle = try await loader.cycles("c.id = \(bind: id)").first else {
                throw StoreError.notFound(entity: "cycle", id: id)
            }
            let objectives = try await loader.objectives("o.cycle_id = \(bind: id)")
            let inCycle: SQLQueryString = "(SELECT o.id FROM objectives o WHERE o.cycle_id = \(bind: id))"
            let keyResults = try await loader.keyResults("k.objective_id IN \(inCycle)")
            let krsInCycle: SQLQueryString = "(SELECT k.id FROM key_results k WHERE k.objective_id IN \(inCycle))"
            let initiatives = try await loader.initiatives(
                "i.id IN (SELECT ik.initiative_id FROM initiative_key_results ik WHERE ik.key_result_id IN \(krsInCycle))"
            )
            let checkIns = try await loader.checkIns("ci.key_result_id IN \(krsInCycle)")
            let teams = try await loader.teams()
            let people = try await loader.people()

            var krsByObjective: [ObjectiveID: [Versioned<KeyResult>]] = [:]
            for objective in objectives { krsByObjective[objective.value.id] = [] }
            for keyResult in keyResults { krsByObjective[keyResult.value.objectiveID, default: []].append(keyResult) }
            let krIDs = Set(keyResults.map(\.value.id))
            var initiativesByKR: [KeyResultID: [Versioned<Initiative>]] = [:]
            for initiative in initiatives {
                for keyResult in initiative.value.keyResultIDs where krIDs.contains(keyResult) {
                    initiativesByKR[keyResult, default: []].append(initiative)
                }
            }
            let history = Dictionary(grouping: checkIns, by: \.keyResultID).mapValues(CheckIn.effective)
            return Board(
                cycle: cycle, objectives: objectives, keyResults: krsByObjective, initiatives: initiativesByKR,
                checkIns: history, teams: teams.map(\.value), people: people.map(\.person.value))
        }
    }

    /// The statements `board(cycle:)` runs: the snapshot's begin and commit, the cycle, objectives and their
    /// links, KRs, initiatives and their links, check-ins, teams and memberships, people and memberships.
    public static let boardQueryCount = 13
}
