import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// A team's page (`/teams/{id}`): its objectives, its people's week and its asks, in the cycle asked for.
struct TeamController: Sendable {
    let web: PageKit

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.team(.key), use: team)
    }

    func team(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let id = try context.parameters.require("id")
        let page = web.page(request, context)
        let cycle = request.uri.queryParameters["cycle"].map(String.init)
        guard let report = try await web.report(viewer, cycle: cycle) else {
            return web.noCycle(page, title: .navMyTeam)
        }
        guard let team = report.team(TeamID(id)) else {
            throw HTTPError(.notFound)
        }
        return web.html(
            TeamPageView.render(
                page, try await TeamPage.load(report, team: team, store: store, language: page.language)))
    }
}
