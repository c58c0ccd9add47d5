import Foundation

public typealias WebhookSubscriptionID = Identifier<WebhookSubscription>

/// An organization's request to be told, by an HTTP POST to `url`, when one of `events` happens. Admins manage
/// them; the secret that signs each delivery lives with the store, never in this value, so that audit events and
/// API answers cannot leak it.
public struct WebhookSubscription: Hashable, Sendable, Codable, Identifiable {
    public let id: WebhookSubscriptionID
    /// Where deliveries are posted: an absolute `http` or `https` URL with a host.
    public private(set) var url: String
    /// The kinds subscribed to, at least one, each once (a kind named twice counts once), in sorted order.
    public private(set) var events: [OutboundEventKind]
    /// An inactive subscription keeps its log but receives nothing new.
    public var active: Bool
    /// Events that happened before this instant are never sent to it.
    public let createdAt: Date

    /// URLs are kept to a length any receiver's router accepts.
    public static let maxURLLength = 2000

    public init(
        id: WebhookSubscriptionID, url: String, events: [OutboundEventKind], active: Bool = true, createdAt: Date
    ) throws(DomainError) {
        self.id = id
        self.url = try Self.validated(url: url)
        self.events = try Self.validated(events: events)
        self.active = active
        self.createdAt = createdAt
    }

    /// Points the subscription at another URL.
    public mutating func change(url: String) throws(DomainError) {
        self.url = try Self.validated(url: url)
    }

    /// Replaces the kinds subscribed to.
    public mutating func change(events: [OutboundEventKind]) throws(DomainError) {
        self.events = try Self.validated(events: events)
    }

    /// Whether an event of `kind` that happened at `at` goes to this subscription.
    public func wants(_ kind: OutboundEventKind, at: Date) -> Bool {
        active && events.contains(kind) && at >= createdAt
    }

    /// Trims the URL and accepts only absolute `http` / `https` URLs with a host and no credentials in them
    /// (a password in a URL would be shown on the settings page and written in logs).
    static func validated(url: String) throws(DomainError) -> String {
        let text = try Validate.text(url, field: "url", max: maxURLLength)
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
            components.user == nil, components.password == nil, !text.contains(where: \.isWhitespace)
        else { throw .invalid(field: "url", reason: .outOfRange) }
        return text
    }

    static func validated(events: [OutboundEventKind]) throws(DomainError) -> [OutboundEventKind] {
        let unique = Array(Set(events)).sorted()
        guard !unique.isEmpty else { throw .invalid(field: "events", reason: .required) }
        return unique
    }
}
