import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// A new reset link's secret for `person`, valid for `lifetime`: only its hash is stored. Earlier links of
    /// the person stop working (the newest e-mail is the one to use).
    public func createPasswordReset(person: PersonID, secret: String, lifetime: Duration, actor: PersonID?)
        async throws
    {
        let at = now()
        let expires = at.addingTimeInterval(Double(lifetime.components.seconds))
        try await change("person", actor: actor) { tx in
            try await tx.run(
                """
                UPDATE password_resets SET used_at = \(bind: StoredValue.milliseconds(at))
                WHERE person_id = \(bind: person.rawValue) AND used_at IS NULL
                """)
            try await tx.run(
                """
                INSERT INTO password_resets (token_hash, person_id, created_at, expires_at)
                VALUES (\(bind: Self.tokenHash(secret)), \(bind: person.rawValue),
                    \(bind: StoredValue.milliseconds(at)), \(bind: StoredValue.milliseconds(expires)))
                """)
            try await tx.audit("person", id: person.rawValue, action: "password_reset_sent")
        }
    }

    /// The person a reset link is for, while it is unused, unexpired and they have not left.
    public func passwordReset(secret: String) async throws -> Person? {
        let at = StoredValue.milliseconds(now())
        let rows = try await read { loader in
            try await loader.rows(
                """
                SELECT r.person_id FROM password_resets r
                WHERE r.token_hash = \(bind: Self.tokenHash(secret)) AND r.used_at IS NULL AND r.expires_at > \(bind: at)
                """)
        }
        guard let id = try rows.first?.decode(column: "person_id", as: String.self),
            let person = try await versionedPerson(id: PersonID(id))?.value, person.isActive
        else { return nil }
        return person
    }

    /// Uses a reset link: in one change, the link is spent and the person's password becomes `hash`. Nil (and
    /// nothing changed) when the link is unknown, used, expired or its person has left.
    public func resetPassword(secret: String, hash: String) async throws -> PersonID? {
        let at = StoredValue.milliseconds(now())
        return try await change("person", actor: nil) { tx in
            let spent = try await tx.rows(
                """
                UPDATE password_resets SET used_at = \(bind: at)
                WHERE token_hash = \(bind: Self.tokenHash(secret)) AND used_at IS NULL AND expires_at > \(bind: at)
                    AND person_id IN (SELECT p.id FROM people p WHERE p.deactivated_at IS NULL)
                RETURNING person_id
                """)
            guard let id = try spent.first?.decode(column: "person_id", as: String.self) else { return nil }
            try await tx.run(
                "UPDATE people SET password_hash = \(bind: hash), version = version + 1 WHERE id = \(bind: id)")
            try await tx.audit("person", id: id, action: "password_reset")
            return PersonID(id)
        }
    }
}
