import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The browser's routes for the SCIM settings page, for admins: they make and revoke directories' tokens with
/// the store calls `okra scim-token` uses.
struct SCIMSettingsPageController: Sendable {
    let web: PageKit
    /// `--public-url`, for the URL the page tells admins to give their directory.
    let publicURL: String?

    var store: OKRStore { web.store }
    var admin: AdminController { AdminController(web: web) }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.scim, use: show)
        routes.signedIn.post(.scim, use: create)
        routes.signedIn.post(.revokeDirectory(.key), use: revoke)
    }

    func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        guard viewer.role == .admin else { throw PageError.forbidden(.adminForbidden) }
        return web.html(SCIMSettingsPageView.render(page, try await model(request)))
    }

    /// Makes a directory's token and answers with the page that shows it, this once (not a redirect: the token
    /// must not travel in a URL nor be kept to show again).
    func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try await admin.adminForm(request, context)
        guard case .ready(let submitted, let viewer, let page) = form else { return form.answer }
        var model = try await model(request)
        model.name = submitted["name"] ?? ""
        let (name, error) = TokensSettingsPage.checkedName(model.name, page.language)
        guard let name else {
            model.error = error
            return web.html(SCIMSettingsPageView.render(page, model), .unprocessableContent)
        }
        let (directory, secret) = try await store.createSCIMToken(name: name, actor: viewer.id)
        var made = try await self.model(request)
        made.created = SCIMSettingsPage.Created(secret: secret, directory: directory)
        var response = web.html(SCIMSettingsPageView.render(page, made), .created)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    func revoke(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try await admin.adminForm(request, context)
        guard case .ready(_, let viewer, _) = form else { return form.answer }
        let id = try context.parameters.require("id")
        guard try await store.scimDirectories().contains(where: { $0.id == id && !$0.isRevoked }) else {
            throw HTTPError(.notFound)
        }
        try await store.revokeSCIMToken(id: id, actor: viewer.id)
        return .redirect(to: Route.scim.path, type: .normal)
    }

    private func model(_ request: Request) async throws -> SCIMSettingsPage {
        SCIMSettingsPage(
            directories: try await store.scimDirectories(),
            baseURL: SCIMController.baseURL(request, publicURL: publicURL),
            timeZone: try await store.settings()?.timeZone ?? "Asia/Ho_Chi_Minh")
    }
}
