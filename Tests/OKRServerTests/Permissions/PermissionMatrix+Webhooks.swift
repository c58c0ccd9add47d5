import Foundation
import OKRCore
import OKRStore

/// Webhooks belong to the whole organization: one row, "own". Only admins list, make, read, change and delete
/// subscriptions and read their deliveries; everyone else gets 403, whatever the id.
extension PermissionMatrix {
    static var webhooks: [MatrixOperation] {
        [
            MatrixOperation("listWebhooks", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { _, _, _ in
                MatrixRequest(method: .get, uri: "/api/v1/webhooks")
            },
            MatrixOperation("createWebhook", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { _, _, _ in
                MatrixRequest(
                    method: .post, uri: "/api/v1/webhooks",
                    body: #"{"url": "https://hooks.example.vn/okra", "events": ["check_in.created"]}"#)
            },
            MatrixOperation("getWebhook", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { world, _, _ in
                MatrixRequest(method: .get, uri: "/api/v1/webhooks/\(try await subscription(world))")
            },
            MatrixOperation("updateWebhook", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { world, _, _ in
                MatrixRequest(
                    method: .patch, uri: "/api/v1/webhooks/\(try await subscription(world))",
                    body: #"{"version": 1, "active": false}"#)
            },
            MatrixOperation("deleteWebhook", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { world, _, _ in
                MatrixRequest(method: .delete, uri: "/api/v1/webhooks/\(try await subscription(world))")
            },
            MatrixOperation("listWebhookDeliveries", admin: "A--", lead: "F--", member: "F--", viewer: "F--") {
                world, _, _ in
                MatrixRequest(method: .get, uri: "/api/v1/webhooks/\(try await subscription(world))/deliveries")
            },
        ]
    }

    /// A fresh subscription for one row, made in the store.
    private static func subscription(_ world: MatrixWorld) async throws -> String {
        let id = world.newID("wh")
        _ = try await world.world.store.createWebhook(
            try WebhookSubscription(
                id: WebhookSubscriptionID(id), url: "https://hooks.example.vn/\(id)", events: [.askCreated],
                createdAt: Date()), secret: "whsec_matrix", actor: nil)
        return id
    }
}
