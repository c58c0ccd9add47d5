import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// Cycles: list, read, plan (create and edit), activate and close; and the alignment tree of a cycle.
///
/// Everyone reads cycles; only admins change them. Several cycles may be active side by side when they are apart
/// or one holds the other (a year and its quarters, a quarter and a team's month); one that only partly overlaps
/// an active cycle, or runs its very days, answers `409 active_cycle_overlaps`. Closing a cycle saves each KR's grade — the
/// `Scorecard`'s proposal, unless a grade was saved before — so the cycle's grades no longer move with later
/// check-ins.
struct CyclesAPI: Sendable {
    let store: OKRStore
    let environment: AppEnvironment

    func addRoutes(to api: APIBuilder) {
        api.schema("Cycle", CycleResource.schema)
        api.schema("CyclePage", ListPage<CycleResource>.schema(of: "Cycle"))
        api.schema("CycleCreate", CycleResource.Input.schema(creating: true))
        api.schema("CycleUpdate", CycleResource.Input.schema(creating: false))
        api.schema("StatusRules", SettingsResource.StatusRulesResource.schema)
        api.schema("StatusRulesInput", SettingsResource.StatusRulesInput.schema)
        api.schema("AlignmentTree", AlignmentTreeResource.schema)
        api.schema("AlignmentNode", AlignmentTreeResource.Node.schema)
        api.schema("Calibration", CalibrationResource.schema)
        api.schema("CalibrationFigures", CalibrationResource.Figures.schema)
        api.schema("CalibrationSubject", CalibrationResource.Subject.schema)
        let example = ["id": "2026-q4"]
        api.add(
            APIOperation(
                method: .get, path: "/cycles", id: "listCycles", tag: "Cycles",
                summary: "Every cycle, by start day (then id).",
                query: [
                    .init(
                        name: "state", schema: .values(of: Cycle.State.self), description: "Only cycles in this state."),
                    .limit, .cursor,
                ], response: .ref("CyclePage")), list)
        api.add(
            APIOperation(
                method: .get, path: "/cycles/{id}", id: "getCycle", tag: "Cycles",
                summary: "One cycle; its version is the ETag.", response: .ref("Cycle"), examples: example), get)
        api.add(
            APIOperation(
                method: .post, path: "/cycles", id: "createCycle", tag: "Cycles",
                summary: "Plans a new cycle (admins). It starts in `planning` with the organization's status rules.",
                body: .ref("CycleCreate"), success: .created, response: .ref("Cycle")), create)
        api.add(
            APIOperation(
                method: .patch, path: "/cycles/{id}", id: "updateCycle", tag: "Cycles",
                summary: "Renames a cycle, or changes its dates and status rules while it is in planning (admins).",
                body: .ref("CycleUpdate"), response: .ref("Cycle"), examples: example), update)
        api.add(
            APIOperation(
                method: .post, path: "/cycles/{id}/activate", id: "activateCycle", tag: "Cycles",
                summary:
                    "Starts a planned cycle (admins); its status rules are fixed from now on. Cycles may be active side "
                    + "by side when apart or when one holds the other (a year and its quarters); one that partly "
                    + "overlaps an active cycle, or runs its very days, is 409 `active_cycle_overlaps`. While the "
                    + "organization's activation gate holds (a question on its objectives unanswered, a dependency "
                    + "ask for it without an answer), the answer is 409 `planning_open` listing each.",
                response: .ref("Cycle"), examples: example), activate)
        api.add(
            APIOperation(
                method: .post, path: "/cycles/{id}/close", id: "closeCycle", tag: "Cycles",
                summary:
                    "Closes the active cycle (admins) and saves each key result's grade: the proposal from its "
                    + "progress, unless a grade was saved before. Objectives' grades then come from the saved grades. "
                    + "Send the cycle's version as `If-Match` (its ETag): 428 without, 409 when it changed since.",
                response: .ref("Cycle"), examples: example), close)
        api.add(
            APIOperation(
                method: .post, path: "/cycles/{id}/reopen", id: "reopenCycle", tag: "Cycles",
                summary:
                    "Opens a closed cycle again (admins; audited), so that its objectives, key results and check-ins "
                    + "may be corrected; while it is closed every such write is 409 `cycle_closed`. It may not partly "
                    + "overlap an active cycle that does not hold it (409 `active_cycle_overlaps`).",
                response: .ref("Cycle"), examples: example), reopen)
        api.add(
            APIOperation(
                method: .get, path: "/cycles/{id}/tree", id: "getCycleTree", tag: "Cycles",
                summary:
                    "The alignment tree of a cycle as the caller may see it: company, team and personal objectives "
                    + "with their numbers, children under their parents with the link weights, and status counts.",
                response: .ref("AlignmentTree"), examples: example), tree)
        api.add(
            APIOperation(
                method: .get, path: "/cycles/{id}/calibration", id: "getCycleCalibration", tag: "Cycles",
                summary:
                    "How well confidence foretold the grades of a closed cycle, overall, per team and per person, "
                    + "over the objectives the caller may see: the Brier score of each key result's last confidence "
                    + "against its final grade (success at 1.0 for committed objectives, 0.7 for aspirational ones). "
                    + "409 `cycle_not_closed` before the cycle is closed.",
                response: .ref("Calibration"), examples: example), calibration)
    }

