import Foundation
import Hummingbird
import Logging
import OKRCore
import OKRStore

/// Signing in with the company's identity provider (OpenID Connect, authorization code with PKCE).
///
/// `/sign-in/oidc` keeps a single-use `state` with its `nonce` and PKCE verifier and sends the browser to the
/// provider; `/sign-in/oidc/callback` spends the state, exchanges the code over the back channel, verifies the
/// ID token, and finds the person: by the provider's subject once linked, else by their verified e-mail (and
/// links them), else creates them with the default role when their e-mail domain is allowed (just in time).
/// Mapped groups keep their team memberships and role in step at every sign-in. Someone who left is refused.
struct OpenIDConnectController: Sendable {
    let web: PageKit
    let provider: OpenIDConnectProvider

    /// How long a browser may take at the provider before its sign-in expires.
    static let lifetime: Duration = .seconds(600)

    var store: OKRStore { web.store }
    var configuration: OpenIDConnectConfiguration { provider.configuration }

    func addRoutes(to routes: PageRoutes) {
        routes.open.get(.signInWithProvider, use: start)
        routes.open.get(.providerCallback, use: callback)
    }

    func start(_ request: Request, context: OkraContext) async throws -> Response {
        let next = PageKit.localPath(request.uri.queryParameters["next"].map(String.init))
        if context.person != nil { return .redirect(to: next, type: .normal) }
        let state = Token.random()
        let signIn = OKRStore.OpenIDSignIn(nonce: Token.random(), codeVerifier: Token.random(), next: next)
        let address: String
        do {
            address = try await provider.authorizationURL(
                state: state, nonce: signIn.nonce, codeVerifier: signIn.codeVerifier)
        } catch let failure {
            return refused(request, context, failure, next: next)
        }
        try await store.startOpenIDSignIn(state: state, signIn, lifetime: Self.lifetime)
        return .redirect(to: address, type: .normal)
    }

    func callback(_ request: Request, context: OkraContext) async throws -> Response {
        let query = request.uri.queryParameters
        let page = web.page(request, context)
        let state = query["state"].map(String.init).flatMap { Token.isWellFormed($0) ? $0 : nil }
        // The state is spent first, whatever else the provider sent: a second use of it finds nothing.
        var signIn: OKRStore.OpenIDSignIn?
        if let state { signIn = try await store.finishOpenIDSignIn(state: state) }
        // A refusal at the provider (the person pressed "deny", say) signs no one in, so it is explained even
        // when the provider left the state out.
        if let error = query["error"].map(String.init) {
            // The provider writes its query as a form would: `+` is a space.
            let described = query["error_description"].map { $0.replacingOccurrences(of: "+", with: " ") }
            let reason = String((described ?? error).prefix(200))
            return failed(
                page, page.t(.openIDRefused, ["reason": reason]), .unauthorized, next: signIn?.next ?? Route.myWeek.path
            )
        }
        guard let signIn else { return failed(page, .openIDExpired, .badRequest) }
        guard let code = query["code"].map(String.init), !code.isEmpty else {
            return failed(page, .openIDFailed, .badRequest, next: signIn.next)
        }
        let identity: OpenIDConnectProvider.Identity
        do {
            identity = try await provider.identity(
                code: code, codeVerifier: signIn.codeVerifier, nonce: signIn.nonce, now: Date())
        } catch let failure {
            return refused(request, context, failure, next: signIn.next)
        }
        switch try await person(for: identity) {
        case .found(let person):
            guard person.isActive else { return failed(page, .signInDeactivated, .forbidden, next: signIn.next) }
            try await keepGroupsInStep(person, groups: identity.groups)
            return try await web.signedIn(person.id, next: signIn.next)
        case .noEmail:
            return failed(page, .openIDNoEmail, .forbidden, next: signIn.next)
        case .domainRefused(let domain):
            return failed(page, page.t(.openIDDomainRefused, ["domain": domain]), .forbidden, next: signIn.next)
        }
    }

    // MARK: Who signed in

    enum Resolution {
        case found(Person)
        case noEmail
        case domainRefused(String)
    }

