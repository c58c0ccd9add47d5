import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// Objectives: list (filtered, searched, paginated), read, create and edit, and their quality findings.
/// Every number in a body comes from the cycle's `Scorecard`.
struct ObjectivesAPI: Sendable {
    let store: OKRStore
    let environment: AppEnvironment

    func addRoutes(to api: APIBuilder) {
        api.schema("Objective", ObjectiveResource.schema)
        api.schema("KeyResult", ObjectiveResource.KeyResultResource.schema)
        api.schema("Explanation", ObjectiveResource.ExplanationResource.schema)
        api.schema("ObjectivePage", ListPage<ObjectiveResource>.schema(of: "Objective"))
        api.add(
            APIOperation(
                method: .get, path: "/objectives", id: "listObjectives", tag: "Objectives",
                summary: "The objectives of a cycle (the active one unless `cycle` says) that the caller may see.",
                query: [
                    .init(name: "cycle", schema: .string, description: "A cycle id; the active cycle by default."),
                    .init(name: "team", schema: .string, description: "Objectives of a team and of its members."),
                    .init(name: "owner", schema: .string, description: "`company`, `team:<id>` or `person:<id>`."),
                    .init(name: "state", schema: .values(of: Objective.State.self), description: "Workflow state."),
                    .init(name: "kind", schema: .values(of: Objective.Kind.self), description: "Committed or aspirational."),
                    .init(
                        name: "q", schema: .string,
                        description: "Words in the title or description, with or without Vietnamese marks."),
                    .limit, .cursor, .language,
                ],
                response: .ref("ObjectivePage")), list)
    }

    func list(_ call: APICall) async throws -> APIReply {
        let page = try call.page
        let state = try call.query("state", as: Objective.State.self)
        let kind = try call.query("kind", as: Objective.Kind.self)
        var owner: Owner?
        if let text = call.query("owner") {
            guard let parsed = Owner(text) else { throw APIError.invalidParameter("owner") }
            owner = parsed
        }
        let report = try await loadReport(call, cycle: call.query("cycle"))
        guard let report else { return try .json(ListPage<ObjectiveResource>(data: [], nextCursor: nil)) }
        var matching: Set<ObjectiveID>?
        if let q = call.query("q"), !Folding.fold(q).isEmpty {
            matching = Set(
                try await store.objectives(cycle: report.cycle.id, owner: nil, state: nil, matching: q).map(\.value.id))
        }
        let team = call.query("team").map { TeamID($0) }
        let members = team.map { id in Set(report.board.people.filter { $0.teamIDs.contains(id) }.map(\.id)) } ?? []
        let selected = report.visible.filter { entry in
            let objective = entry.value
            if let state, objective.state != state { return false }
            if let kind, objective.kind != kind { return false }
            if let owner, objective.owner != owner { return false }
            if let matching, !matching.contains(objective.id) { return false }
            if let team {
                switch objective.owner {
                case .team(let id): return id == team
                case .person(let id): return members.contains(id)
                default: return false
                }
            }
            return true
        }.sorted { $0.value.id < $1.value.id }
        return try .json(
            ListPage(selected, key: { $0.value.id.rawValue }, page: page) { entry in
                try ObjectiveResource(entry, report: report, language: call.language)
            })
    }

    /// The report of the cycle asked for (or the active one); nil when no cycle exists yet.
    func loadReport(_ call: APICall, cycle: String?) async throws -> CycleReport? {
        switch try await CycleReport.load(store: store, viewer: call.viewer, cycle: cycle, environment: environment) {
        case .noCycle: return nil
        case .unknown(let id): throw APIError.notFound(.cycle, id, field: "cycle")
        case .report(let report): return report
        }
    }
}
