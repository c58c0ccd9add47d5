import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// Initiatives: the projects and plans that drive key results (mission rule 9: a KR with none should go).
///
/// An initiative is seen by whoever may see one of the KRs it drives (one linked only to a private objective's
/// KRs is hidden like the objective), and changed by whoever may edit one of those KRs, by a lead of the team
/// that owns it, or — once it exists — by its own owner. Its KRs belong to one cycle, so a cycle's list is
/// complete from that cycle's board.
struct InitiativesAPI: Sendable {
    let store: OKRStore
    let environment: AppEnvironment

    func addRoutes(to api: APIBuilder) {
        api.schema("Initiative", InitiativeResource.schema)
        api.schema("InitiativePage", ListPage<InitiativeResource>.schema(of: "Initiative"))
        api.schema("InitiativeCreate", InitiativeResource.Input.schema(creating: true))
        api.schema("InitiativeUpdate", InitiativeResource.Input.schema(creating: false))
        api.add(
            APIOperation(
                method: .get, path: "/initiatives", id: "listInitiatives", tag: "Initiatives",
                summary: "The initiatives of a cycle (the active one unless `cycle` or `key_result` says) that the "
                    + "caller may see, by id.",
                query: [
                    .init(name: "key_result", schema: .string, description: "Those driving this key result."),
                    .owner,
                    .init(name: "cycle", schema: .string, description: "A cycle id; the active cycle by default."),
                    .init(name: "state", schema: .values(of: Initiative.State.self), description: "Only this state."),
                    .limit, .cursor,
                ], response: .ref("InitiativePage")), list)
        api.add(
            APIOperation(
                method: .get, path: "/initiatives/{id}", id: "getInitiative", tag: "Initiatives",
                summary: "One initiative; its version is the ETag.", response: .ref("Initiative"),
                examples: ["id": "kr-mkt-email-i1"]), get)
        api.add(
            APIOperation(
                method: .post, path: "/initiatives", id: "createInitiative", tag: "Initiatives",
                summary: "Adds an initiative driving key results the caller may edit (or for a team the caller "
                    + "leads). Owned by the caller unless `owner` says otherwise.",
                body: .ref("InitiativeCreate"), success: .created, response: .ref("Initiative")), create)
        api.add(
            APIOperation(
                method: .patch, path: "/initiatives/{id}", id: "updateInitiative", tag: "Initiatives",
                summary: "Changes an initiative: the members sent, at the version given (a stale one is 409).",
                body: .ref("InitiativeUpdate"), response: .ref("Initiative"),
                examples: ["id": "kr-mkt-email-i1"]), update)
    }

    /// A linked KR the caller may see, with its objective.
    struct Linked: Sendable {
        let keyResult: KeyResult
        let objective: Objective
    }

