import Foundation
import Hummingbird
import NIOCore
import OKRCore
import OKRStore

/// The pages of a person's week: "My week" (the home page) with the weekly update, and the one-form check-in
/// with its result, and a team's page.
struct WeekController: Sendable {
    let store: OKRStore
    let environment: AppEnvironment

    func addRoutes(to router: some RouterMethods<OkraContext>) {
        router.get("/", use: myWeek)
        router.post("/week", use: saveWeek)
        router.get("/check-in", use: checkInForm)
        router.post("/check-in", use: checkIn)
        router.get("/check-in/done", use: checkedIn)
        router.get("/teams/:id", use: team)
    }

    // MARK: My week

    func myWeek(_ request: Request, context: OkraContext) async throws -> Response {
        guard let viewer = context.person else { return signInRedirect(request) }
        let page = page(request, context)
        guard let report = try await activeReport(viewer) else { return noCycle(page, title: .weekTitle) }
        let model = try await MyWeek.load(report, viewer: viewer, store: store, language: page.language)
        return html(MyWeekView.render(page, model, saved: request.uri.queryParameters["saved"] != nil))
    }

    /// Saves this week's update through the same store call as the API; on a problem the form comes back with
    /// what was typed and the message next to its field.
    func saveWeek(_ request: Request, context: OkraContext) async throws -> Response {
        guard let viewer = context.person else { return signInRedirect(request) }
        let fields = try await formFields(request, context)
        try checkCSRF(fields["csrf"], request)
        guard viewer.role != .viewer else { throw HTTPError(.forbidden) }
        let page = page(request, context)
        guard let report = try await activeReport(viewer) else { return noCycle(page, title: .weekTitle) }
        var model = try await MyWeek.load(report, viewer: viewer, store: store, language: page.language)
        guard let update = model.read(fields, viewer: viewer.id, page: page) else {
            return html(MyWeekView.render(page, model), .unprocessableContent)
        }
        do {
            try await store.saveWeeklyUpdate(
                update, expectedVersion: fields["version"].flatMap { Int($0) }, actor: viewer.id)
        } catch StoreError.conflict {
            // Saved meanwhile (another tab, the API): what was typed stays, with a word on what happened.
            model.problems[.plans] = page.t(.weekConflict)
            return html(MyWeekView.render(page, model), .conflict)
        }
        return .redirect(to: "/?saved=week", type: .normal)
    }

    // MARK: Check-in

    func checkInForm(_ request: Request, context: OkraContext) async throws -> Response {
        guard let viewer = context.person else { return signInRedirect(request) }
        let page = page(request, context)
        guard let report = try await activeReport(viewer) else { return noCycle(page, title: .checkInTitle) }
        return html(CheckInView.render(page, CheckInForm.build(report, viewer: viewer)))
    }

    /// Checks every row, then records them all through the same store call as the API, or none at all.
    func checkIn(_ request: Request, context: OkraContext) async throws -> Response {
        guard let viewer = context.person else { return signInRedirect(request) }
        let fields = try await formFields(request, context)
        try checkCSRF(fields["csrf"], request)
        let page = page(request, context)
        guard let report = try await activeReport(viewer) else { return noCycle(page, title: .checkInTitle) }
        var form = CheckInForm.build(report, viewer: viewer)
        let recordings = form.read(fields, page: page)
        guard !recordings.isEmpty else { return html(CheckInView.render(page, form), .unprocessableContent) }
        let weekStart = report.settings?.weekStart ?? .monday
        // One transaction: a row the store refuses (a KR removed or its cycle closed meanwhile) records none.
        _ = try await CheckInRecording.recordAll(
            recordings, by: viewer.id, at: environment.now(), weekStart: weekStart, store: store)
        var response = Response.redirect(to: "/check-in/done", type: .normal)
        // Which KRs were just checked in, for the result page; the URL stays `/check-in/done`.
        response.setCookie(
            Cookie(
                name: Self.justCheckedInCookie, value: recordings.map(\.keyResult.id.rawValue).joined(separator: "~"),
                maxAge: 600, path: "/check-in/done", httpOnly: true, sameSite: .lax))
        return response
    }

    static let justCheckedInCookie = "okra_checked_in"

    func checkedIn(_ request: Request, context: OkraContext) async throws -> Response {
        guard let viewer = context.person else { return signInRedirect(request) }
        let page = page(request, context)
        guard let report = try await activeReport(viewer) else { return noCycle(page, title: .checkInDoneTitle) }
        let form = CheckInForm.build(report, viewer: viewer)
        let rows: [CheckInForm.Row]
        if let just = request.cookies[Self.justCheckedInCookie]?.value, !just.isEmpty {
            let ids = Set(just.split(separator: "~").map { KeyResultID(String($0)) })
            rows = form.rows.filter { ids.contains($0.keyResult.id) }
        } else {
            rows = form.checkedInToday(by: viewer.id)
        }
        return html(CheckInView.done(page, form, rows: rows))
    }

    // MARK: Team

    func team(_ request: Request, context: OkraContext) async throws -> Response {
        guard let viewer = context.person else { return signInRedirect(request) }
        let id = try context.parameters.require("id")
        let page = page(request, context)
        let cycle = request.uri.queryParameters["cycle"].map(String.init)
        guard let report = try await activeReport(viewer, cycle: cycle) else { return noCycle(page, title: .navMyTeam) }
        guard let team = report.team(TeamID(id)) else {
            throw HTTPError(.notFound)
        }
        return html(
            TeamPageView.render(
                page, try await TeamPage.load(report, team: team, store: store, language: page.language)))
    }

    // MARK: Plumbing

    /// The active cycle (else the latest) as the viewer sees it; nil before the first cycle.
    private func activeReport(_ viewer: Person, cycle: String? = nil) async throws -> CycleReport? {
        var choice = try await CycleReport.load(store: store, viewer: viewer, cycle: cycle, environment: environment)
        if case .unknown = choice {
            choice = try await CycleReport.load(store: store, viewer: viewer, cycle: nil, environment: environment)
        }
        if case .report(let report) = choice { return report }
        return nil
    }

    private func noCycle(_ page: Page, title: StringKey) -> Response {
        html(Layout.render(page, title: page.t(title)) { $0.element("p", text: page.t(.noCycle)) })
    }

    /// The posted fields by name. Check-in fields are named after KR ids (`value.K`), so they are read as a
    /// dictionary rather than decoded into a fixed type.
    private func formFields(_ request: Request, _ context: OkraContext) async throws -> [String: String] {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "The form is larger than \(context.maxUploadSize) bytes.")
        }
        return CheckInForm.fields(String(buffer: body))
    }

    private func page(_ request: Request, _ context: OkraContext) -> Page { Page(request, context) }

    private func signInRedirect(_ request: Request) -> Response {
        var next = request.uri.path
        if let query = request.uri.query, !query.isEmpty { next += "?" + query }
        let encoded =
            next.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "?"])) ?? "/"
        return .redirect(to: "/sign-in?next=" + encoded, type: .normal)
    }

    private func checkCSRF(_ field: String?, _ request: Request) throws {
        guard let field, let cookie = request.cookies[SessionMiddleware.csrfCookie]?.value, field == cookie else {
            throw HTTPError(.forbidden, message: "The form has expired; reload the page and try again.")
        }
    }

    private func html(_ text: String, _ status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
