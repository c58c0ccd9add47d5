import Foundation
import OKRCore
import OKRStore

/// Closing a cycle, the same way from the API and from the cycle page: at the version the admin saw, each KR
/// without a saved grade gets the `Scorecard`'s proposal saved and the cycle is closed, in one transaction. A stale
/// version or a move the workflow does not allow changes nothing.
struct CycleClosing: Sendable {
    let store: OKRStore
    let environment: AppEnvironment

    func close(_ entry: Versioned<Cycle>, expectedVersion: Int, by admin: Person) async throws -> Versioned<Cycle> {
        let closed = try entry.value.moved(to: .closed)
        guard expectedVersion == entry.version else {
            throw StoreError.conflict(
                entity: "cycle", id: closed.id.rawValue, expected: expectedVersion, actual: entry.version)
        }
        guard
            case .report(let report) = try await CycleReport.load(
                store: store, viewer: admin, cycle: closed.id.rawValue, environment: environment)
        else { throw StoreError.notFound(entity: "cycle", id: closed.id.rawValue) }
        let saved = try await store.grades(cycle: closed.id)
        // Every KR of the cycle is scored, whoever looks.
        var proposed: [KeyResultID: KeyResultGrade] = [:]
        for objective in report.snapshot.order {
            for keyResult in report.keyResults(of: objective) where saved[keyResult.value.id] == nil {
                if let score = report.score(keyResult.value.id) { proposed[keyResult.value.id] = score.grade }
            }
        }
        return try await store.closeCycle(
            closed, expectedVersion: expectedVersion, grades: proposed, actor: admin.id)
    }
}
