import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// Creates the SCIM token of a directory and returns it in plain text, the only time it is ever seen: the
    /// store keeps its SHA-256 alone. It authorizes SCIM provisioning only, never the API.
    public func createSCIMToken(name: String, actor: PersonID?) async throws -> (SCIMDirectory, String) {
        let label = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty else { throw DomainError.invalid(field: "name", reason: .empty) }
        guard label.count <= 100 else { throw DomainError.invalid(field: "name", reason: .tooLong(max: 100)) }
        let token = "okra_scim_" + NewID.make() + NewID.make()
        let directory = SCIMDirectory(id: NewID.make(), name: label, createdAt: now(), revokedAt: nil)
        try await change("scim_token", actor: actor) { tx in
            try await tx.run(
                """
                INSERT INTO scim_tokens (id, name, token_hash, created_at, revoked_at)
                VALUES (\(bind: directory.id), \(bind: label), \(bind: Self.tokenHash(token)),
                    \(bind: StoredValue.milliseconds(directory.createdAt)), NULL)
                """)
            try await tx.audit(
                "scim_token", id: directory.id, action: "create", before: SCIMDirectory?.none, after: directory)
        }
        return (directory, token)
    }

    /// Revokes a directory's token; revoking it again changes nothing.
    public func revokeSCIMToken(id: String, actor: PersonID?) async throws {
        let revokedAt = StoredValue.milliseconds(now())
        try await change("scim_token", actor: actor) { tx in
            guard let before = try await Loader(db: tx.db).scimDirectories("s.id = \(bind: id)").first else {
                throw StoreError.notFound(entity: "scim_token", id: id)
            }
            guard !before.isRevoked else { return }
            try await tx.run("UPDATE scim_tokens SET revoked_at = \(bind: revokedAt) WHERE id = \(bind: id)")
            let after = SCIMDirectory(
                id: before.id, name: before.name, createdAt: before.createdAt, revokedAt: StoredValue.date(revokedAt))
            try await tx.audit("scim_token", id: id, action: "revoke", before: before, after: after)
        }
    }

    /// Every directory's token, revoked ones included, oldest first.
    public func scimDirectories() async throws -> [SCIMDirectory] {
        try await read { try await $0.scimDirectories() }
    }

    /// The directory a SCIM token belongs to, unless it is unknown or revoked.
    public func scimDirectory(token: String) async throws -> SCIMDirectory? {
        let hash = Self.tokenHash(token)
        return try await read {
            try await $0.scimDirectories("s.token_hash = \(bind: hash) AND s.revoked_at IS NULL").first
        }
    }

    /// What the directories know of each person (User) or team (Group), by Okra id.
    public func scimLinks(_ type: SCIMResourceType) async throws -> [String: SCIMLink] {
        try await read { try await $0.scimLinks(type) }
    }

    /// Records what `directory` knows of a person or team, audited with the directory's name. Called in the same
    /// change (`inOneChange`) as the provisioning it goes with.
    public func setSCIMLink(_ type: SCIMResourceType, id: String, _ link: SCIMLink, directory: SCIMDirectory)
        async throws
    {
        try await change("scim_resource", actor: nil) { tx in
            let before = try await Loader(db: tx.db).scimLinks(type, okraID: id)[id]
            try await tx.run(
                """
                INSERT INTO scim_resources (resource_type, okra_id, external_id, user_name, attributes, deleted_at)
                VALUES (\(bind: type.rawValue), \(bind: id), \(bind: link.externalID), \(bind: link.userName),
                    \(bind: link.attributes), \(bind: link.deletedAt.map(StoredValue.milliseconds)))
                ON CONFLICT (resource_type, okra_id) DO UPDATE SET external_id = excluded.external_id,
                    user_name = excluded.user_name, attributes = excluded.attributes, deleted_at = excluded.deleted_at
                """)
            try await tx.audit(
                "scim_resource", id: "\(type.rawValue)/\(id)", action: "provision",
                before: before.map { ProvisionedBy(link: $0, directory: nil) },
                after: ProvisionedBy(link: link, directory: directory.name))
        }
    }

    /// A SCIM change as the audit keeps it: what the directory sent, and which directory it was (for the new
    /// value).
    private struct ProvisionedBy: Encodable {
        let link: SCIMLink
        let directory: String?
    }
}

extension Loader {
    func scimDirectories(_ filter: SQLQueryString = all) async throws -> [SCIMDirectory] {
        let found = try await rows(
            """
            SELECT s.id, s.name, s.created_at, s.revoked_at FROM scim_tokens s
            WHERE \(filter) ORDER BY s.created_at, s.id
            """)
        return try found.map { raw in
            let row = try StoredRow(raw, entity: "scim_token")
            return SCIMDirectory(
                id: row.id, name: try row.string("name"), createdAt: try row.date("created_at"),
                revokedAt: try row.optionalDate("revoked_at"))
        }
    }

    func scimLinks(_ type: SCIMResourceType, okraID: String? = nil) async throws -> [String: SCIMLink] {
        let only: SQLQueryString = okraID.map { "AND r.okra_id = \(bind: $0)" } ?? ""
        let found = try await rows(
            """
            SELECT r.okra_id, r.external_id, r.user_name, r.attributes, r.deleted_at FROM scim_resources r
            WHERE r.resource_type = \(bind: type.rawValue) \(only)
            """)
        var links: [String: SCIMLink] = [:]
        for raw in found {
            let row = try StoredRow(raw, entity: "scim_resource", idColumn: "okra_id")
            links[row.id] = SCIMLink(
                externalID: try row.optionalString("external_id"), userName: try row.optionalString("user_name"),
                attributes: try row.optionalString("attributes"), deletedAt: try row.optionalDate("deleted_at"))
        }
        return links
    }
}
