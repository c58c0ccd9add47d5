import ArgumentParser
import Foundation
import OKRServer

/// How people sign in: with the company's identity provider (OpenID Connect), with passwords, or both. The
/// client secret may come from the environment (`OKRA_OIDC_CLIENT_SECRET`) so it need not appear in the process
/// list; so may every other setting (`OKRA_OIDC_ISSUER`, …).
struct IdentityOptions: ParsableArguments {
    @Option(help: "The OpenID Connect issuer URL of the company's identity provider (or OKRA_OIDC_ISSUER).")
    var oidcIssuer: String?

    @Option(help: "Okra's client id at the identity provider (or OKRA_OIDC_CLIENT_ID).")
    var oidcClientId: String?

    @Option(help: "Okra's client secret at the identity provider (or OKRA_OIDC_CLIENT_SECRET).")
    var oidcClientSecret: String?

    @Option(
        help: """
            The e-mail domains whose people are created at their first sign-in, comma separated \
            (or OKRA_OIDC_ALLOWED_DOMAINS; default: any).
            """)
    var oidcAllowedDomains: String?

    @Option(help: "The role of people created at their first sign-in: viewer, member or lead (default member).")
    var oidcDefaultRole: String?

    @Option(help: "The identity provider's name on the sign-in button, e.g. Google (default: your company account).")
    var oidcName: String?

    @Option(help: "The ID token claim that lists a person's groups (default groups).")
    var oidcGroupsClaim: String?

    @Option(
        help: """
            What a group gives in Okra, GROUP=team:TEAM-ID or GROUP=role:ROLE; repeat for more. Team membership \
            and role follow the groups at each sign-in.
            """)
    var oidcGroup: [String] = []

    @Flag(help: "Turn password sign-in off for everyone but the --break-glass-admin addresses.")
    var noPasswordSignIn = false

    @Option(help: "An admin's e-mail that may still sign in with a password when passwords are off; repeatable.")
    var breakGlassAdmin: [String] = []

    /// Fills the sign-in settings of `configuration`, options first, then the environment.
    func apply(to configuration: inout ServerConfiguration, environment: [String: String]) throws {
        func value(_ option: String?, _ name: String) -> String? { option.or(environment[name]) }
        if let issuer = value(oidcIssuer, "OKRA_OIDC_ISSUER") {
            do {
                var openID = try OpenIDConnectConfiguration(
                    issuer: issuer, clientID: value(oidcClientId, "OKRA_OIDC_CLIENT_ID") ?? "",
                    clientSecret: value(oidcClientSecret, "OKRA_OIDC_CLIENT_SECRET") ?? "",
                    allowedDomains: value(oidcAllowedDomains, "OKRA_OIDC_ALLOWED_DOMAINS") ?? "",
                    defaultRole: oidcDefaultRole ?? "member")
                openID.displayName = oidcName ?? ""
                openID.groupsClaim = oidcGroupsClaim ?? "groups"
                for grant in oidcGroup { try openID.addGroupGrant(grant) }
                configuration.openIDConnect = openID
            } catch {
                throw ValidationError(error.description)
            }
        } else if oidcClientId != nil || oidcClientSecret != nil || !oidcGroup.isEmpty {
            throw ValidationError("OpenID Connect sign-in needs --oidc-issuer too")
        }
        if noPasswordSignIn {
            guard configuration.openIDConnect != nil else {
                throw ValidationError("--no-password-sign-in needs OpenID Connect sign-in (--oidc-issuer)")
            }
            guard !breakGlassAdmin.isEmpty else {
                throw ValidationError(
                    "--no-password-sign-in needs at least one --break-glass-admin, for when the provider is down")
            }
            configuration.passwordSignIn = .breakGlassOnly(Set(breakGlassAdmin.map { $0.lowercased() }))
        } else if !breakGlassAdmin.isEmpty {
            throw ValidationError("--break-glass-admin is for --no-password-sign-in")
        }
    }
}
