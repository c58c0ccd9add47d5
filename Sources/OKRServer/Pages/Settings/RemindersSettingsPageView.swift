import OKRCore

/// Renders `/settings/reminders`: the schedule (changed on `/settings`), e-mail status with the test button,
/// and the chat webhook form.
enum RemindersSettingsPageView {
    static func render(_ page: Page, _ model: RemindersSettingsPage) -> String {
        Layout.render(page, title: page.t(.remindersTitle)) { html in
            html.element("h1", text: page.t(.remindersTitle))
            if let notice = model.notice {
                html.element(
                    "p",
                    [
                        ("id", "reminders-notice"), ("class", model.noticeIsFailure ? "form-error" : "notice"),
                        ("role", model.noticeIsFailure ? "alert" : "status"),
                    ], text: notice)
            }
            if let settings = model.settings {
                html.element(
                    "p", [("id", "reminder-schedule")],
                    text: page.t(
                        .remindersSchedule,
                        [
                            "day": page.t(RemindersSettingsPage.weekdayKey(settings.checkInDay)),
                            "time": settings.checkInTime, "zone": settings.timeZone,
                        ]))
            }
            html.element("p") { html in
                html.element("a", [("href", Route.settings.path)], text: page.t(.remindersChangeSchedule))
            }
            smtp(page, model, &html)
            chat(page, model, &html)
        }
    }

    private static func smtp(_ page: Page, _ model: RemindersSettingsPage, _ html: inout HTML) {
        html.element("section", [("aria-labelledby", "smtp-heading")]) { html in
            html.element("h2", [("id", "smtp-heading")], text: page.t(.remindersSMTPHeading))
            guard let smtp = model.smtp else {
                html.element(
                    "p", [("id", "smtp-status"), ("data-configured", "false")], text: page.t(.remindersSMTPMissing))
                return
            }
            html.element(
                "p", [("id", "smtp-status"), ("data-configured", "true")],
                text: page.t(
                    .remindersSMTPConfigured,
                    [
                        "host": smtp.host, "port": String(smtp.port), "from": smtp.from,
                        "tls": smtp.startTLS ? page.t(.remindersSMTPStartTLS) : "",
                    ]))
            html.element("form", [("method", "post"), ("action", Route.testEmail.path)]) { html in
                Layout.csrfField(page, &html)
                html.element(
                    "button", [("type", "submit"), ("id", "send-test-email")], text: page.t(.remindersSendTest))
            }
        }
    }

    private static func chat(_ page: Page, _ model: RemindersSettingsPage, _ html: inout HTML) {
        html.element("section", [("aria-labelledby", "chat-heading")]) { html in
            html.element("h2", [("id", "chat-heading")], text: page.t(.remindersChatHeading))
            html.element("form", [("method", "post"), ("action", Route.reminders.path)]) { html in
                Layout.csrfField(page, &html)
                html.element("label", [("for", "chat-webhook")], text: page.t(.remindersChatWebhook))
                var describedBy = "chat-webhook-hint"
                if model.webhookError != nil { describedBy += " chat-webhook-error" }
                html.open(
                    "input",
                    [
                        ("type", "url"), ("id", "chat-webhook"), ("name", "webhook"), ("value", model.webhook),
                        ("maxlength", "500"), ("aria-describedby", describedBy),
                        ("aria-invalid", model.webhookError == nil ? nil : "true"),
                    ])
                html.element(
                    "p", [("id", "chat-webhook-hint"), ("class", "hint muted")], text: page.t(.remindersChatHint))
                if let error = model.webhookError {
                    html.element("p", [("id", "chat-webhook-error"), ("class", "field-error")], text: error)
                }
                html.element("button", [("type", "submit"), ("id", "save-reminders")], text: page.t(.remindersSave))
            }
        }
    }
}
