import Foundation
import OKRCore

/// A comment with the audit event that recorded its creation, so what is derived from it (a mention's
/// notification) can be made once per event.
public struct AuditedComment: Sendable, Hashable {
    public let auditID: AuditEventID
    /// When the audit event was written (the store's clock, which may differ from the comment's own time).
    public let at: Date
    public let comment: Comment

    public init(auditID: AuditEventID, at: Date, comment: Comment) {
        self.auditID = auditID
        self.at = at
        self.comment = comment
    }
}
