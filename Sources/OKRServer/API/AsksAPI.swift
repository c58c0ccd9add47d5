import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// Dependency asks: team A asks team B for help on an objective or KR by a date (mission: "if department A
/// needs help or resources from department B, B must know"). B's lead accepts, declines with a reason or
/// counter-proposes; on acceptance an initiative appears in B's plan; A's lead marks it done. An ask about a
/// private objective is seen only by those who may see the objective.
struct AsksAPI: Sendable {
    let store: OKRStore
    let environment: AppEnvironment

    func addRoutes(to api: APIBuilder) {
        api.schema("Ask", AskResource.schema)
        api.schema("AskPage", ListPage<AskResource>.schema(of: "Ask"))
        api.schema("AskCreate", NewAsk.schema)
        let tag = "Dependency asks"
        let example = ["id": "ask-mkt-sales"]
        api.add(
            APIOperation(
                method: .get, path: "/asks", id: "listAsks", tag: tag,
                summary: "Asks made by or made of a team (all teams by default) that the caller may see, by id.",
                query: [
                    .init(name: "team", schema: .string, description: "A team id: asks from it or to it."),
                    .init(
                        name: "state", schema: .values(of: DependencyAsk.State.self), description: "Where it stands."),
                    .limit, .cursor,
                ], response: .ref("AskPage")), list)
        api.add(
            APIOperation(
                method: .get, path: "/asks/{id}", id: "getAsk", tag: tag,
                summary: "One ask; its version is the ETag.", response: .ref("Ask"), examples: example), get)
        api.add(
            APIOperation(
                method: .post, path: "/asks", id: "createAsk", tag: tag,
                summary: "Asks another team for help: by a member or lead of the asking team, or an admin.",
                body: .ref("AskCreate"), success: .created, response: .ref("Ask")), create)
        api.add(
            APIOperation(
                method: .post, path: "/asks/{id}/accept", id: "acceptAsk", tag: tag,
                summary: """
                    The providing team's lead (or an admin) accepts a requested ask; the asking team's lead accepts \
                    a countered one (the new date or scope is theirs to agree to). An initiative of the providing \
                    team, due by the agreed date, appears in its plan (`initiative-<ask id>`).
                    """,
                body: Self.transitionSchema([]), response: .ref("Ask"), examples: example), accept)
        api.add(
            APIOperation(
                method: .post, path: "/asks/{id}/decline", id: "declineAsk", tag: tag,
                summary: """
                    The providing team's lead (or an admin) declines, with the reason both teams see; a countered ask \
                    may also be declined by the asking team's lead, who does not agree to the counter-proposal.
                    """,
                body: Self.transitionSchema([
                    .required("reason", .text(max: 2000), "Why; both teams see it.")
                ]), response: .ref("Ask"), examples: example), decline)
        api.add(
            APIOperation(
                method: .post, path: "/asks/{id}/counter", id: "counterAsk", tag: tag,
                summary: "The providing team's lead (or an admin) offers another date, a narrower scope, or both.",
                body: Self.transitionSchema([
                    .optional("due", .day, "The date the providing team can make."),
                    .optional("scope", .string(.init(maxLength: 2000)), "What it can do; give this, `due`, or both."),
                ]), response: .ref("Ask"), examples: example), counter)
        api.add(
            APIOperation(
                method: .post, path: "/asks/{id}/done", id: "completeAsk", tag: tag,
                summary:
                    "The asking team's lead (or an admin) marks an accepted ask done; the initiative it became in "
                    + "the providing team's plan is marked done with it, unless `initiative_done` is false.",
                body: Self.transitionSchema([
                    .optional(
                        "initiative_done", .boolean,
                        "Whether the initiative it became is done too (default true); false leaves it as it is.")
                ]), response: .ref("Ask"), examples: example), complete)
    }

    // MARK: Reading

