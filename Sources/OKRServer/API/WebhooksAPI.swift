import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// Outbound webhooks: admins subscribe a URL to events (check-ins, status changes, published objectives, asks,
/// questions, closed cycles) and read the log of deliveries. Everyone else gets 403, whatever the id.
struct WebhooksAPI: Sendable {
    let store: OKRStore
    let environment: AppEnvironment
    /// A receiver on a loopback, private or link-local address is refused (422) unless the operator allows it.
    var targets = WebhookTargets()

    func addRoutes(to api: APIBuilder) {
        api.schema("Webhook", WebhookResource.schema)
        api.schema("NewWebhook", WebhookResource.Created.schema)
        api.schema("WebhookPage", ListPage<WebhookResource>.schema(of: "Webhook"))
        api.schema("WebhookDelivery", WebhookDeliveryResource.schema)
        api.schema("WebhookDeliveryPage", ListPage<WebhookDeliveryResource>.schema(of: "WebhookDelivery"))
        let tag = "Webhooks"
        let example = ["id": "wh-demo"]
        api.add(
            APIOperation(
                method: .get, path: "/webhooks", id: "listWebhooks", tag: tag,
                summary: "The organization's webhook subscriptions, by id (admins only).", query: [.limit, .cursor],
                response: .ref("WebhookPage")), list)
        api.add(
            APIOperation(
                method: .post, path: "/webhooks", id: "createWebhook", tag: tag,
                summary: "Subscribes a URL to events and shows, this once, the secret its deliveries are signed with.",
                body: NewWebhookInput.schema, success: .created, response: .ref("NewWebhook")), create)
        api.add(
            APIOperation(
                method: .get, path: "/webhooks/{id}", id: "getWebhook", tag: tag,
                summary: "One subscription; its version is the ETag.", response: .ref("Webhook"), examples: example),
            get)
        api.add(
            APIOperation(
                method: .patch, path: "/webhooks/{id}", id: "updateWebhook", tag: tag,
                summary: "Changes a subscription's URL, events or active flag.", body: WebhookChangeInput.schema,
                response: .ref("Webhook"), examples: example), update)
        api.add(
            APIOperation(
                method: .delete, path: "/webhooks/{id}", id: "deleteWebhook", tag: tag,
                summary: "Removes a subscription with its pending deliveries and its log.", success: .noContent,
                examples: example), delete)
        api.add(
            APIOperation(
                method: .get, path: "/webhooks/{id}/deliveries", id: "listWebhookDeliveries", tag: tag,
                summary: "Every attempt to deliver to this subscription, oldest first, with its outcome.",
                query: [.limit, .cursor], response: .ref("WebhookDeliveryPage"), examples: example), deliveries)
    }

    func list(_ call: APICall) async throws -> APIReply {
        try requireAdmin(call)
        let page = try call.page
        let webhooks = try await store.webhooks()
        return try .json(ListPage(webhooks, key: { $0.value.id.rawValue }, page: page) { WebhookResource($0) })
    }

    func create(_ call: APICall) async throws -> APIReply {
        try requireAdmin(call)
        let input = try await call.body(NewWebhookInput.self)
        let events = try Self.kinds(input.events)
        if let id = input.id, !APIIdentifier.isWellFormed(id) { throw APIError.invalid("id", .outOfRange) }
        let subscription = try WebhookSubscription(
            id: WebhookSubscriptionID(input.id ?? "wh-" + NewID.make()), url: input.url, events: events,
            active: input.active ?? true, createdAt: environment.now())
        try await checkTarget(subscription.url)
        let secret = WebhookSignature.newSecret()
        let made = try await store.createWebhook(subscription, secret: secret, actor: call.viewer.id)
        return try .json(
            WebhookResource.Created(secret: secret, webhook: WebhookResource(made)), status: .created,
            version: made.version)
    }

