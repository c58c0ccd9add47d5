import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The browser's routes for KPIs: the list, one KPI, defining and changing one, and recording a value. Who may do
/// what is `Access`'s, as in the API.
struct KPIController: Sendable {
    let web: PageKit

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.kpis, use: list)
        routes.signedIn.get(.newKPI, use: newForm)
        routes.signedIn.post(.newKPI, use: create)
        routes.signedIn.get(.kpi(.key), use: show)
        routes.signedIn.get(.editKPI(.key), use: editForm)
        routes.signedIn.post(.editKPI(.key), use: update)
        routes.signedIn.post(.kpiValues(.key), use: record)
    }

    func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let (access, teams) = try await accessAndTeams(viewer)
        let model = try await KPIList.load(store: store, access: access, teams: teams)
        return web.html(KPIPagesView.list(web.page(request, context), model))
    }

    func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let model = try await detail(try context.parameters.require("id"), viewer: viewer)
        return web.html(KPIPagesView.detail(web.page(request, context), model))
    }

    struct ValueForm: Decodable {
        let day: String?
        let value: String?
    }

    /// `POST /kpis/{id}/values`: the value of a day (today or before), by the people of the owning team; the
    /// KPI's page again, with the message beside the field when refused.
    func record(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try context.decodeForm(ValueForm.self)
        let viewer = context.person
        let page = web.page(request, context)
        var model = try await detail(try context.parameters.require("id"), viewer: viewer)
        guard model.mayRecord else { throw PageError.forbidden(.errorForbidden) }
        model.typed = ["day": form.day ?? "", "value": form.value ?? ""]
        // The page reads a day and a number; whether the core takes them (a day today or before, a finite
        // number), the core says.
        let day = Day(iso: (form.day ?? "").trimmingCharacters(in: .whitespaces))
        if day == nil { model.errors["day"] = InvalidReason.outOfRange.message(page.language) }
        let number = ObjectiveEditor.number(form.value ?? "", page.language) ?? nil
        if number == nil { model.errors["value"] = InvalidReason.notFinite.message(page.language) }
        guard let day, let number, model.errors.isEmpty else {
            return web.html(KPIPagesView.detail(page, model), .unprocessableContent)
        }
        let value: KPIValue
        do throws(DomainError) {
            value = try KPIValue.recorded(kpiID: model.kpi.value.id, day: day, value: number, today: model.today)
        } catch {
            guard case .invalid(let field, let reason) = error else { throw error }
            model.errors[field] = reason.message(page.language)
            return web.html(KPIPagesView.detail(page, model), .unprocessableContent)
        }
        try await store.recordKPIValue(value, actor: viewer.id)
        return Flash.kpiValueRecorded.redirect(to: Route.kpi(.id(model.kpi.value.id)).path)
    }

    // MARK: Defining a KPI

    func newForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let (access, teams) = try await accessAndTeams(viewer)
        let owners = owners(page, access, teams)
        guard !owners.isEmpty else { throw PageError.forbidden(.errorForbidden) }
        let first = owners.first { !$0.value.isEmpty } ?? owners[0]
        let form = KPIForm(
            fields: ["direction": KPI.Direction.higherIsBetter.rawValue, "owner": first.value], editing: nil,
            owners: owners)
        return web.html(KPIPagesView.form(page, form))
    }

    func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let fields = context.postedForm.fields
        let viewer = context.person
        let page = web.page(request, context)
        let (access, teams) = try await accessAndTeams(viewer)
        let owners = owners(page, access, teams)
        guard !owners.isEmpty else { throw PageError.forbidden(.errorForbidden) }
        var form = KPIForm(fields: fields, editing: nil, owners: owners)
        guard let kpi = form.validated(id: KPIID(NewID.make("kpi")), access: access, language: page.language)
        else { return web.html(KPIPagesView.form(page, form), .unprocessableContent) }
        try await store.createKPI(kpi, actor: viewer.id)
        return Flash.kpiSaved.redirect(to: Route.kpi(.id(kpi.id)).path)
    }

    func editForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let (access, teams) = try await accessAndTeams(viewer)
        let kpi = try await stored(try context.parameters.require("id"))
        guard access.mayDefineKPI(ownedBy: kpi.value.ownerTeamID) else { throw PageError.forbidden(.errorForbidden) }
        let form = KPIForm(
            fields: KPIForm.fields(of: kpi, page.language), editing: kpi,
            owners: owners(page, access, teams, keeping: kpi.value.ownerTeamID))
        return web.html(KPIPagesView.form(page, form))
    }

    func update(_ request: Request, context: SignedInContext) async throws -> Response {
        let fields = context.postedForm.fields
        let viewer = context.person
        let page = web.page(request, context)
        let (access, teams) = try await accessAndTeams(viewer)
        let kpi = try await stored(try context.parameters.require("id"))
        guard access.mayDefineKPI(ownedBy: kpi.value.ownerTeamID) else { throw PageError.forbidden(.errorForbidden) }
        var form = KPIForm(
            fields: fields, editing: kpi, owners: owners(page, access, teams, keeping: kpi.value.ownerTeamID))
        guard let changed = form.validated(id: kpi.value.id, access: access, language: page.language) else {
            return web.html(KPIPagesView.form(page, form), .unprocessableContent)
        }
        do {
            _ = try await store.updateKPI(changed, expectedVersion: Int(form["version"]) ?? -1, actor: viewer.id)
        } catch StoreError.conflict {
            form.errors["name"] = page.t(.adminConflict)
            return web.html(KPIPagesView.form(page, form), .conflict)
        }
        return Flash.kpiSaved.redirect(to: Route.kpi(.id(kpi.value.id)).path)
    }

    // MARK: Loading

    func accessAndTeams(_ viewer: Person) async throws -> (Access, [Team]) {
        let organization = try await store.readModel.organization()
        return (Access(viewer: viewer, tree: organization.tree, people: organization), organization.teams)
    }

    func stored(_ id: String) async throws -> Versioned<KPI> {
        guard let kpi = try await store.kpi(id: KPIID(id)) else { throw HTTPError(.notFound) }
        return kpi
    }

    func detail(_ id: String, viewer: Person) async throws -> KPIDetail {
        var report: CycleReport?
        if case .report(let found) = try await CycleReport.load(
            store: store, viewer: viewer, cycle: nil, environment: web.environment)
        {
            report = found
        }
        let organization = try await store.readModel.organization()
        let access = report?.access ?? Access(viewer: viewer, tree: organization.tree, people: organization)
        let today = web.environment.today(in: organization.timeZone)
        guard
            let model = try await KPIDetail.load(
                KPIID(id), store: store, report: report, access: access, today: today)
        else { throw HTTPError(.notFound) }
        return model
    }

    /// The teams the viewer may give a KPI to; "no team" for admins.
    func owners(_ page: Page, _ access: Access, _ teams: [Team], keeping current: TeamID? = nil)
        -> [(value: String, label: String)]
    {
        var owners: [(value: String, label: String)] = []
        if access.mayDefineKPI(ownedBy: nil) { owners.append(("", page.t(.kpiNoOwner))) }
        for team in teams where access.mayDefineKPI(ownedBy: team.id) || team.id == current {
            owners.append((team.id.rawValue, team.name.text(page.language)))
        }
        return owners
    }
}
