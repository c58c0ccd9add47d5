import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    // MARK: In-app notifications

    /// Saves notifications, skipping any whose person already has one from the same source; returns how many
    /// were new. Two servers deriving the same notification at once still make one.
    @discardableResult
    public func addNotifications(_ notifications: [InAppNotification]) async throws -> Int {
        guard !notifications.isEmpty else { return 0 }
        return try await change("notification", actor: nil) { tx in
            // Those already sent are found first, a few hundred sources per query, so a pass that derives the
            // same thousands of notifications every minute writes nothing.
            var sent = Set<String>()
            let sources = Array(Set(notifications.map(\.source))).sorted()
            for start in stride(from: 0, to: sources.count, by: 500) {
                let chunk: [any Encodable & Sendable] = Array(sources[start..<min(start + 500, sources.count)])
                for row in try await tx.rows(
                    "SELECT person_id, source FROM notifications WHERE source IN (\(binds: chunk))")
                {
                    sent.insert(
                        try row.decode(column: "person_id", as: String.self) + "\u{1}"
                            + row.decode(column: "source", as: String.self))
                }
            }
            var added = 0
            for notification in notifications
            where !sent.contains(notification.personID.rawValue + "\u{1}" + notification.source) {
                let subject = Self.subjectColumns(notification.subject)
                let inserted = try await tx.rows(
                    """
                    INSERT INTO notifications (id, person_id, kind, subject_kind, subject_id, actor_id, excerpt, source,
                        created_at, read_at)
                    VALUES (\(bind: notification.id.rawValue), \(bind: notification.personID.rawValue),
                        \(bind: notification.kind.rawValue), \(bind: subject.kind), \(bind: subject.id),
                        \(bind: notification.actorID?.rawValue), \(bind: notification.excerpt),
                        \(bind: notification.source), \(bind: StoredValue.milliseconds(notification.createdAt)),
                        \(bind: StoredValue.milliseconds(notification.readAt)))
                    ON CONFLICT (person_id, source) DO NOTHING RETURNING id
                    """)
                added += inserted.count
            }
            return added
        }
    }

    /// A person's notifications, newest first.
    public func notifications(person: PersonID, limit: Int = 100) async throws -> [InAppNotification] {
        let limit = max(0, min(limit, 1000))
        return try await read { loader in
            let found = try await loader.rows(
                """
                SELECT n.* FROM notifications n WHERE n.person_id = \(bind: person.rawValue)
                ORDER BY n.created_at DESC, n.id DESC LIMIT \(literal: limit)
                """)
            return try found.map { try Self.notification(StoredRow($0, entity: "notification")) }
        }
    }

    /// How many of a person's notifications are unread, in one query.
    public func unreadNotificationCount(person: PersonID) async throws -> Int {
        try await read { loader in
            let found = try await loader.rows(
                """
                SELECT COUNT(*) AS unread FROM notifications n
                WHERE n.person_id = \(bind: person.rawValue) AND n.read_at IS NULL
                """)
            return try found.first?.decode(column: "unread", as: Int.self) ?? 0
        }
    }

    /// Marks every unread notification of a person read at `at`.
    public func markNotificationsRead(person: PersonID, at: Date) async throws {
        try await change("notification", actor: person) { tx in
            try await tx.run(
                """
                UPDATE notifications SET read_at = \(bind: StoredValue.milliseconds(at))
                WHERE person_id = \(bind: person.rawValue) AND read_at IS NULL
                """)
        }
    }

    // MARK: Reminders sent

    /// Claims the reminder of `week` on `channel` for `recipient` (a person's id, or any fixed name for a
    /// message to the whole organization). True only for the one caller that claimed it first; the others,
    /// on this server or another, must not send it.
    public func claimReminder(recipient: String, week: Day, channel: ReminderChannel, at: Date) async throws -> Bool {
        try await change("reminder", actor: nil) { tx in
            let claimed = try await tx.rows(
                """
                INSERT INTO reminders_sent (recipient, week, channel, sent_at)
                VALUES (\(bind: recipient), \(bind: week.iso), \(bind: channel.rawValue),
                    \(bind: StoredValue.milliseconds(at)))
                ON CONFLICT (recipient, week, channel) DO NOTHING RETURNING recipient
                """)
            return !claimed.isEmpty
        }
    }

    /// Gives a claim back when its reminder could not be sent, so a later round tries again.
    public func releaseReminder(recipient: String, week: Day, channel: ReminderChannel) async throws {
        try await change("reminder", actor: nil) { tx in
            try await tx.run(
                """
                DELETE FROM reminders_sent WHERE recipient = \(bind: recipient) AND week = \(bind: week.iso)
                    AND channel = \(bind: channel.rawValue)
                """)
        }
    }

    /// Who has been reminded in `week` on `channel`.
    public func remindedRecipients(week: Day, channel: ReminderChannel) async throws -> Set<String> {
        try await read { loader in
            let found = try await loader.rows(
                """
                SELECT r.recipient FROM reminders_sent r
                WHERE r.week = \(bind: week.iso) AND r.channel = \(bind: channel.rawValue)
                """)
            return Set(try found.map { try $0.decode(column: "recipient", as: String.self) })
        }
    }

    /// The people who checked in during the week from `week` through `through`: any check-in on a KR they
    /// recorded that week, or their weekly update for it. One query.
    public func checkedIn(week: Day, through: Day) async throws -> Set<PersonID> {
        try await read { loader in
            let found = try await loader.rows(
                """
                SELECT ci.author_id AS person_id FROM check_ins ci
                WHERE ci.day >= \(bind: week.iso) AND ci.day <= \(bind: through.iso)
                UNION
                SELECT w.person_id AS person_id FROM weekly_updates w WHERE w.week = \(bind: week.iso)
                """)
            return Set(try found.map { PersonID(try $0.decode(column: "person_id", as: String.self)) })
        }
    }

    // MARK: The organization's reminder settings

    /// The chat webhook and its version; version 0 before it was ever set.
    public func reminderSettings() async throws -> ReminderSettings {
        try await read { loader in
            let found = try await loader.rows(
                "SELECT r.chat_webhook_url, r.version FROM reminder_settings r WHERE r.id = 1")
            guard let raw = found.first else { return ReminderSettings(chatWebhookURL: nil, version: 0) }
            let row = try StoredRow(raw, entity: "reminder_settings", idColumn: "version")
            return ReminderSettings(
                chatWebhookURL: try row.optionalString("chat_webhook_url"), version: try row.int("version"))
        }
    }

    /// Sets (or, with nil, removes) the chat webhook for reminders, audited.
    public func setChatWebhookURL(_ url: String?, actor: PersonID?) async throws {
        try await change("reminder_settings", actor: actor) { tx in
            let found = try await tx.rows("SELECT chat_webhook_url FROM reminder_settings WHERE id = 1")
            let before = try found.first?.decode(column: "chat_webhook_url", as: String?.self)
            if found.isEmpty {
                try await tx.run(
                    "INSERT INTO reminder_settings (id, chat_webhook_url, version) VALUES (1, \(bind: url), 1)")
            } else {
                try await tx.run(
                    "UPDATE reminder_settings SET chat_webhook_url = \(bind: url), version = version + 1 WHERE id = 1")
            }
            // The URL holds the webhook's secret; the audit log only says whether one is set.
            try await tx.audit(
                "reminder_settings", id: "1", action: "update", before: ["chat_webhook": before != nil],
                after: ["chat_webhook": url != nil])
        }
    }

    // MARK: Reading the audit log for mentions

    /// The comments created since `since` (by their audit event's time), with their audit event, oldest first.
    public func commentsCreated(since: Date) async throws -> [AuditedComment] {
        let from = StoredValue.milliseconds(since)
        return try await read { loader in
            let events = try await loader.rows(
                """
                SELECT e.id, e.entity_id, e.at FROM audit_events e
                WHERE e.entity = 'comment' AND e.action = 'create' AND e.at >= \(bind: from)
                """)
            var audits: [String: (id: String, at: Date)] = [:]
            for event in events {
                let row = try StoredRow(event, entity: "audit_event")
                audits[try row.string("entity_id")] = (row.id, try row.date("at"))
            }
            guard !audits.isEmpty else { return [] }
            let comments = try await loader.comments(
                "c.id IN (SELECT e.entity_id FROM audit_events e WHERE e.entity = 'comment' AND e.action = 'create' AND e.at >= \(bind: from))"
            )
            return comments.compactMap { comment in
                audits[comment.id.rawValue].map {
                    AuditedComment(auditID: AuditEventID($0.id), at: $0.at, comment: comment)
                }
            }
        }
    }

    /// How far a scan (by name) has read, as an instant; nil before its first run.
    public func scanMark(_ name: String) async throws -> Date? {
        try await read { loader in
            let found = try await loader.rows(
                "SELECT s.scanned_until FROM notification_scans s WHERE s.name = \(bind: name)")
            return try found.first.map { StoredValue.date(try $0.decode(column: "scanned_until", as: Int.self)) }
        }
    }

    public func setScanMark(_ name: String, to instant: Date) async throws {
        try await change("notification_scan", actor: nil) { tx in
            try await tx.run(
                """
                INSERT INTO notification_scans (name, scanned_until)
                VALUES (\(bind: name), \(bind: StoredValue.milliseconds(instant)))
                ON CONFLICT (name) DO UPDATE SET scanned_until = excluded.scanned_until
                """)
        }
    }

    // MARK: Rows

    static func subjectColumns(_ subject: InAppNotification.Subject) -> (kind: String, id: String) {
        switch subject {
        case .week(let day): return ("week", day.iso)
        case .objective(let id): return ("objective", id.rawValue)
        case .keyResult(let id): return ("key_result", id.rawValue)
        case .checkIn(let id): return ("check_in", id.rawValue)
        case .weeklyUpdate(let id): return ("weekly_update", id.rawValue)
        case .directionBrief(let id): return ("direction_brief", id.rawValue)
        }
    }

    static func notification(_ row: StoredRow) throws -> InAppNotification {
        let kind = try row.string("subject_kind")
        let id = try row.string("subject_id")
        let subject: InAppNotification.Subject
        switch kind {
        case "week":
            guard let day = Day(iso: id) else { throw row.corrupt("subject_id is not a day: \(id)") }
            subject = .week(day)
        case "objective": subject = .objective(ObjectiveID(id))
        case "key_result": subject = .keyResult(KeyResultID(id))
        case "check_in": subject = .checkIn(CheckInID(id))
        case "weekly_update": subject = .weeklyUpdate(WeeklyUpdateID(id))
        case "direction_brief": subject = .directionBrief(CycleID(id))
        default: throw row.corrupt("subject_kind: \(kind)")
        }
        return try row.restore {
            try InAppNotification(
                id: NotificationID(row.id), personID: PersonID(try row.string("person_id")),
                kind: try row.enumeration("kind", as: InAppNotification.Kind.self), subject: subject,
                actorID: try row.optionalString("actor_id").map { PersonID($0) },
                excerpt: try row.optionalString("excerpt"), source: try row.string("source"),
                createdAt: try row.date("created_at"), readAt: try row.optionalDate("read_at"))
        }
    }
}
