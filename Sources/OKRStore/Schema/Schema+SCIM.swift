extension Schema {
    /// SCIM provisioning: the bearer token each directory (Okta, Entra ID) calls with, only its SHA-256 kept; and
    /// what a directory knows of a person or team that Okra does not model itself — its `externalId`, the
    /// `userName` when it is not the e-mail, the name parts it sent — and whether the directory deleted it
    /// (a person is only deactivated and a team kept, so that OKR history stays).
    static let scim = Migration(
        version: 10, name: "SCIM directory tokens and provisioned resources",
        statements: [
            """
            CREATE TABLE scim_tokens (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
            """
            CREATE TABLE scim_resources (
                resource_type TEXT NOT NULL CHECK (resource_type IN ('User', 'Group')),
                okra_id TEXT NOT NULL,
                external_id TEXT,
                user_name TEXT,
                attributes TEXT,
                deleted_at BIGINT,
                PRIMARY KEY (resource_type, okra_id)
            )
            """,
        ])
}
