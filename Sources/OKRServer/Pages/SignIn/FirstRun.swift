import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The first run of an empty database (`okra serve` without the demo): `/setup` names the organization and its
/// company and creates the first admin, who is signed in at once. Once anyone exists the page is gone (a
/// redirect to the sign-in), and the sign-in page of an empty database leads here.
struct FirstRunController: Sendable {
    let web: PageKit

    func addRoutes(to routes: PageRoutes) {
        routes.open.get(.setup, use: form)
        routes.open.post(.setup, use: create)
    }

    /// What the form holds: as typed, so that a refusal loses nothing but the password.
    struct Entry: Sendable, Equatable {
        var organization = ""
        var company = ""
        var name = ""
        var email = ""
        var language = Language.vi
        var timeZone = "Asia/Ho_Chi_Minh"
    }

    enum Field: String, Sendable, CaseIterable {
        case organization, company, name, email, password
        case timeZone = "time_zone"
    }

    func form(_ request: Request, context: OkraContext) async throws -> Response {
        guard try await !web.store.holdsPeople() else { return .redirect(to: Route.signIn.path, type: .normal) }
        var entry = Entry()
        entry.language = context.language
        return web.html(FirstRunView.render(web.page(request, context), entry, problems: [:]))
    }

    func create(_ request: Request, context: OkraContext) async throws -> Response {
        let fields = context.postedForm.fields
        guard try await !web.store.holdsPeople() else { return .redirect(to: Route.signIn.path, type: .normal) }
        let page = web.page(request, context)
        let entry = Entry(
            organization: fields["organization", default: ""].trimmingCharacters(in: .whitespacesAndNewlines),
            company: fields["company", default: ""].trimmingCharacters(in: .whitespacesAndNewlines),
            name: fields["name", default: ""].trimmingCharacters(in: .whitespacesAndNewlines),
            email: fields["email", default: ""].trimmingCharacters(in: .whitespacesAndNewlines).lowercased(),
            language: fields["language"].flatMap(Language.init(rawValue:)) ?? context.language,
            timeZone: fields["time_zone", default: ""].trimmingCharacters(in: .whitespaces))
        let password = fields["password", default: ""]
        var problems: [Field: String] = [:]
        for (field, value) in [
            (Field.organization, entry.organization), (.company, entry.company), (.name, entry.name),
        ]
        where value.isEmpty || value.count > 200 {
            problems[field] = page.t(.setupRequired)
        }
        if !EmailAddress.isPlausible(entry.email) { problems[.email] = page.t(.setupEmail) }
        if !PasswordHasher.isAcceptable(password) { problems[.password] = page.t(.setupPassword) }
        if TimeZone(identifier: entry.timeZone) == nil { problems[.timeZone] = page.t(.setupTimeZoneUnknown) }
        guard problems.isEmpty else {
            return web.html(FirstRunView.render(page, entry, problems: problems), .unprocessableContent)
        }
        let admin = try Person(
            id: PersonID(NewID.make("p")), name: entry.name, email: entry.email, role: .admin,
            language: entry.language)
        let settings = try OrganizationSettings(
            name: entry.organization, timeZone: entry.timeZone, defaultLanguage: entry.language)
        do {
            try await web.store.startOrganization(
                settings, company: try LocalizedName(vi: entry.company), admin: admin,
                passwordHash: try await web.hasher.hash(password))
        } catch StoreError.duplicate {
            // Someone finished the first run meanwhile.
            return .redirect(to: Route.signIn.path, type: .normal)
        }
        return try await web.signedIn(admin.id, next: Route.myWeek.path)
    }
}

/// The first-run form.
enum FirstRunView {
    static func render(
        _ page: Page, _ entry: FirstRunController.Entry, problems: [FirstRunController.Field: String]
    ) -> String {
        Layout.render(page, title: page.t(.setupTitle)) { html in
            html.element("section", [("class", "card signin setup")]) { html in
                html.element("h1", text: page.t(.setupTitle))
                html.element("p", [("class", "muted")], text: page.t(.setupLead))
                html.element("form", [("method", "post"), ("action", Route.setup.path)]) { html in
                    Layout.csrfField(page, &html)
                    field(page, .organization, label: .setupOrganization, value: entry.organization, problems, &html)
                    field(page, .company, label: .setupCompany, value: entry.company, problems, &html)
                    field(page, .name, label: .setupName, value: entry.name, problems, &html)
                    field(page, .email, label: .email, value: entry.email, type: "email", problems, &html)
                    field(page, .password, label: .password, value: "", type: "password", problems, &html)
                    html.element(
                        "p", [("class", "hint muted"), ("id", "password-hint")], text: page.t(.setupPasswordHint))
                    html.element("label", [("for", "language")], text: page.t(.setupLanguage))
                    html.element("select", [("id", "language"), ("name", "language")]) { html in
                        for (language, label) in [(Language.vi, "Tiếng Việt"), (.en, "English")] {
                            html.element(
                                "option",
                                [("value", language.rawValue), ("selected", entry.language == language ? "" : nil)],
                                text: label)
                        }
                    }
                    field(page, .timeZone, label: .setupTimeZone, value: entry.timeZone, problems, &html)
                    html.element("button", [("type", "submit"), ("class", "primary")], text: page.t(.setupSubmit))
                }
            }
        }
    }

    private static func field(
        _ page: Page, _ field: FirstRunController.Field, label: StringKey, value: String, type: String = "text",
        _ problems: [FirstRunController.Field: String], _ html: inout HTML
    ) {
        let id = field.rawValue
        let problem = problems[field]
        html.element("label", [("for", id)], text: page.t(label))
        html.open(
            "input",
            [
                ("id", id), ("name", id), ("type", type), ("required", ""), ("value", type == "password" ? nil : value),
                ("autocomplete", field == .password ? "new-password" : field == .email ? "username" : nil),
                ("aria-invalid", problem == nil ? nil : "true"),
                ("aria-describedby", problem != nil ? id + "-error" : field == .password ? "password-hint" : nil),
                (
                    "autofocus",
                    field == .organization && problems.isEmpty || problem != nil && firstProblem(problems) == field
                        ? "" : nil
                ),
            ])
        if let problem {
            html.element("p", [("class", "error"), ("role", "alert"), ("id", id + "-error")], text: problem)
        }
    }

    private static func firstProblem(_ problems: [FirstRunController.Field: String]) -> FirstRunController.Field? {
        FirstRunController.Field.allCases.first { problems[$0] != nil }
    }
}
