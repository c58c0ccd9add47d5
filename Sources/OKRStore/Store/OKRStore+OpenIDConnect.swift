import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// What a browser's OpenID Connect sign-in started with, kept until the provider sends it back.
    public struct OpenIDSignIn: Sendable, Equatable {
        /// The `nonce` the ID token must carry.
        public var nonce: String
        /// The PKCE verifier whose S256 challenge went to the provider.
        public var codeVerifier: String
        /// Where to go once signed in (a local path).
        public var next: String

        public init(nonce: String, codeVerifier: String, next: String) {
            self.nonce = nonce
            self.codeVerifier = codeVerifier
            self.next = next
        }
    }

    /// Keeps a sign-in under way for `lifetime`: only the SHA-256 of `state` is stored, so a database copy does
    /// not let anyone finish someone else's sign-in.
    public func startOpenIDSignIn(state: String, _ signIn: OpenIDSignIn, lifetime: Duration) async throws {
        let at = now()
        let expires = at.addingTimeInterval(Double(lifetime.components.seconds))
        try await change("oidc_sign_in", actor: nil) { tx in
            try await tx.run(
                """
                INSERT INTO oidc_sign_ins (state_hash, nonce, code_verifier, next_path, created_at, expires_at)
                VALUES (\(bind: Self.tokenHash(state)), \(bind: signIn.nonce), \(bind: signIn.codeVerifier),
                    \(bind: signIn.next), \(bind: StoredValue.milliseconds(at)),
                    \(bind: StoredValue.milliseconds(expires)))
                """)
            try await tx.run(
                "DELETE FROM oidc_sign_ins WHERE expires_at < \(bind: StoredValue.milliseconds(at))")
        }
    }

    /// Spends the sign-in that `state` started: nil when the state is unknown, already spent (a replay) or
    /// expired. Spent in one statement, so two callbacks racing with the same state cannot both get it.
    public func finishOpenIDSignIn(state: String) async throws -> OpenIDSignIn? {
        let at = StoredValue.milliseconds(now())
        return try await change("oidc_sign_in", actor: nil) { tx in
            let spent = try await tx.rows(
                """
                UPDATE oidc_sign_ins SET used_at = \(bind: at)
                WHERE state_hash = \(bind: Self.tokenHash(state)) AND used_at IS NULL AND expires_at > \(bind: at)
                RETURNING nonce, code_verifier, next_path
                """)
            guard let row = spent.first else { return nil }
            return OpenIDSignIn(
                nonce: try row.decode(column: "nonce", as: String.self),
                codeVerifier: try row.decode(column: "code_verifier", as: String.self),
                next: try row.decode(column: "next_path", as: String.self))
        }
    }

    /// The person linked to `subject` at `issuer`, whether or not they are still active.
    public func person(openIDIssuer issuer: String, subject: String) async throws -> Person? {
        let rows = try await read { loader in
            try await loader.rows(
                """
                SELECT person_id FROM oidc_identities
                WHERE issuer = \(bind: issuer) AND subject = \(bind: subject)
                """)
        }
        guard let id = try rows.first?.decode(column: "person_id", as: String.self) else { return nil }
        return try await versionedPerson(id: PersonID(id))?.value
    }

    /// Links `person` to `subject` at `issuer` (once; linking again changes nothing), audited.
    public func linkOpenIDSubject(_ subject: String, issuer: String, to person: PersonID, actor: PersonID?)
        async throws
    {
        let at = StoredValue.milliseconds(now())
        try await change("person", actor: actor) { tx in
            let linked = try await tx.rows(
                """
                INSERT INTO oidc_identities (issuer, subject, person_id, created_at)
                VALUES (\(bind: issuer), \(bind: subject), \(bind: person.rawValue), \(bind: at))
                ON CONFLICT (issuer, subject) DO NOTHING RETURNING person_id
                """)
            guard !linked.isEmpty else { return }
            try await tx.audit("person", id: person.rawValue, action: "link_oidc_subject")
        }
    }
}
