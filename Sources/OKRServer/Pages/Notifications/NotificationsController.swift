import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The browser's routes for notifications (everyone signed in: their own) and the reminder settings
/// (administrators only: the chat webhook, and a test e-mail to themselves).
struct NotificationsController: Sendable {
    let web: PageKit
    let configuration: ServerConfiguration

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.notifications, use: notifications)
        routes.signedIn.post(.readNotifications, use: markAllRead)
        routes.signedIn.get(.reminders, use: reminders)
        routes.signedIn.post(.reminders, use: saveReminders)
        routes.signedIn.post(.testEmail, use: sendTestEmail)
    }

    // MARK: Notifications

    func notifications(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        return web.html(
            NotificationsPageView.render(
                page, try await NotificationsPage.load(viewer: viewer, store: store, page: page)))
    }

    func markAllRead(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        try await store.markNotificationsRead(person: viewer.id, at: web.environment.now())
        return .redirect(to: Route.notifications.path, type: .normal)
    }

    // MARK: Reminder settings

    func reminders(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        try requireAdmin(viewer)
        var model = try await RemindersSettingsPage.load(store: store, smtp: configuration.smtp)
        let query = request.uri.queryParameters
        if query["saved"] != nil { model.notice = page.t(.remindersSaved) }
        if query["sent"] != nil { model.notice = page.t(.remindersTestSent, ["email": viewer.email]) }
        return web.html(RemindersSettingsPageView.render(page, model))
    }

    struct WebhookForm: Decodable {
        let webhook: String?
    }

    func saveReminders(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let form = try context.decodeForm(WebhookForm.self)
        try requireAdmin(viewer)
        let page = web.page(request, context)
        let (url, error) = RemindersSettingsPage.readWebhook(form.webhook, page: page)
        if let error {
            var model = try await RemindersSettingsPage.load(store: store, smtp: configuration.smtp)
            model.webhook = form.webhook ?? ""
            model.webhookError = error
            return web.html(RemindersSettingsPageView.render(page, model), .unprocessableContent)
        }
        try await store.setChatWebhookURL(url, actor: viewer.id)
        return .redirect(to: Route.reminders.path(["saved": "1"]), type: .normal)
    }

    /// Sends a test e-mail to the administrator; a failure is shown on the page with the server's reason.
    func sendTestEmail(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        try requireAdmin(viewer)
        let page = web.page(request, context)
        var model = try await RemindersSettingsPage.load(store: store, smtp: configuration.smtp)
        guard let smtp = configuration.smtp else {
            model.notice = page.t(.remindersSMTPMissing)
            model.noticeIsFailure = true
            return web.html(RemindersSettingsPageView.render(page, model), .conflict)
        }
        let message = MailMessage(
            to: viewer.email, subject: page.t(.remindersTestSubject),
            body: page.t(.remindersTestBody) + "\n\n" + configuration.publicBaseURL + Route.myWeek.path)
        do {
            try await SMTPClient(configuration: smtp).send(message, at: web.environment.now())
        } catch {
            model.notice = page.t(.remindersTestFailed, ["reason": String(describing: error)])
            model.noticeIsFailure = true
            return web.html(RemindersSettingsPageView.render(page, model), .badGateway)
        }
        return .redirect(to: Route.reminders.path(["sent": "1"]), type: .normal)
    }

    private func requireAdmin(_ viewer: Person) throws {
        guard viewer.role == .admin else {
            throw PageError.forbidden(.adminForbidden)
        }
    }
}