    func list(_ call: APICall) async throws -> APIReply {
        let page = try call.page
        let state = try call.query("state", as: Initiative.State.self)
        let owner = try call.queryOwner()
        var cycle = call.query("cycle")
        var keyResult: KeyResultID?
        if let text = call.query("key_result") {
            let access = Access(viewer: call.viewer, teams: try await store.teams())
            guard let linked = try await linked(KeyResultID(text), access: access) else {
                throw APIError.notFound(.keyResult, text, field: "key_result")
            }
            keyResult = linked.keyResult.id
            cycle = cycle ?? linked.objective.cycleID.rawValue
        }
        let report: CycleReport
        switch try await CycleReport.load(store: store, viewer: call.viewer, cycle: cycle, environment: environment) {
        case .noCycle: return try .json(ListPage<InitiativeResource>(data: [], nextCursor: nil))
        case .unknown(let id): throw APIError.notFound(.cycle, id, field: "cycle")
        case .report(let loaded): report = loaded
        }
        // Only the KRs the filters name are read: one KR, the KRs an owner's initiatives drive, or else every
        // visible KR of the cycle. An initiative is listed when it drives one the caller may see.
        let candidates: [KeyResultID]
        if let keyResult {
            candidates = [keyResult]
        } else if let owner {
            candidates = report.snapshot.keyResults(drivenBy: owner)
        } else {
            candidates = report.visible.flatMap { report.keyResults(of: $0.value.id).map(\.value.id) }
        }
        var visible = Set<KeyResultID>()
        var driving: [Versioned<Initiative>] = []
        for kr in candidates where report.keyResult(kr) != nil {
            visible.insert(kr)
            driving += report.initiatives(of: kr)
        }
        // The other KRs an initiative links are named when the caller may see them.
        for id in Set(driving.flatMap(\.value.keyResultIDs)) where !visible.contains(id) {
            if report.keyResult(id) != nil { visible.insert(id) }
        }
        var seen = Set<InitiativeID>()
        let selected =
            driving
            .filter { entry in
                let initiative = entry.value
                guard seen.insert(initiative.id).inserted else { return false }
                if let state, initiative.state != state { return false }
                if let owner, initiative.owner != owner { return false }
                if let keyResult, !initiative.keyResultIDs.contains(keyResult) { return false }
                return true
            }
            .sorted { $0.value.id < $1.value.id }
        return try .json(
            ListPage(selected, key: { $0.value.id.rawValue }, page: page) {
                InitiativeResource($0, visible: visible)
            })
    }

    func get(_ call: APICall) async throws -> APIReply {
        let access = Access(viewer: call.viewer, teams: try await store.teams())
        let (entry, linked) = try await visibleInitiative(try call.parameter("id"), access: access)
        return try .json(
            InitiativeResource(entry, visible: Set(linked.map(\.keyResult.id))), version: entry.version)
    }

    func create(_ call: APICall) async throws -> APIReply {
        let input = try await call.body(InitiativeResource.Input.self)
        let initiative = try input.created(by: call.viewer, id: NewID.make("i"))
            .stamped(after: nil, on: try await environment.today(of: store))
        let access = Access(viewer: call.viewer, teams: try await store.teams())
        let linked = try await requireVisible(initiative.keyResultIDs, access: access)
        try await requireOneCycle(linked)
        guard access.canWrite, try await mayLink(linked, of: initiative, access: access),
            access.mayAssign(initiative.owner)
        else { throw APIError.forbidden }
        try await store.createInitiative(initiative, actor: call.viewer.id)
        let (created, visible) = try await visibleInitiative(initiative.id.rawValue, access: access)
        return try .json(
            InitiativeResource(created, visible: Set(visible.map(\.keyResult.id))), status: .created,
            version: created.version)
    }

    func update(_ call: APICall) async throws -> APIReply {
        let access = Access(viewer: call.viewer, teams: try await store.teams())
        let (entry, before) = try await visibleInitiative(try call.parameter("id"), access: access)
        let input = try await call.body(InitiativeResource.Input.self)
        let version = try call.expectedVersion(input.version)
        let ownOwner = Owner.person(call.viewer.id)
        guard access.canWrite,
            entry.value.owner == ownOwner || mayDrive(before, owner: entry.value.owner, access: access)
        else { throw APIError.forbidden }
        var after = before
        var keyResults: [KeyResultID]?
        if let sent = try input.keyResults() {
            after = try await requireVisible(sent, access: access)
            // Links the caller cannot see stay: one cannot remove what one may not know about.
            let seen = Set(before.map(\.keyResult.id))
            let added = after.filter { !seen.contains($0.keyResult.id) }
            guard try await mayLink(added, of: entry.value, access: access) else { throw APIError.forbidden }
            keyResults = sent + entry.value.keyResultIDs.filter { !seen.contains($0) && !sent.contains($0) }
            try await requireOneCycle(after)
        }
        let changed = try input.applied(to: entry.value, keyResults: keyResults)
            .stamped(after: entry.value, on: try await environment.today(of: store))
        guard changed.owner == ownOwner || mayDrive(after, owner: changed.owner, access: access),
            changed.owner == entry.value.owner || access.mayAssign(changed.owner)
        else { throw APIError.forbidden }
        let updated = try await store.updateInitiative(changed, expectedVersion: version, actor: call.viewer.id)
        return try .json(
            InitiativeResource(updated, visible: Set(after.map(\.keyResult.id))), version: updated.version)
    }