    func list(_ call: APICall) async throws -> APIReply {
        let page = try call.page
        let state = try call.query("state", as: Cycle.State.self)
        let cycles = try await store.cycles().filter { state == nil || $0.value.state == state }
            .sorted { Self.sortKey($0) < Self.sortKey($1) }
        return try .json(ListPage(cycles, key: Self.sortKey, page: page) { CycleResource($0) })
    }

    /// The start day, then the id: unique, and chronological as text (days are `YYYY-MM-DD`).
    static func sortKey(_ entry: Versioned<Cycle>) -> String {
        entry.value.start.iso + "/" + entry.value.id.rawValue
    }

    func get(_ call: APICall) async throws -> APIReply {
        let entry = try await existing(try call.parameter("id"))
        return try .json(CycleResource(entry), version: entry.version)
    }

    func create(_ call: APICall) async throws -> APIReply {
        try requireAdmin(call)
        let input = try await call.body(CycleResource.Input.self)
        let rules = try await store.settings()?.statusRules ?? StatusRules()
        let cycle = try input.created(id: NewID.make("c"), rules: rules)
        try await store.createCycle(cycle, actor: call.viewer.id)
        let created = try await existing(cycle.id.rawValue)
        return try .json(CycleResource(created), status: .created, version: created.version)
    }

    func update(_ call: APICall) async throws -> APIReply {
        let entry = try await existing(try call.parameter("id"))
        try requireAdmin(call)
        let input = try await call.body(CycleResource.Input.self)
        let version = try call.expectedVersion(input.version)
        let changed = try input.applied(to: entry.value)
        let updated = try await store.updateCycle(changed, expectedVersion: version, actor: call.viewer.id)
        return try .json(CycleResource(updated), version: updated.version)
    }

    func activate(_ call: APICall) async throws -> APIReply {
        let entry = try await existing(try call.parameter("id"))
        try requireAdmin(call)
        let version = try transitionVersion(call, entry)
        let active = try entry.value.moved(to: .active)
        if let other = try await Self.overlappingActive(active, store: store) { throw Self.activeCycleOverlaps(other) }
        let reasons = try await CyclePlanning.activationReasons(store: store, cycle: active.id)
        if !reasons.isEmpty { throw try await planningOpen(active.id, reasons) }
        let updated = try await store.updateCycle(active, expectedVersion: version, actor: call.viewer.id)
        return try .json(CycleResource(updated), version: updated.version)
    }

    func reopen(_ call: APICall) async throws -> APIReply {
        let entry = try await existing(try call.parameter("id"))
        try requireAdmin(call)
        let version = try transitionVersion(call, entry)
        let reopened = try entry.value.reopened()
        if let other = try await Self.overlappingActive(reopened, store: store) {
            throw Self.activeCycleOverlaps(other)
        }
        let updated = try await store.updateCycle(reopened, expectedVersion: version, actor: call.viewer.id)
        return try .json(CycleResource(updated), version: updated.version)
    }

