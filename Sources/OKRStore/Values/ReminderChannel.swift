/// How a weekly reminder reaches people. Each person is reminded at most once per week per channel; the chat
/// channel sends one message for the whole organization.
public enum ReminderChannel: String, Sendable, Codable, CaseIterable {
    case inApp = "in_app"
    case email
    case chat
}
