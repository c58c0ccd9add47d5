import Foundation
import OKRCore

/// How Okra signs people in with the company's identity provider (OpenID Connect): the issuer, this server's
/// client id and secret at it, and who may be created on first sign-in. Read from `--oidc-issuer`,
/// `--oidc-client-id`, `--oidc-client-secret`, `--oidc-allowed-domains` and `--oidc-default-role`.
public struct OpenIDConnectConfiguration: Sendable, Hashable {
    /// The issuer exactly as the ID tokens name it (`iss`), without a trailing slash.
    public var issuer: String
    public var clientID: String
    public var clientSecret: String
    /// The e-mail domains whose people are created on first sign-in (lower case); empty: any domain.
    public var allowedDomains: Set<String>
    /// The role of a person created on first sign-in.
    public var defaultRole: Role

    /// Validates the operator's settings. The issuer must be `https`, or `http` on a loopback host (a provider
    /// on the same machine, as in tests). A person created on first sign-in is never an admin.
    public init(
        issuer: String, clientID: String, clientSecret: String, allowedDomains: String = "",
        defaultRole: String = Role.member.rawValue
    ) throws(OpenIDConnectConfigurationError) {
        let trimmed = issuer.trimmingCharacters(in: .whitespaces)
        guard let url = URLComponents(string: trimmed), let host = url.host, !host.isEmpty,
            url.query == nil, url.fragment == nil
        else { throw .badIssuer(issuer) }
        switch url.scheme?.lowercased() {
        case "https": break
        case "http" where Self.isLoopback(host): break
        default: throw .badIssuer(issuer)
        }
        guard !clientID.isEmpty else { throw .missing("--oidc-client-id") }
        guard !clientSecret.isEmpty else { throw .missing("--oidc-client-secret") }
        guard let role = Role(rawValue: defaultRole.lowercased()), role != .admin else {
            throw .badDefaultRole(defaultRole)
        }
        var domains: Set<String> = []
        for part in allowedDomains.split(separator: ",") {
            var domain = part.trimmingCharacters(in: .whitespaces).lowercased()
            if domain.hasPrefix("@") { domain.removeFirst() }
            guard domain.contains("."), !domain.contains("@"), !domain.contains(" ") else {
                throw .badDomain(String(part))
            }
            domains.insert(domain)
        }
        self.issuer = trimmed.hasSuffix("/") ? String(trimmed.dropLast()) : trimmed
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.allowedDomains = domains
        self.defaultRole = role
    }

    /// Where the provider's discovery document is: `<issuer>/.well-known/openid-configuration`.
    public var discoveryURL: String { issuer + "/.well-known/openid-configuration" }

    /// Whether a person with this (verified) e-mail may be created on first sign-in.
    public func allowsCreating(email: String) -> Bool {
        guard !allowedDomains.isEmpty else { return true }
        guard let at = email.lastIndex(of: "@") else { return false }
        return allowedDomains.contains(email[email.index(after: at)...].lowercased())
    }

    /// The address the provider sends the browser back to: the public URL + `/sign-in/oidc/callback`.
    public static func redirectURI(publicURL: String) -> String {
        let base = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        return base + "/sign-in/oidc/callback"
    }

    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}

/// A setting of OpenID Connect sign-in the server cannot start with.
public enum OpenIDConnectConfigurationError: Error, Equatable, CustomStringConvertible {
    case badIssuer(String)
    case missing(String)
    case badDefaultRole(String)
    case badDomain(String)

    public var description: String {
        switch self {
        case .badIssuer(let text):
            "the OIDC issuer \(text) is not an https URL (http is allowed only on a loopback host)"
        case .missing(let option): "OpenID Connect sign-in needs \(option) too"
        case .badDefaultRole(let text): "the default role \(text) is not one of viewer, member, lead"
        case .badDomain(let text): "\(text) is not an e-mail domain (e.g. example.com)"
        }
    }
}
