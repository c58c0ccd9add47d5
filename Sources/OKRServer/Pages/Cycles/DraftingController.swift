import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The browser's routes of drafting in two directions: a cycle's direction brief (read by everyone, written by
/// leadership), and the moves of an objective through draft → in review → published from its page. The rules
/// are those of the API: `Access.mayWriteDirection` and `ObjectiveTransition`.
struct DraftingController: Sendable {
    let web: PageKit

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.brief(.key), use: brief)
        routes.signedIn.post(.brief(.key), use: saveBrief)
        routes.signedIn.post(.briefComments(.key), use: comment)
        routes.signedIn.post(.objectiveState(.key), use: move)
    }

    // MARK: The direction brief

    func brief(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        guard
            let model = try await DirectionBriefPage.load(
                cycle: try context.parameters.require("id"), viewer: viewer, store: store)
        else { throw HTTPError(.notFound) }
        return web.html(DirectionBriefPageView.render(page, model))
    }

    /// Adds a comment, a question or an answer on the brief, through the same store call as the API; viewers
    /// may not. An answer to a question that is not open is refused next to its text box.
    func comment(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try context.decodeForm(ObjectiveController.CommentForm.self)
        let viewer = context.person
        let page = web.page(request, context)
        guard
            var model = try await DirectionBriefPage.load(
                cycle: try context.parameters.require("id"), viewer: viewer, store: store),
            model.brief != nil
        else { throw HTTPError(.notFound) }
        guard model.canComment else { throw PageError.forbidden(.apiForbidden) }
        let subject = Comment.Subject.directionBrief(model.cycle.id)
        let question = form.answers.flatMap { $0.isEmpty ? nil : CommentID($0) }
        var draft = ObjectivePageView.CommentDraft(
            body: form.body ?? "", isQuestion: question == nil && form.question != nil)
        if let question { draft.form = .answer(question, on: subject) }
        func failed(_ message: String) -> Response {
            draft.error = message
            model.draft = draft
            return web.html(DirectionBriefPageView.render(page, model), .unprocessableContent)
        }
        if let refused = try await CommentPosting.add(
            draft, on: subject, answering: question, by: viewer, store: store, page: page, now: web.environment.now())
        {
            return failed(refused)
        }
        return Flash.commentAdded.redirect(to: Route.brief(.id(model.cycle.id)).path + "#comments")
    }

    struct BriefForm: Decodable {
        let body: String?
        let bodyEn: String?
        let themes: String?
        let version: String?

        enum CodingKeys: String, CodingKey {
            case body, themes, version
            case bodyEn = "body_en"
        }
    }

    func saveBrief(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try context.decodeForm(BriefForm.self)
        let viewer = context.person
        let page = web.page(request, context)
        guard
            var model = try await DirectionBriefPage.load(
                cycle: try context.parameters.require("id"), viewer: viewer, store: store)
        else { throw HTTPError(.notFound) }
        guard model.canEdit else { throw PageError.forbidden(.apiForbidden) }
        let typed = DirectionBriefPage.Form(
            body: form.body ?? "", bodyEn: form.bodyEn ?? "", themes: form.themes ?? "", version: form.version ?? "")
        do {
            let brief = try DirectionBrief(
                cycleID: model.cycle.id, body: typed.body, bodyEn: typed.bodyEn,
                themes: DirectionBriefPage.themes(typed.themes), authorID: viewer.id, updatedAt: web.environment.now())
            let version = Int(typed.version)
            _ = try await store.saveDirectionBrief(
                brief, expectedVersion: version == 0 ? nil : version, actor: viewer.id)
        } catch let error as DomainError {
            model.form = typed
            if case .invalid(let field, let reason) = error { model.errors[field] = reason.message(page.language) }
            return web.html(DirectionBriefPageView.render(page, model), .unprocessableContent)
        } catch StoreError.conflict {
            // The page shows the brief as it now stands, the form what was typed, and the new version to save over.
            model.form = typed
            model.form.version = model.brief.map { String($0.version) } ?? ""
            model.notice = page.t(.draftingBriefConflict)
            return web.html(DirectionBriefPageView.render(page, model), .conflict)
        }
        return Flash.briefSaved.redirect(to: Route.brief(.id(model.cycle.id)).path)
    }

    // MARK: Moving an objective

    struct MoveForm: Decodable {
        let to: String?
        let version: String?
    }

    /// `POST /objectives/{id}/state`: one move, judged by `ObjectiveTransition`; 303 back to the workflow
    /// section, or the page again with the reason the move was refused.
    func move(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try context.decodeForm(MoveForm.self)
        let viewer = context.person
        let page = web.page(request, context)
        let id = try context.parameters.require("id")
        let (entry, report) = try await visibleObjective(id, viewer: viewer)
        guard let to = form.to.flatMap(Objective.State.init(rawValue:)) else {
            throw HTTPError(.badRequest, message: "to: expected a state of the workflow")
        }
        let access = report.access
        let transition = ObjectiveTransition(store: store)
        let moved: Objective
        do {
            moved = try entry.value.moved(to: to)
        } catch {
            return try await refused(page, entry, report, viewer, error.message(page.language), .unprocessableContent)
        }
        switch try await transition.refusal(entry.value, becoming: moved, access: access, report: report) {
        case .forbidden:
            throw PageError.forbidden(.draftingForbidden)
        case .blocked:
            return try await refused(page, entry, report, viewer, page.t(.draftingRefused), .conflict)
        case nil:
            break
        }
        do {
            _ = try await store.updateObjective(moved, expectedVersion: Int(form.version ?? "") ?? -1, actor: viewer.id)
        } catch StoreError.conflict {
            let (current, report) = try await visibleObjective(id, viewer: viewer)
            return try await refused(page, current, report, viewer, page.t(.draftingConflict), .conflict)
        }
        let said: Flash =
            switch to {
            case .published: .objectivePublished
            case .inReview: .objectiveSubmitted
            default: .objectiveMoved
            }
        return said.redirect(to: Route.objective(.id(entry.value.id)).path + "#workflow")
    }

    /// The objective's page with the workflow section saying why the move was not made.
    func refused(
        _ page: Page, _ entry: Versioned<Objective>, _ report: CycleReport, _ viewer: Person, _ message: String,
        _ status: HTTPResponse.Status
    ) async throws -> Response {
        guard
            let model = try await ObjectivePage.load(
                entry.value, report: report, store: store, viewer: viewer, language: page.language)
        else { throw HTTPError(.notFound) }
        var workflow = try await ObjectiveWorkflow.load(entry, report: report, viewer: viewer, store: store)
        workflow.error = message
        return web.html(ObjectivePageView.render(page, model, workflow: workflow), status)
    }

    /// The objective `id` with the report of its cycle, when the viewer may see it; 404 otherwise.
    func visibleObjective(_ id: String, viewer: Person) async throws -> (Versioned<Objective>, CycleReport) {
        let visible = Visible(store: store, viewer: viewer, environment: web.environment)
        guard let found = try await visible.objective(ObjectiveID(id)) else { throw HTTPError(.notFound) }
        return found
    }

}
