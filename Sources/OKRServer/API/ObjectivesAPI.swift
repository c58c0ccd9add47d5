import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// `GET /api/v1/objectives`: the objectives of a cycle (the active one by default) that the caller may see,
/// each with its key results and computed numbers.
struct ObjectivesAPI: Sendable {
    let store: OKRStore
    let environment: AppEnvironment

    func addRoutes(to group: RouterGroup<OkraContext>) {
        group.get("/objectives", use: list)
    }

    struct Page: Encodable {
        let data: [ObjectiveResource]
        let nextCursor: String?
    }

    func list(_ request: Request, context: OkraContext) async throws -> Response {
        guard let viewer = context.person else { throw APIError.unauthorized }
        let query = request.uri.queryParameters
        let choice = try await CycleReport.load(
            store: store, viewer: viewer, cycle: query["cycle"].map(String.init), environment: environment)
        let report: CycleReport
        switch choice {
        case .noCycle: return try json(Page(data: [], nextCursor: nil))
        case .unknown(let id):
            throw APIError(.notFound, code: "not_found", message: "Cycle \(id) was not found.", field: "cycle")
        case .report(let loaded): report = loaded
        }
        let language = query["lang"].flatMap { Language(rawValue: String($0)) } ?? context.language
        let resources = report.visible.sorted { $0.value.id < $1.value.id }.compactMap {
            entry -> ObjectiveResource? in
            guard let score = report.scorecard.objectives[entry.value.id] else { return nil }
            let krs = (report.board.keyResults[entry.value.id] ?? []).compactMap {
                kr -> (KeyResult, Int, Scorecard.KeyResultScore)? in
                report.scorecard.keyResults[kr.value.id].map { (kr.value, kr.version, $0) }
            }
            return ObjectiveResource(
                objective: entry.value, version: entry.version, score: score, keyResults: krs, language: language)
        }
        return try json(Page(data: resources, nextCursor: nil))
    }

    func json(_ value: some Encodable) throws -> Response {
        let data = try JSONEncoder.api.encode(value)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
