import Foundation
import OKRCore
import OKRStore

/// The objective page's look back at the end of a cycle: its retrospective, the objective it continues or went
/// on as, and — for whoever may edit an unfinished objective of a closed cycle — the cycles it may be carried into.
struct LookBack: Sendable {
    struct Link: Sendable {
        let id: ObjectiveID
        let title: LocalizedName
        let cycle: String
    }

    var retrospective: Retrospective?
    var carriedFrom: Link?
    var carriedInto: Link?
    /// Later cycles it may be carried into; empty when it may not be (or was already).
    var targets: [Cycle] = []
    var mayWrite = false
    /// Whether the page shows the section: the cycle has closed, or there is something to show.
    var isShown = false
    /// A refusal to say beside the forms, after a failed post.
    var error: String?
    /// What was typed, kept after a failed post.
    var draft: (worked: String, didNotWork: String, learned: String)?

    static func load(_ objective: Objective, report: CycleReport, store: OKRStore) async throws -> LookBack {
        var lookBack = LookBack()
        let closed = report.cycle.state == .closed
        lookBack.retrospective = try await store.retrospectives(objectives: [objective.id])[objective.id]
        let carries = try await store.carryOvers(touching: [objective.id])
        func link(_ id: ObjectiveID) async throws -> Link? {
            guard let other = try await store.objective(id: id)?.value, report.access.canSee(other) else { return nil }
            let cycle = report.cycles.first { $0.id == other.cycleID }?.name ?? other.cycleID.rawValue
            return Link(id: other.id, title: other.title, cycle: cycle)
        }
        if let from = carries.first(where: { $0.objective == objective.id }) {
            lookBack.carriedFrom = try await link(from.from)
        }
        let into = carries.first { $0.from == objective.id }
        if let into { lookBack.carriedInto = try await link(into.objective) }
        lookBack.mayWrite = report.access.canEdit(objective) && objective.state != .archived
        if closed, lookBack.mayWrite, into == nil, QuarterClose.isUnfinished(objective.id, in: report) {
            lookBack.targets = QuarterClose.targets(after: report.cycle, among: report.cycles)
        }
        lookBack.isShown =
            closed || lookBack.retrospective != nil || lookBack.carriedFrom != nil || lookBack.carriedInto != nil
        return lookBack
    }
}
