import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The end of a cycle, per objective: its retrospective, and carrying it into a later cycle when unfinished.
extension ObjectivesAPI {
    func addQuarterCloseRoutes(to api: APIBuilder) {
        api.schema("RetrospectiveInput", RetrospectiveResource.inputSchema)
        api.schema("Retrospective", RetrospectiveResource.schema)
        api.schema("CarryOverInput", CarryOverInput.schema)
        api.add(
            APIOperation(
                method: .get, path: "/objectives/{id}/retrospective", id: "getRetrospective", tag: "Objectives",
                summary:
                    "The objective's retrospective: what worked, what did not, what was learned; 404 until written.",
                response: .ref("Retrospective"), examples: ["id": "o-mkt-mql"]), retrospective)
        api.add(
            APIOperation(
                method: .put, path: "/objectives/{id}/retrospective", id: "writeRetrospective", tag: "Objectives",
                summary:
                    "Writes the objective's retrospective (whoever may edit it), in an active or a closed cycle; at "
                    + "least one of the three is needed. Writing again replaces it; every write is audited.",
                body: .ref("RetrospectiveInput"), response: .ref("Retrospective"), examples: ["id": "o-mkt-mql"]),
            writeRetrospective)
        api.add(
            APIOperation(
                method: .post, path: "/objectives/{id}/carry-over", id: "carryOverObjective", tag: "Objectives",
                summary:
                    "Carries an unfinished objective of a closed cycle into a later cycle (planning or active): a "
                    + "draft copy with its unfinished key results rebased at their current values and the "
                    + "initiatives still to do, linked to the original (both objective pages show the link). 409 `cycle_not_closed`, "
                    + "`already_carried` or `nothing_unfinished`; 422 when `cycle_id` is not a later cycle.",
                query: [.language], body: .ref("CarryOverInput"), success: .created, response: .ref("Objective"),
                examples: ["id": "o-mkt-mql"]), carryOver)
    }

    func retrospective(_ call: APICall) async throws -> APIReply {
        let (entry, _) = try await visibleObjective(call, try call.parameter("id"))
        guard let found = try await store.retrospectives(objectives: [entry.value.id])[entry.value.id] else {
            throw APIError.notFound(.retrospective, entry.value.id.rawValue)
        }
        return try .json(RetrospectiveResource(found))
    }

    func writeRetrospective(_ call: APICall) async throws -> APIReply {
        let (entry, report) = try await visibleObjective(call, try call.parameter("id"))
        let input = try await call.body(RetrospectiveInput.self)
        do {
            let saved = try await QuarterClose(store: store).writeRetrospective(
                entry.value, in: report, worked: input.worked, didNotWork: input.didNotWork, learned: input.learned,
                by: call.viewer)
            return try .json(RetrospectiveResource(saved))
        } catch QuarterClose.Refusal.forbidden {
            throw APIError.forbidden
        }
    }

    func carryOver(_ call: APICall) async throws -> APIReply {
        let (entry, report) = try await visibleObjective(call, try call.parameter("id"))
        let input = try await call.body(CarryOverInput.self)
        guard let target = input.cycleId, !target.isEmpty else { throw APIError.invalid("cycle_id", .required) }
        do {
            let copy = try await QuarterClose(store: store).carryOver(
                entry.value, in: report, into: CycleID(target), by: call.viewer)
            return try await reply(copy.id, call, status: .created)
        } catch let refusal as QuarterClose.Refusal {
            throw APIError(refusal)
        }
    }

    /// The body of `PUT /objectives/{id}/retrospective`.
    struct RetrospectiveInput: Decodable, Sendable {
        var worked: String?
        var didNotWork: String?
        var learned: String?
    }

    /// The body of `POST /objectives/{id}/carry-over`.
    struct CarryOverInput: Decodable, Sendable {
        var cycleId: String?

        static let schema = Schema.object([
            .required("cycle_id", .string, "A later cycle, planning or active, to carry the objective into.")
        ])
    }
}

/// An objective's retrospective as the API shows it.
struct RetrospectiveResource: Encodable, Sendable {
    let objectiveId: String
    let worked: String?
    let didNotWork: String?
    let learned: String?
    let writtenBy: String?
    let writtenAt: Date?

    init(_ retrospective: Retrospective) {
        objectiveId = retrospective.objectiveID.rawValue
        worked = retrospective.worked
        didNotWork = retrospective.didNotWork
        learned = retrospective.learned
        writtenBy = retrospective.writtenBy?.rawValue
        writtenAt = retrospective.writtenAt
    }

    /// Each answer may be left out or blank (not said); at least one must say something.
    static let answer = Schema.string(Schema.StringRules(maxLength: Retrospective.maxLength))

    static let inputSchema = Schema.object([
        .optional("worked", answer, "What worked; blank or absent when not said."),
        .optional("did_not_work", answer, "What did not work; blank or absent when not said."),
        .optional("learned", answer, "What we learned; blank or absent when not said."),
    ])

    static let schema = Schema.object([
        .required("objective_id", .string), .optional("worked", .string), .optional("did_not_work", .string),
        .optional("learned", .string), .optional("written_by", .string), .optional("written_at", .dateTime),
    ])
}

extension APIError {
    init(_ refusal: QuarterClose.Refusal) {
        switch refusal {
        case .forbidden:
            self = .forbidden
        case .cycleNotClosed(let cycle):
            self.init(.conflict, code: "cycle_not_closed", .apiCycleNotClosed, ["id": cycle.rawValue], field: "state")
        case .notLaterCycle(let cycle):
            self.init(
                .unprocessableContent, code: "validation_failed", .apiNotLaterCycle, ["id": cycle.rawValue],
                field: "cycle_id")
        case .finished:
            self.init(.conflict, code: "nothing_unfinished", .apiNothingUnfinished)
        case .alreadyCarried(let objective):
            self.init(.conflict, code: "already_carried", .apiAlreadyCarried, ["id": objective.rawValue])
        }
    }
}
