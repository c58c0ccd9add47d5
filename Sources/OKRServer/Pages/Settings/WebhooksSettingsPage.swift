import Foundation
import OKRCore
import OKRStore

/// The settings page of the organization's webhooks, as `WebhooksAPI` has them: the subscriptions with their
/// state, the secret of one just made (shown once, on the answer to the form that made it), the form to add one,
/// and the latest delivery attempts with their outcome. Admins only.
struct WebhooksSettingsPage: Sendable {
    /// A subscription just made, with its secret this once.
    struct Created: Sendable {
        let secret: String
        let webhook: WebhookSubscription
    }

    /// The form as typed.
    struct Form: Sendable, Equatable {
        var url = ""
        var events: Set<String> = []
    }

    let webhooks: [Versioned<WebhookSubscription>]
    /// The latest attempts of every subscription, newest first.
    let attempts: [WebhookAttempt]
    /// The organization's time zone, for the instants of the log.
    let timeZone: String
    var form = Form()
    var errors: [String: String] = [:]
    var created: Created?

    /// How many attempts the page lists.
    static let recentAttempts = 50

    /// The subscription the form describes, or nil with the messages next to the fields (the domain's own rules).
    mutating func draft(id: WebhookSubscriptionID, at: Date, language: Language) -> WebhookSubscription? {
        errors = [:]
        let kinds = form.events.compactMap(OutboundEventKind.init(rawValue:))
        if kinds.count != form.events.count {
            errors["events"] = InvalidReason.unknownValue("events").message(language)
        }
        do {
            let subscription = try WebhookSubscription(id: id, url: form.url, events: kinds, createdAt: at)
            return errors.isEmpty ? subscription : nil
        } catch {
            if case .invalid(let field, let reason) = error { errors[field] = reason.message(language) }
            return nil
        }
    }

    /// The URL a subscription posts to, by id, for the log.
    func url(of id: WebhookSubscriptionID) -> String {
        webhooks.first { $0.value.id == id }?.value.url ?? id.rawValue
    }

    /// An instant as people of the language read it, in the organization's time zone: day and minute.
    func instant(_ date: Date, _ page: Page) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        let day = page.day(AppEnvironment.day(of: date, in: timeZone))
        let time = String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        return day + " " + time
    }

    /// The catalog's name of an event kind.
    static func name(_ kind: OutboundEventKind) -> StringKey {
        switch kind {
        case .checkInCreated: return .webhooksEventCheckInCreated
        case .keyResultStatusChanged: return .webhooksEventStatusChanged
        case .objectivePublished: return .webhooksEventObjectivePublished
        case .askCreated: return .webhooksEventAskCreated
        case .askAnswered: return .webhooksEventAskAnswered
        case .questionAsked: return .webhooksEventQuestionAsked
        case .questionAnswered: return .webhooksEventQuestionAnswered
        case .cycleClosed: return .webhooksEventCycleClosed
        }
    }

    static func name(_ outcome: WebhookAttempt.Outcome) -> StringKey {
        switch outcome {
        case .delivered: return .webhooksOutcomeDelivered
        case .retrying: return .webhooksOutcomeRetrying
        case .gaveUp: return .webhooksOutcomeGaveUp
        }
    }
}
