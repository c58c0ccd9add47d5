/// Why an e-mail could not be sent, said so an operator can act on it (never with the password).
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    case badConfiguration(String)
    /// The server answered a command with a code other than the one expected.
    case refused(command: String, code: Int, text: String)
    /// The connection closed before the conversation ended.
    case connectionClosed
    /// STARTTLS was asked for but the server does not offer it.
    case startTLSUnavailable
    /// A user name is configured but the server offers neither AUTH PLAIN nor AUTH LOGIN.
    case authenticationUnavailable
    case badRecipient(String)

    public var description: String {
        switch self {
        case .badConfiguration(let reason): return "SMTP is misconfigured: \(reason)"
        case .refused(let command, let code, let text): return "the SMTP server refused \(command): \(code) \(text)"
        case .connectionClosed: return "the SMTP server closed the connection"
        case .startTLSUnavailable: return "the SMTP server does not offer STARTTLS"
        case .authenticationUnavailable: return "the SMTP server offers neither AUTH PLAIN nor AUTH LOGIN"
        case .badRecipient(let address): return "not an e-mail address: \(address)"
        }
    }
}
