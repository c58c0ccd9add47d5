import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The browser's routes for the organization's settings and its days off. Everyone signed in reads them;
/// only admins change them (others get 403). Every save goes through `SettingsInput.applied(to:)` and the
/// version check of `PATCH /api/v1/settings`, so a stale form changes nothing and keeps what was typed.
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
        guard let input = model.input(page) else {
            return web.html(OrganizationSettingsPageView.render(page, model), .unprocessableContent)
        }
        guard input.version == entry.version else {
            model.notice = page.t(.settingsConflict)
            model.noticeIsError = true
            return web.html(OrganizationSettingsPageView.render(page, model), .conflict)
        }
        do {
            try await store.saveSettings(try input.applied(to: entry.value), actor: viewer.id)
            let changedGate = input.appliedGate(to: gate)
            if changedGate != gate { try await store.savePublishGate(changedGate, actor: viewer.id) }
            let changedActivation = input.appliedActivation(to: activation)
            if changedActivation != activation {
                try await store.saveActivationGate(changedActivation, actor: viewer.id)
            }
        } catch let error where !(error is StoreError) {
            model.refused(error, page)
            return web.html(OrganizationSettingsPageView.render(page, model), .unprocessableContent)
        }
        return .redirect(to: "/settings?saved=1", type: .normal)
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
            model.adding(form.day ?? "", page).map { ($0, "added=" + ($0.last?.iso ?? "")) }
        }
    }

    func removeHoliday(_ request: Request, context: SignedInContext) async throws -> Response {
        try await changeHolidays(request, context) { model, form, page in
            model.removing(form.day ?? "", page).map { ($0, "removed=" + (form.day ?? "")) }
        }
    }

    /// Saves the days off `change` makes of the current ones, with the settings' version checked as the API
    /// checks it; a refusal shows the page again with the reason and the typed day.
    func changeHolidays(
        _ request: Request, _ context: SignedInContext,
        _ change: (inout HolidaysPage, HolidayForm, Page) -> (days: [Day], query: String)?
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
        let input = try OrganizationSettingsPage.Change(holidays: days, version: entry.version).input
        try await store.saveSettings(try input.applied(to: entry.value), actor: viewer.id)
        return .redirect(to: "/settings/holidays?" + query, type: .normal)
    }

    // MARK: Plumbing

    func isAdmin(_ viewer: Person) -> Bool { Access(viewer: viewer, teams: []).isAdmin }

    func today(_ settings: OrganizationSettings) -> Day { web.environment.today(in: settings.timeZone) }

    /// A database that was set up without an organization (`okra migrate` alone) has no settings to show.
    func missing(_ page: Page) -> Response {
        web.html(
            SettingsNav.frame(page, title: page.t(.settingsOrganizationTitle), current: "/settings") { html in
                html.element("p", [("class", "empty")], text: page.t(.settingsMissing))
            }, .notFound)
    }

}
