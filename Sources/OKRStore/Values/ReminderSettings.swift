/// The organization's reminder settings of its own: where the weekly chat message goes (a Slack incoming
/// webhook or a Teams connector URL). The check-in day and time live in `OrganizationSettings`.
public struct ReminderSettings: Hashable, Sendable {
    public var chatWebhookURL: String?
    public var version: Int

    public init(chatWebhookURL: String?, version: Int) {
        self.chatWebhookURL = chatWebhookURL
        self.version = version
    }
}
