import Foundation
import Hummingbird
import NIOCore
import OKRCore
import OKRStore

/// The pages of a person's week: "My week" (the home page) with the weekly update, and the one-form check-in
/// with its result.
struct WeekController: Sendable {
    let web: PageKit

    var store: OKRStore { web.store }
    var environment: AppEnvironment { web.environment }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.myWeek, use: myWeek)
        routes.signedIn.post(.week, use: saveWeek)
        routes.signedIn.get(.checkIn, use: checkInForm)
        routes.signedIn.post(.checkIn, use: checkIn)
        routes.signedIn.get(.checkedIn, use: checkedIn)
    }

    // MARK: My week

    func myWeek(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        guard let report = try await web.report(viewer, cycle: nil) else { return web.noCycle(page, title: .weekTitle) }
        let model = try await MyWeek.load(report, viewer: viewer, store: store, language: page.language)
        return web.html(MyWeekView.render(page, model, saved: request.uri.queryParameters["saved"] != nil))
    }

    /// Saves this week's update through the same store call as the API; on a problem the form comes back with
    /// what was typed and the message next to its field.
    func saveWeek(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let fields = context.postedForm.fields
        guard viewer.role != .viewer else { throw PageError.forbidden(.errorForbidden) }
        let page = web.page(request, context)
        guard let report = try await web.report(viewer, cycle: nil) else { return web.noCycle(page, title: .weekTitle) }
        var model = try await MyWeek.load(report, viewer: viewer, store: store, language: page.language)
        guard let update = model.read(fields, viewer: viewer.id, page: page) else {
            return web.html(MyWeekView.render(page, model), .unprocessableContent)
        }
        do {
            try await store.saveWeeklyUpdate(
                update, expectedVersion: fields["version"].flatMap { Int($0) }, actor: viewer.id)
        } catch StoreError.conflict {
            // Saved meanwhile (another tab, the API): what was typed stays, with a word on what happened.
            model.problems[.plans] = page.t(.weekConflict)
            return web.html(MyWeekView.render(page, model), .conflict)
        }
        return .redirect(to: Route.myWeek.path(["saved": "week"]), type: .normal)
    }

    // MARK: Check-in

    func checkInForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        guard let report = try await web.report(viewer, cycle: nil) else {
            return web.noCycle(page, title: .checkInTitle)
        }
        return web.html(CheckInView.render(page, CheckInForm.build(report, viewer: viewer)))
    }

    /// Checks every row, then records them all through the same store call as the API, or none at all.
    func checkIn(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let fields = context.postedForm.fields
        let page = web.page(request, context)
        guard let report = try await web.report(viewer, cycle: nil) else {
            return web.noCycle(page, title: .checkInTitle)
        }
        var form = CheckInForm.build(report, viewer: viewer)
        let recordings = form.read(fields, page: page)
        guard !recordings.isEmpty else { return web.html(CheckInView.render(page, form), .unprocessableContent) }
        let weekStart = report.settings?.weekStart ?? .monday
        // One transaction: a row the store refuses (a KR removed or its cycle closed meanwhile) records none.
        _ = try await CheckInRecording.recordAll(
            recordings, by: viewer.id, at: environment.now(), weekStart: weekStart, store: store)
        var response = Response.redirect(to: Route.checkedIn.path, type: .normal)
        // Which KRs were just checked in, for the result page; the URL stays `/check-in/done`.
        response.setCookie(
            Cookie(
                name: Self.justCheckedInCookie, value: recordings.map(\.keyResult.id.rawValue).joined(separator: "~"),
                maxAge: 600, path: Route.checkedIn.path, httpOnly: true, sameSite: .lax))
        return response
    }

    static let justCheckedInCookie = "okra_checked_in"

    func checkedIn(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        guard let report = try await web.report(viewer, cycle: nil) else {
            return web.noCycle(page, title: .checkInDoneTitle)
        }
        let form = CheckInForm.build(report, viewer: viewer)
        let rows: [CheckInForm.Row]
        if let just = request.cookies[Self.justCheckedInCookie]?.value, !just.isEmpty {
            let ids = Set(just.split(separator: "~").map { KeyResultID(String($0)) })
            rows = form.rows.filter { ids.contains($0.keyResult.id) }
        } else {
            rows = form.checkedInToday(by: viewer.id)
        }
        return web.html(CheckInView.done(page, form, rows: rows))
    }
}
