import OKRCore
import OKRStore

/// Renders the webhooks settings page: the secret of the one just made, the list with deactivate / activate and
/// delete buttons, the form to add one, and the recent deliveries with their outcome in words.
enum WebhooksSettingsPageView {
    static func render(_ page: Page, _ model: WebhooksSettingsPage) -> String {
        SettingsNav.frame(page, title: page.t(.webhooksTitle), current: .webhooks) { html in
            html.element("p", [("class", "muted")], text: page.t(.webhooksLead))
            if let created = model.created { secret(page, created, &html) }
            html.element("section", [("class", "card"), ("aria-labelledby", "webhooks-h")]) { html in
                html.element("h2", [("id", "webhooks-h")], text: page.t(.webhooksList))
                if model.webhooks.isEmpty {
                    html.element("p", [("class", "muted")], text: page.t(.webhooksNone))
                } else {
                    list(page, model, &html)
                }
            }
            html.element("section", [("class", "card"), ("aria-labelledby", "new-webhook-h")]) { html in
                html.element("h2", [("id", "new-webhook-h")], text: page.t(.webhooksNew))
                form(page, model, &html)
            }
            html.element("section", [("class", "card"), ("aria-labelledby", "deliveries-h")]) { html in
                html.element("h2", [("id", "deliveries-h")], text: page.t(.webhooksDeliveries))
                if model.attempts.isEmpty {
                    html.element("p", [("class", "muted")], text: page.t(.webhooksNoDeliveries))
                } else {
                    deliveries(page, model, &html)
                }
            }
        }
    }

    static func secret(_ page: Page, _ created: WebhooksSettingsPage.Created, _ html: inout HTML) {
        html.element("section", [("class", "card token-made"), ("id", "webhook-made"), ("role", "status")]) { html in
            html.element("h2", text: page.t(.webhooksMade, ["url": created.webhook.url]))
            html.element("label", [("for", "webhook-secret")], text: page.t(.webhooksSecret))
            html.open(
                "input",
                [
                    ("type", "text"), ("id", "webhook-secret"), ("class", "secret"), ("readonly", ""),
                    ("value", created.secret), ("aria-describedby", "webhook-secret-hint"), ("spellcheck", "false"),
                    ("autocomplete", "off"),
                ])
            html.element("p", [("id", "webhook-secret-hint"), ("class", "hint")], text: page.t(.webhooksSecretHint))
        }
    }

    static func list(_ page: Page, _ model: WebhooksSettingsPage, _ html: inout HTML) {
        html.element("div", [("class", "table-scroll")]) { html in
            html.element("table", [("class", "history webhooks")]) { html in
                html.element("thead") { html in
                    html.element("tr") { html in
                        for key in [StringKey.webhooksURL, .webhooksEvents, .webhooksState, .webhooksActions] {
                            html.element("th", [("scope", "col")], text: page.t(key))
                        }
                    }
                }
                html.element("tbody") { html in
                    for entry in model.webhooks { row(page, entry, &html) }
                }
            }
        }
    }

    static func row(_ page: Page, _ entry: Versioned<WebhookSubscription>, _ html: inout HTML) {
        let webhook = entry.value
        let id = webhook.id.rawValue
        html.element("tr", [("id", "webhook-\(id)"), ("class", webhook.active ? nil : "revoked")]) { html in
            html.element("th", [("scope", "row")]) { html in html.element("code", text: webhook.url) }
            html.element("td") { html in
                html.element("ul", [("class", "plain")]) { html in
                    for kind in webhook.events {
                        html.element("li", text: page.t(WebhooksSettingsPage.name(kind)))
                    }
                }
            }
            html.element("td", text: page.t(webhook.active ? .webhooksActive : .webhooksInactive))
            html.element("td") { html in
                html.element(
                    "form",
                    [("method", "post"), ("action", Route.webhookActive(.id(webhook.id)).path), ("class", "revoke")]
                ) {
                    html in
                    Layout.csrfField(page, &html)
                    html.open("input", [("type", "hidden"), ("name", "version"), ("value", String(entry.version))])
                    html.open("input", [("type", "hidden"), ("name", "active"), ("value", webhook.active ? "0" : "1")])
                    let label: StringKey = webhook.active ? .webhooksDeactivateLabel : .webhooksActivateLabel
                    html.element(
                        "button",
                        [
                            ("type", "submit"), ("id", "toggle-\(id)"),
                            ("aria-label", page.t(label, ["url": webhook.url])),
                        ], text: page.t(webhook.active ? .webhooksDeactivate : .webhooksActivate))
                }
                html.element(
                    "form",
                    [("method", "post"), ("action", Route.deleteWebhook(.id(webhook.id)).path), ("class", "revoke")]
                ) {
                    html in
                    Layout.csrfField(page, &html)
                    html.element(
                        "button",
                        [
                            ("type", "submit"), ("id", "delete-\(id)"),
                            ("aria-label", page.t(.webhooksDeleteLabel, ["url": webhook.url])),
                        ], text: page.t(.webhooksDelete))
                }
            }
        }
    }

    static func form(_ page: Page, _ model: WebhooksSettingsPage, _ html: inout HTML) {
        SettingsControls.notice(nil, invalid: !model.errors.isEmpty, page, &html)
        html.element("form", [("method", "post"), ("action", Route.webhooks.path), ("class", "editor settings-form")]) {
            html in
            Layout.csrfField(page, &html)
            SettingsControls.text(
                id: "url", label: page.t(.webhooksURL), value: model.form.url, error: model.errors["url"],
                hint: page.t(.webhooksURLHint), type: "url", required: true,
                maxLength: WebhookSubscription.maxURLLength, autocomplete: "off", &html)
            SettingsControls.checkboxes(
                name: "events", legend: page.t(.webhooksEvents),
                choices: OutboundEventKind.allCases.map {
                    SettingsControls.Choice(value: $0.rawValue, label: page.t(WebhooksSettingsPage.name($0)))
                }, chosen: model.form.events, error: model.errors["events"], &html)
            html.element("button", [("type", "submit"), ("id", "create-webhook"), ("class", "primary")]) { html in
                html.text(page.t(.webhooksCreate))
            }
        }
    }

    static func deliveries(_ page: Page, _ model: WebhooksSettingsPage, _ html: inout HTML) {
        html.element("div", [("class", "table-scroll")]) { html in
            html.element("table", [("class", "history webhook-deliveries")]) { html in
                html.element("thead") { html in
                    html.element("tr") { html in
                        for key in [
                            StringKey.webhooksAt, .webhooksURL, .webhooksEvents, .webhooksAttempt, .webhooksOutcome,
                            .webhooksResponse,
                        ] {
                            html.element("th", [("scope", "col")], text: page.t(key))
                        }
                    }
                }
                html.element("tbody") { html in
                    for attempt in model.attempts {
                        html.element(
                            "tr", [("id", "attempt-\(attempt.id)"), ("data-outcome", attempt.outcome.rawValue)]
                        ) { html in
                            html.element("td", text: model.instant(attempt.at, page))
                            html.element("td") { html in
                                html.element("code", text: model.url(of: attempt.subscriptionID))
                            }
                            html.element("td", text: page.t(WebhooksSettingsPage.name(attempt.event)))
                            html.element("td", text: String(attempt.attempt))
                            html.element("td", text: page.t(WebhooksSettingsPage.name(attempt.outcome)))
                            html.element(
                                "td", text: attempt.error ?? attempt.statusCode.map { "HTTP \($0)" } ?? "")
                        }
                    }
                }
            }
        }
    }
}
