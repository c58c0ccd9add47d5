import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The caller's own key results: the ones they check in on each week — the KRs they own and the KRs of the
/// objectives they own, in the cycle asked for (the active one by default). The same rows as the web's
/// one-form check-in, so `okra checkin` and `/check-in` never disagree about what is "mine".
struct MyKeyResultsAPI: Sendable {
    let store: OKRStore
    let environment: AppEnvironment

    func addRoutes(to api: APIBuilder) {
        api.schema("MyKeyResult", MyKeyResult.schema)
        api.schema("MyKeyResultPage", ListPage<MyKeyResult>.schema(of: "MyKeyResult"))
        api.add(
            APIOperation(
                method: .get, path: "/me/key-results", id: "listMyKeyResults", tag: "Check-ins",
                summary:
                    "The key results the caller checks in on: theirs and those of their objectives, with the objective.",
                query: [
                    .init(name: "cycle", schema: .string, description: "A cycle id; the active cycle by default."),
                    .limit, .cursor, .language,
                ],
                response: .ref("MyKeyResultPage")), list)
    }

    func list(_ call: APICall) async throws -> APIReply {
        let page = try call.page
        let report: CycleReport
        switch try await CycleReport.load(
            store: store, viewer: call.viewer, cycle: call.query("cycle"), environment: environment)
        {
        case .noCycle: return try .json(ListPage<MyKeyResult>(data: [], nextCursor: nil))
        case .unknown(let id): throw APIError.notFound(.cycle, id, field: "cycle")
        case .report(let found): report = found
        }
        let rows = CheckInForm.build(report, viewer: call.viewer).rows.sorted { $0.keyResult.id < $1.keyResult.id }
        return try .json(
            ListPage(rows, key: { $0.keyResult.id.rawValue }, page: page) { row in
                MyKeyResult(
                    keyResult: ObjectiveResource.KeyResultResource(
                        row.keyResult, version: report.snapshot.keyResult(row.keyResult.id)?.version ?? 1,
                        score: row.score,
                        lastCheckIn: row.lastCheckIn, language: call.language),
                    objective: .init(
                        id: row.objective.id.rawValue, title: row.objective.title.vi,
                        titleEn: row.objective.title.en))
            })
    }
}

/// One of the caller's key results, with the objective it belongs to.
struct MyKeyResult: Encodable, Sendable {
    struct ObjectiveSummary: Encodable, Sendable {
        let id: String
        let title: String
        let titleEn: String?
    }

    let keyResult: ObjectiveResource.KeyResultResource
    let objective: ObjectiveSummary

    static let schema: Schema = .object([
        .required("key_result", .ref("KeyResult")),
        .required(
            "objective",
            .object([
                .required("id", .string), .required("title", .string), .optional("title_en", .string),
            ])),
    ])
}
