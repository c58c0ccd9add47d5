import Foundation
import Logging
import OKRCore
import OKRStore
import Synchronization

/// One pass of the reminder service at an instant: the weekly check-in reminder (in the app, by e-mail, in the
/// chat channel), stale key results, and mentions in new comments. Every pass may run on several servers at
/// once: what it sends is claimed in the database first (`reminders_sent`, and notifications unique per person
/// and source), so nothing goes out twice.
///
/// "Checked in" means: any check-in on a KR recorded that week, or the person's weekly update for that week.
/// Everyone but viewers is reminded (everyone else writes a weekly update, even without KRs of their own).
struct ReminderRound: Sendable {
    let store: OKRStore
    let mailer: SMTPClient?
    let chat: ChatWebhook
    /// The address people open, without a trailing slash (`https://okr.example.vn`).
    let publicURL: String
    let strings: Strings
    let logger: Logger
    /// What earlier rounds of this process found done, shared by the copies of this round.
    let memory = RoundMemory()

    /// What one pass did, for logs and tests.
    struct Outcome: Sendable, Equatable {
        var remindedInApp: [PersonID] = []
        var emailed: [PersonID] = []
        var chatPosted = false
        var staleNotices = 0
        var mentionNotices = 0
    }

    /// The recipient of the weekly message to the chat channel in `reminders_sent`.
    static let chatRecipient = "organization"
    /// The scan of the audit log for mentions is named this in `notification_scans`.
    static let mentionScan = "mentions"
    /// Comments are read again this far back from the last one seen, for transactions that committed late.
    static let mentionOverlap: TimeInterval = 600

    func run(at now: Date) async throws -> Outcome {
        guard let settings = try await store.settings() else { return Outcome() }
        let schedule = try CheckInReminderSchedule(settings)
        let today = schedule.day(of: now)
        let organization = try await store.readModel.organization()
        let cycles = try await activeCycles(organization, today: today)
        // Someone who left gets no reminder, stale notice or mention.
        let people = organization.activePeople
        var outcome = Outcome()
        let reminder = schedule.reminder(at: now)
        if reminder.isDue(at: now) {
            try await remind(reminder, people: people, cycles: cycles, settings: settings, now: now, &outcome)
        }
        outcome.staleNotices = try await flagStale(cycles, organization: organization, today: today, now: now)
        outcome.mentionNotices = try await notifyMentions(people: people, cycles: cycles, now: now)
        return outcome
    }

    // MARK: The weekly reminder

    private func remind(
        _ reminder: CheckInReminderSchedule.Reminder, people: [Person], cycles: [CycleSnapshot],
        settings: OrganizationSettings, now: Date, _ outcome: inout Outcome
    ) async throws {
        // The reminder stays due for the rest of the week and a round runs every minute. Once a pass reached
        // everyone due, the next rounds skip it until something but check-ins is committed (someone joins, a
        // weekly update is saved; check-ins only make fewer people due). Otherwise who was already reminded on
        // each channel is read first (one query each), so that no claim is written that cannot win.
        let week = reminder.week
        let mark = RoundMemory.Mark(
            generation: store.readModel.generation, day: week, revision: store.readModel.revision)
        guard memory.reminded != mark else { return }
        var reachedEveryone = true
        let inApp = try await store.remindedRecipients(week: week, channel: .inApp)
        let byEmail = mailer == nil ? [] : try await store.remindedRecipients(week: week, channel: .email)
        let checkedIn = try await store.checkedIn(week: week, through: week.adding(days: 6))
        let due = people.filter { $0.role != .viewer && !checkedIn.contains($0.id) }
        guard !due.isEmpty else {
            memory.reminded = mark
            return
        }
        for person in due where !inApp.contains(person.id.rawValue) {
            guard try await store.claimReminder(recipient: person.id.rawValue, week: week, channel: .inApp, at: now)
            else { continue }
            try await store.addNotifications([
                try InAppNotification(
                    id: NotificationID(NewID.make()), personID: person.id, kind: .checkInReminder,
                    subject: .week(reminder.week), source: "reminder:\(reminder.week.iso)", createdAt: now)
            ])
            outcome.remindedInApp.append(person.id)
        }
        if let mailer {
            for person in due where !byEmail.contains(person.id.rawValue) {
                switch try await email(person, reminder, cycles: cycles, settings: settings, mailer: mailer, now: now) {
                case .sent: outcome.emailed.append(person.id)
                case .notNeeded: break
                case .failed: reachedEveryone = false
                }
            }
        }
        switch try await postToChat(due, reminder, settings: settings, now: now) {
        case .sent: outcome.chatPosted = true
        case .notNeeded: break
        case .failed: reachedEveryone = false
        }
        if reachedEveryone { memory.reminded = mark }
    }

    /// What became of one message of the weekly reminder.
    enum Delivery {
        case sent
        /// Another round (of this server or another) claimed it, or there is nowhere to send it.
        case notNeeded
        /// Not sent: its claim was given back for the next round.
        case failed
    }