    func list(_ call: APICall) async throws -> APIReply {
        let page = try call.page
        let state = try call.query("state", as: DependencyAsk.State.self)
        let team = call.query("team").map { TeamID($0) }
        let asks = try await store.asks(team: team)
        let linked = try await LinkedObjectives.load(
            store: store, viewer: call.viewer, keyResults: asks.compactMap(\.value.keyResultID))
        if let team { _ = try linked.requireTeam(team, field: "team") }
        let today = try await today()
        let shown = asks.filter { entry in
            (state == nil || entry.value.state == state)
                && linked.canSee(objective: entry.value.objectiveID, keyResult: entry.value.keyResultID)
        }.sorted { $0.value.id < $1.value.id }
        return try .json(ListPage(shown, key: { $0.value.id.rawValue }, page: page) { AskResource($0, today: today) })
    }

    func get(_ call: APICall) async throws -> APIReply {
        let (entry, _) = try await visibleAsk(call)
        return try .json(AskResource(entry, today: try await today()), version: entry.version)
    }

    /// The ask of the path if the caller may see it (404 otherwise, unknown and private alike).
    func visibleAsk(_ call: APICall) async throws -> (Versioned<DependencyAsk>, LinkedObjectives) {
        let id = try call.parameter("id")
        let visible = Visible(store: store, viewer: call.viewer, environment: environment)
        guard let found = try await visible.ask(DependencyAskID(id)) else { throw APIError.notFound(.ask, id) }
        return found
    }

    /// Today in the organization's time zone: an ask is overdue after its date there.
    func today() async throws -> Day {
        environment.today(in: try await store.settings()?.timeZone ?? "Asia/Ho_Chi_Minh")
    }

    // MARK: Asking

    /// The body of `POST /asks`.
    struct NewAsk: Decodable, Sendable {
        var id: String?
        var fromTeamId: String
        var toTeamId: String
        var objectiveId: String?
        var keyResultId: String?
        var need: String
        var dueBy: Day

        static let schema = Schema.object([
            .optional("id", .identifier, "Chosen by the client; generated when absent."),
            .required("from_team_id", .string, "The asking team: the caller's (an admin may ask for any)."),
            .required("to_team_id", .string, "The team asked; another team."),
            .optional("objective_id", .string, "What the help is for: an objective, a key result, or both."),
            .optional("key_result_id", .string, "Must belong to `objective_id` when both are given."),
            .required("need", .text(max: 2000), "What is needed."),
            .required("due_by", .day, "By when."),
        ])
    }

    func create(_ call: APICall) async throws -> APIReply {
        let input = try await call.body(NewAsk.self)
        if let id = input.id { try APIIdentifier.check(id, field: "id") }
        let objective = input.objectiveId.map { ObjectiveID($0) }
        let keyResult = input.keyResultId.map { KeyResultID($0) }
        let linked = try await LinkedObjectives.load(
            store: store, viewer: call.viewer, keyResults: [keyResult].compactMap(\.self))
        let from = try linked.requireTeam(TeamID(input.fromTeamId), field: "from_team_id")
        let to = try linked.requireTeam(TeamID(input.toTeamId), field: "to_team_id")
        try linked.requireLink(
            objective: objective, keyResult: keyResult, objectiveField: "objective_id", keyResultField: "key_result_id")
        let access = linked.access
        guard access.canWrite, access.leads(from) || call.viewer.teamIDs.contains(from) else {
            throw APIError.forbidden
        }
        let ask = try DependencyAsk(
            id: DependencyAskID(input.id ?? NewID.make("ask")), fromTeamID: from, toTeamID: to,
            objectiveID: objective, keyResultID: keyResult, need: input.need, dueBy: input.dueBy)
        try await store.createAsk(ask, actor: call.viewer.id)
        guard let saved = try await store.ask(id: ask.id) else { throw APIError.notFound(.ask, ask.id.rawValue) }
        return try .json(AskResource(saved, today: try await today()), status: .created, version: saved.version)
    }

