import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The browser's routes for the webhooks settings page. They make the changes `WebhooksAPI` makes, through the
/// same store calls and the same domain rules, for admins only. The page loads in a fixed number of queries.
struct WebhooksSettingsPageController: Sendable {
    let web: PageKit
    /// Where a receiver may be, as the API checks it.
    var targets = WebhookTargets()

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.webhooks, use: show)
        routes.signedIn.post(.webhooks, use: create)
        routes.signedIn.post(.webhookActive(.key), use: setActive)
        routes.signedIn.post(.deleteWebhook(.key), use: delete)
    }

    func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        guard viewer.role == .admin else { throw PageError.forbidden(.webhooksForbidden) }
        return web.html(WebhooksSettingsPageView.render(page, try await model()))
    }

    /// Makes a subscription and answers with the page that shows its secret, this once (not a redirect: the
    /// secret must not travel in a URL nor be kept to show again).
    func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let submitted = context.postedForm
        let viewer = context.person
        let page = web.page(request, context)
        guard viewer.role == .admin else { throw PageError.forbidden(.webhooksForbidden) }
        var model = try await model()
        model.form = WebhooksSettingsPage.Form(url: submitted["url"] ?? "", events: Set(submitted.all("events")))
        let id = WebhookSubscriptionID("wh-" + NewID.make())
        guard let subscription = model.draft(id: id, at: web.environment.now(), language: page.language) else {
            return web.html(WebhooksSettingsPageView.render(page, model), .unprocessableContent)
        }
        if let address = await targets.refusedAddress(of: subscription.url) {
            model.errors["url"] = InvalidReason.privateAddress(address).message(page.language)
            return web.html(WebhooksSettingsPageView.render(page, model), .unprocessableContent)
        }
        let secret = WebhookSignature.newSecret()
        _ = try await store.createWebhook(subscription, secret: secret, actor: viewer.id)
        var made = try await self.model()
        made.created = WebhooksSettingsPage.Created(secret: secret, webhook: subscription)
        var response = web.html(WebhooksSettingsPageView.render(page, made), .created)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Deactivates or activates a subscription; a stale version (someone changed it meanwhile) changes nothing
    /// and the page shows it as it now is.
    func setActive(_ request: Request, context: SignedInContext) async throws -> Response {
        let submitted = context.postedForm
        let viewer = context.person
        guard viewer.role == .admin else { throw PageError.forbidden(.webhooksForbidden) }
        let id = WebhookSubscriptionID(try context.parameters.require("id"))
        guard let entry = try await store.webhook(id: id) else { throw HTTPError(.notFound) }
        guard let version = submitted["version"].flatMap(Int.init), let active = submitted["active"] else {
            throw HTTPError(.badRequest)
        }
        var changed = entry.value
        changed.active = active == "1"
        do {
            _ = try await store.updateWebhook(changed, expectedVersion: version, actor: viewer.id)
        } catch StoreError.conflict {
            // Shown as it now stands.
        }
        return .redirect(to: Route.webhooks.path, type: .normal)
    }

    func delete(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        guard viewer.role == .admin else { throw PageError.forbidden(.webhooksForbidden) }
        let id = WebhookSubscriptionID(try context.parameters.require("id"))
        guard try await store.webhook(id: id) != nil else { throw HTTPError(.notFound) }
        try await store.deleteWebhook(id: id, actor: viewer.id)
        return .redirect(to: Route.webhooks.path, type: .normal)
    }

    /// Three queries: the subscriptions, the latest attempts, the settings.
    private func model() async throws -> WebhooksSettingsPage {
        WebhooksSettingsPage(
            webhooks: try await store.webhooks(),
            attempts: try await store.webhookAttempts(subscription: nil, limit: WebhooksSettingsPage.recentAttempts),
            timeZone: try await store.settings()?.timeZone ?? "Asia/Ho_Chi_Minh")
    }

}
