import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OKRCore
import OKRStore
import OKRTestSupport
import Testing

@testable import OKRServer

/// The reminder service's rounds on the demo organization (check-in Friday 15:00 in Hà Nội, weeks from Monday),
/// with a fixed clock: who is reminded, once, on which channels; stale KRs; mentions.
@Suite("Reminders")
struct ReminderRoundTests {
    /// An instant written with its offset.
    static func at(_ text: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: text)) }

    static func round(_ world: TestWorld, smtp: SMTPConfiguration? = nil) -> ReminderRound {
        var logger = Logger(label: "okra-test-reminders")
        logger.logLevel = .critical
        return ReminderRound(
            store: world.store, mailer: smtp.map { SMTPClient(configuration: $0) }, chat: ChatWebhook(),
            publicURL: "https://okr.example.vn", strings: .shipped, logger: logger)
    }

    /// Everyone in the demo who may write (viewers are never reminded).
    static let writers: Set<PersonID> = ["p-anh", "p-ha", "p-nam", "p-bao", "p-lan", "p-long", "p-tam"]

    @Test("Before Friday 15:00 in Hà Nội nobody is reminded; at 15:00 everyone who has not checked in, once")
    func dueAndOnce() async throws {
        let world = try await TestWorld.demo()
        // The demo's check-ins stop on Friday 27 November; the next week starts empty.
        let round = Self.round(world)
        let early = try await round.run(at: try Self.at("2026-12-04T14:59:00+07:00"))
        #expect(early.remindedInApp.isEmpty)
        // Nam checks in on Wednesday of that week: he is not reminded.
        let checkIn = try CheckIn(
            id: "ci-nam-dec", keyResultID: "kr-nam-open", value: 24, authorID: "p-nam",
            recordedAt: try Self.at("2026-12-02T10:00:00+07:00"), day: Day(iso: "2026-12-02")!)
        _ = try await world.store.recordCheckIn(checkIn, actor: "p-nam")
        let due = try await round.run(at: try Self.at("2026-12-04T15:00:00+07:00"))
        #expect(Set(due.remindedInApp) == Self.writers.subtracting(["p-nam"]))
        #expect(due.emailed.isEmpty, "no SMTP configured, no e-mail")
        let again = try await round.run(at: try Self.at("2026-12-04T15:01:00+07:00"))
        #expect(again.remindedInApp.isEmpty, "nobody is reminded twice in a week")
        // Two servers at once still remind each person once.
        let other = Self.round(world)
        async let first = round.run(at: try Self.at("2026-12-05T09:00:00+07:00"))
        async let second = other.run(at: try Self.at("2026-12-05T09:00:00+07:00"))
        let both = try await [first, second]
        #expect(both.allSatisfy { $0.remindedInApp.isEmpty })
        let lan = try await world.store.notifications(person: "p-lan").filter { $0.kind == .checkInReminder }
        #expect(lan.count == 1)
        #expect(lan.first?.subject == .week(Day(iso: "2026-11-30")!))
        #expect(try await world.store.notifications(person: "p-nam").allSatisfy { $0.kind != .checkInReminder })
        #expect(try await world.store.notifications(person: "p-mai").allSatisfy { $0.kind != .checkInReminder })
        try await world.close()
    }

    @Test("Once everyone due is reminded, the next rounds of the week skip the reminder until someone joins")
    func reachedEveryone() async throws {
        let world = try await TestWorld.demo()
        let round = Self.round(world)
        func queries(at time: String) async throws -> (Int, ReminderRound.Outcome) {
            let before = world.database.queryCount
            let outcome = try await round.run(at: try Self.at(time))
            return (world.database.queryCount - before, outcome)
        }
        let (_, due) = try await queries(at: "2026-12-04T15:00:00+07:00")
        #expect(Set(due.remindedInApp) == Self.writers)
        let (skipping, quiet) = try await queries(at: "2026-12-04T15:01:00+07:00")
        #expect(quiet == ReminderRound.Outcome())
        // Another server's round has no such memory: it reads the claims and the check-ins, and sends nothing.
        let other = Self.round(world)
        let before = world.database.queryCount
        #expect(try await other.run(at: try Self.at("2026-12-04T15:02:00+07:00")) == ReminderRound.Outcome())
        #expect(skipping < world.database.queryCount - before, "a round with nothing new reads none of that")
        // Someone joins on Saturday: the next round reminds them, and only them.
        try await world.store.createPerson(
            try Person(
                id: "p-new", name: "Đỗ Minh Khang", email: "khang@okra.demo", role: .member, teamIDs: ["marketing"]),
            passwordHash: nil, actor: nil)
        let (_, joined) = try await queries(at: "2026-12-05T09:00:00+07:00")
        #expect(joined.remindedInApp == ["p-new"])
        try await world.close()
    }

    @Test("A weekly update counts as checking in; this week's demo check-ins mean Nam and the KR owners are spared")
    func weeklyUpdateCounts() async throws {
        let world = try await TestWorld.demo()
        try await world.store.saveWeeklyUpdate(
            try WeeklyUpdate(id: "wu-tam", personID: "p-tam", week: Day(iso: "2026-11-30")!, progress: "Xong API"),
            expectedVersion: nil, actor: "p-tam")
        let outcome = try await Self.round(world).run(at: try Self.at("2026-12-04T16:00:00+07:00"))
        #expect(!outcome.remindedInApp.contains("p-tam"))
        #expect(outcome.remindedInApp.contains("p-lan"))
        // In the demo's own week everyone who owns a KR checked in on Friday, and Nam wrote his update.
        let store = world.store
        let week = Day(iso: "2026-11-23")!
        let checked = try await store.checkedIn(week: week, through: week.adding(days: 6))
        #expect(checked.contains("p-nam"))
        let demoWeek = try await Self.round(world).run(at: try Self.at("2026-11-27T15:30:00+07:00"))
        #expect(Set(demoWeek.remindedInApp).isDisjoint(with: checked))
        #expect(Set(demoWeek.remindedInApp) == Self.writers.subtracting(checked))
        try await world.close()
    }

    @Test("A KR without a check-in for 14 days is flagged to its owner and the team's lead, once per spell")
    func stale() async throws {
        let world = try await TestWorld.demo()
        let round = Self.round(world)
        // Last check-ins on Friday 27 November; 13 days later nothing is stale.
        #expect(try await round.run(at: try Self.at("2026-12-10T09:00:00+07:00")).staleNotices == 0)
        let flagged = try await round.run(at: try Self.at("2026-12-11T09:00:00+07:00"))
        #expect(flagged.staleNotices > 0)
        let nam = try await world.store.notifications(person: "p-nam").filter { $0.kind == .staleKeyResult }
        let ha = try await world.store.notifications(person: "p-ha").filter { $0.kind == .staleKeyResult }
        #expect(nam.contains { $0.subject == .keyResult("kr-nam-open") })
        #expect(ha.contains { $0.subject == .keyResult("kr-nam-open") }, "Nam's lead hears of it too")
        let bao = try await world.store.notifications(person: "p-bao").filter { $0.kind == .staleKeyResult }
        #expect(!bao.contains { $0.subject == .keyResult("kr-nam-open") }, "not the lead of another team")
        #expect(try await round.run(at: try Self.at("2026-12-12T09:00:00+07:00")).staleNotices == 0)
        // A round knows what it wrote and asks the database nothing about those KRs; another server's round
        // asks, finds them there and writes none.
        func queries(_ round: ReminderRound, at time: String) async throws -> Int {
            let before = world.database.queryCount
            #expect(try await round.run(at: try Self.at(time)).staleNotices == 0)
            return world.database.queryCount - before
        }
        let knowing = try await queries(round, at: "2026-12-12T09:01:00+07:00")
        let asking = try await queries(Self.round(world), at: "2026-12-12T09:02:00+07:00")
        #expect(knowing < asking)
        // A check-in ends the spell; when it goes stale again it is a new spell, flagged again.
        let checkIn = try CheckIn(
            id: "ci-nam-late", keyResultID: "kr-nam-open", value: 25, authorID: "p-nam",
            recordedAt: try Self.at("2026-12-12T10:00:00+07:00"), day: Day(iso: "2026-12-12")!)
        _ = try await world.store.recordCheckIn(checkIn, actor: "p-nam")
        _ = try await round.run(at: try Self.at("2026-12-20T09:00:00+07:00"))
        let stillOne = try await world.store.notifications(person: "p-nam").filter {
            $0.kind == .staleKeyResult && $0.subject == .keyResult("kr-nam-open")
        }
        #expect(stillOne.count == 1)
        _ = try await round.run(at: try Self.at("2026-12-27T09:00:00+07:00"))
        let twice = try await world.store.notifications(person: "p-nam").filter {
            $0.kind == .staleKeyResult && $0.subject == .keyResult("kr-nam-open")
        }
        #expect(twice.count == 2)
        try await world.close()
    }

    @Test("An @mention notifies the person once; a private objective's mention does not reach who cannot see it")
    func mentions() async throws {
        let world = try await TestWorld.demo()
        let round = Self.round(world)
        let first = try await round.run(at: try Self.at("2026-11-27T12:00:00+07:00"))
        // The demo's question to @bao on the Sales objective.
        let bao = try await world.store.notifications(person: "p-bao")
        #expect(
            bao.contains {
                $0.kind == .questionAsked && $0.actorID == "p-anh" && $0.subject == .objective("o-sales-nurture")
            })
        #expect(first.mentionNotices >= 1)
        try await world.store.addComment(
            try OKRCore.Comment(
                id: "c-mention", subject: .keyResult("kr-mkt-email"), authorID: "p-ha",
                body: "@nam @lan xem số MQL tuần này nhé <script>alert(1)</script>", createdAt: Date()), actor: "p-ha")
        let cycles = try await world.store.cycles()
        let active = try #require(cycles.first { $0.value.state == .active })
        let privateObjective = try Objective(
            id: "o-lan-private", cycleID: active.value.id, title: LocalizedName(vi: "Mục tiêu riêng của Lan"),
            owner: .person("p-lan"),
            kind: .aspirational, state: .published, visibility: .private)
        _ = try await world.store.createObjective(privateObjective, actor: "p-lan")
        try await world.store.addComment(
            try OKRCore.Comment(
                id: "c-private", subject: .objective("o-lan-private"), authorID: "p-lan", body: "@nam @bao góp ý giúp",
                createdAt: Date()), actor: "p-lan")
        let second = try await round.run(at: try Self.at("2026-11-27T12:01:00+07:00"))
        #expect(second.mentionNotices == 3, "Nam and Lan on the KR; Bảo (Lan's lead) on the private objective")
        let nam = try await world.store.notifications(person: "p-nam").filter { $0.kind == .mention }
        #expect(nam.count == 1)
        #expect(nam.first?.subject == .keyResult("kr-mkt-email"))
        #expect(nam.first?.actorID == "p-ha")
        #expect(try await world.store.notifications(person: "p-ha").allSatisfy { $0.kind != .mention }, "not oneself")
        #expect(try await round.run(at: try Self.at("2026-11-27T12:02:00+07:00")).mentionNotices == 0)
        try await world.close()
    }

    @Test("E-mail reminders reach a real SMTP server: To, the Vietnamese subject, the KRs and the link; once")
    func emailThroughSMTP() async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        let world = try await TestWorld.demo()
        let smtp = SMTPConfiguration(
            host: "127.0.0.1", port: sink.port, username: SMTPSink.user, password: SMTPSink.password,
            from: "okra@okr.example.vn")
        let round = Self.round(world, smtp: smtp)
        let outcome = try await round.run(at: try Self.at("2026-12-04T15:00:00+07:00"))
        #expect(Set(outcome.emailed) == Self.writers)
        #expect(try await round.run(at: try Self.at("2026-12-04T15:10:00+07:00")).emailed.isEmpty)
        let mail = try sink.received()
        #expect(mail.count == Self.writers.count)
        let toNam = try #require(mail.first { $0.rcptTos == ["nam@okra.demo"] })
        #expect(toNam.to == "nam@okra.demo")
        #expect(toNam.mailFrom == "okra@okr.example.vn")
        #expect(toNam.authenticated)
        #expect(toNam.subject == "Nhắc check-in OKR tuần 30/11/2026")
        #expect(VietnameseText.problems(toNam.subject + "\n" + toNam.body).isEmpty, "\(toNam.body)")
        #expect(toNam.raw.contains("Subject: =?UTF-8?B?"), "the subject is encoded per RFC 2047")
        #expect(toNam.body.contains("Chào Lê Văn Nam,"))
        #expect(toNam.body.contains("https://okr.example.vn/check-in"))
        let namKR = try #require(try await world.store.keyResult(id: "kr-nam-open")).value
        #expect(toNam.body.contains("- " + namKR.title.vi))
        try await world.close()
    }

    @Test("An English speaker's reminder is in English")
    func emailInEnglish() async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        let world = try await TestWorld.demo()
        try await world.store.setLanguage(person: "p-lan", .en)
        let smtp = SMTPConfiguration(host: "127.0.0.1", port: sink.port, from: "okra@okr.example.vn")
        _ = try await Self.round(world, smtp: smtp).run(at: try Self.at("2026-12-04T15:00:00+07:00"))
        let toLan = try #require(try sink.received().first { $0.rcptTos == ["lan@okra.demo"] })
        #expect(toLan.subject == "OKR check-in reminder, week of Nov 30, 2026")
        #expect(toLan.body.contains("Hello Võ Thị Lan,"))
        #expect(!toLan.authenticated, "no user configured, no AUTH")
        try await world.close()
    }

    @Test("SMTP keeps a body line that starts with a dot, and a lone dot, intact (dot-stuffing)")
    func dotStuffing() async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        let client = SMTPClient(
            configuration: SMTPConfiguration(
                host: "127.0.0.1", port: sink.port, username: SMTPSink.user, password: SMTPSink.password,
                from: "okra@okr.example.vn"))
        let body = "Dòng một\n.\n..hai chấm\n.env\nHết"
        try await client.send(MailMessage(to: "ha@okra.demo", subject: "Kiểm tra dấu chấm đầu dòng", body: body))
        let mail = try #require(try sink.received().first)
        #expect(mail.body.replacingOccurrences(of: "\r\n", with: "\n").hasPrefix(body))
        #expect(mail.subject == "Kiểm tra dấu chấm đầu dòng")
        let refused = SMTPClient(
            configuration: SMTPConfiguration(
                host: "127.0.0.1", port: sink.port, username: SMTPSink.user, password: "sai",
                from: "okra@okr.example.vn"))
        await #expect(throws: SMTPError.self) {
            try await refused.send(MailMessage(to: "ha@okra.demo", subject: "x", body: "x"))
        }
        let noTLS = SMTPClient(
            configuration: SMTPConfiguration(
                host: "127.0.0.1", port: sink.port, from: "okra@okr.example.vn", startTLS: true))
        await #expect(throws: SMTPError.startTLSUnavailable) {
            try await noTLS.send(MailMessage(to: "ha@okra.demo", subject: "x", body: "x"))
        }
    }

    @Test("The chat webhook gets one message a week listing who has not checked in; a failure is retried")
    func chatWebhook() async throws {
        let world = try await TestWorld.demo()
        let received = ReceivedHooks()
        let router = Router()
        router.post("/hook") { request, context -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            return await received.add(String(buffer: body)) ? .ok : .internalServerError
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await world.store.setChatWebhookURL("http://127.0.0.1:\(port)/hook", actor: "p-anh")
            let round = Self.round(world)
            let failed = try await round.run(at: try Self.at("2026-12-04T15:00:00+07:00"))
            #expect(!failed.chatPosted, "the receiver failed the first time")
            let posted = try await round.run(at: try Self.at("2026-12-04T15:01:00+07:00"))
            #expect(posted.chatPosted)
            #expect(!(try await round.run(at: try Self.at("2026-12-04T15:02:00+07:00")).chatPosted))
        }
        let bodies = await received.bodies
        #expect(bodies.count == 2)
        let last = try #require(bodies.last)
        let json = try JSONDecoder().decode([String: String].self, from: Data(last.utf8))
        #expect(json.keys.sorted() == ["text"])
        let text = try #require(json["text"])
        #expect(text.contains("30/11/2026"))
        #expect(VietnameseText.problems(text).isEmpty, "\(text)")
        #expect(text.contains("Lê Văn Nam"))
        #expect(!text.contains("Hoàng Mai"), "viewers are not expected to check in")
        #expect(text.contains("https://okr.example.vn/check-in"))
        try await world.close()
    }
}

/// What the test's webhook receiver got; it fails the first delivery.
actor ReceivedHooks {
    var bodies: [String] = []

    func add(_ body: String) -> Bool {
        bodies.append(body)
        return bodies.count > 1
    }
}
