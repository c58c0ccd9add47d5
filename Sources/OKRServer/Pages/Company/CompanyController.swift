import Foundation
import Hummingbird
import NIOCore
import OKRCore
import OKRStore

/// The company's page (every team's objectives of a cycle) and the alignment map.
struct CompanyController: Sendable {
    let web: PageKit

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.company, use: overview)
        routes.signedIn.get(.map, use: map)
    }

    func overview(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        guard let report = try await web.report(viewer, cycle: request.uri.queryParameters["cycle"].map(String.init))
        else {
            return web.noCycle(page, title: .overviewTitle)
        }
        let open = Overview.openTeams(request.uri.queryParameters.getAll("open").map { String($0) })
        var overview = Overview.build(report, language: page.language, open: open)
        // The cards' sparklines: read for the KRs shown when some are not kept yet, then the page built again.
        let shown = overview.sections.flatMap(\.objectives).flatMap { report.keyResults(of: $0.objective.id) }
        if shown.contains(where: { Sparkline.points($0, in: report) == nil }) {
            try await Sparkline.prefetch(shown, report: report, store: store)
            overview = Overview.build(report, language: page.language, open: open)
        }
        return web.html(OverviewView.render(page, overview))
    }

    func map(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        guard let report = try await web.report(viewer, cycle: request.uri.queryParameters["cycle"].map(String.init))
        else {
            return web.noCycle(page, title: .mapTitle)
        }
        // A team whose people were asked for (`?team=team-<id>`) is open too.
        let teams = request.uri.queryParameters.getAll("team").map { String($0) }.filter { $0.hasPrefix("team-") }
        let open = Overview.openTeams(
            request.uri.queryParameters.getAll("open").map { String($0) } + teams.map { String($0.dropFirst(5)) })
        let overview = Overview.build(report, language: page.language, open: open, folds: AlignmentMap.teamsFold)
        return web.html(AlignmentMapView.render(page, AlignmentMap(overview: overview, language: page.language)))
    }
}
