import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// Key results and their check-ins. A check-in is appended to the KR's history (never overwritten), and the
/// answer carries the KR's new progress, expected progress and status from the cycle's `Scorecard`.
struct KeyResultsAPI: Sendable {
    let store: OKRStore
    let environment: AppEnvironment

    func addRoutes(to api: APIBuilder) {
        api.schema("KeyResultCreate", KeyResultInput.schema(creating: true))
        api.schema("KeyResultUpdate", KeyResultInput.schema(creating: false))
        api.schema("CheckInCreate", CheckInInput.schema)
        api.schema("GradeInput", GradeInput.schema)
        api.schema("KeyResultGrade", GradeResource.schema)
        api.schema("CheckIn", CheckInResource.schema)
        api.schema("CheckInPage", ListPage<CheckInResource>.schema(of: "CheckIn"))
        api.add(
            APIOperation(
                method: .post, path: "/objectives/{id}/key-results", id: "createKeyResult", tag: "Key results",
                summary: "Adds a key result to an objective.", query: [.language], body: .ref("KeyResultCreate"),
                success: .created, response: .ref("KeyResult"), examples: ["id": "o-mkt-mql"]), create)
        api.add(
            APIOperation(
                method: .get, path: "/key-results/{id}", id: "getKeyResult", tag: "Key results",
                summary: "One key result with its computed numbers; its version is the ETag.", query: [.language],
                response: .ref("KeyResult"), examples: ["id": "kr-mkt-email"]), get)
        api.add(
            APIOperation(
                method: .patch, path: "/key-results/{id}", id: "updateKeyResult", tag: "Key results",
                summary: "Changes a key result: the members sent, at the version given (a stale one is 409).",
                query: [.language], body: .ref("KeyResultUpdate"), response: .ref("KeyResult"),
                examples: ["id": "kr-mkt-email"]), update)
        api.add(
            APIOperation(
                method: .post, path: "/key-results/{id}/check-ins", id: "createCheckIn", tag: "Check-ins",
                summary:
                    "Records a check-in: the value now, confidence and one line why. Answers the check-in and the KR.",
                query: [.language], body: .ref("CheckInCreate"), success: .created,
                response: .object([.required("check_in", .ref("CheckIn")), .required("key_result", .ref("KeyResult"))]),
                examples: ["id": "kr-mkt-email"]), checkIn)
        api.add(
            APIOperation(
                method: .get, path: "/key-results/{id}/check-ins", id: "listCheckIns", tag: "Check-ins",
                summary:
                    "A key result's check-ins, oldest first, corrections included (each names what it supersedes).",
                query: [.limit, .cursor], response: .ref("CheckInPage"), examples: ["id": "kr-mkt-email"]), history)
        api.add(
            APIOperation(
                method: .put, path: "/key-results/{id}/grade", id: "gradeKeyResult", tag: "Key results",
                summary:
                    "Grades a key result before its cycle closes (whoever may edit it): the proposal comes from its "
                    + "progress; another grade needs a `reason`. The close keeps saved grades; every save is "
                    + "audited. 409 `cycle_not_active` while the cycle is planned, `cycle_closed` once it is closed.",
                body: .ref("GradeInput"), response: .ref("KeyResultGrade"), examples: ["id": "kr-mkt-email"]),
            grade)
    }

    /// A KR the viewer may see, its objective and the report of their cycle; 404 when hidden.
    struct Found {
        let keyResult: Versioned<KeyResult>
        let objective: Objective
        let report: CycleReport
    }

    func visibleKeyResult(_ call: APICall, _ id: String) async throws -> Found {
        let keyResult = KeyResultID(id)
        var cycle = store.readModel.cachedCycle(of: keyResult)
        if cycle == nil, let stored = try await store.keyResult(id: keyResult) {
            cycle = try await store.objective(id: stored.value.objectiveID)?.value.cycleID
        }
        guard let cycle,
            case .report(let report) = try await CycleReport.load(
                store: store, viewer: call.viewer, cycle: cycle.rawValue, environment: environment),
            let found = report.keyResult(keyResult)
        else { throw APIError.notFound(.keyResult, id) }
        return Found(keyResult: found.keyResult, objective: found.objective.value, report: report)
    }

    func resource(_ found: Found, language: Language) throws -> ObjectiveResource.KeyResultResource {
        guard let score = found.report.score(found.keyResult.value.id) else {
            throw APIError.notFound(.keyResult, found.keyResult.value.id.rawValue)
        }
        return ObjectiveResource.KeyResultResource(
            found.keyResult.value, version: found.keyResult.version, score: score,
            lastCheckIn: found.report.lastCheckIn(found.keyResult.value.id), language: language)
    }

    func get(_ call: APICall) async throws -> APIReply {
        let found = try await visibleKeyResult(call, try call.parameter("id"))
        return try .json(resource(found, language: call.language), version: found.keyResult.version)
    }

    func create(_ call: APICall) async throws -> APIReply {
        let objectiveID = try call.parameter("id")
        guard let stored = try await store.objective(id: ObjectiveID(objectiveID)),
            let cycle = try await store.cycle(id: stored.value.cycleID)
        else { throw APIError.notFound(.objective, objectiveID) }
        let access = Access(viewer: call.viewer, teams: try await store.teams())
        guard access.canSee(stored.value) else { throw APIError.notFound(.objective, objectiveID) }
        let input = try await call.body(KeyResultInput.self)
        let keyResult = try input.created(in: stored.value, cycle: cycle.value, id: NewID.make("kr"))
        guard access.canEdit(stored.value), access.mayAssign(keyResult.owner) else { throw APIError.forbidden }
        _ = try await store.createKeyResult(keyResult, actor: call.viewer.id)
        let found = try await visibleKeyResult(call, keyResult.id.rawValue)
        return try .json(resource(found, language: call.language), status: .created, version: found.keyResult.version)
    }

