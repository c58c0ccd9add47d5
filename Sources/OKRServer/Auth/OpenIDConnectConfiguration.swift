import Foundation
import OKRCore

/// How Okra signs people in with the company's identity provider (OpenID Connect): the issuer, this server's
/// client id and secret at it, who may be created on first sign-in, and which of the provider's groups make
/// someone a member of a team or give them a role. Read from `--oidc-issuer`, `--oidc-client-id`,
/// `--oidc-client-secret`, `--oidc-allowed-domains`, `--oidc-default-role`, `--oidc-name`,
/// `--oidc-groups-claim` and `--oidc-group`.
public struct OpenIDConnectConfiguration: Sendable, Hashable {
    /// What belonging to one of the provider's groups gives a person in Okra.
    public enum GroupGrant: Sendable, Hashable {
        /// Membership of a team (kept in step with the group at each sign-in).
        case team(TeamID)
        /// A role: the highest granted by someone's groups, or the default role when none grants one.
        case role(Role)
    }

    /// The issuer exactly as the ID tokens name it (`iss`), without a trailing slash.
    public var issuer: String
    public var clientID: String
    public var clientSecret: String
    /// The e-mail domains whose people are created on first sign-in (lower case); empty: any domain.
    public var allowedDomains: Set<String>
    /// The role of a person created on first sign-in.
    public var defaultRole: Role
    /// The provider's name on the sign-in button ("Sign in with Google"); empty: "your company account".
    public var displayName: String = ""
    /// The ID token claim that lists someone's groups (`groups` for Keycloak, Authentik and Entra ID).
    public var groupsClaim: String = "groups"
    /// What each group gives, from `--oidc-group GROUP=team:ID` and `--oidc-group GROUP=role:lead`.
    public var groupGrants: [String: [GroupGrant]] = [:]

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

    /// Adds what `GROUP=team:ID` or `GROUP=role:ROLE` says (`--oidc-group`, repeatable). Any role may be granted
    /// by a group, admin included: the operator names the group on purpose.
    public mutating func addGroupGrant(_ text: String) throws(OpenIDConnectConfigurationError) {
        guard let equals = text.lastIndex(of: "=") else { throw .badGroupGrant(text) }
        let group = text[..<equals].trimmingCharacters(in: .whitespaces)
        let grant = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard !group.isEmpty, let colon = grant.firstIndex(of: ":") else { throw .badGroupGrant(text) }
        let value = String(grant[grant.index(after: colon)...])
        switch grant[..<colon].lowercased() {
        case "team" where !value.isEmpty: groupGrants[group, default: []].append(.team(TeamID(value)))
        case "role":
            guard let role = Role(rawValue: value.lowercased()) else { throw .badGroupGrant(text) }
            groupGrants[group, default: []].append(.role(role))
        default: throw .badGroupGrant(text)
        }
    }

    /// The teams every mapped group stands for: membership of these follows the groups; other teams are left
    /// as they are.
    public var mappedTeams: Set<TeamID> {
        Set(groupGrants.values.joined().compactMap { if case .team(let id) = $0 { id } else { nil } })
    }

    /// What someone in `groups` is given: the mapped teams they belong to, and their role when any group
    /// grants roles (the highest granted, or the default role when none of theirs does); nil leaves the role.
    public func grants(for groups: [String]) -> (teams: Set<TeamID>, role: Role?) {
        var teams: Set<TeamID> = []
        var roles: [Role] = []
        for group in groups {
            for grant in groupGrants[group] ?? [] {
                switch grant {
                case .team(let id): teams.insert(id)
                case .role(let role): roles.append(role)
                }
            }
        }
        let grantsRoles = groupGrants.values.joined().contains { if case .role = $0 { true } else { false } }
        return (teams, grantsRoles ? (roles.max() ?? defaultRole) : nil)
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
        return base + Route.providerCallback.path
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
    case badGroupGrant(String)

    public var description: String {
        switch self {
        case .badIssuer(let text):
            "the OIDC issuer \(text) is not an https URL (http is allowed only on a loopback host)"
        case .missing(let option): "OpenID Connect sign-in needs \(option) too"
        case .badDefaultRole(let text): "the default role \(text) is not one of viewer, member, lead"
        case .badDomain(let text): "\(text) is not an e-mail domain (e.g. example.com)"
        case .badGroupGrant(let text):
            "--oidc-group \(text) is not GROUP=team:TEAM-ID or GROUP=role:ROLE (viewer, member, lead or admin)"
        }
    }
}