    // MARK: Answering

    /// The body of a transition: the version it moves from, and what the move says.
    struct Transition: Decodable, Sendable {
        var version: Int?
        var reason: String?
        var due: Day?
        var scope: String?
        var initiativeDone: Bool?
    }

    static func transitionSchema(_ members: [Schema.Property]) -> Schema {
        .object(members + [.required("version", .integer, APIOperation.versionDescription)])
    }

    /// Who may answer an ask: a lead of the team asked (or of a team above it), or an admin.
    static func providingLead(_ access: Access, _ ask: DependencyAsk) -> Bool {
        access.canWrite && access.leads(ask.toTeamID)
    }

    /// Who may close an ask as done: a lead of the asking team (or of a team above it), or an admin.
    static func askingLead(_ access: Access, _ ask: DependencyAsk) -> Bool {
        access.canWrite && access.leads(ask.fromTeamID)
    }

    /// Who accepts: the asked team's lead a request; the asking team's lead a counter-proposal, since the asking
    /// team is the one who must agree to the new date or scope.
    static func accepting(_ access: Access, _ ask: DependencyAsk) -> Bool {
        ask.state == .countered ? askingLead(access, ask) : providingLead(access, ask)
    }

    /// Who declines: the asked team's lead; and a counter-proposal also the asking team's lead, who does not agree.
    static func declining(_ access: Access, _ ask: DependencyAsk) -> Bool {
        providingLead(access, ask) || (ask.state == .countered && askingLead(access, ask))
    }

    /// The ask accepted and the initiative it becomes in the plan, in one transaction.
    func accept(_ call: APICall) async throws -> APIReply {
        let saved = try await transition(call, allowed: Self.accepting, creatingInitiative: true) { ask, _ in
            try ask.accepted()
        }
        return try .json(AskResource(saved, today: try await today()), version: saved.version)
    }

    func decline(_ call: APICall) async throws -> APIReply {
        let saved = try await transition(call, allowed: Self.declining) { ask, input in
            try ask.declined(reason: input.reason ?? "")
        }
        return try .json(AskResource(saved, today: try await today()), version: saved.version)
    }

    func counter(_ call: APICall) async throws -> APIReply {
        let saved = try await transition(call, allowed: Self.providingLead) { ask, input in
            try ask.countered(due: input.due, scope: input.scope)
        }
        return try .json(AskResource(saved, today: try await today()), version: saved.version)
    }

    func complete(_ call: APICall) async throws -> APIReply {
        let today = try await today()
        let saved = try await transition(call, allowed: Self.askingLead, finishingInitiativesOn: today) { ask, _ in
            try ask.done()
        }
        return try .json(AskResource(saved, today: today), version: saved.version)
    }

    /// Moves a visible ask (404 otherwise) if the caller may (403 otherwise), at the version the body names
    /// (409 when stale); the domain refuses a move its states do not allow (422 `transition_not_allowed`).
    /// Marking it done finishes its initiatives on `day`, unless the body says `initiative_done: false`.
    func transition(
        _ call: APICall, allowed: (Access, DependencyAsk) -> Bool, creatingInitiative: Bool = false,
        finishingInitiativesOn day: Day? = nil,
        _ move: (DependencyAsk, Transition) throws -> DependencyAsk
    ) async throws -> Versioned<DependencyAsk> {
        let (entry, linked) = try await visibleAsk(call)
        let input = try await call.body(Transition.self)
        let version = try call.expectedVersion(input.version)
        guard allowed(linked.access, entry.value) else { throw APIError.forbidden }
        let moved = try move(entry.value, input)
        return try await store.updateAsk(
            moved, expectedVersion: version, actor: call.viewer.id,
            creating: creatingInitiative ? try AcceptedAsk.initiative(for: moved) : nil,
            finishingInitiativesOn: input.initiativeDone == false ? nil : day)
    }
}
