import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OKRCore
import OKRStore
import OKRTestSupport
import Testing

@testable import OKRServer

/// `/notifications` (everyone's own) and `/settings/reminders` (administrators), driven in-process.
@Suite("Notification and reminder pages")
struct NotificationsPageTests {
    /// Adds a mention of Nam by Hà (with a script in it) and a reminder, as the reminder round would.
    static func notifyNam(_ world: TestWorld) async throws {
        try await world.store.addNotifications([
            try InAppNotification(
                id: "n-mention", personID: "p-nam", kind: .mention, subject: .keyResult("kr-mkt-email"),
                actorID: "p-ha", excerpt: "@nam xem <script>alert(1)</script>", source: "mention:test",
                createdAt: try ReminderRoundTests.at("2026-11-27T09:00:00+07:00")),
            try InAppNotification(
                id: "n-reminder", personID: "p-nam", kind: .checkInReminder, subject: .week(Day(iso: "2026-11-23")!),
                source: "reminder:2026-11-23", createdAt: try ReminderRoundTests.at("2026-11-27T15:00:00+07:00")),
        ])
    }

    @Test("My notifications, newest first, each linking to its subject; mark all read; others see only theirs")
    func notifications() async throws {
        let world = try await TestWorld.demo()
        try await Self.notifyNam(world)
        try await world.test { client in
            let nam = try await client.signIn("nam@okra.demo")
            let (status, html) = try await client.page("/notifications", nam)
            #expect(status == .ok)
            #expect(html.contains("data-unread=\"2\""))
            #expect(html.contains("href=\"/notifications\""), "the navigation links here")
            let reminder = try #require(html.range(of: "id=\"notification-n-reminder\""))
            let mention = try #require(html.range(of: "id=\"notification-n-mention\""))
            #expect(reminder.lowerBound < mention.lowerBound, "newest first")
            #expect(html.contains("href=\"/check-in\""))
            #expect(html.contains("href=\"/objectives/o-mkt-mql#kr-kr-mkt-email\""))
            #expect(html.contains("Trần Thu Hà"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("<script>alert(1)</script>"))
            let form = "csrf=\(nam.csrf)"
            try await client.execute(
                uri: "/notifications/read", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: nam.header],
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .seeOther)
            }
            let (_, after) = try await client.page("/notifications", nam)
            #expect(after.contains("data-unread=\"0\""))
            #expect(!after.contains("id=\"mark-all-read\""))
            let lan = try await client.signIn("lan@okra.demo")
            let (_, lans) = try await client.page("/notifications", lan)
            #expect(!lans.contains("notification-n-mention"))
            try await client.execute(
                uri: "/notifications/read", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: lan.header],
                body: ByteBuffer(string: "csrf=wrong")
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
        try await world.close()
    }

    @Test("The notifications page reads in the same number of queries for 2 or 60 notifications")
    func constantQueries() async throws {
        let world = try await TestWorld.demo()
        try await Self.notifyNam(world)
        try await world.test { client in
            let nam = try await client.signIn("nam@okra.demo")
            func count() async throws -> Int {
                let before = world.database.queryCount
                _ = try await client.page("/notifications", nam)
                return world.database.queryCount - before
            }
            _ = try await count()  // the first request loads the read model
            let few = try await count()
            let many = try (0..<58).map { n in
                try InAppNotification(
                    id: NotificationID("n-\(n)"), personID: "p-nam", kind: .staleKeyResult,
                    subject: .keyResult(n % 2 == 0 ? "kr-nam-open" : "kr-mkt-email"), excerpt: "KR \(n)",
                    source: "stale:\(n)", createdAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(n)))
            }
            try await world.store.addNotifications(many)
            #expect(try await count() == few)
        }
        try await world.close()
    }

    @Test("Reminder settings: admins only; the webhook is checked next to its field and kept; SMTP status shown")
    func remindersSettings() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let admin = try await client.signIn(DemoOrganization.adminEmail)
            let (status, html) = try await client.page("/settings/reminders", admin)
            #expect(status == .ok)
            #expect(html.contains("id=\"smtp-status\" data-configured=\"false\""))
            #expect(html.contains("thứ Sáu"))
            #expect(html.contains("15:00"))
            #expect(html.contains("<label for=\"chat-webhook\">"))
            let lead = try await client.signIn("ha@okra.demo")
            #expect(try await client.page("/settings/reminders", lead).0 == .forbidden)
            let viewer = try await client.signIn("mai@okra.demo")
            #expect(try await client.page("/settings/reminders", viewer).0 == .forbidden)

            func post(_ cookies: BrowserCookies, _ webhook: String) async throws -> (HTTPResponse.Status, String) {
                let form = "csrf=\(cookies.csrf)&webhook=\(webhook.formEncoded)"
                return try await client.execute(
                    uri: "/settings/reminders", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                    body: ByteBuffer(string: form)
                ) { ($0.status, String(buffer: $0.body)) }
            }
            let (refused, page) = try await post(admin, "ftp://chat.example.vn/<b>")
            #expect(refused == .unprocessableContent)
            #expect(page.contains("id=\"chat-webhook-error\""))
            #expect(page.contains("aria-describedby=\"chat-webhook-hint chat-webhook-error\""))
            #expect(page.contains("value=\"ftp://chat.example.vn/&lt;b&gt;\""), "what was typed is kept, escaped")
            #expect(try await post(lead, "https://hooks.slack.com/services/T/B/x").0 == .forbidden)
            #expect(try await post(admin, "https://hooks.slack.com/services/T/B/x").0 == .seeOther)
            #expect(try await world.store.reminderSettings().chatWebhookURL == "https://hooks.slack.com/services/T/B/x")
            let (_, saved) = try await client.page("/settings/reminders?saved=1", admin)
            #expect(saved.contains("value=\"https://hooks.slack.com/services/T/B/x\""))
            #expect(try await post(admin, "  ").0 == .seeOther)
            #expect(try await world.store.reminderSettings().chatWebhookURL == nil)
        }
        try await world.close()
    }

    @Test("A test e-mail to the administrator through a real SMTP server; the password never shows")
    func testEmail() async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        let world = try await TestWorld.demo()
        var configuration = ServerConfiguration(bcryptCost: 4)
        configuration.smtp = SMTPConfiguration(
            host: "127.0.0.1", port: sink.port, username: SMTPSink.user, password: SMTPSink.password,
            from: "okra@okr.example.vn")
        configuration.publicURL = "https://okr.example.vn/"
        let router = buildRouter(
            store: world.store, configuration: configuration, environment: world.environment)
        try await Application(router: router).test(.router) { client in
            let admin = try await client.signIn(DemoOrganization.adminEmail)
            let (_, html) = try await client.page("/settings/reminders", admin)
            #expect(html.contains("data-configured=\"true\""))
            #expect(html.contains("127.0.0.1"))
            #expect(!html.contains(SMTPSink.password))
            try await client.execute(
                uri: "/settings/reminders/test-email", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: admin.header],
                body: ByteBuffer(string: "csrf=\(admin.csrf)")
            ) { response in
                #expect(response.status == .seeOther)
            }
        }
        let mail = try #require(try sink.received().first)
        #expect(mail.rcptTos == [DemoOrganization.adminEmail])
        #expect(mail.subject == "Okra: e-mail thử")
        #expect(mail.body.contains("https://okr.example.vn/"))
        try await world.close()
    }
}