    /// E-mails one person their reminder, once; a failed send gives the claim back for the next pass.
    private func email(
        _ person: Person, _ reminder: CheckInReminderSchedule.Reminder, cycles: [CycleSnapshot],
        settings: OrganizationSettings, mailer: SMTPClient, now: Date
    ) async throws -> Delivery {
        let week = reminder.week
        guard try await store.claimReminder(recipient: person.id.rawValue, week: week, channel: .email, at: now)
        else { return .notNeeded }
        let message = reminderMail(
            person, week: week, cycles: cycles, language: person.language ?? settings.defaultLanguage)
        do {
            try await mailer.send(message, at: now)
            return .sent
        } catch {
            logger.warning("check-in reminder to \(person.id) not sent: \(error)")
            try await store.releaseReminder(recipient: person.id.rawValue, week: week, channel: .email)
            return .failed
        }
    }

    /// The reminder e-mail: the person's own KRs of the active cycles, and the link to the check-in form.
    func reminderMail(_ person: Person, week: Day, cycles: [CycleSnapshot], language: Language) -> MailMessage {
        let mine = cycles.flatMap { cycle in
            cycle.keyResults(ownedBy: .person(person.id)).compactMap { cycle.keyResult($0)?.value }
        }
        var lines = [strings.text(.remindersEmailGreeting, language, ["name": person.name]), ""]
        if mine.isEmpty {
            lines.append(strings.text(.remindersEmailNoKeyResults, language))
        } else {
            lines.append(strings.text(.remindersEmailIntro, language))
            lines.append(contentsOf: mine.map { "- " + $0.title.text(language) })
        }
        lines += [
            "", strings.text(.remindersEmailLink, language, ["link": publicURL + Route.checkIn.path]), "",
            strings.text(.remindersEmailFooter, language),
        ]
        return MailMessage(
            to: person.email,
            subject: strings.text(.remindersEmailSubject, language, ["week": Formats.day(week, language)]),
            body: lines.joined(separator: "\n"))
    }

    /// One message for the whole organization, in its default language, naming who has not checked in.
    private func postToChat(
        _ due: [Person], _ reminder: CheckInReminderSchedule.Reminder, settings: OrganizationSettings, now: Date
    ) async throws -> Delivery {
        guard let url = try await store.reminderSettings().chatWebhookURL,
            try await store.claimReminder(recipient: Self.chatRecipient, week: reminder.week, channel: .chat, at: now)
        else { return .notNeeded }
        let text = strings.text(
            .remindersChatMessage, settings.defaultLanguage,
            [
                "week": Formats.day(reminder.week, settings.defaultLanguage),
                "names": due.map(\.name).sorted().joined(separator: ", "),
                "link": publicURL + Route.checkIn.path,
            ])
        do {
            try await chat.post(text, to: url)
            return .sent
        } catch {
            logger.warning("check-in reminder to the chat channel not sent: \(error)")
            try await store.releaseReminder(recipient: Self.chatRecipient, week: reminder.week, channel: .chat)
            return .failed
        }
    }

    // MARK: Stale key results

    /// Flags each KR of an active cycle whose last check-in (or the cycle's start, before the first) is older
    /// than the cycle's stale period, to its owner and the owning team's leads — once per spell: a new check-in
    /// starts a new spell.
    private func flagStale(
        _ snapshots: [CycleSnapshot], organization: OrganizationSnapshot, today: Day, now: Date
    ) async throws -> Int {
        // A KR goes stale only as days pass or as something but a check-in changes (a new KR, another owner): a
        // check-in only ends a spell. So a round on the same day with nothing else committed since the last
        // one flags nothing new, and skips the work. Otherwise every stale KR is derived, but only those this
        // process has not seen in the database yet become notices to write.
        let generation = store.readModel.generation
        let mark = RoundMemory.Mark(generation: generation, day: today, revision: store.readModel.revision)
        guard memory.staleChecked != mark else { return 0 }
        let known = memory.staleKeys(for: generation)
        var current = Set<String>()
        var notices: [InAppNotification] = []
        for snapshot in snapshots {
            let cycle = snapshot.cycle.value
            for objective in snapshot.order.compactMap({ snapshot.objective($0)?.value }) {
                for keyResult in snapshot.keyResults(of: objective.id).map(\.value) {
                    let last = snapshot.lastCheckIn(keyResult.id)
                    let since = last?.day ?? cycle.start
                    guard since.days(to: today) >= cycle.statusRules.staleAfterDays else { continue }
                    let source = "stale:\(keyResult.id.rawValue):\(last?.id.rawValue ?? "start")"
                    for person in recipients(keyResult, objective, organization: organization) {
                        let key = RoundMemory.key(person, source)
                        current.insert(key)
                        guard !known.contains(key) else { continue }
                        notices.append(
                            try InAppNotification(
                                id: NotificationID(NewID.make()), personID: person, kind: .staleKeyResult,
                                subject: .keyResult(keyResult.id), excerpt: keyResult.title.vi, source: source,
                                createdAt: now))
                    }
                }
            }
        }
        let added = try await store.addNotifications(notices)
        // Written now or found already there: either way in the database. Spells that ended are forgotten.
        memory.keepStaleKeys(current, for: generation)
        memory.staleChecked = mark
        return added
    }

