import Foundation
import OKRCore
import OKRStore

/// The workflow section of an objective's page: where it stands in draft → in review → published, every move
/// it made (from the audit log: who, from → to, when), the moves the viewer may make, and — while it is a
/// draft — what stops it from being published.
struct ObjectiveWorkflow: Sendable {
    /// One recorded move; `from` is nil for the creation.
    struct Step: Sendable {
        let who: String?
        let from: Objective.State?
        let to: Objective.State
        let at: Date
    }

    let objectiveID: ObjectiveID
    let state: Objective.State
    let version: Int
    /// Oldest first.
    let history: [Step]
    /// The states the viewer may move it to, in the order the buttons show.
    let moves: [Objective.State]
    /// What stops publishing now; empty when nothing does or the objective is past drafting.
    let blocking: [PublishGate.Reason]
    /// The organization's time zone, for the times of the history.
    let timeZone: String
    /// Why the last move was refused, shown at the top of the section.
    var error: String?

    /// A move as the audit log holds it, before the viewer's names are put on it.
    private struct RecordedMove: Sendable {
        let actorID: PersonID?
        let from: Objective.State?
        let to: Objective.State
        let at: Date
    }

    private struct MovesKey: Hashable, Sendable {
        let generation: ReadModel.Generation
        let objective: ObjectiveID
    }

    /// The recorded moves of the objectives most viewed, kept while only check-ins are committed: a move is an
    /// objective write, which makes the next request read the audit log again.
    private static let movesMemo = RevisionMemo<MovesKey, [RecordedMove]>(limit: 3_000)

    /// At most three queries whatever the objective's history: the audit events (kept between requests while only
    /// check-ins are committed), and while it is a draft the gate and the questions.
    static func load(
        _ entry: Versioned<Objective>, report: CycleReport, viewer: Person, store: OKRStore
    ) async throws -> ObjectiveWorkflow {
        let objective = entry.value
        let access = report.access
        let key = MovesKey(generation: store.readModel.generation, objective: objective.id)
        let recorded = try await movesMemo.value(for: key, model: store.readModel) {
            let events = try await store.auditEvents(
                entity: "objective", entityID: objective.id.rawValue, limit: 500)
            return events.reversed().compactMap { event -> RecordedMove? in
                guard event.action == "create" || event.action == "transition",
                    let to = state(in: event.after)
                else { return nil }
                return RecordedMove(
                    actorID: event.actorID, from: event.action == "create" ? nil : state(in: event.before), to: to,
                    at: event.at)
            }
        }
        let history = recorded.map { move in
            Step(who: move.actorID.map { report.name($0) }, from: move.from, to: move.to, at: move.at)
        }
        var moves: [Objective.State] = []
        let mayPublish = ObjectiveTransition.mayPublish(objective, access: access)
        switch objective.state {
        case .draft:
            if access.canEdit(objective) { moves.append(.inReview) }
            if mayPublish { moves.append(.published) }
        case .inReview:
            if mayPublish { moves.append(.published) }
            if access.canEdit(objective) { moves.append(.draft) }
        case .published, .closed, .archived:
            break
        }
        let drafting = objective.state == .draft || objective.state == .inReview
        let blocking =
            drafting ? try await ObjectiveTransition(store: store).blockingReasons(objective, report: report) : []
        return ObjectiveWorkflow(
            objectiveID: objective.id, state: objective.state, version: entry.version, history: history, moves: moves,
            blocking: blocking, timeZone: report.settings?.timeZone ?? "Asia/Ho_Chi_Minh")
    }

    /// The `state` member of an objective as the audit log saved it.
    static func state(in json: String?) -> Objective.State? {
        struct Saved: Decodable { let state: Objective.State }
        guard let json else { return nil }
        return (try? JSONDecoder().decode(Saved.self, from: Data(json.utf8)))?.state
    }
}