    func get(_ call: APICall) async throws -> APIReply {
        let entry = try await existing(call)
        return try .json(WebhookResource(entry), version: entry.version)
    }

    func update(_ call: APICall) async throws -> APIReply {
        let entry = try await existing(call)
        let input = try await call.body(WebhookChangeInput.self)
        let version = try call.expectedVersion(input.version)
        var changed = entry.value
        if let url = input.url {
            try changed.change(url: url)
            try await checkTarget(changed.url)
        }
        if let events = input.events { try changed.change(events: try Self.kinds(events)) }
        if let active = input.active { changed.active = active }
        let updated = try await store.updateWebhook(changed, expectedVersion: version, actor: call.viewer.id)
        return try .json(WebhookResource(updated), version: updated.version)
    }

    private func checkTarget(_ url: String) async throws {
        if let address = await targets.refusedAddress(of: url) {
            throw APIError.invalid("url", .privateAddress(address))
        }
    }

    func delete(_ call: APICall) async throws -> APIReply {
        let entry = try await existing(call)
        try await store.deleteWebhook(id: entry.value.id, actor: call.viewer.id)
        return .noContent
    }

    func deliveries(_ call: APICall) async throws -> APIReply {
        let entry = try await existing(call)
        let page = try call.page
        let attempts = try await store.webhookAttempts(subscription: entry.value.id, limit: 10_000)
            .sorted { WebhookDeliveryResource.key($0) < WebhookDeliveryResource.key($1) }
        return try .json(
            ListPage(attempts, key: WebhookDeliveryResource.key, page: page) { WebhookDeliveryResource($0) })
    }

    // MARK: Rules

    /// Webhooks send the organization's news to other systems: only admins manage them.
    private func requireAdmin(_ call: APICall) throws {
        guard Access(viewer: call.viewer, teams: []).isAdmin else { throw APIError.forbidden }
    }

    /// The subscription of the path, for an admin (403 first for anyone else, so ids are not probed).
    private func existing(_ call: APICall) async throws -> Versioned<WebhookSubscription> {
        try requireAdmin(call)
        let id = try call.parameter("id")
        guard let entry = try await store.webhook(id: WebhookSubscriptionID(id)) else { throw Self.notFound(id) }
        return entry
    }

    static func notFound(_ id: String) -> APIError {
        APIError(.notFound, code: "not_found") { language in
            Strings.shipped.text(
                .apiNotFound, language, ["entity": Strings.shipped.text(.webhooksEntity, language), "id": id])
        }
    }

    /// Event names as sent; an unknown one is a 422 naming `events`.
    static func kinds(_ names: [String]) throws -> [OutboundEventKind] {
        try names.map { name in
            guard let kind = OutboundEventKind(rawValue: name) else {
                throw APIError.invalid("events", .unknownValue(name))
            }
            return kind
        }
    }
}

/// The body of `POST /webhooks`.
struct NewWebhookInput: Decodable, Sendable {
    let id: String?
    let url: String
    let events: [String]
    let active: Bool?

    static let schema = Schema.object([
        .optional("id", .identifier, "Chosen by the client, or made up by the server."),
        .required(
            "url", .text(max: WebhookSubscription.maxURLLength),
            "An absolute http or https URL without credentials in it."),
        .required("events", .array(.values(of: OutboundEventKind.self), maxItems: 50), "At least one."),
        .optional("active", .boolean, "Default true."),
    ])
}

/// The body of `PATCH /webhooks/{id}`: what is absent stays as it is.
struct WebhookChangeInput: Decodable, Sendable {
    let url: String?
    let events: [String]?
    let active: Bool?
    let version: Int?

    static let schema = Schema.object([
        .optional("url", .text(max: WebhookSubscription.maxURLLength)),
        .optional("events", .array(.values(of: OutboundEventKind.self), maxItems: 50), "At least one."),
        .optional("active", .boolean), .optional("version", .integer, APIOperation.versionDescription),
    ])
}