    // MARK: Who may see and change an initiative

    /// The initiative `id` and its linked KRs the caller may see; 404 when it drives only KRs hidden from them.
    func visibleInitiative(_ id: String, access: Access) async throws -> (Versioned<Initiative>, [Linked]) {
        guard let entry = try await store.initiative(id: InitiativeID(id)) else {
            throw APIError.notFound(.initiative, id)
        }
        var linked: [Linked] = []
        for keyResult in entry.value.keyResultIDs {
            if let found = try await self.linked(keyResult, access: access) { linked.append(found) }
        }
        guard !linked.isEmpty || entry.value.keyResultIDs.isEmpty else { throw APIError.notFound(.initiative, id) }
        return (entry, linked)
    }

    /// The KR `id` with its objective, when it exists and the caller may see it.
    func linked(_ id: KeyResultID, access: Access) async throws -> Linked? {
        guard let keyResult = try await store.keyResult(id: id),
            let objective = try await store.objective(id: keyResult.value.objectiveID),
            access.canSee(objective.value)
        else { return nil }
        return Linked(keyResult: keyResult.value, objective: objective.value)
    }

    /// Every KR of `ids` with its objective; one that does not exist or is hidden is a 404 naming the member.
    func requireVisible(_ ids: [KeyResultID], access: Access) async throws -> [Linked] {
        var linked: [Linked] = []
        for id in ids {
            guard let found = try await self.linked(id, access: access) else {
                throw APIError.notFound(.keyResult, id.rawValue, field: "key_result_ids")
            }
            linked.append(found)
        }
        return linked
    }

    /// An initiative drives the KRs of one cycle: its work happens in that cycle, and each cycle's list of
    /// initiatives is then read from that cycle's board alone.
    func requireOneCycle(_ linked: [Linked]) async throws {
        guard let first = linked.first, linked.contains(where: { $0.objective.cycleID != first.objective.cycleID })
        else { return }
        guard let cycle = try await store.cycle(id: first.objective.cycleID) else {
            throw APIError.invalid("key_result_ids", .outOfRange)
        }
        throw APIError.invalid("key_result_ids", .outsideCycle(start: cycle.value.start, end: cycle.value.end))
    }

    /// May link `initiative` to each of these KRs: the caller may edit that KR, or the initiative is the one an
    /// accepted ask made for it (the providing team drives the asking team's KR). Seeing a KR is not enough:
    /// linking to it must not let anyone reach into another team's KR.
    func mayLink(_ linked: [Linked], of initiative: Initiative, access: Access) async throws -> Bool {
        let asked: KeyResultID?
        if let askID = initiative.askID, let ask = try await store.ask(id: askID),
            [.accepted, .done].contains(ask.value.state)
        {
            asked = ask.value.keyResultID
        } else {
            asked = nil
        }
        return linked.allSatisfy { access.canEdit($0.keyResult, of: $0.objective) || $0.keyResult.id == asked }
    }

    /// May change an initiative that drives these KRs and is owned by `owner`: the caller may edit one of the
    /// KRs, or leads the team that owns the initiative. Viewers never may.
    func mayDrive(_ linked: [Linked], owner: Owner?, access: Access) -> Bool {
        guard access.canWrite else { return false }
        if linked.contains(where: { access.canEdit($0.keyResult, of: $0.objective) }) { return true }
        if case .team(let team) = owner { return access.leads(team) }
        return false
    }
}
