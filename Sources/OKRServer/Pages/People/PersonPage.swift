import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// One person as the viewer may see them: their teams, their own objectives of the cycle and the KRs they answer
/// for in others' objectives — each as the viewer may see it (a private objective of another team stays hidden).
/// Their e-mail only for admins.
struct PersonPage: Sendable {
    let person: Person
    let report: CycleReport
    let teams: [Team]
    let objectives: [Versioned<Objective>]
    /// KRs they answer for in objectives owned by someone else.
    let keyResults: [(keyResult: KeyResult, objective: Objective)]
    let showsEmail: Bool
    /// How well their confidence foretold their grades in the latest closed cycle, when there is one.
    var calibration: (cycle: Cycle, calibration: Calibration?)? = nil

    static func load(_ id: PersonID, report: CycleReport) -> PersonPage? {
        guard let person = report.person(id) else { return nil }
        let owned = report.objectives(ownedBy: .person(id))
        let ownedIDs = Set(owned.map(\.value.id))
        let keyResults = report.snapshot.keyResults(ownedBy: .person(id)).compactMap {
            krID -> (keyResult: KeyResult, objective: Objective)? in
            guard let found = report.keyResult(krID), !ownedIDs.contains(found.objective.value.id) else { return nil }
            return (found.keyResult.value, found.objective.value)
        }
        return PersonPage(
            person: person, report: report, teams: person.teamIDs.compactMap { report.team($0) }, objectives: owned,
            keyResults: keyResults, showsEmail: report.access.isAdmin)
    }
}

enum PersonPageView {
    static func render(_ page: Page, _ model: PersonPage) -> String {
        let person = model.person
        return Layout.render(page, title: person.name) { html in
            Navigation.breadcrumbs(
                page,
                Navigation.trail(to: person.teamIDs.first, model.report, page.language) + [(person.name, nil)], &html)
            html.element("div", [("class", "pagehead")]) { html in
                html.element("h1", text: person.name)
                if !person.isActive { html.element("span", [("class", "chip warn")], text: page.t(.personLeft)) }
            }
            html.element("section", [("class", "card person-facts")]) { html in
                html.element("p") { html in
                    html.element("strong", text: page.t(.personTeams) + ": ")
                    if model.teams.isEmpty { html.text(page.t(.personNoTeam)) }
                    for (index, team) in model.teams.enumerated() {
                        if index > 0 { html.text(", ") }
                        Navigation.teamLink(page, team, &html)
                    }
                }
                if model.showsEmail {
                    html.element("p") { html in
                        html.element("strong", text: page.t(.personEmail) + ": ")
                        html.element("a", [("href", "mailto:" + person.email)], text: person.email)
                    }
                }
            }
            html.element("section", [("class", "team"), ("aria-labelledby", "person-objectives-h")]) { html in
                html.element(
                    "h2", [("id", "person-objectives-h")],
                    text: page.t(.personObjectives, ["name": person.name, "cycle": model.report.cycle.name]))
                if model.objectives.isEmpty {
                    html.element("p", [("class", "empty")], text: page.t(.personNoObjectives))
                }
                for entry in model.objectives { OverviewView.objective(page, entry, report: model.report, &html) }
            }
            if let (cycle, calibration) = model.calibration {
                html.element("section", [("class", "card calibration"), ("aria-labelledby", "calibration-h")]) {
                    html in
                    html.element(
                        "h2", [("id", "calibration-h")],
                        text: page.t(.personCalibrationHeading, ["cycle": cycle.name]))
                    if let calibration {
                        CyclePageView.summary(page, calibration, id: "calibration-verdict", &html)
                        html.element("p", [("class", "muted")], text: page.t(.cyclesCalibrationSuccessLines))
                    } else {
                        html.element(
                            "p", [("class", "muted")],
                            text: page.t(.personCalibrationNone, ["name": person.name, "cycle": cycle.name]))
                    }
                    html.element("p") { html in
                        html.element(
                            "a", [("href", Route.cycle(.id(cycle.id)).path + "#calibration-h")], text: cycle.name)
                    }
                }
            }
            if !model.keyResults.isEmpty {
                html.element("section", [("class", "card"), ("aria-labelledby", "person-krs-h")]) { html in
                    html.element("h2", [("id", "person-krs-h")], text: page.t(.personKeyResults))
                    html.element("ul", [("class", "krs")]) { html in
                        for (kr, objective) in model.keyResults {
                            html.element("li", [("class", "kr")]) { html in
                                html.element(
                                    "a", [("href", Route.objective(.id(objective.id)).path + "#kr-\(kr.id.rawValue)")],
                                    text: kr.title.text(page.language))
                                html.element(
                                    "span", [("class", "muted")], text: " · " + objective.title.text(page.language))
                                if let score = model.report.score(kr.id) {
                                    Components.progressBar(
                                        page, progress: score.progress.raw, expected: score.expected.value,
                                        label: page.t(.progressOf, ["title": kr.title.text(page.language)]), &html)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /people/{id}`: a person's page, in the cycle asked for (`?cycle=`) or the active one; 404 for no one.
struct PersonPageController: Sendable {
    let web: PageKit

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.person(.key), use: show)
    }

    func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        var choice = try await CycleReport.load(
            store: web.store, viewer: viewer, cycle: request.uri.queryParameters["cycle"].map(String.init),
            environment: web.environment)
        if case .unknown = choice {
            choice = try await CycleReport.load(
                store: web.store, viewer: viewer, cycle: nil, environment: web.environment)
        }
        guard case .report(let report) = choice,
            var model = PersonPage.load(PersonID(try context.parameters.require("id")), report: report)
        else { throw HTTPError(.notFound) }
        // Calibration needs final grades: the cycle shown when it is closed, else the latest closed one.
        let closed =
            report.cycle.state == .closed
            ? report.cycle : report.cycles.filter { $0.state == .closed }.max { $0.end < $1.end }
        if let closed {
            var closedReport = report
            if closed.id != report.cycle.id,
                case .report(let found) = try await CycleReport.load(
                    store: web.store, viewer: viewer, cycle: closed.id.rawValue, environment: web.environment)
            {
                closedReport = found
            }
            if closedReport.cycle.id == closed.id {
                model.calibration = (closed, CycleCalibration.of(model.person.id, in: closedReport))
            }
        }
        return web.html(PersonPageView.render(page, model))
    }
}
