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
        let cycles = try await store.cycles().map(\.value)
        let requested = query["cycle"].map(String.init)
        if let requested, !cycles.contains(where: { $0.id.rawValue == requested }) {
            throw APIError(.notFound, code: "not_found", message: "Cycle \(requested) was not found.", field: "cycle")
        }
        guard let cycle = WebController.chosenCycle(cycles, query: requested) else {
            return try json(Page(data: [], nextCursor: nil))
        }
        let settings = try await store.settings()
        let board = try await store.board(cycle: cycle.id)
        let access = Access(viewer: viewer, teams: board.teams)
        let visible = board.objectives.filter { access.canSee($0.value) }
        let keyResults = visible.flatMap { board.keyResults[$0.value.id] ?? [] }
        var lastDays: [KeyResultID: Day] = [:]
        for kr in keyResults { lastDays[kr.value.id] = board.checkIns[kr.value.id]?.last?.day }
        let today = environment.today(in: settings?.timeZone ?? "Asia/Ho_Chi_Minh")
        let grades = cycle.state == .closed ? try await store.grades(cycle: cycle.id) : [:]
        let scorecard = try Scorecard(
            cycle: board.cycle.value, objectives: visible.map(\.value), keyResults: keyResults.map(\.value),
            lastCheckIns: lastDays, grades: grades, today: today, calendar: settings?.calendar ?? WorkingCalendar())
        let language = query["lang"].flatMap { Language(rawValue: String($0)) } ?? context.language
        let resources = visible.sorted { $0.value.id < $1.value.id }.compactMap { entry -> ObjectiveResource? in
            guard let score = scorecard.objectives[entry.value.id] else { return nil }
            let krs = (board.keyResults[entry.value.id] ?? []).compactMap {
                kr -> (KeyResult, Int, Scorecard.KeyResultScore)? in
                scorecard.keyResults[kr.value.id].map { (kr.value, kr.version, $0) }
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
