import Foundation
import OKRCore
import OKRStore
import Testing

/// Notifications are made once per person and source; reminders are claimed once per person, week and channel.
@Suite("Notifications and reminders in the store")
struct NotificationStoreTests {
    static func reminder(_ id: String, person: PersonID, week: String, at seconds: Double) throws -> InAppNotification {
        try InAppNotification(
            id: NotificationID(id), personID: person, kind: .checkInReminder, subject: .week(Fixtures.day(week)),
            source: "reminder:\(week)", createdAt: Fixtures.instant(seconds))
    }

    @Test(
        "The same source notifies a person once; the newest comes first; mark all read",
        arguments: TestBackend.available)
    func onceAndNewestFirst(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await Fixtures.organization(in: store)
            let first = try Self.reminder("n1", person: Fixtures.lan, week: "2026-10-12", at: 10)
            let again = try Self.reminder("n2", person: Fixtures.lan, week: "2026-10-12", at: 20)
            let next = try Self.reminder("n3", person: Fixtures.lan, week: "2026-10-19", at: 30)
            let mention = try InAppNotification(
                id: "n4", personID: Fixtures.lan, kind: .mention, subject: .keyResult("email"), actorID: Fixtures.minh,
                excerpt: "@lan xem giúp", source: "mention:a1", createdAt: Fixtures.instant(40))
            #expect(try await store.addNotifications([first, again]) == 1)
            #expect(try await store.addNotifications([again, next, mention]) == 2)
            let listed = try await store.notifications(person: Fixtures.lan)
            #expect(listed.map(\.id) == ["n4", "n3", "n1"])
            #expect(listed.first == mention)
            #expect(try await store.unreadNotificationCount(person: Fixtures.lan) == 3)
            #expect(try await store.unreadNotificationCount(person: Fixtures.minh) == 0)
            try await store.markNotificationsRead(person: Fixtures.lan, at: Fixtures.instant(50))
            #expect(try await store.unreadNotificationCount(person: Fixtures.lan) == 0)
            #expect(
                try await store.notifications(person: Fixtures.lan).allSatisfy { $0.readAt == Fixtures.instant(50) })
        }
    }

    @Test(
        "A reminder is claimed once per person, week and channel; a released claim can be taken again",
        arguments: TestBackend.available)
    func claimOnce(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            let week = Fixtures.day("2026-10-12")
            #expect(
                try await store.claimReminder(recipient: "lan", week: week, channel: .email, at: Fixtures.instant(1)))
            #expect(
                !(try await store.claimReminder(recipient: "lan", week: week, channel: .email, at: Fixtures.instant(2)))
            )
            #expect(
                try await store.claimReminder(recipient: "lan", week: week, channel: .inApp, at: Fixtures.instant(2)))
            #expect(
                try await store.claimReminder(
                    recipient: "lan", week: Fixtures.day("2026-10-19"), channel: .email, at: Fixtures.instant(3)))
            #expect(try await store.remindedRecipients(week: week, channel: .email) == ["lan"])
            try await store.releaseReminder(recipient: "lan", week: week, channel: .email)
            #expect(try await store.remindedRecipients(week: week, channel: .email).isEmpty)
            #expect(
                try await store.claimReminder(recipient: "lan", week: week, channel: .email, at: Fixtures.instant(4)))
        }
    }

    @Test("Two claims racing for the same reminder: exactly one wins", arguments: TestBackend.available)
    func racingClaims(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            let week = Fixtures.day("2026-10-12")
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for attempt in 0..<8 {
                    group.addTask {
                        try await store.claimReminder(
                            recipient: "organization", week: week, channel: .chat, at: Fixtures.instant(Double(attempt))
                        )
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
        }
    }

    @Test(
        "Checked in this week: a check-in on a KR or a weekly update counts, last week's does not",
        arguments: TestBackend.available)
    func checkedIn(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await CheckInTests.prepare(store)
            _ = try await store.recordCheckIn(
                Fixtures.checkIn("c1", "email", value: 110, day: "2026-10-09", at: 10), actor: Fixtures.lan)
            let week = Fixtures.day("2026-10-12")
            let sunday = Fixtures.day("2026-10-18")
            #expect(try await store.checkedIn(week: week, through: sunday).isEmpty)
            _ = try await store.recordCheckIn(
                Fixtures.checkIn("c2", "email", value: 120, day: "2026-10-14", at: 20), actor: Fixtures.lan)
            #expect(try await store.checkedIn(week: week, through: sunday) == [Fixtures.lan])
            try await store.saveWeeklyUpdate(
                try WeeklyUpdate(id: "w1", personID: Fixtures.minh, week: week, progress: "Xong bản nháp"),
                expectedVersion: nil, actor: Fixtures.minh)
            #expect(try await store.checkedIn(week: week, through: sunday) == [Fixtures.lan, Fixtures.minh])
        }
    }

    @Test(
        "The chat webhook is kept, replaced and removed; its URL never enters the audit log",
        arguments: TestBackend.available)
    func chatWebhook(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            #expect(try await store.reminderSettings() == ReminderSettings(chatWebhookURL: nil, version: 0))
            try await store.setChatWebhookURL("https://hooks.example.vn/T/secret", actor: nil)
            #expect(try await store.reminderSettings().chatWebhookURL == "https://hooks.example.vn/T/secret")
            try await store.setChatWebhookURL(nil, actor: nil)
            #expect(try await store.reminderSettings() == ReminderSettings(chatWebhookURL: nil, version: 2))
            let events = try await store.auditEvents(entity: "reminder_settings", entityID: nil, limit: 10)
            #expect(events.count == 2)
            #expect(events.allSatisfy { !($0.after ?? "").contains("secret") })
        }
    }

    @Test(
        "Comments are read back from the audit log with the event that created them", arguments: TestBackend.available)
    func commentsFromAudit(_ backend: TestBackend) async throws {
        try await backend.withDatabase { _, store in
            try await CheckInTests.prepare(store)
            let comment = try OKRCore.Comment(
                id: "cm1", subject: .keyResult("email"), authorID: Fixtures.minh, body: "@lan số này lấy ở đâu?",
                isQuestion: true, createdAt: Fixtures.instant(100))
            try await store.addComment(comment, actor: Fixtures.minh)
            let found = try await store.commentsCreated(since: Date(timeIntervalSince1970: 0))
            #expect(found.map(\.comment) == [comment])
            let event = try await store.auditEvents(entity: "comment", entityID: "cm1", limit: 1).first
            #expect(found.first?.auditID == event?.id)
            #expect(try await store.commentsCreated(since: Date().addingTimeInterval(3600)).isEmpty)
            #expect(try await store.scanMark("mentions") == nil)
            try await store.setScanMark("mentions", to: Fixtures.instant(5))
            try await store.setScanMark("mentions", to: Fixtures.instant(7))
            #expect(try await store.scanMark("mentions") == Fixtures.instant(7))
        }
    }
}
