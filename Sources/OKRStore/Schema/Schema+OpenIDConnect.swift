extension Schema {
    /// OpenID Connect sign-in: each person's subject at an identity provider, and the sign-ins under way.
    ///
    /// A sign-in under way keeps its `state` (only its SHA-256), `nonce` and PKCE verifier in the database, not in
    /// memory, so the callback may reach another instance; it is spent once, so a replayed state fails.
    static let openIDConnect = Migration(
        version: 9, name: "OpenID Connect identities and sign-ins under way",
        statements: [
            """
            CREATE TABLE oidc_identities (
                issuer TEXT NOT NULL,
                subject TEXT NOT NULL,
                person_id TEXT NOT NULL REFERENCES people (id),
                created_at BIGINT NOT NULL,
                PRIMARY KEY (issuer, subject)
            )
            """,
            "CREATE INDEX oidc_identities_person ON oidc_identities (person_id)",
            """
            CREATE TABLE oidc_sign_ins (
                state_hash TEXT PRIMARY KEY,
                nonce TEXT NOT NULL,
                code_verifier TEXT NOT NULL,
                next_path TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT
            )
            """,
        ])
}
