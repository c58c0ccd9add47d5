import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The objective page's look back: writing the retrospective and carrying an unfinished objective over.
extension ObjectiveController {
    struct RetrospectiveForm: Decodable {
        let worked: String?
        let didNotWork: String?
        let learned: String?

        enum CodingKeys: String, CodingKey {
            case worked, learned
            case didNotWork = "did_not_work"
        }
    }

    struct CarryOverForm: Decodable {
        let cycleID: String?

        enum CodingKeys: String, CodingKey {
            case cycleID = "cycle_id"
        }
    }

    func writeRetrospective(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try context.decodeForm(RetrospectiveForm.self)
        let viewer = context.person
        let page = web.page(request, context)
        let (entry, report) = try await visibleObjective(try context.parameters.require("id"), viewer: viewer)
        do {
            _ = try await QuarterClose(store: store).writeRetrospective(
                entry.value, in: report, worked: form.worked, didNotWork: form.didNotWork, learned: form.learned,
                by: viewer)
        } catch QuarterClose.Refusal.forbidden {
            throw PageError.forbidden(.editorForbidden)
        } catch let error as DomainError {
            let message: String
            if case .invalid(_, .required) = error {
                message = page.t(.lookbackEmpty)
            } else {
                message = error.message(page.language)
            }
            return try await refused(
                page, entry.value, report, viewer, message,
                draft: (form.worked ?? "", form.didNotWork ?? "", form.learned ?? ""), status: .unprocessableContent)
        }
        return Flash.retrospectiveSaved.redirect(to: Route.objective(.id(entry.value.id)).path + "#look-back")
    }

    func carryOver(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try context.decodeForm(CarryOverForm.self)
        let viewer = context.person
        let page = web.page(request, context)
        let (entry, report) = try await visibleObjective(try context.parameters.require("id"), viewer: viewer)
        do {
            let copy = try await QuarterClose(store: store).carryOver(
                entry.value, in: report, into: CycleID(form.cycleID ?? ""), by: viewer)
            return Flash.objectiveCarried.redirect(to: Route.objective(.id(copy.id)).path)
        } catch QuarterClose.Refusal.forbidden {
            throw PageError.forbidden(.editorForbidden)
        } catch let refusal as QuarterClose.Refusal {
            let error = APIError(refusal)
            return try await refused(
                page, entry.value, report, viewer, error.message(page.language), draft: nil, status: error.status)
        }
    }

    /// The objective's page again, with `message` in its look back and what was typed kept.
    private func refused(
        _ page: Page, _ objective: Objective, _ report: CycleReport, _ viewer: Person, _ message: String,
        draft: (worked: String, didNotWork: String, learned: String)?, status: HTTPResponse.Status
    ) async throws -> Response {
        guard
            var model = try await ObjectivePage.load(
                objective, report: report, store: store, viewer: viewer, language: page.language)
        else { throw HTTPError(.notFound) }
        model.lookBack.error = message
        model.lookBack.draft = draft
        model.lookBack.isShown = true
        return web.html(ObjectivePageView.render(page, model), status)
    }
}
