import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The browser's routes for the organization's settings and its days off. Everyone signed in reads them;
/// only admins change them (others get 403). Every save is a `SettingsChange`, as `PATCH /api/v1/settings` makes,
/// so a stale form changes nothing and keeps what was typed.
struct SettingsController: Sendable {
    let web: PageKit

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.settings, use: organization)
        routes.signedIn.post(.settings, use: saveOrganization)
        routes.signedIn.get(.holidays, use: holidays)
        routes.signedIn.post(.holidays, use: addHoliday)
        routes.signedIn.post(.removeHoliday, use: removeHoliday)
    }

    // MARK: The organization

    func organization(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        guard let entry = try await store.versionedSettings() else { return missing(page) }
        var model = OrganizationSettingsPage(
            entry: entry, gate: try await store.publishGate(), activation: try await store.activationGate(),
            canChange: isAdmin(viewer), language: page.language)
        if request.uri.queryParameters["saved"] != nil { model.notice = page.t(.settingsSaved) }
        return web.html(OrganizationSettingsPageView.render(page, model))
    }

    func saveOrganization(_ request: Request, context: SignedInContext) async throws -> Response {
        let fields = context.postedForm.fields
        let viewer = context.person
        let page = web.page(request, context)
        guard isAdmin(viewer) else { throw PageError.forbidden(.settingsForbidden) }
        guard let entry = try await store.versionedSettings() else { return missing(page) }
        let gate = try await store.publishGate()
        let activation = try await store.activationGate()
        var model = OrganizationSettingsPage(
            entry: entry, gate: gate, activation: activation, canChange: true, language: page.language)
        model.fields = fields
        model.fields["csrf"] = nil
        guard let change = model.change(page) else {
            return web.html(OrganizationSettingsPageView.render(page, model), .unprocessableContent)
        }
        do {
            _ = try await change.save(
                expectedVersion: Int(fields["version"] ?? "") ?? -1, store: store, actor: viewer.id)
        } catch StoreError.conflict {
            model.notice = page.t(.settingsConflict)
            model.noticeIsError = true
            return web.html(OrganizationSettingsPageView.render(page, model), .conflict)
        } catch let error as DomainError {
            model.refused(error, page)
            return web.html(OrganizationSettingsPageView.render(page, model), .unprocessableContent)
        }
        return .redirect(to: Route.settings.path(["saved": "1"]), type: .normal)
    }

    // MARK: Holidays

    struct HolidayForm: Decodable {
        let day: String?
        let version: String?
    }

    func holidays(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        guard let entry = try await store.versionedSettings() else { return missing(page) }
        var model = HolidaysPage(entry: entry, today: today(entry.value), canChange: isAdmin(viewer))
        let query = request.uri.queryParameters
        if let added = query["added"].flatMap({ Day(iso: String($0)) }) {
            model.notice = page.t(.settingsHolidayAdded, ["day": page.day(added)])
        } else if let removed = query["removed"].flatMap({ Day(iso: String($0)) }) {
            model.notice = page.t(.settingsHolidayRemoved, ["day": page.day(removed)])
        }
        return web.html(HolidaysPageView.render(page, model))
    }

    func addHoliday(_ request: Request, context: SignedInContext) async throws -> Response {
        try await changeHolidays(request, context) { model, form, page in
            model.adding(form.day ?? "", page).map { (days: $0, query: (name: "added", value: $0.last?.iso ?? "")) }
        }
    }

    func removeHoliday(_ request: Request, context: SignedInContext) async throws -> Response {
        try await changeHolidays(request, context) { model, form, page in
            model.removing(form.day ?? "", page).map { (days: $0, query: (name: "removed", value: form.day ?? "")) }
        }
    }

    /// Saves the days off `change` makes of the current ones, with the settings' version checked as the API
    /// checks it; a refusal shows the page again with the reason and the typed day.
    func changeHolidays(
        _ request: Request, _ context: SignedInContext,
        _ change: (inout HolidaysPage, HolidayForm, Page) -> (days: [Day], query: (name: String, value: String))?
    ) async throws -> Response {
        let form = try context.decodeForm(HolidayForm.self)
        let viewer = context.person
        let page = web.page(request, context)
        guard isAdmin(viewer) else { throw PageError.forbidden(.settingsForbidden) }
        guard let entry = try await store.versionedSettings() else { return missing(page) }
        var model = HolidaysPage(entry: entry, today: today(entry.value), canChange: true)
        guard Int(form.version ?? "") == entry.version else {
            model.day = form.day ?? ""
            model.notice = page.t(.settingsConflict)
            model.noticeIsError = true
            return web.html(HolidaysPageView.render(page, model), .conflict)
        }
        guard let (days, query) = change(&model, form, page) else {
            return web.html(HolidaysPageView.render(page, model), .unprocessableContent)
        }
        _ = try await SettingsChange(holidays: days).save(
            expectedVersion: entry.version, store: store, actor: viewer.id)
        return .redirect(to: Route.holidays.path([query.name: query.value]), type: .normal)
    }

    // MARK: Plumbing

    func isAdmin(_ viewer: Person) -> Bool { Access(viewer: viewer, teams: []).isAdmin }

    func today(_ settings: OrganizationSettings) -> Day { web.environment.today(in: settings.timeZone) }

    /// A database that was set up without an organization (`okra migrate` alone) has no settings to show.
    func missing(_ page: Page) -> Response {
        web.html(
            SettingsNav.frame(page, title: page.t(.settingsOrganizationTitle), current: .settings) { html in
                html.element("p", [("class", "empty")], text: page.t(.settingsMissing))
            }, .notFound)
    }

}
