import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OKRCore
import OKRStore
import ServiceLifecycle

/// `/events`: a signed-in browser's stream of Server-Sent Events. Each event is one KR someone changed, already
/// rendered in the viewer's language: its value, its score (progress bar and status), its objective's score,
/// and the objective's status before and after (for the health counts). A KR of an objective the viewer may not
/// see is never sent; someone deactivated while connected hears nothing more. Pages work without it.
struct LiveController: Sendable {
    let store: OKRStore
    let live: LiveUpdates

    static let lastEventID = HTTPField.Name("Last-Event-ID")!

    func addRoutes(to router: some RouterMethods<OkraContext>) {
        router.get("/events", use: events)
    }

    func events(_ request: Request, context: OkraContext) async throws -> Response {
        guard let viewer = context.person else {
            throw HTTPError(.unauthorized, message: "Sign in to follow live updates.")
        }
        let page = Page(request, context)
        let last = request.headers[Self.lastEventID].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let (missed, stream) = live.subscribe(after: last)
        let store = store
        let body = ResponseBody { writer in
            // Reconnect after 2 s when the connection drops (an instance restarting).
            try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
            for event in missed {
                if let text = try await Self.render(event, for: viewer.id, page: page, store: store) {
                    try await writer.write(ByteBuffer(string: text))
                }
            }
            // A server shutting down ends every stream (the browser reconnects to another instance).
            for await message in stream.cancelOnGracefulShutdown() {
                switch message {
                case .ping:
                    try await writer.write(ByteBuffer(string: ": ping\n\n"))
                case .event(let event):
                    guard let text = try await Self.render(event, for: viewer.id, page: page, store: store) else {
                        continue
                    }
                    try await writer.write(ByteBuffer(string: text))
                }
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
                // nginx and others would otherwise hold the stream back.
                HTTPField.Name("X-Accel-Buffering")!: "no",
            ],
            body: body)
    }

    /// What `event` means to `viewer` as one SSE message, or nil when they may not see it (or have left).
    static func render(_ event: LiveUpdates.Event, for viewer: PersonID, page: Page, store: OKRStore) async throws
        -> String?
    {
        let organization = try await store.readModel.organization()
        guard let person = organization.person(viewer)?.value, person.isActive else { return nil }
        let access = Access(viewer: person, tree: organization.tree, people: organization)
        let objective = event.objective
        let keyResult = event.keyResult
        let krScore = event.keyResultScore
        let objectiveScore = event.objectiveScore
        guard access.canSee(objective) else { return nil }
        let viewerPage = Page(
            language: page.language, person: person, csrfToken: page.csrfToken, path: page.path)
        var krHTML = HTML(capacity: 1_024)
        Components.progressBar(
            viewerPage, progress: krScore.progress.raw, expected: krScore.expected.value,
            label: viewerPage.t(.progressOf, ["title": keyResult.title.text(viewerPage.language)]), &krHTML)
        var krStatus = HTML(capacity: 512)
        Components.statusChip(viewerPage, krScore.status, progress: krScore.progress.explanation, &krStatus)
        let krStatusHTML = krStatus.finish()
        krHTML.raw(krStatusHTML)
        var objectiveHTML = HTML(capacity: 1_024)
        Components.progressBar(
            viewerPage, progress: objectiveScore.progress.value, expected: objectiveScore.expected,
            label: viewerPage.t(.progressOf, ["title": objective.title.text(viewerPage.language)]), &objectiveHTML)
        Components.statusChip(
            viewerPage, objectiveScore.status, progress: objectiveScore.progress.explanation, &objectiveHTML)
        let payload = Payload(
            cycle: event.cycle.rawValue, objective: objective.id.rawValue, keyResult: keyResult.id.rawValue,
            value: Components.valueText(viewerPage, keyResult), keyResultScore: krHTML.finish(),
            keyResultStatus: krStatusHTML,
            objectiveScore: objectiveHTML.finish(), status: objectiveScore.status.status.rawValue,
            was: event.statusBefore?.rawValue)
        let data = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        return "id: \(event.id)\nevent: kr\ndata: \(data)\n\n"
    }

    struct Payload: Encodable {
        let cycle: String
        let objective: String
        let keyResult: String
        let value: String
        let keyResultScore: String
        /// The KR's status chip alone, for pages that show no progress bar (the meeting).
        let keyResultStatus: String
        let objectiveScore: String
        /// The objective's status now and before (nil when not known): the health counts move by one.
        let status: String
        let was: String?

        enum CodingKeys: String, CodingKey {
            case cycle, objective, value, status, was
            case keyResult = "key_result"
            case keyResultScore = "key_result_score"
            case keyResultStatus = "key_result_status"
            case objectiveScore = "objective_score"
        }
    }
}
