import Foundation
import OKRCore
import OKRStore

/// Grading a KR before its cycle closes: the proposal comes from its progress today; whoever may edit the KR
/// may set another grade, with a reason (Core refuses a change without one). Saved grades win at the close, and
/// every save is audited with the proposal, the grade and the reason. Used by the close page and the API.
struct GradeAdjustment: Sendable {
    let store: OKRStore

    enum Refusal: Error {
        /// The viewer may not edit this KR.
        case forbidden
        /// Grades are given while the cycle runs (a closed one is read-only; a planned one has nothing to grade).
        case cycleNotActive(Cycle)
    }

    /// The grade `value` (0–1) for the KR `keyResult` of `report`, with `reason` when it differs from the
    /// proposal; saved and returned. A blank reason counts as none.
    func grade(
        _ keyResult: KeyResult, of objective: Objective, in report: CycleReport, value: Decimal, reason: String?,
        by viewer: Person
    ) async throws -> KeyResultGrade {
        guard report.access.canEdit(keyResult, of: objective) else { throw Refusal.forbidden }
        if report.cycle.state == .closed { throw StoreError.cycleClosed(cycle: report.cycle.id.rawValue) }
        guard report.cycle.state == .active else { throw Refusal.cycleNotActive(report.cycle) }
        let proposal = KeyResultGrade(progress: keyResult.progress())
        let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        let grade = try proposal.adjusted(to: value, reason: trimmed?.isEmpty == true ? nil : trimmed)
        try await store.saveGrade(grade, keyResult: keyResult.id, actor: viewer.id)
        return grade
    }
}
