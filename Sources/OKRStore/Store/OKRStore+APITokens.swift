import Crypto
import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// Creates an API token for `person` and returns it in plain text, the only time it is ever seen: the store
    /// keeps its SHA-256 alone, so a copy of the database cannot be used to call the API.
    public func createAPIToken(person: PersonID, name: String, readOnly: Bool) async throws -> String {
        let label = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty else { throw DomainError.invalid(field: "name", reason: .empty) }
        guard label.count <= 100 else { throw DomainError.invalid(field: "name", reason: .tooLong(max: 100)) }
        let token = "okra_" + NewID.make() + NewID.make()
        let id = NewID.make()
        let createdAt = now()
        try await change("api_token", actor: person) { tx in
            try await tx.requireReferences(
                [Reference("person_id", table: "people", id: person.rawValue)], entity: "api_token")
            try await tx.run(
                """
                INSERT INTO api_tokens (id, person_id, name, token_hash, read_only, created_at, revoked_at)
                VALUES (\(bind: id), \(bind: person.rawValue), \(bind: label), \(bind: Self.tokenHash(token)),
                    \(bind: StoredValue.flag(readOnly)), \(bind: StoredValue.milliseconds(createdAt)), NULL)
                """)
            let record = APITokenRecord(
                id: id, personID: person, name: label, readOnly: readOnly, createdAt: createdAt, revokedAt: nil)
            try await tx.audit("api_token", id: id, action: "create", before: APITokenRecord?.none, after: record)
        }
        return token
    }

    /// The person a token belongs to, unless it is unknown or revoked.
    public func person(apiToken: String) async throws -> (person: Person, readOnly: Bool)? {
        let hash = Self.tokenHash(apiToken)
        return try await read { loader in
            let found = try await loader.rows(
                "SELECT t.person_id, t.read_only FROM api_tokens t WHERE t.token_hash = \(bind: hash) AND t.revoked_at IS NULL"
            )
            guard let raw = found.first else { return nil }
            let row = try StoredRow(raw, entity: "api_token", idColumn: "person_id")
            guard let person = try await person(id: PersonID(row.id)) else { return nil }
            return (person, try row.bool("read_only"))
        }
    }

    /// Revokes a token; revoking it again changes nothing.
    public func revokeAPIToken(id: String, actor: PersonID?) async throws {
        let revokedAt = StoredValue.milliseconds(now())
        try await change("api_token", actor: actor) { tx in
            guard let before = try await Loader(db: tx.db).apiTokens("t.id = \(bind: id)").first else {
                throw StoreError.notFound(entity: "api_token", id: id)
            }
            guard !before.isRevoked else { return }
            try await tx.run("UPDATE api_tokens SET revoked_at = \(bind: revokedAt) WHERE id = \(bind: id)")
            let after = APITokenRecord(
                id: before.id, personID: before.personID, name: before.name, readOnly: before.readOnly,
                createdAt: before.createdAt, revokedAt: StoredValue.date(revokedAt))
            try await tx.audit("api_token", id: id, action: "revoke", before: before, after: after)
        }
    }

    /// A person's tokens, revoked ones included, oldest first.
    public func apiTokens(person: PersonID) async throws -> [APITokenRecord] {
        try await read { try await $0.apiTokens("t.person_id = \(bind: person.rawValue)") }
    }

    /// Hex SHA-256 of a token.
    static func tokenHash(_ token: String) -> String {
        Hex.string(SHA256.hash(data: Data(token.utf8)))
    }
}

extension Loader {
    func apiTokens(_ filter: SQLQueryString) async throws -> [APITokenRecord] {
        let found = try await rows(
            """
            SELECT t.id, t.person_id, t.name, t.read_only, t.created_at, t.revoked_at FROM api_tokens t
            WHERE \(filter) ORDER BY t.created_at, t.id
            """)
        return try found.map { raw in
            let row = try StoredRow(raw, entity: "api_token")
            return APITokenRecord(
                id: row.id, personID: PersonID(try row.string("person_id")), name: try row.string("name"),
                readOnly: try row.bool("read_only"), createdAt: try row.date("created_at"),
                revokedAt: try row.optionalDate("revoked_at"))
        }
    }
}
