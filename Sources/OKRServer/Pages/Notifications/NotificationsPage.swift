import Foundation
import OKRCore
import OKRStore

/// A person's notifications, newest first, each with its sentence and the page it links to: read in a fixed
/// number of queries (the notifications, the unread count, the people who caused them, the KRs they are about,
/// and the settings for the time zone), however many there are.
struct NotificationsPage: Sendable {
    struct Item: Sendable {
        let notification: InAppNotification
        let text: String
        let link: String
        /// When, in the organization's time zone: `2026-11-27 15:00`.
        let when: String
    }

    let items: [Item]
    let unread: Int

    static func load(viewer: Person, store: OKRStore, page: Page) async throws -> NotificationsPage {
        let notifications = try await store.notifications(person: viewer.id, limit: 200)
        let unread = try await store.unreadNotificationCount(person: viewer.id)
        let people = Dictionary(
            try await store.people().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var keyResultIDs: Set<KeyResultID> = []
        for notification in notifications {
            if case .keyResult(let id) = notification.subject { keyResultIDs.insert(id) }
        }
        let objectiveOf = Dictionary(
            try await store.keyResults(ids: keyResultIDs).map { ($0.value.id, $0.value.objectiveID) },
            uniquingKeysWith: { first, _ in first })
        let zone = try await store.settings()?.timeZone ?? "Asia/Ho_Chi_Minh"
        let items = notifications.map { notification in
            Item(
                notification: notification, text: text(notification, people: people, page: page),
                link: link(notification.subject, objectiveOf: objectiveOf),
                when: Formats.time(notification.createdAt, timeZone: zone, page.language))
        }
        return NotificationsPage(items: items, unread: unread)
    }

    static func text(_ notification: InAppNotification, people: [PersonID: String], page: Page) -> String {
        let actor = notification.actorID.map { people[$0] ?? $0.rawValue } ?? ""
        let excerpt = notification.excerpt ?? ""
        switch notification.kind {
        case .checkInReminder:
            if case .week(let week) = notification.subject {
                return page.t(.notificationsCheckInReminder, ["week": page.day(week)])
            }
            return page.t(.notificationsCheckInReminder, ["week": ""])
        case .staleKeyResult: return page.t(.notificationsStale, ["title": excerpt])
        case .mention: return page.t(.notificationsMention, ["name": actor, "excerpt": excerpt])
        case .questionAsked: return page.t(.notificationsQuestion, ["name": actor, "excerpt": excerpt])
        }
    }

    /// The page a notification opens: the check-in form for a reminder, the objective page (at the KR) for
    /// the rest; a weekly update's comment opens My week.
    static func link(_ subject: InAppNotification.Subject, objectiveOf: [KeyResultID: ObjectiveID]) -> String {
        switch subject {
        case .week: return Route.checkIn.path
        case .objective(let id): return Route.objective(.id(id)).path
        case .keyResult(let id):
            guard let objective = objectiveOf[id] else { return Route.myWeek.path }
            return Route.objective(.id(objective)).path + "#kr-\(Self.pathPart(id.rawValue))"
        case .checkIn, .weeklyUpdate: return Route.myWeek.path
        case .directionBrief(let id): return Route.brief(.id(id)).path + "#comments"
        }
    }

    static func pathPart(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "#", "?"])) ?? text
    }

}
