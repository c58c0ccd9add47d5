import Foundation
import OKRCore
import SQLKit

/// One change in progress: the session it runs on, who makes it and when. Every change writes its audit event
/// through here, on the same session, so the event and the change commit or roll back together.
struct StoreTransaction: Sendable {
    let db: any SQLDatabase
    let actor: PersonID?
    let now: Date
    /// What this change touches, for the read model once it commits. Every audit event is recorded here.
    let changes: ChangeRecorder

    init(db: any SQLDatabase, actor: PersonID?, now: Date, changes: ChangeRecorder = ChangeRecorder()) {
        self.db = db
        self.actor = actor
        self.now = now
        self.changes = changes
    }

    /// Names a row this change alters without an audit event of its own (an objective re-linked when the KR it
    /// aligned to is removed), so the read model reloads it too.
    func touch(_ entity: String, id: String) { changes.record(entity, id) }

    func rows(_ query: SQLQueryString) async throws -> [any SQLRow] { try await db.raw(query).all() }

    func run(_ query: SQLQueryString) async throws { try await db.raw(query).run() }

    /// Records who changed what, with the value before and after as JSON.
    func audit<Value: Encodable>(
        _ entity: String, id: String, action: String, before: Value?, after: Value?
    ) async throws {
        try await audit([entry(entity, id: id, action: action, before: before, after: after)])
    }

    /// One audit event, its values already JSON, for `audit(_:)`.
    struct AuditEntry: Sendable {
        let entity: String
        let id: String
        let action: String
        let before: String?
        let after: String?
    }

    func entry<Value: Encodable>(
        _ entity: String, id: String, action: String, before: Value?, after: Value?
    ) throws -> AuditEntry {
        AuditEntry(
            entity: entity, id: id, action: action, before: try before.map { try AuditJSON.text($0) },
            after: try after.map { try AuditJSON.text($0) })
    }

    /// Records several events in one statement (a check-in audits itself and its KR).
    func audit(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await run(auditing(entries))
    }

    /// The statement that records `entries` (see `audit(_:)`), to run with others (`run(together:)`).
    func auditing(_ entries: [AuditEntry]) -> SQLQueryString {
        let rows: [SQLQueryString] = entries.map { entry in
            changes.record(entry.entity, entry.id)
            return """
                (\(bind: NewID.make()), \(bind: actor?.rawValue), \(bind: StoredValue.milliseconds(now)),
                    \(bind: entry.entity), \(bind: entry.id), \(bind: entry.action), \(bind: entry.before),
                    \(bind: entry.after))
                """
        }
        return """
            INSERT INTO audit_events (id, actor_id, at, entity, entity_id, action, before_json, after_json)
            VALUES \(rows.joined(separator: ", "))
            """
    }

    /// Runs statements that do not read each other's rows, in their order, in one round trip where the database
    /// allows it: on PostgreSQL as one statement, each but the last a data-modifying `WITH` (every one of them
    /// runs, to completion, on the same snapshot); on SQLite, in-process, one after the other.
    func run(together statements: [SQLQueryString]) async throws {
        guard statements.count > 1, db.dialect.name == "postgresql" else {
            for statement in statements { try await run(statement) }
            return
        }
        let parts: [SQLQueryString] = statements.dropLast().enumerated().map { index, statement in
            "okra_part_\(unsafeRaw: String(index)) AS (\(statement))"
        }
        try await run("WITH \(parts.joined(separator: ", ")) \(statements[statements.count - 1])")
    }

    /// Checks that every id a change points at exists, in one query, so a bad reference is reported with its
    /// field ("cycle_id") the same way on both databases before the database's own foreign keys would refuse it.
    func requireReferences(_ references: [Reference], entity: String) async throws {
        let needed = references.filter { !$0.ids.isEmpty }
        guard !needed.isEmpty else { return }
        // Each part is tagged with its index, so two references to the same field are counted apart.
        let parts: [SQLQueryString] = needed.enumerated().map { index, reference in
            let ids: [any Encodable & Sendable] = Array(Set(reference.ids)).sorted()
            return
                "SELECT \(literal: String(index)) AS part, COUNT(*) AS found FROM \(ident: reference.table) WHERE \(ident: reference.column) IN (\(binds: ids))"
        }
        let found = try await rows(parts.joined(separator: " UNION ALL "))
        var counts: [String: Int] = [:]
        for row in found {
            counts[try row.decode(column: "part", as: String.self)] = try row.decode(column: "found", as: Int.self)
        }
        for (index, reference) in needed.enumerated() where counts[String(index), default: 0] < Set(reference.ids).count
        {
            throw StoreError.invalidReference(entity: entity, field: reference.field)
        }
    }

    /// Moves a row to its next version if it is still at `expected`; otherwise nothing changes and the caller
    /// learns the version it is really at.
    func bumpVersion(table: String, id: String, expected: Int, entity: String) async throws -> Int {
        let updated = try await rows(
            """
            UPDATE \(ident: table) SET version = version + 1
            WHERE id = \(bind: id) AND version = \(bind: expected) RETURNING version
            """)
        if let row = updated.first { return try row.decode(column: "version", as: Int.self) }
        let current = try await rows("SELECT version FROM \(ident: table) WHERE id = \(bind: id)")
        guard let row = current.first else { throw StoreError.notFound(entity: entity, id: id) }
        throw StoreError.conflict(
            entity: entity, id: id, expected: expected, actual: try row.decode(column: "version", as: Int.self))
    }
}
