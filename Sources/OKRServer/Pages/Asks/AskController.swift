import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The browser's routes for dependency asks: asking another team for help, an ask's own page, and the answers
/// (accept, decline with a reason, counter-propose, done). The same store calls and rules as `AsksAPI`: an ask
/// about an objective the viewer cannot see is 404, an answer the viewer may not give is 403, and accepting
/// puts an initiative into the providing team's plan, linked to the asking KR.
struct AskController: Sendable {
    let web: PageKit

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.newAsk, use: newForm)
        routes.signedIn.post(.asks, use: create)
        routes.signedIn.get(.ask(.key), use: show)
        routes.signedIn.post(.acceptAsk(.key)) { try await answer($0, $1, .accept) }
        routes.signedIn.post(.declineAsk(.key)) { try await answer($0, $1, .decline) }
        routes.signedIn.post(.counterAsk(.key)) { try await answer($0, $1, .counter) }
        routes.signedIn.post(.doneAsk(.key)) { try await answer($0, $1, .done) }
    }

    // MARK: Asking

    func newForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let report = try await activeReport(viewer)
        var query = NewAskPage.Entry()
        if let id = request.uri.queryParameters["key_result"] {
            query.about = "key_result:" + String(id)
        } else if let id = request.uri.queryParameters["objective"] {
            query.about = "objective:" + String(id)
        }
        let model = NewAskPage.build(report, viewer: viewer, query: query, language: page.language)
        guard !model.askingTeams.isEmpty else { throw PageError.forbidden(.errorForbidden) }
        return web.html(NewAskPageView.render(page, model))
    }

    struct NewAskForm: Decodable {
        let about: String?
        let from: String?
        let to: String?
        let need: String?
        let due: String?
    }

    func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let form = try context.decodeForm(NewAskForm.self)
        let page = web.page(request, context)
        let report = try await activeReport(viewer)
        let posted = NewAskPage.Entry(
            about: form.about ?? "", from: form.from ?? "", to: form.to ?? "", need: form.need ?? "",
            due: form.due ?? "")
        var model = NewAskPage.build(report, viewer: viewer, query: posted, language: page.language)
        guard !model.askingTeams.isEmpty else { throw PageError.forbidden(.errorForbidden) }
        guard let ask = model.read(posted, id: DependencyAskID(NewID.make("ask")), page: page) else {
            return web.html(NewAskPageView.render(page, model), .unprocessableContent)
        }
        try await store.createAsk(ask, actor: viewer.id)
        return Flash.askSent.redirect(to: Route.team(.id(ask.fromTeamID)).path)
    }

    // MARK: One ask

    func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let (entry, linked) = try await visibleAsk(try context.parameters.require("id"), viewer: viewer)
        return web.html(try await askPage(page, entry.value, access: linked.access, entry: nil))
    }

    /// The ask on a page of its own, with every answer the viewer may give under the full rule of `Access`.
    func askPage(_ page: Page, _ ask: DependencyAsk, access: Access, entry: AskForms.Entry?) async throws -> String {
        let teams = try await store.teams()
        let language = page.language
        func name(_ id: TeamID) -> String { teams.first { $0.id == id }?.name.text(language) ?? id.rawValue }
        var about = ask.keyResultID?.rawValue ?? ask.objectiveID?.rawValue ?? ""
        if let id = ask.keyResultID, let kr = try await store.keyResult(id: id) {
            about = kr.value.title.text(language)
        } else if let id = ask.objectiveID, let objective = try await store.objective(id: id) {
            about = objective.value.title.text(language)
        }
        let initiative = try await store.initiative(id: AcceptedAsk.initiativeID(ask))?.value
        let today = web.environment.today(in: try await store.settings()?.timeZone ?? "Asia/Ho_Chi_Minh")
        let title = page.t(.askTitle)
        return Layout.render(page, title: title) { html in
            html.element("section", [("class", "card ask-page")]) { html in
                html.element("h1", text: title)
                html.element(
                    "p", [("class", "muted")],
                    text: page.t(.askFromTo, ["from": name(ask.fromTeamID), "to": name(ask.toTeamID)]))
                html.element("ul", [("class", "asks")]) { html in
                    AskForms.item(
                        page, ask, team: name(ask.toTeamID), about: about, overdue: ask.isOverdue(on: today),
                        initiative: initiative, back: Route.ask(.id(ask.id)).path,
                        answers: AskForms.Answers.of(access, ask), entry: entry, &html)
                }
                html.element("p") { html in
                    html.element(
                        "a", [("href", Route.team(.id(ask.fromTeamID)).path)], text: name(ask.fromTeamID))
                    html.text(" · ")
                    html.element("a", [("href", Route.team(.id(ask.toTeamID)).path)], text: name(ask.toTeamID))
                }
            }
        }
    }

    // MARK: Answers

    enum Answer: String {
        case accept, decline, counter, done
    }

    struct AnswerForm: Decodable {
        let back: String?
        let reason: String?
        let due: String?
        let scope: String?
        /// The done form asks whether the initiative is done too: `initiative_asked` says it was asked, and an
        /// unticked box sends no `initiative_done`.
        let initiativeAsked: String?
        let initiativeDone: String?

        enum CodingKeys: String, CodingKey {
            case back, reason, due, scope
            case initiativeAsked = "initiative_asked"
            case initiativeDone = "initiative_done"
        }

        var finishesInitiatives: Bool { initiativeAsked == nil || initiativeDone != nil }
    }

    /// Checks who may give this answer (403 otherwise), reads its fields (the ask's page with messages next to
    /// them otherwise), moves the ask through the domain and saves it; accepting adds the initiative.
    func answer(_ request: Request, _ context: SignedInContext, _ answer: Answer) async throws -> Response {
        let viewer = context.person
        let form = try context.decodeForm(AnswerForm.self)
        let page = web.page(request, context)
        let (entry, linked) = try await visibleAsk(try context.parameters.require("id"), viewer: viewer)
        let ask = entry.value
        let answers = AskForms.Answers.of(linked.access, ask)
        let allowed: Bool
        switch answer {
        case .accept: allowed = answers.accept || answers.acceptCounter
        case .decline: allowed = answers.decline
        case .counter: allowed = answers.counter
        case .done: allowed = answers.done
        }
        guard allowed else { throw PageError.forbidden(.errorForbidden) }

        var typed = AskForms.Entry(action: answer.rawValue)
        typed.fields = ["reason": form.reason ?? "", "due": form.due ?? "", "scope": form.scope ?? ""]
        let moved: DependencyAsk
        switch answer {
        case .accept: moved = try ask.accepted()
        case .done: moved = try ask.done()
        case .decline, .counter:
            // The date is read here; whether the answer holds (a reason, a date or a scope, their lengths) is
            // Core's to say, beside the field it names.
            let dueText = (form.due ?? "").trimmingCharacters(in: .whitespaces)
            let due = Day(iso: dueText)
            if answer == .counter, !dueText.isEmpty, due == nil { typed.problems["due"] = page.t(.askBadDate) }
            guard typed.problems.isEmpty else { return try await refused(page, ask, linked, typed) }
            switch Self.answered(ask, answer, reason: form.reason ?? "", due: due, scope: form.scope) {
            case .success(let answered):
                moved = answered
            case .failure(.invalid(let field, let reason)):
                typed.problems[field] =
                    switch (field, reason) {
                    case ("reason", .required), ("reason", .empty): page.t(.askReasonRequired)
                    case ("due", .required): page.t(.askCounterRequired)
                    default: reason.message(page.language)
                    }
                return try await refused(page, ask, linked, typed)
            case .failure(let error):
                throw error
            }
        }
        do {
            // An accepted ask and the initiative it becomes in the plan commit together.
            _ = try await store.updateAsk(
                moved, expectedVersion: entry.version, actor: viewer.id,
                creating: answer == .accept ? try AcceptedAsk.initiative(for: moved) : nil,
                finishingInitiativesOn: form.finishesInitiatives ? try await web.environment.today(of: store) : nil)
        } catch StoreError.conflict {
            // Someone answered first: show the ask as it is now, with what was typed.
            let (current, linked) = try await visibleAsk(ask.id.rawValue, viewer: viewer)
            typed.problems["changed"] = page.t(.askChanged)
            return web.html(
                try await askPage(page, current.value, access: linked.access, entry: typed), .conflict)
        }
        let said: Flash =
            switch answer {
            case .accept: .askAccepted
            case .decline: .askDeclined
            case .counter: .askCountered
            case .done: .askDone
            }
        return said.redirect(to: PageKit.localPath(form.back ?? Route.ask(.id(ask.id)).path))
    }

    /// A decline or a counter-proposal as Core makes it, or Core's refusal naming its field.
    static func answered(
        _ ask: DependencyAsk, _ answer: Answer, reason: String, due: Day?, scope: String?
    ) -> Result<DependencyAsk, DomainError> {
        do {
            return .success(
                try answer == .decline ? ask.declined(reason: reason) : ask.countered(due: due, scope: scope))
        } catch {
            return .failure(error)
        }
    }

    func refused(
        _ page: Page, _ ask: DependencyAsk, _ linked: LinkedObjectives, _ typed: AskForms.Entry
    ) async throws -> Response {
        web.html(try await askPage(page, ask, access: linked.access, entry: typed), .unprocessableContent)
    }

    // MARK: Plumbing

    /// The ask if the viewer may see it; unknown and private alike are 404.
    func visibleAsk(_ id: String, viewer: Person) async throws -> (Versioned<DependencyAsk>, LinkedObjectives) {
        let visible = Visible(store: store, viewer: viewer, environment: web.environment)
        guard let found = try await visible.ask(DependencyAskID(id)) else { throw HTTPError(.notFound) }
        return found
    }

    /// The active cycle (else the latest) as the viewer sees it; asking needs one.
    func activeReport(_ viewer: Person) async throws -> CycleReport {
        let choice = try await CycleReport.load(
            store: store, viewer: viewer, cycle: nil, environment: web.environment)
        guard case .report(let report) = choice else { throw HTTPError(.notFound) }
        return report
    }
}