    func close(_ call: APICall) async throws -> APIReply {
        let entry = try await existing(try call.parameter("id"))
        try requireAdmin(call)
        // Closing grades the whole cycle: like every other change it names the version it closes (If-Match).
        let version = try call.expectedVersion(nil)
        guard version == entry.version else {
            throw StoreError.conflict(
                entity: "cycle", id: entry.value.id.rawValue, expected: version, actual: entry.version)
        }
        let updated = try await CycleClosing(store: store, environment: environment).close(
            entry, expectedVersion: version, by: call.viewer)
        return try .json(CycleResource(updated), version: updated.version)
    }

    func tree(_ call: APICall) async throws -> APIReply {
        let report = try await report(call, try call.parameter("id"))
        return try .json(AlignmentTreeResource(report))
    }

    func calibration(_ call: APICall) async throws -> APIReply {
        let report = try await report(call, try call.parameter("id"))
        guard report.cycle.state == .closed else {
            throw APIError(
                .conflict, code: "cycle_not_closed", .apiCycleNotClosed, ["id": report.cycle.id.rawValue],
                field: "state")
        }
        return try .json(CalibrationResource(CycleCalibration(report), cycle: report.cycle, language: call.language))
    }

    // MARK: Shared steps

    func existing(_ id: String) async throws -> Versioned<Cycle> {
        guard let entry = try await store.cycle(id: CycleID(id)) else { throw APIError.notFound(.cycle, id) }
        return entry
    }

    /// The cycle `id` scored for the caller (visible objectives only).
    func report(_ call: APICall, _ id: String) async throws -> CycleReport {
        switch try await CycleReport.load(store: store, viewer: call.viewer, cycle: id, environment: environment) {
        case .report(let report): return report
        case .noCycle, .unknown: throw APIError.notFound(.cycle, id)
        }
    }

    func requireAdmin(_ call: APICall) throws {
        guard Access(viewer: call.viewer, teams: []).isAdmin else { throw APIError.forbidden }
    }

    /// The version a transition starts from: the `If-Match` one when sent (409 when stale, before anything is
    /// saved), else the current one. The transition itself checks the state it starts from.
    func transitionVersion(_ call: APICall, _ entry: Versioned<Cycle>) throws -> Int {
        guard call.request.headers[.ifMatch] != nil else { return entry.version }
        let version = try call.expectedVersion(nil)
        guard version == entry.version else {
            throw StoreError.conflict(
                entity: "cycle", id: entry.value.id.rawValue, expected: version, actual: entry.version)
        }
        return version
    }

    /// `409 planning_open`: the cycle stays in planning; the message lists what activation waits for, each as
    /// `code: text` (the organization's activation gate).
    func planningOpen(_ id: CycleID, _ reasons: [ActivationGate.Reason]) async throws -> APIError {
        let teams = Dictionary(try await store.teams().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return APIError(.conflict, code: "planning_open", field: "state") { language in
            let list = reasons.map { reason -> String in
                let text: String
                switch reason.code {
                case .openQuestion:
                    text = Strings.shipped.text(
                        .planningReasonQuestion, language, ["question": reason.question?.body ?? ""])
                case .openAsk:
                    let from = reason.ask.map { teams[$0.fromTeamID]?.name.text(language) ?? $0.fromTeamID.rawValue }
                    let to = reason.ask.map { teams[$0.toTeamID]?.name.text(language) ?? $0.toTeamID.rawValue }
                    text = Strings.shipped.text(
                        .planningReasonAsk, language,
                        ["from": from ?? "", "to": to ?? "", "need": reason.ask?.need ?? ""])
                }
                return reason.code.rawValue + ": " + text
            }
            return Strings.shipped.text(
                .apiPlanningOpen, language, ["id": id.rawValue, "reasons": list.joined(separator: "; ")])
        }
    }

    /// An active cycle that `cycle` may not run beside (`Cycle.runsBeside`), if any.
    static func overlappingActive(_ cycle: Cycle, store: OKRStore) async throws -> Cycle? {
        try await store.cycles().map(\.value).first {
            $0.state == .active && $0.id != cycle.id && !$0.runsBeside(cycle)
        }
    }

    /// An active cycle overlaps this one without holding it: the message names it, in the caller's language.
    static func activeCycleOverlaps(_ other: Cycle) -> APIError {
        APIError(
            .conflict, code: "active_cycle_overlaps", .apiActiveCycleOverlaps, ["id": other.id.rawValue],
            field: "state")
    }
}
