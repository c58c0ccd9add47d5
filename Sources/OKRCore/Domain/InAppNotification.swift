import Foundation

public typealias NotificationID = Identifier<InAppNotification>

/// Something a person should look at, shown in the app until they have read it: the weekly check-in reminder,
/// a key result that has gone stale, a mention in a comment, a question waiting for an answer.
///
/// (Not `Notification`, which Foundation already names.) Each one carries the `source` it was made from, so the
/// same event never notifies the same person twice, however many servers look at it.
public struct InAppNotification: Hashable, Sendable, Codable, Identifiable {
    public let id: NotificationID
    public let personID: PersonID
    public let kind: Kind
    /// What the notification is about, for the link to it.
    public let subject: Subject
    /// Who caused it (the author of a comment); nil for what the calendar causes.
    public let actorID: PersonID?
    /// A short excerpt: the comment's first words, the stale KR's title.
    public let excerpt: String?
    /// Once per person: `reminder:<week>`, `stale:<kr>:<spell>`, `mention:<audit id>`.
    public let source: String
    public let createdAt: Date
    public let readAt: Date?

    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The weekly reminder to check in, for someone who has not yet this week.
        case checkInReminder = "check_in_reminder"
        /// A KR with no check-in for the cycle's stale period, to its owner and the owning team's leads.
        case staleKeyResult = "stale_key_result"
        /// Someone @mentioned the person in a comment.
        case mention
        /// Someone asked a question (with an @mention of the person).
        case questionAsked = "question_asked"
    }

    public enum Subject: Hashable, Sendable, Codable {
        /// The check-in of a week (its first day).
        case week(Day)
        case objective(ObjectiveID)
        case keyResult(KeyResultID)
        case checkIn(CheckInID)
        case weeklyUpdate(WeeklyUpdateID)
        /// A cycle's direction brief.
        case directionBrief(CycleID)
    }

    public init(
        id: NotificationID, personID: PersonID, kind: Kind, subject: Subject, actorID: PersonID? = nil,
        excerpt: String? = nil, source: String, createdAt: Date, readAt: Date? = nil
    ) throws(DomainError) {
        guard !source.isEmpty, source.count <= 200 else { throw .invalid(field: "source", reason: .outOfRange) }
        self.id = id
        self.personID = personID
        self.kind = kind
        self.subject = subject
        self.actorID = actorID
        self.excerpt = excerpt.map { Self.excerpt(of: $0) }
        self.source = source
        self.createdAt = createdAt
        self.readAt = readAt
    }

    public var isRead: Bool { readAt != nil }

    /// At most 140 characters of `text` on one line, cut at a word with "…" when longer.
    public static func excerpt(of text: String, limit: Int = 140) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard line.count > limit else { return line }
        let cut = line.prefix(limit)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return word.trimmingCharacters(in: .whitespaces) + "…"
    }
}
