import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// The newest audit events first, optionally of one kind of thing or one row.
    public func auditEvents(entity: String?, entityID: String?, limit: Int) async throws -> [AuditEvent] {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let entity { conditions.append("e.entity = \(bind: entity)") }
        if let entityID { conditions.append("e.entity_id = \(bind: entityID)") }
        let filter = conditions.joined(separator: " AND ")
        let limit = max(0, min(limit, 10_000))
        return try await read { loader in
            let found = try await loader.rows(
                "SELECT e.* FROM audit_events e WHERE \(filter) ORDER BY e.at DESC, e.id DESC LIMIT \(literal: limit)")
            return try found.map { raw in
                let row = try StoredRow(raw, entity: "audit_event")
                return AuditEvent(
                    id: AuditEventID(row.id), actorID: try row.optionalString("actor_id").map { PersonID($0) },
                    at: try row.date("at"), entity: try row.string("entity"), entityID: try row.string("entity_id"),
                    action: try row.string("action"), before: try row.optionalString("before_json"),
                    after: try row.optionalString("after_json"))
            }
        }
    }

    /// When the newest audit event happened; nil when there is none.
    public func newestAuditEventTime() async throws -> Date? {
        try await read { loader in
            let found = try await loader.rows("SELECT MAX(e.at) AS newest FROM audit_events e")
            return try found.first?.decode(column: "newest", as: Int?.self).map(StoredValue.date)
        }
    }
}