    /// The person the provider vouched for: linked by subject, found by verified e-mail, or created.
    func person(for identity: OpenIDConnectProvider.Identity) async throws -> Resolution {
        let issuer = configuration.issuer
        if let linked = try await store.person(openIDIssuer: issuer, subject: identity.subject) {
            return .found(linked)
        }
        guard let email = identity.email, identity.emailVerified, !email.isEmpty else { return .noEmail }
        if let existing = try await store.person(email: email)?.person {
            try await store.linkOpenIDSubject(identity.subject, issuer: issuer, to: existing.id, actor: nil)
            return .found(existing)
        }
        guard configuration.allowsCreating(email: email) else {
            return .domainRefused(String(email[email.index(after: email.lastIndex(of: "@") ?? email.startIndex)...]))
        }
        let grants = configuration.grants(for: identity.groups)
        let teams = try await existingTeams(grants.teams)
        let localPart = String(email.prefix { $0 != "@" })
        let person: Person
        do {
            person = try Person(
                id: PersonID(NewID.make("p")),
                name: String(
                    (identity.name?.trimmingCharacters(in: .whitespaces)).flatMap { $0.isEmpty ? nil : $0 }?
                        .prefix(200) ?? Substring(localPart)),
                email: email, role: grants.role ?? configuration.defaultRole,
                teamIDs: teams.sorted { $0.rawValue < $1.rawValue },
                language: identity.locale.flatMap { Language(rawValue: String($0.prefix(2)).lowercased()) })
        } catch {
            // An address the provider vouched for that Okra cannot hold (too long, say) is not one to create.
            return .noEmail
        }
        do {
            try await store.createPerson(person, passwordHash: nil, actor: nil)
        } catch StoreError.duplicate(let entity, let field) {
            // Another sign-in of the same person created them a moment ago.
            guard let created = try await store.person(email: email)?.person else {
                throw StoreError.duplicate(entity: entity, field: field)
            }
            try await store.linkOpenIDSubject(identity.subject, issuer: issuer, to: created.id, actor: nil)
            return .found(created)
        }
        try await store.linkOpenIDSubject(identity.subject, issuer: issuer, to: person.id, actor: person.id)
        return .found(person)
    }

    /// Membership of the mapped teams follows the person's groups; other teams are left alone. Their role
    /// follows the groups when any group grants a role.
    func keepGroupsInStep(_ person: Person, groups: [String]) async throws {
        guard !configuration.groupGrants.isEmpty,
            let current = try await store.versionedPerson(id: person.id)
        else { return }
        let grants = configuration.grants(for: groups)
        let mapped = configuration.mappedTeams
        let kept = current.value.teamIDs.filter { !mapped.contains($0) }
        let granted = try await existingTeams(grants.teams).sorted { $0.rawValue < $1.rawValue }
        var updated = current.value
        updated.teamIDs = kept + granted.filter { !kept.contains($0) }
        updated.role = grants.role ?? current.value.role
        guard Set(updated.teamIDs) != Set(current.value.teamIDs) || updated.role != current.value.role else { return }
        _ = try await store.updatePerson(updated, expectedVersion: current.version, actor: nil)
    }

    /// The teams of `ids` that exist: a group mapped to a team since deleted grants nothing.
    private func existingTeams(_ ids: Set<TeamID>) async throws -> Set<TeamID> {
        guard !ids.isEmpty else { return [] }
        return ids.intersection(try await store.teams().map(\.id))
    }

    // MARK: Refusals

    private func refused(
        _ request: Request, _ context: OkraContext, _ failure: OpenIDConnectProvider.Failure, next: String
    ) -> Response {
        let page = web.page(request, context)
        switch failure {
        case .unreachable(let reason):
            context.logger.warning("OpenID Connect provider unavailable: \(reason)")
            return failed(page, .openIDUnavailable, .badGateway, next: next)
        case .codeRefused(let reason), .badToken(let reason):
            context.logger.warning("OpenID Connect sign-in refused: \(reason)")
            return failed(page, .openIDFailed, .unauthorized, next: next)
        }
    }

    private func failed(_ page: Page, _ key: StringKey, _ status: HTTPResponse.Status, next: String = Route.myWeek.path)
        -> Response
    {
        failed(page, page.t(key), status, next: next)
    }

    private func failed(
        _ page: Page, _ message: String, _ status: HTTPResponse.Status, next: String = Route.myWeek.path
    ) -> Response {
        web.html(SignInView.render(page, web.signInOptions, email: "", error: message, next: next), status)
    }
}
