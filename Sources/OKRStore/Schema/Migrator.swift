import Foundation
import SQLKit

/// Applies the schema's pending migrations, each once and in its own transaction, and records it in
/// `schema_migrations`. Running it again finds nothing to do.
struct Migrator {
    let database: OKRDatabase

    func run(_ migrations: [Migration] = Schema.migrations) async throws {
        try await database.sql.raw(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            )
            """
        ).run()
        var applied = try await appliedVersions()
        for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(migration.version) {
            do {
                try await apply(migration)
            } catch {
                // Another instance may have applied it at the same moment; only then is the failure harmless.
                applied = try await appliedVersions()
                guard applied.contains(migration.version) else { throw error }
            }
            database.logger.info("applied migration \(migration.version): \(migration.name)")
        }
    }

    func appliedVersions() async throws -> Set<Int> {
        let rows = try await database.sql.raw("SELECT version FROM schema_migrations").all()
        return Set(try rows.map { try $0.decode(column: "version", as: Int.self) })
    }

    private func apply(_ migration: Migration) async throws {
        let now = Int((Date().timeIntervalSince1970 * 1000).rounded())
        try await database.transaction { session in
            for statement in migration.statements {
                try await session.raw(SQLQueryString(statement)).run()
            }
            try await session.raw(
                """
                INSERT INTO schema_migrations (version, name, applied_at)
                VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: now))
                """
            ).run()
        }
    }
}
