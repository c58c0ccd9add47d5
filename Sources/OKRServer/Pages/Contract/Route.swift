import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// Every page Okra serves, declared once. The router registers a route with its parameters as keys
/// (`.objective(.key)` is `/objectives/:id`) and a link writes the same case with values
/// (`Route.objective(.id(objective.id)).path`), so a link to a page that does not exist does not compile, and a
/// page that moves moves its links with it (the way the Swift Package Index server's `SiteURL` does).
enum Route: Sendable {
    /// A path's variable part: the key the router matches on, or a value a link fills in.
    enum Parameter<Subject>: Sendable {
        case key
        case id(Identifier<Subject>)
    }

    // Signing in (open to anyone).
    case signIn, signOut, language, setup
    case signInWithProvider, providerCallback
    case forgotPassword, resetPassword

    // The week.
    case myWeek
    case week
    case checkIn, checkedIn

    // The company, its teams and people.
    case company, map
    case team(Parameter<Team>)
    case meeting(Parameter<Team>)
    case meetingNotes(Parameter<Team>)
    case person(Parameter<Person>)

    // Objectives.
    case newObjective, checkObjective, objectiveOptions
    case objective(Parameter<Objective>)
    case editObjective(Parameter<Objective>)
    case objectiveState(Parameter<Objective>)
    case objectiveComments(Parameter<Objective>)
    case retrospective(Parameter<Objective>)
    case carryOver(Parameter<Objective>)

    // Cycles.
    case cycles
    case cycle(Parameter<Cycle>)
    case activateCycle(Parameter<Cycle>)
    case reopenCycle(Parameter<Cycle>)
    case closeCycle(Parameter<Cycle>)
    case planning(Parameter<Cycle>)
    case grade(Parameter<Cycle>, Parameter<KeyResult>)
    case brief(Parameter<Cycle>)
    case briefComments(Parameter<Cycle>)

    // Asks between teams.
    case asks, newAsk
    case ask(Parameter<DependencyAsk>)
    case acceptAsk(Parameter<DependencyAsk>)
    case declineAsk(Parameter<DependencyAsk>)
    case counterAsk(Parameter<DependencyAsk>)
    case doneAsk(Parameter<DependencyAsk>)

    // KPIs.
    case kpis, newKPI
    case kpi(Parameter<KPI>)
    case editKPI(Parameter<KPI>)
    case kpiValues(Parameter<KPI>)

    // Notifications and reminders.
    case notifications, readNotifications
    case reminders, testEmail

    // Settings.
    case settings
    case holidays, removeHoliday
    case data, dataImport, dataTemplate
    case settingsTeams
    case settingsTeam(Parameter<Team>)
    case settingsPeople
    case settingsPerson(Parameter<Person>)
    case deactivatePerson(Parameter<Person>)
    case reactivatePerson(Parameter<Person>)
    case resetLink(Parameter<Person>)
    case tokens
    case revokeToken(Parameter<APITokenRecord>)
    case scim
    case revokeDirectory(Parameter<SCIMDirectory>)
    case webhooks
    case webhookActive(Parameter<WebhookSubscription>)
    case deleteWebhook(Parameter<WebhookSubscription>)

    /// The link to this page (every parameter a value).
    var path: String {
        "/"
            + segments.map { segment in
                switch segment {
                case .literal(let text): text
                case .parameter(let name, nil): preconditionFailure("a link to \(pattern) without its \(name)")
                case .parameter(_, let value?):
                    value.addingPercentEncoding(withAllowedCharacters: Self.segmentCharacters) ?? value
                }
            }.joined(separator: "/")
    }

    /// The link with a query (values encoded; a nil value leaves its name out).
    func path(_ query: KeyValuePairs<String, String?>) -> String {
        let items = query.compactMap { name, value in value.map { name + "=" + PageKit.queryValue($0) } }
        return items.isEmpty ? path : path + "?" + items.joined(separator: "&")
    }

    /// What the router matches: each parameter as its key (`/objectives/:id`).
    var pattern: String {
        "/"
            + segments.map { segment in
                switch segment {
                case .literal(let text): text
                case .parameter(let name, _): ":" + name
                }
            }.joined(separator: "/")
    }

    private static let segmentCharacters = CharacterSet.urlPathAllowed.subtracting(["/", "?", "#", ";"])

    private enum Segment {
        case literal(String)
        /// A variable part: its key's name, and its value in a link.
        case parameter(String, String?)
    }

    private static func id<Subject>(_ parameter: Parameter<Subject>, named name: String = "id") -> Segment {
        switch parameter {
        case .key: .parameter(name, nil)
        case .id(let id): .parameter(name, id.rawValue)
        }
    }

