import Foundation
import Hummingbird
import NIOCore
import OKRCore
import OKRStore

/// A team's weekly OKR meeting: `/teams/{id}/meeting?week=YYYY-MM-DD` (this week by default, in the
/// organization's time zone and week start; `present=1` for present mode) and its Markdown export
/// `/teams/{id}/meeting.md?week=`. Anyone signed in who can see the team sees it, with only the objectives
/// they may see.
struct MeetingController: Sendable {
    let web: PageKit

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.meeting(.key), use: page)
        routes.signedIn.get(.meetingNotes(.key), use: markdown)
    }

    func page(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let model = try await meeting(request, context, viewer: viewer, language: page.language)
        let present = request.uri.queryParameters["present"].map { $0 == "1" || $0 == "true" } ?? false
        return web.html(MeetingPageView.render(page, model, present: present))
    }

    func markdown(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let model = try await meeting(request, context, viewer: viewer, language: page.language)
        let file = "meeting-\(model.team.id.rawValue)-\(model.week.iso).md"
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/markdown; charset=utf-8", .contentDisposition: "attachment; filename=\"\(file)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: MeetingMarkdown.render(page, model))))
    }

    /// The meeting of the team and week the request names. The week is the one containing `?week=` (any day
    /// of it), else this week; its cycle is the one it falls in, else the active one. An unknown team is 404.
    func meeting(
        _ request: Request, _ context: SignedInContext, viewer: Person, language: Language
    ) async throws -> TeamMeeting {
        let id = try context.parameters.require("id")
        var report = try await report(viewer, cycle: nil)
        let weekStart = report.settings?.weekStart ?? .monday
        let asked = request.uri.queryParameters["week"].flatMap { Day(iso: String($0)) }
        let week = (asked ?? report.today).startOfWeek(weekStart)
        if !(report.cycle.start...report.cycle.end).contains(week),
            let other = report.cycles.first(where: { ($0.start...$0.end).contains(week) })
        {
            report = try await self.report(viewer, cycle: other.id.rawValue)
        }
        guard let team = report.team(TeamID(id)) else {
            throw HTTPError(.notFound)
        }
        return try await TeamMeeting.load(report, team: team, week: week, store: store, language: language)
    }

    func report(_ viewer: Person, cycle: String?) async throws -> CycleReport {
        let choice = try await CycleReport.load(
            store: store, viewer: viewer, cycle: cycle, environment: web.environment)
        guard case .report(let report) = choice else { throw HTTPError(.notFound) }
        return report
    }
}
