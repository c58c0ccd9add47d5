import Foundation

/// Who changed what, when, from which value to which. Nothing is deleted without a trace.
public struct AuditEvent: Hashable, Sendable, Codable, Identifiable {
    public let id: AuditEventID
    /// Nil for changes made by the system itself (migrations, the demo loader).
    public let actorID: PersonID?
    public let at: Date
    /// The kind of thing changed: "objective", "key_result", "check_in", …
    public let entity: String
    public let entityID: String
    /// "create", "update", "delete", "transition", …
    public let action: String
    /// JSON of the value before and after the change; nil for a creation or deletion respectively.
    public let before: String?
    public let after: String?

    public init(
        id: AuditEventID, actorID: PersonID?, at: Date, entity: String, entityID: String, action: String,
        before: String?, after: String?
    ) {
        self.id = id
        self.actorID = actorID
        self.at = at
        self.entity = entity
        self.entityID = entityID
        self.action = action
        self.before = before
        self.after = after
    }
}