    /// The KR's owner if a person, and the leads of the owning team: the KR's team, else its objective's, else
    /// the teams the owning person belongs to.
    private func recipients(
        _ keyResult: KeyResult, _ objective: Objective, organization: OrganizationSnapshot
    ) -> [PersonID] {
        var owners: [PersonID] = []
        var owningTeams: [TeamID] = []
        switch keyResult.owner ?? objective.owner {
        case .person(let id):
            owners.append(id)
            if case .team(let team) = objective.owner {
                owningTeams = [team]
            } else {
                owningTeams = organization.person(id)?.value.teamIDs ?? []
            }
        case .team(let team): owningTeams = [team]
        case .company, nil: break
        }
        let leads = owningTeams.flatMap { organization.team($0)?.value.leadIDs ?? [] }
        var seen = Set<PersonID>()
        return (owners + leads).filter { seen.insert($0).inserted }
    }

    // MARK: Mentions

    /// Notifies whoever a new comment @mentions (by the handle before their e-mail's `@`), if they may see what
    /// it is about; read from the audit log, where every comment is recorded in the transaction that adds it.
    private func notifyMentions(people: [Person], cycles: [CycleSnapshot], now: Date) async throws -> Int {
        let mark = try await store.scanMark(Self.mentionScan)
        let since = mark.map { $0.addingTimeInterval(-Self.mentionOverlap) } ?? Date(timeIntervalSince1970: 0)
        let created = try await store.commentsCreated(since: since)
        guard !created.isEmpty else { return 0 }
        var byHandle: [String: Person] = [:]
        for person in people {
            if let handle = person.email.split(separator: "@").first { byHandle[handle.lowercased()] = person }
        }
        let organization = try await store.readModel.organization()
        let context = try await MentionContext.load(created.map(\.comment), cycles: cycles, store: store)
        var notices: [InAppNotification] = []
        for entry in created {
            let comment = entry.comment
            for handle in comment.mentions {
                guard let person = byHandle[handle], person.id != comment.authorID,
                    context.visible(
                        comment.subject,
                        to: Access(viewer: person, tree: organization.tree, people: organization))
                else { continue }
                notices.append(
                    try InAppNotification(
                        id: NotificationID(NewID.make()), personID: person.id,
                        kind: comment.isQuestion ? .questionAsked : .mention, subject: context.link(comment.subject),
                        actorID: comment.authorID, excerpt: comment.body, source: "mention:\(entry.auditID.rawValue)",
                        createdAt: now))
            }
        }
        let added = try await store.addNotifications(notices)
        if let latest = created.map(\.at).max(), latest > (mark ?? .distantPast) {
            try await store.setScanMark(Self.mentionScan, to: latest)
        }
        return added
    }

    // MARK: Loading

    /// The active cycles from the read model, scored on `today`.
    private func activeCycles(_ organization: OrganizationSnapshot, today: Day) async throws -> [CycleSnapshot] {
        var cycles: [CycleSnapshot] = []
        for cycle in organization.cycles where cycle.value.state == .active {
            if let snapshot = try await store.readModel.cycle(cycle.value.id, on: today) { cycles.append(snapshot) }
        }
        return cycles
    }
}

/// What the rounds of one process found done, so that a round every minute repeats no work whose inputs did not
/// change: the weekly reminder once everyone due was reached, the stale KRs of a day, and the stale notices
/// known to be in the database (by person and source). Kept per database (`ReadModel.generation`); a notice
/// deleted behind the process's back would not be written again until it restarts, and no code deletes notices.
final class RoundMemory: Sendable {
    /// A day's work as of a state of the database: its generation, and the read model's revision, which every
    /// commit but check-ins raises.
    struct Mark: Equatable, Sendable {
        let generation: ReadModel.Generation
        let day: Day
        let revision: Int
    }

    private struct State: Sendable {
        var reminded: Mark?
        var staleChecked: Mark?
        var staleKeys: (generation: ReadModel.Generation, keys: Set<String>)?
    }

    private let state = Mutex(State())

    /// The last week whose reminder reached everyone due, as of when that pass started.
    var reminded: Mark? {
        get { state.withLock { $0.reminded } }
        set { state.withLock { $0.reminded = newValue } }
    }

    /// The last day whose stale KRs were all flagged, as of when that pass started.
    var staleChecked: Mark? {
        get { state.withLock { $0.staleChecked } }
        set { state.withLock { $0.staleChecked = newValue } }
    }

    static func key(_ person: PersonID, _ source: String) -> String { person.rawValue + "\u{1}" + source }

    /// The stale notices known to be in the database of `generation` (none for another one).
    func staleKeys(for generation: ReadModel.Generation) -> Set<String> {
        state.withLock { $0.staleKeys?.generation == generation ? $0.staleKeys?.keys ?? [] : [] }
    }

    func keepStaleKeys(_ keys: Set<String>, for generation: ReadModel.Generation) {
        state.withLock { $0.staleKeys = (generation, keys) }
    }
}