    private var segments: [Segment] {
        switch self {
        case .signIn: [.literal("sign-in")]
        case .signOut: [.literal("sign-out")]
        case .language: [.literal("language")]
        case .setup: [.literal("setup")]
        case .signInWithProvider: [.literal("sign-in"), .literal("oidc")]
        case .providerCallback: [.literal("sign-in"), .literal("oidc"), .literal("callback")]
        case .forgotPassword: [.literal("password"), .literal("forgot")]
        case .resetPassword: [.literal("password"), .literal("reset")]

        case .myWeek: []
        case .week: [.literal("week")]
        case .checkIn: [.literal("check-in")]
        case .checkedIn: [.literal("check-in"), .literal("done")]

        case .company: [.literal("company")]
        case .map: [.literal("map")]
        case .team(let team): [.literal("teams"), Self.id(team)]
        case .meeting(let team): [.literal("teams"), Self.id(team), .literal("meeting")]
        case .meetingNotes(let team): [.literal("teams"), Self.id(team), .literal("meeting.md")]
        case .person(let person): [.literal("people"), Self.id(person)]

        case .newObjective: [.literal("objectives"), .literal("new")]
        case .checkObjective: [.literal("objectives"), .literal("check")]
        case .objectiveOptions: [.literal("objectives"), .literal("options")]
        case .objective(let objective): [.literal("objectives"), Self.id(objective)]
        case .editObjective(let objective): [.literal("objectives"), Self.id(objective), .literal("edit")]
        case .objectiveState(let objective): [.literal("objectives"), Self.id(objective), .literal("state")]
        case .objectiveComments(let objective): [.literal("objectives"), Self.id(objective), .literal("comments")]
        case .retrospective(let objective): [.literal("objectives"), Self.id(objective), .literal("retrospective")]
        case .carryOver(let objective): [.literal("objectives"), Self.id(objective), .literal("carry-over")]

        case .cycles: [.literal("cycles")]
        case .cycle(let cycle): [.literal("cycles"), Self.id(cycle)]
        case .activateCycle(let cycle): [.literal("cycles"), Self.id(cycle), .literal("activate")]
        case .reopenCycle(let cycle): [.literal("cycles"), Self.id(cycle), .literal("reopen")]
        case .closeCycle(let cycle): [.literal("cycles"), Self.id(cycle), .literal("close")]
        case .planning(let cycle): [.literal("cycles"), Self.id(cycle), .literal("planning")]
        case .grade(let cycle, let keyResult):
            [.literal("cycles"), Self.id(cycle), .literal("grades"), Self.id(keyResult, named: "keyResult")]
        case .brief(let cycle): [.literal("cycles"), Self.id(cycle), .literal("brief")]
        case .briefComments(let cycle): [.literal("cycles"), Self.id(cycle), .literal("brief"), .literal("comments")]

        case .asks: [.literal("asks")]
        case .newAsk: [.literal("asks"), .literal("new")]
        case .ask(let ask): [.literal("asks"), Self.id(ask)]
        case .acceptAsk(let ask): [.literal("asks"), Self.id(ask), .literal("accept")]
        case .declineAsk(let ask): [.literal("asks"), Self.id(ask), .literal("decline")]
        case .counterAsk(let ask): [.literal("asks"), Self.id(ask), .literal("counter")]
        case .doneAsk(let ask): [.literal("asks"), Self.id(ask), .literal("done")]

        case .kpis: [.literal("kpis")]
        case .newKPI: [.literal("kpis"), .literal("new")]
        case .kpi(let kpi): [.literal("kpis"), Self.id(kpi)]
        case .editKPI(let kpi): [.literal("kpis"), Self.id(kpi), .literal("edit")]
        case .kpiValues(let kpi): [.literal("kpis"), Self.id(kpi), .literal("values")]

        case .notifications: [.literal("notifications")]
        case .readNotifications: [.literal("notifications"), .literal("read")]
        case .reminders: [.literal("settings"), .literal("reminders")]
        case .testEmail: [.literal("settings"), .literal("reminders"), .literal("test-email")]

        case .settings: [.literal("settings")]
        case .holidays: [.literal("settings"), .literal("holidays")]
        case .removeHoliday: [.literal("settings"), .literal("holidays"), .literal("remove")]
        case .data: [.literal("settings"), .literal("data")]
        case .dataImport: [.literal("settings"), .literal("data"), .literal("import")]
        case .dataTemplate: [.literal("settings"), .literal("data"), .literal("template")]
        case .settingsTeams: [.literal("settings"), .literal("teams")]
        case .settingsTeam(let team): [.literal("settings"), .literal("teams"), Self.id(team)]
        case .settingsPeople: [.literal("settings"), .literal("people")]
        case .settingsPerson(let person): [.literal("settings"), .literal("people"), Self.id(person)]
        case .deactivatePerson(let person):
            [.literal("settings"), .literal("people"), Self.id(person), .literal("deactivate")]
        case .reactivatePerson(let person):
            [.literal("settings"), .literal("people"), Self.id(person), .literal("reactivate")]
        case .resetLink(let person):
            [.literal("settings"), .literal("people"), Self.id(person), .literal("reset-link")]
        case .tokens: [.literal("settings"), .literal("tokens")]
        case .revokeToken(let token): [.literal("settings"), .literal("tokens"), Self.id(token), .literal("revoke")]
        case .scim: [.literal("settings"), .literal("scim")]
        case .revokeDirectory(let directory):
            [.literal("settings"), .literal("scim"), Self.id(directory), .literal("revoke")]
        case .webhooks: [.literal("settings"), .literal("webhooks")]
        case .webhookActive(let webhook):
            [.literal("settings"), .literal("webhooks"), Self.id(webhook), .literal("active")]
        case .deleteWebhook(let webhook):
            [.literal("settings"), .literal("webhooks"), Self.id(webhook), .literal("delete")]
        }
    }
}

/// The page routes' two groups, which register `Route`s only (a path written as a string does not compile).
struct PageGroup<Context: RequestContext> {
    let group: RouterGroup<Context>

    @discardableResult
    func get<Output: ResponseGenerator>(
        _ route: Route, use handler: @Sendable @escaping (Request, Context) async throws -> Output
    ) -> Self {
        group.get(RouterPath(route.pattern), use: handler)
        return self
    }

    @discardableResult
    func post<Output: ResponseGenerator>(
        _ route: Route, use handler: @Sendable @escaping (Request, Context) async throws -> Output
    ) -> Self {
        group.post(RouterPath(route.pattern), use: handler)
        return self
    }
}
