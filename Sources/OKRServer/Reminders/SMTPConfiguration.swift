import Foundation

/// Where the server sends e-mail: the operator's SMTP server, given as `smtp://user:password@host:port`
/// (`--smtp-url` or `OKRA_SMTP_URL`), the sender address, and whether to upgrade the connection with STARTTLS.
public struct SMTPConfiguration: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var from: String
    /// Upgrade to TLS with STARTTLS before authenticating; the send fails if the server does not offer it.
    public var startTLS: Bool

    public init(
        host: String, port: Int = 25, username: String? = nil, password: String? = nil, from: String,
        startTLS: Bool = false
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.from = from
        self.startTLS = startTLS
    }

    /// Reads `smtp://[user[:password]@]host[:port]`; user and password may be percent-encoded. The sender is
    /// `from`, else `okra@<host>`.
    public init(url text: String, from: String?, startTLS: Bool) throws(SMTPError) {
        guard let url = URLComponents(string: text), url.scheme?.lowercased() == "smtp",
            let host = url.host, !host.isEmpty
        else { throw .badConfiguration("expected smtp://user:password@host:port, got \(Self.redacted(text))") }
        let port = url.port ?? 25
        guard (1...65535).contains(port) else { throw .badConfiguration("the port \(port) is out of range") }
        let sender = from ?? "okra@\(host)"
        guard MailMessage.isAddress(sender) else { throw .badConfiguration("the sender \(sender) is not an address") }
        self.init(
            host: host, port: port, username: url.percentEncodedUser?.removingPercentEncoding,
            password: url.percentEncodedPassword?.removingPercentEncoding, from: sender, startTLS: startTLS)
    }

    /// The URL with its password replaced, for messages and logs.
    static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "***"
        return url.string ?? "smtp://***"
    }
}
