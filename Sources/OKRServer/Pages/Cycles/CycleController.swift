import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The browser's routes for cycles: the list with the form to plan one, a cycle's page with its edit form and
/// activation while planning, closing behind a confirmation that lists the grades it saves, and reopening a
/// closed cycle to correct its record. Everyone signed
/// in reads; only admins change (others get 403). Each change goes through the same store calls and checks as
/// `CyclesAPI`, so the page and the API refuse and save the same things.
struct CycleController: Sendable {
    let web: PageKit

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.cycles, use: list)
        routes.signedIn.post(.cycles, use: create)
        routes.signedIn.get(.cycle(.key), use: show)
        routes.signedIn.post(.cycle(.key), use: update)
        routes.signedIn.post(.activateCycle(.key), use: activate)
        routes.signedIn.post(.reopenCycle(.key), use: reopen)
        routes.signedIn.get(.planning(.key), use: planning)
        routes.signedIn.get(.closeCycle(.key), use: confirmClose)
        routes.signedIn.post(.closeCycle(.key), use: close)
        routes.signedIn.post(.grade(.key, .key), use: grade)
    }

    struct GradeForm: Decodable {
        let back: String?
        let grade: String?
        let reason: String?
    }

    /// Saves one KR's grade through `GradeAdjustment`, as `PUT /api/v1/key-results/{id}/grade` does; a grade
    /// that is not a number from 0 to 1, or a change without a reason, comes back beside its field.
    func grade(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let form = try context.decodeForm(GradeForm.self)
        let page = web.page(request, context)
        let id = try context.parameters.require("id")
        let keyResultID = KeyResultID(try context.parameters.require("keyResult"))
        guard
            case .report(let report) = try await CycleReport.load(
                store: store, viewer: viewer, cycle: id, environment: web.environment),
            let found = report.keyResult(keyResultID)
        else { throw HTTPError(.notFound) }
        let back = PageKit.localPath(form.back ?? Route.cycle(.id(.init(id))).path)
        let typed = (form.grade ?? "").trimmingCharacters(in: .whitespaces)
        func refused(_ field: String, _ message: String) async throws -> Response {
            var model = try await cyclePage(id, viewer: viewer, page: page, gradesPage: Self.gradesPage(request))
            model.gradeEntry = CyclePage.GradeEntry(
                keyResult: keyResultID, grade: typed, reason: form.reason ?? "", field: field, message: message)
            let html = back.hasSuffix("/close") ? CyclePageView.confirm(page, model) : CyclePageView.render(page, model)
            return web.html(html, .unprocessableContent)
        }
        guard let value = TypedNumber.parse(typed) else {
            return try await refused("grade", InvalidReason.outOfRange.message(page.language))
        }
        do {
            _ = try await GradeAdjustment(store: store).grade(
                found.keyResult.value, of: found.objective.value, in: report, value: value, reason: form.reason,
                by: viewer)
        } catch GradeAdjustment.Refusal.forbidden {
            throw PageError.forbidden(.cyclesForbidden)
        } catch GradeAdjustment.Refusal.cycleNotActive {
            throw HTTPError(.conflict)
        } catch DomainError.invalid(let field, let reason) {
            return try await refused(field == "reason" ? "reason" : "grade", reason.message(page.language))
        }
        return Flash.gradeSaved.redirect(to: back + "#grade-\(keyResultID.rawValue)")
    }

    struct CycleForm: Decodable {
        let name: String?
        let start: String?
        let end: String?
        let version: String?

        var fields: [String: String] {
            var fields: [String: String] = [:]
            fields["name"] = name
            fields["start"] = start
            fields["end"] = end
            fields["version"] = version
            return fields
        }
    }

    // MARK: The list

    func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        var model = try await CyclesPage.load(store: store, viewer: viewer, environment: web.environment)
        if let created = request.uri.queryParameters["created"].map(String.init),
            let cycle = model.groups.flatMap(\.rows).first(where: { $0.cycle.id.rawValue == created })?.cycle
        {
            model.notice = page.t(.cyclesCreated, ["name": cycle.name])
        }
        return web.html(CyclesPageView.render(page, model))
    }

    /// Plans a cycle as `POST /api/v1/cycles` does: in planning, with the organization's status rules.
    func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try context.decodeForm(CycleForm.self)
        let viewer = context.person
        let page = web.page(request, context)
        guard Access(viewer: viewer, teams: []).isAdmin else { throw PageError.forbidden(.cyclesForbidden) }
        var model = try await CyclesPage.load(store: store, viewer: viewer, environment: web.environment)
        model.form = CyclesPage.Form(fields: form.fields)
        guard let typed = model.form.typed(page) else {
            return web.html(CyclesPageView.render(page, model), .unprocessableContent)
        }
        let id: CycleID
        do {
            let rules = try await store.settings()?.statusRules ?? StatusRules()
            let cycle = try Cycle(
                id: CycleID(NewID.make("c")), name: typed.name, start: typed.start, end: typed.end, statusRules: rules)
            try await store.createCycle(cycle, actor: viewer.id)
            id = cycle.id
        } catch let error where !(error is StoreError) {
            model.form.refused(error, page)
            return web.html(CyclesPageView.render(page, model), .unprocessableContent)
        }
        return .redirect(to: Route.cycles.path(["created": id.rawValue]), type: .normal)
    }

    // MARK: One cycle

    func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        var model = try await cyclePage(
            try context.parameters.require("id"), viewer: viewer, page: page, gradesPage: Self.gradesPage(request))
        switch request.uri.queryParameters["done"].map(String.init) {
        case "saved": model.notice = .init(text: page.t(.cyclesSaved), isError: false)
        case "activated": model.notice = .init(text: page.t(.cyclesActivated), isError: false)
        case "closed": model.notice = .init(text: page.t(.cyclesClosedNotice), isError: false)
        case "reopened": model.notice = .init(text: page.t(.cyclesReopened), isError: false)
        default: break
        }
        return web.html(CyclePageView.render(page, model))
    }

    /// A form changing the cycle of the path: the form, the page and the cycle's model, when the viewer may
    /// change the cycle (403 otherwise).
    private func changing(
        _ request: Request, _ context: SignedInContext
    ) async throws -> (CycleForm, Page, CyclePage) {
        let form = try context.decodeForm(CycleForm.self)
        let page = web.page(request, context)
        let model = try await cyclePage(try context.parameters.require("id"), viewer: context.person, page: page)
        guard model.canChange else { throw PageError.forbidden(.cyclesForbidden) }
        return (form, page, model)
    }

    /// Renames a cycle or moves its dates, as `PATCH /api/v1/cycles/{id}` does (dates only while planning);
    /// the form's version guards against overwriting someone else's change.
    func update(_ request: Request, context: SignedInContext) async throws -> Response {
        var (form, page, model) = try await changing(request, context)
        let viewer = context.person
        model.form = CyclesPage.Form(fields: form.fields)
        guard let typed = model.form.typed(page) else {
            return web.html(CyclePageView.render(page, model), .unprocessableContent)
        }
        do {
            let changed = try model.cycle.changed(name: typed.name, start: typed.start, end: typed.end)
            _ = try await store.updateCycle(
                changed, expectedVersion: Int(form.version ?? "") ?? model.entry.version, actor: viewer.id)
        } catch StoreError.conflict {
            model.notice = .init(text: page.t(.cyclesConflict), isError: true)
            return web.html(CyclePageView.render(page, model), .conflict)
        } catch let error where !(error is StoreError) {
            model.form.refused(error, page)
            return web.html(CyclePageView.render(page, model), .unprocessableContent)
        }
        return .redirect(to: Route.cycle(.id(model.cycle.id)).path(["done": "saved"]), type: .normal)
    }

    /// Starts a planned cycle, as `POST /api/v1/cycles/{id}/activate` does: refused while an active cycle
    /// partly overlaps it.
    func activate(_ request: Request, context: SignedInContext) async throws -> Response {
        try await move(request, context, done: "activated") { cycle throws(DomainError) in
            try cycle.moved(to: .active)
        }
    }

    /// Opens a closed cycle again so its record can be corrected, as `POST /api/v1/cycles/{id}/reopen` does
    /// (audited like every change of a cycle): refused while an active cycle partly overlaps it.
    func reopen(_ request: Request, context: SignedInContext) async throws -> Response {
        try await move(request, context, done: "reopened") { cycle throws(DomainError) in try cycle.reopened() }
    }

    /// Makes the cycle of the route active through `transition` (admins), unless an active cycle partly
    /// overlaps it.
    private func move(
        _ request: Request, _ context: SignedInContext, done: String,
        _ transition: (Cycle) throws(DomainError) -> Cycle
    ) async throws -> Response {
        var (form, page, model) = try await changing(request, context)
        let viewer = context.person
        do {
            let active = try transition(model.cycle)
            if model.cycle.state == .planning {
                let reasons = try await CyclePlanning.activationReasons(store: store, cycle: model.cycle.id)
                if !reasons.isEmpty {
                    let questions = reasons.filter { $0.code == .openQuestion }.count
                    let text = page.t(
                        .cyclesGateHolds,
                        ["questions": String(questions), "asks": String(reasons.count - questions)])
                    model.notice = .init(text: text, isError: true)
                    return web.html(CyclePageView.render(page, model), .conflict)
                }
            }
            if let other = try await CyclesAPI.overlappingActive(active, store: store) {
                model.notice = .init(text: page.t(.cyclesActiveOverlaps, ["name": other.name]), isError: true)
                return web.html(CyclePageView.render(page, model), .conflict)
            }
            _ = try await store.updateCycle(
                active, expectedVersion: Int(form.version ?? "") ?? model.entry.version, actor: viewer.id)
        } catch StoreError.conflict {
            model.notice = .init(text: page.t(.cyclesConflict), isError: true)
            return web.html(CyclePageView.render(page, model), .conflict)
        } catch let error as DomainError {
            model.notice = .init(text: transitionRefused(error, page), isError: true)
            return web.html(CyclePageView.render(page, model), .conflict)
        }
        return .redirect(to: Route.cycle(.id(model.cycle.id)).path(["done": done]), type: .normal)
    }

    // MARK: Planning

    /// The cycle's planning: the guide's steps with who is late, each team's drafts, the open questions and asks.
    func planning(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let id: String = try context.parameters.require("id")
        guard
            case .report(let report) = try await CycleReport.load(
                store: store, viewer: viewer, cycle: id, environment: web.environment)
        else { throw HTTPError(.notFound) }
        let model = try await CyclePlanning.load(report: report, store: store)
        return web.html(CyclePlanningView.render(page, model))
    }

    // MARK: Closing

    func confirmClose(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let model = try await cyclePage(
            try context.parameters.require("id"), viewer: viewer, page: page, gradesPage: Self.gradesPage(request))
        guard model.canChange else { throw PageError.forbidden(.cyclesForbidden) }
        guard model.cycle.state == .active else {
            return .redirect(to: Route.cycle(.id(model.cycle.id)).path, type: .normal)
        }
        return web.html(CyclePageView.confirm(page, model))
    }

    /// Closes the active cycle through `CycleClosing`, as `POST /api/v1/cycles/{id}/close` does.
    func close(_ request: Request, context: SignedInContext) async throws -> Response {
        var (form, page, model) = try await changing(request, context)
        let viewer = context.person
        // The confirmation form carries the version it showed; a close without one is a stale form.
        let version = Int(form.version ?? "") ?? -1
        do {
            _ = try await CycleClosing(store: store, environment: web.environment).close(
                model.entry, expectedVersion: version, by: viewer)
        } catch StoreError.conflict {
            model.notice = .init(text: page.t(.cyclesConflict), isError: true)
            return web.html(CyclePageView.render(page, model), .conflict)
        } catch let error as DomainError {
            model.notice = .init(text: transitionRefused(error, page), isError: true)
            return web.html(CyclePageView.render(page, model), .conflict)
        }
        return .redirect(to: Route.cycle(.id(model.cycle.id)).path(["done": "closed"]), type: .normal)
    }

    // MARK: Plumbing

    /// The page of grades asked for (`?page=`), from 1; anything else is the first.
    static func gradesPage(_ request: Request) -> Int {
        request.uri.queryParameters["page"].flatMap { Int(String($0)) } ?? 1
    }

    /// The page of cycle `id`; 404 when there is none.
    func cyclePage(_ id: String, viewer: Person, page: Page, gradesPage: Int = 1) async throws -> CyclePage {
        guard
            var model = try await CyclePage.load(
                store: store, viewer: viewer, id: id, environment: web.environment, language: page.language,
                gradesPage: gradesPage)
        else { throw HTTPError(.notFound) }
        model.form.fields["version"] = String(model.entry.version)
        return model
    }

    /// "A closed cycle cannot become active", in the page's language.
    func transitionRefused(_ error: DomainError, _ page: Page) -> String {
        guard case .transitionNotAllowed(_, let from, let to) = error,
            let from = Cycle.State(rawValue: from), let to = Cycle.State(rawValue: to)
        else { return error.message(page.language) }
        return page.t(
            .cyclesNotAllowed, ["from": page.t(StringKey(cycleState: from)), "to": page.t(StringKey(cycleState: to))])
    }

}
