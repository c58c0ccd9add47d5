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
                summary:
                    "The objectives of a cycle (the current one unless `cycle` says) that the caller may see; "
                    + "`cycle=now` lists those of every active cycle (a year and its running quarter) together.",
                query: [
                    .init(
                        name: "cycle", schema: .string,
                        description:
                            "A cycle id, or `now` for every active cycle; by default the shortest active cycle that "
                            + "runs today."),
                    .init(name: "team", schema: .string, description: "Objectives of a team and of its members."),
                    .owner,
                    .init(name: "state", schema: .values(of: Objective.State.self), description: "Workflow state."),
                    .init(
                        name: "kind", schema: .values(of: Objective.Kind.self),
                        description: "Committed or aspirational."),
                    .init(
                        name: "q", schema: .string,
                        description: "Words in the title or description, with or without Vietnamese marks."),
                    .limit, .cursor, .language,
                ],
                response: .ref("ObjectivePage")), list)
        api.schema("AlignmentLinkInput", ObjectiveInput.LinkInput.schema)
        api.schema("ObjectiveCreate", ObjectiveInput.schema(creating: true))
        api.schema("ObjectiveUpdate", ObjectiveInput.schema(creating: false))
        api.schema("Finding", FindingResource.schema)
        api.add(
            APIOperation(
                method: .post, path: "/objectives", id: "createObjective", tag: "Objectives",
                summary:
                    "Creates an objective (a draft unless `state` says otherwise), owned by the caller by default.",
                query: [.language], body: .ref("ObjectiveCreate"), success: .created, response: .ref("Objective")),
            create)
        api.add(
            APIOperation(
                method: .get, path: "/objectives/{id}", id: "getObjective", tag: "Objectives",
                summary: "One objective with its key results and computed numbers; its version is the ETag.",
                query: [.language], response: .ref("Objective"), examples: ["id": "o-mkt-mql"]), get)
        api.add(
            APIOperation(
                method: .patch, path: "/objectives/{id}", id: "updateObjective", tag: "Objectives",
                summary:
                    "Changes an objective: the members sent, at the version given (a stale one is 409). Publishing a "
                    + "draft or a draft in review (`state: published`) is for leads and admins who may edit it, and "
                    + "is refused with 409 `publish_blocked` while a question on it or its key results is unanswered "
                    + "or a quality finding is an error (each rule per the organization's settings); the message "
                    + "names every reason and nothing changes.",
                query: [.language], body: .ref("ObjectiveUpdate"), response: .ref("Objective"),
                examples: ["id": "o-mkt-mql"]), update)
        api.add(
            APIOperation(
                method: .get, path: "/objectives/{id}/findings", id: "listObjectiveFindings", tag: "Objectives",
                summary: "The quality findings of an objective and its key results, with how to fix each.",
                query: [.language],
                response: .object([.required("data", .array(.ref("Finding")))]), examples: ["id": "o-sales-nurture"]),
            findings)
        addQuarterCloseRoutes(to: api)
    }

    /// The objective `id` as `call.viewer` may see it, with the report of its cycle; 404 when hidden.
    func visibleObjective(_ call: APICall, _ id: String) async throws -> (Versioned<Objective>, CycleReport) {
        let visible = Visible(store: store, viewer: call.viewer, environment: environment)
        guard let found = try await visible.objective(ObjectiveID(id)) else { throw APIError.notFound(.objective, id) }
        return found
    }

    func get(_ call: APICall) async throws -> APIReply {
        let (entry, report) = try await visibleObjective(call, try call.parameter("id"))
        return try .json(ObjectiveResource(entry, report: report, language: call.language), version: entry.version)
    }

    func create(_ call: APICall) async throws -> APIReply {
        let input = try await call.body(ObjectiveInput.self)
        let objective = try input.created(by: call.viewer, id: NewID.make("o"))
        let access = Access(viewer: call.viewer, teams: try await store.teams())
        guard access.canEdit(objective) else { throw APIError.forbidden }
        try await checkParentsVisible(objective, access: access)
        let created = try await store.createObjective(objective, actor: call.viewer.id)
        return try await reply(created.value.id, call, status: .created)
    }

    func update(_ call: APICall) async throws -> APIReply {
        let (entry, report) = try await visibleObjective(call, try call.parameter("id"))
        let input = try await call.body(ObjectiveInput.self)
        let version = try call.expectedVersion(input.version)
        let access = Access(viewer: call.viewer, teams: try await store.teams())
        guard access.canEdit(entry.value) else { throw APIError.forbidden }
        let changed = try input.applied(to: entry.value)
        guard access.canEdit(changed) else { throw APIError.forbidden }
        try await checkParentsVisible(changed, access: access)
        try await ObjectiveTransition(store: store).requireAllowed(
            entry.value, becoming: changed, access: access, report: report)
        _ = try await store.updateObjective(changed, expectedVersion: version, actor: call.viewer.id)
        return try await reply(changed.id, call)
    }

    func findings(_ call: APICall) async throws -> APIReply {
        let (entry, report) = try await visibleObjective(call, try call.parameter("id"))
        let language = call.language
        let keyResults = report.keyResults(of: entry.value.id).map(\.value)
        let findings = report.findings(of: entry.value, language: language).map {
            FindingResource($0, keyResults: keyResults, language: language)
        }
        return try .json(FindingsList(data: findings))
    }

    /// The objective as it now stands, with its numbers.
    func reply(_ id: ObjectiveID, _ call: APICall, status: HTTPResponse.Status = .ok) async throws -> APIReply {
        let (entry, report) = try await visibleObjective(call, id.rawValue)
        return try .json(
            ObjectiveResource(entry, report: report, language: call.language), status: status, version: entry.version)
    }

    /// One may align only to objectives one can see (a private parent would otherwise leak through the link).
    func checkParentsVisible(_ objective: Objective, access: Access) async throws {
        for link in objective.parents {
            let parent: Objective?
            switch link.target {
            case .objective(let id): parent = try await store.objective(id: id)?.value
            case .keyResult(let id):
                guard let kr = try await store.keyResult(id: id) else {
                    throw APIError.invalid("parents", .unknownValue(id.rawValue))
                }
                parent = try await store.objective(id: kr.value.objectiveID)?.value
            }
            guard let parent, access.canSee(parent) else {
                throw APIError(
                    .unprocessableContent, code: "invalid_reference", .apiInvalidReference, ["field": "parents"],
                    field: "parents")
            }
        }
    }

    func list(_ call: APICall) async throws -> APIReply {
        let page = try call.page
        let state = try call.query("state", as: Objective.State.self)
        let kind = try call.query("kind", as: Objective.Kind.self)
        let owner = try call.queryOwner()
        let reports: [CycleReport]
        if call.query("cycle") == "now" {
            reports = try await activeReports(call)
        } else {
            reports = try await loadReport(call, cycle: call.query("cycle")).map { [$0] } ?? []
        }
        guard !reports.isEmpty else { return try .json(ListPage<ObjectiveResource>(data: [], nextCursor: nil)) }
        var matching: Set<ObjectiveID>?
        if let q = call.query("q"), !Folding.fold(q).isEmpty {
            var found = Set<ObjectiveID>()
            for report in reports {
                found.formUnion(
                    try await store.objectives(cycle: report.cycle.id, owner: nil, state: nil, matching: q).map(
                        \.value.id))
            }
            matching = found
        }
        let team = call.query("team").map { TeamID($0) }
        // The candidates, by id: the team's and its people's, one owner's, or the whole cycle; with several
        // cycles, each id with the cycle that holds it.
        let candidates: [ObjectiveID]
        var holder: [ObjectiveID: Int] = [:]
        if reports.count == 1 {
            candidates = Self.candidates(reports[0], team: team, owner: owner)
        } else {
            for (index, report) in reports.enumerated() {
                for id in Self.candidates(report, team: team, owner: owner) { holder[id] = index }
            }
            candidates = holder.keys.sorted()
        }
        var (low, high) = (0, candidates.count)
        if let after = page.after {
            while low < high {
                let middle = (low + high) / 2
                if candidates[middle].rawValue > after { high = middle } else { low = middle + 1 }
            }
        }
        // Walks from the cursor until one more than a page matches, so a deep page costs what a first one does.
        var selected: [(entry: Versioned<Objective>, report: CycleReport)] = []
        for id in candidates[low...] {
            let report = reports[holder[id] ?? 0]
            guard let entry = report.objective(id) else { continue }
            let objective = entry.value
            if let state, objective.state != state { continue }
            if let kind, objective.kind != kind { continue }
            if let owner, objective.owner != owner { continue }
            if let matching, !matching.contains(objective.id) { continue }
            selected.append((entry, report))
            if selected.count > page.limit { break }
        }
        return try .json(
            ListPage(selected, key: { $0.entry.value.id.rawValue }, page: page) { found in
                try ObjectiveJSON.of(found.entry, report: found.report, language: call.language)
            })
    }

    /// The ids a list walks in one cycle, in id order: a team's and its people's, one owner's, or every one.
    private static func candidates(_ report: CycleReport, team: TeamID?, owner: Owner?) -> [ObjectiveID] {
        if let team {
            let people = (report.team(team)?.memberIDs ?? []).map { Owner.person($0) }
            return ([Owner.team(team)] + people).flatMap { report.snapshot.objectives(ownedBy: $0) }.sorted()
        } else if let owner {
            return report.snapshot.objectives(ownedBy: owner).sorted()
        }
        return report.snapshot.idOrder
    }

    /// The report of every active cycle, longest first (`cycle=now`).
    func activeReports(_ call: APICall) async throws -> [CycleReport] {
        let cycles = try await store.readModel.organization().cycles.map(\.value).filter { $0.state == .active }
        var reports: [CycleReport] = []
        for cycle in cycles.sorted(by: { ($0.length, $0.id) > ($1.length, $1.id) }) {
            if let report = try await loadReport(call, cycle: cycle.id.rawValue) { reports.append(report) }
        }
        return reports
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

/// `{"data": [Finding]}`.
struct FindingsList: Encodable, Sendable {
    let data: [FindingResource]
}

/// A quality finding as the API shows it: the rule's stable code, how serious it is, what it points at, and
/// the message and fix hint in the caller's language.
struct FindingResource: Encodable, Sendable {
    let code: String
    let severity: String
    let keyResultID: String?
    let message: String
    let hint: String
    let blocksPublishing: Bool

    init(_ finding: QualityFinding, keyResults: [KeyResult], language: Language) {
        code = finding.code.rawValue
        severity = finding.severity.rawValue
        if case .keyResult(let index) = finding.target, keyResults.indices.contains(index) {
            keyResultID = keyResults[index].id.rawValue
        } else {
            keyResultID = nil
        }
        message = finding.message.text(language)
        hint = finding.hint.text(language)
        blocksPublishing = finding.blocksPublishing
    }

    static let schema = Schema.object([
        .required("code", .values(of: QualityCode.self)),
        .required("severity", .values(of: QualitySeverity.self)),
        .optional("key_result_id", .string, "The key result it points at; absent when it is about the objective."),
        .required("message", .string), .required("hint", .string),
        .required("blocks_publishing", .boolean),
    ])
}