    func update(_ call: APICall) async throws -> APIReply {
        let found = try await visibleKeyResult(call, try call.parameter("id"))
        let input = try await call.body(KeyResultInput.self)
        let version = try call.expectedVersion(input.version)
        let access = found.report.access
        let changed = try input.applied(to: found.keyResult.value, cycle: found.report.cycle)
        guard access.canEdit(found.keyResult.value, of: found.objective),
            changed.owner == found.keyResult.value.owner || access.mayAssign(changed.owner)
        else { throw APIError.forbidden }
        _ = try await store.updateKeyResult(changed, expectedVersion: version, actor: call.viewer.id)
        let updated = try await visibleKeyResult(call, changed.id.rawValue)
        return try .json(resource(updated, language: call.language), version: updated.keyResult.version)
    }

    func grade(_ call: APICall) async throws -> APIReply {
        let found = try await visibleKeyResult(call, try call.parameter("id"))
        let input = try await call.body(GradeInput.self)
        guard let value = input.grade else { throw APIError.invalid("grade", .required) }
        do {
            let grade = try await GradeAdjustment(store: store).grade(
                found.keyResult.value, of: found.objective, in: found.report, value: value, reason: input.reason,
                by: call.viewer)
            return try .json(GradeResource(keyResult: found.keyResult.value.id, grade: grade))
        } catch GradeAdjustment.Refusal.forbidden {
            throw APIError.forbidden
        } catch GradeAdjustment.Refusal.cycleNotActive(let cycle) {
            throw APIError(
                .conflict, code: "cycle_not_active", .apiCycleNotActive, ["id": cycle.id.rawValue], field: "state")
        }
    }

    /// The body of `PUT /key-results/{id}/grade`.
    struct GradeInput: Decodable, Sendable {
        var grade: Decimal?
        var reason: String?

        static let schema = Schema.object([
            .required("grade", .number(minimum: 0, maximum: 1), "From 0.0 to 1.0."),
            .optional("reason", .text(max: 1000), "Why the grade differs from the proposal; needed when it does."),
        ])
    }

    /// A KR's saved grade: the proposal from its progress, the grade given and why.
    struct GradeResource: Encodable, Sendable {
        let keyResultId: String
        let proposed: Decimal
        let grade: Decimal
        let reason: String?
        let band: String

        init(keyResult: KeyResultID, grade: KeyResultGrade) {
            keyResultId = keyResult.rawValue
            proposed = grade.proposed
            self.grade = grade.value
            reason = grade.reason
            band = grade.band.rawValue
        }

        static let schema = Schema.object([
            .required("key_result_id", .string), .required("proposed", .number(minimum: 0, maximum: 1)),
            .required("grade", .number(minimum: 0, maximum: 1)), .optional("reason", .string),
            .required("band", .values(of: GradeBand.self)),
        ])
    }

    func checkIn(_ call: APICall) async throws -> APIReply {
        let found = try await visibleKeyResult(call, try call.parameter("id"))
        let input = try await call.body(CheckInInput.self)
        let access = found.report.access
        guard access.canCheckIn(found.keyResult.value, of: found.objective) else {
            throw APIError.forbidden
        }
        let today = found.report.today
        let day = input.day ?? today
        guard day <= today else { throw APIError.invalid("day", .outOfRange) }
        // A value is recorded for a day of the KR's cycle: not before it started.
        let cycle = found.report.cycle
        guard day >= cycle.start else {
            throw APIError.invalid("day", .outsideCycle(start: cycle.start, end: cycle.end))
        }
        let checkIn = try await CheckInRecording(
            keyResult: found.keyResult.value, value: input.value, confidence: input.confidence, note: input.note,
            day: day, supersedes: input.supersedes.map { CheckInID($0) }, conditionActual: input.conditionActual
        ).record(
            by: call.viewer.id, at: environment.now(), weekStart: found.report.weekStart,
            store: store)
        let updated = try await visibleKeyResult(call, found.keyResult.value.id.rawValue)
        return try .json(
            CheckInCreated(checkIn: CheckInResource(checkIn), keyResult: resource(updated, language: call.language)),
            status: .created, version: updated.keyResult.version)
    }

    func history(_ call: APICall) async throws -> APIReply {
        let found = try await visibleKeyResult(call, try call.parameter("id"))
        let page = try call.page
        let checkIns = try await store.checkIns(keyResult: found.keyResult.value.id)
        let sorted = checkIns.sorted { ($0.recordedAt, $0.id) < ($1.recordedAt, $1.id) }
        return try .json(ListPage(sorted, key: Self.sortKey, page: page) { CheckInResource($0) })
    }

    /// Recorded time to the millisecond, then id: unique, and ordered as the check-ins were made.
    static func sortKey(_ checkIn: CheckIn) -> String {
        String(format: "%015lld", Int64((checkIn.recordedAt.timeIntervalSince1970 * 1000).rounded())) + "/"
            + checkIn.id.rawValue
    }
}

/// The answer to a check-in: what was recorded and where the KR now stands.
struct CheckInCreated: Encodable, Sendable {
    let checkIn: CheckInResource
    let keyResult: ObjectiveResource.KeyResultResource
}
