import Foundation
import OKRCore

/// Something that happened, as a webhook tells it: `{"id", "event", "occurred_at", "data"}`.
struct OutboundEvent: Sendable, Equatable {
    /// Unique per event and the same for every subscription told about it.
    let id: String
    let kind: OutboundEventKind
    let occurredAt: Date
    let data: DeliveryJSON

    /// The body posted and signed.
    var body: String {
        get throws {
            let document = DeliveryJSON.object([
                "id": .string(id), "event": .string(kind.rawValue), "occurred_at": .instant(occurredAt), "data": data,
            ])
            return String(decoding: try document.bytes, as: UTF8.self)
        }
    }
}
