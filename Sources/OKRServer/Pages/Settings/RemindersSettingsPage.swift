import OKRCore
import OKRStore

/// What `/settings/reminders` shows an administrator: when reminders go out (from the organization's
/// settings), whether e-mail is configured (the server, never its password), and the chat webhook form with
/// what was typed and its message when it was refused.
struct RemindersSettingsPage: Sendable {
    let settings: OrganizationSettings?
    let smtp: SMTPConfiguration?
    /// The webhook field's value: the stored URL, or what was typed when it was refused.
    var webhook: String
    var webhookError: String?
    /// A line about the last action (saved, test e-mail sent or failed) and whether it reports a failure.
    var notice: String?
    var noticeIsFailure = false

    static func load(store: OKRStore, smtp: SMTPConfiguration?) async throws -> RemindersSettingsPage {
        RemindersSettingsPage(
            settings: try await store.settings(), smtp: smtp,
            webhook: try await store.reminderSettings().chatWebhookURL ?? "")
    }

    /// The webhook as it will be stored: trimmed, nil when empty; a message when it cannot be a webhook.
    static func readWebhook(_ text: String?, page: Page) -> (url: String?, error: String?) {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return (nil, nil) }
        guard ChatWebhook.isWebhookURL(trimmed) else { return (nil, page.t(.remindersChatInvalid)) }
        return (trimmed, nil)
    }

    static func weekdayKey(_ day: Weekday) -> StringKey {
        switch day {
        case .monday: return .remindersMonday
        case .tuesday: return .remindersTuesday
        case .wednesday: return .remindersWednesday
        case .thursday: return .remindersThursday
        case .friday: return .remindersFriday
        case .saturday: return .remindersSaturday
        case .sunday: return .remindersSunday
        }
    }
}
