import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// Weekly updates: each person's week — plans linked to the objectives and KRs they push, progress, problems,
/// mood. The mission makes weekly plans the start of each week, linked to the team's objectives, so everyone
/// signed in reads them; each person writes their own. A week is named by any day in it and stored by its first
/// day (the organization's week start).
struct WeeklyUpdatesAPI: Sendable {
    let store: OKRStore
    let environment: AppEnvironment

    func addRoutes(to api: APIBuilder) {
        api.schema("WeeklyUpdate", WeeklyUpdateResource.schema)
        api.schema("WeeklyPlan", WeeklyUpdateResource.Plan.schema)
        api.schema("WeeklyUpdatePage", ListPage<WeeklyUpdateResource>.schema(of: "WeeklyUpdate"))
        api.add(
            APIOperation(
                method: .get, path: "/weekly-updates", id: "listWeeklyUpdates", tag: "Weekly updates",
                summary: """
                    The updates of one week (this week by default), by week and person; with `person` and no \
                    `week`, all of that person's weeks.
                    """,
                query: [
                    .init(name: "week", schema: .day, description: "Any day of the week."),
                    .init(name: "person", schema: .string, description: "A person's id."),
                    .init(name: "team", schema: .string, description: "The updates of a team's members and leads."),
                    .limit, .cursor,
                ], response: .ref("WeeklyUpdatePage")), list)
        api.add(
            APIOperation(
                method: .put, path: "/weekly-updates/{week}", id: "saveWeeklyUpdate", tag: "Weekly updates",
                summary: """
                    Saves the caller's own update for the week holding this day (not a week still to come). The \
                    first save of a week needs no version; replacing it needs the version read (`version` or \
                    `If-Match`): 428 without, 409 when someone saved since. Linked objectives and KRs must be ones \
                    the caller may see. Viewers do not write updates.
                    """,
                body: SavedWeek.schema, response: .ref("WeeklyUpdate"), examples: ["week": "2026-11-23"]), save)
    }

    func list(_ call: APICall) async throws -> APIReply {
        let page = try call.page
        let day = try call.queryDay("week")
        let person = call.query("person").map { PersonID($0) }
        let team = call.query("team").map { TeamID($0) }
        if let person, try await store.person(id: person) == nil {
            throw APIError.notFound(.person, person.rawValue, field: "person")
        }
        var updates: [Versioned<WeeklyUpdate>]
        if let person, day == nil {
            updates = try await store.versionedWeeklyUpdates(person: person)
        } else {
            let settings = try await store.settings()
            let week = (day ?? environment.today(in: settings?.timeZone ?? "Asia/Ho_Chi_Minh"))
                .startOfWeek(settings?.weekStart ?? .monday)
            updates = try await store.versionedWeeklyUpdates(week: week, people: person.map { [$0] })
        }
        if let team {
            guard let found = try await store.team(id: team)?.value else {
                throw APIError.notFound(.team, team.rawValue, field: "team")
            }
            let people = Set(found.memberIDs + found.leadIDs)
            updates = updates.filter { people.contains($0.value.personID) }
        }
        let (shown, next) = page.slice(
            updates.sorted { Self.sortKey($0.value) < Self.sortKey($1.value) }, key: { Self.sortKey($0.value) })
        let linked = try await LinkedObjectives.load(
            store: store, viewer: call.viewer, keyResults: shown.flatMap { $0.value.plans.compactMap(\.keyResultID) })
        return try .json(ListPage(data: shown.map { WeeklyUpdateResource($0, linked: linked) }, nextCursor: next))
    }

    /// Week, then person: unique (one update per person and week), and in the order the weeks went.
    static func sortKey(_ update: WeeklyUpdate) -> String {
        update.week.iso + "/" + update.personID.rawValue
    }

    /// The body of `PUT /weekly-updates/{week}`: the whole week, as it should now stand.
    struct SavedWeek: Decodable, Sendable {
        var plans: [PlanInput]?
        var progress: String?
        var problems: String?
        var mood: Int?
        var version: Int?

        struct PlanInput: Decodable, Sendable {
            var text: String
            var objectiveId: String?
            var keyResultId: String?
            var done: Bool?

            /// The plan item; its text is named as the member it came from (`plans.2.text`).
            func item(index: Int) throws -> PlanItem {
                let objective = objectiveId.map { ObjectiveID($0) }
                let keyResult = keyResultId.map { KeyResultID($0) }
                let result = Result { () throws(DomainError) in
                    try PlanItem(text: text, objectiveID: objective, keyResultID: keyResult, done: done ?? false)
                }
                switch result {
                case .success(let item): return item
                case .failure(.invalid(_, let reason)): throw APIError.invalid("plans.\(index).text", reason)
                case .failure(let error): throw APIError.from(error)
                }
            }
        }

        static let schema = Schema.object([
            .optional(
                "plans",
                .array(
                    .object([
                        .required("text", .text(max: 500)),
                        .optional("objective_id", .string, "The objective the plan pushes forward."),
                        .optional("key_result_id", .string, "The KR it pushes (of `objective_id`, when both)."),
                        .optional("done", .boolean),
                    ]), maxItems: 50), "What the week is for; none when absent."),
            .optional("progress", .string(.init(maxLength: 4000)), "What moved."),
            .optional("problems", .string(.init(maxLength: 4000)), "What is in the way."),
            .optional("mood", .integer(minimum: 1, maximum: 5), "1 (a bad week) to 5 (a great one)."),
            .optional("version", .integer(minimum: 1, maximum: nil), "The version replaced (not for a first save)."),
        ])
    }

    func save(_ call: APICall) async throws -> APIReply {
        let text = try call.parameter("week")
        // The path's schema is any string, so a week that is not a day is a well-formed request with an invalid
        // value: 422 naming it.
        guard let day = Day(iso: text) else { throw APIError.invalid("week", .unknownValue(text)) }
        let settings = try await store.settings()
        let weekStart = settings?.weekStart ?? .monday
        let week = day.startOfWeek(weekStart)
        let today = environment.today(in: settings?.timeZone ?? "Asia/Ho_Chi_Minh")
        guard week <= today.startOfWeek(weekStart) else { throw APIError.invalid("week", .outOfRange) }
        let input = try await call.body(SavedWeek.self)
        let plans = input.plans ?? []
        guard plans.count <= 50 else { throw APIError.invalid("plans", .outOfRange) }
        let linked = try await LinkedObjectives.load(
            store: store, viewer: call.viewer, keyResults: plans.compactMap { $0.keyResultId.map { KeyResultID($0) } })
        for (index, plan) in plans.enumerated() {
            try linked.requireLink(
                objective: plan.objectiveId.map { ObjectiveID($0) },
                keyResult: plan.keyResultId.map { KeyResultID($0) },
                objectiveField: "plans.\(index).objective_id", keyResultField: "plans.\(index).key_result_id")
        }
        guard linked.access.canWrite else { throw APIError.forbidden }
        let items = try plans.enumerated().map { index, plan in try plan.item(index: index) }
        let me = call.viewer.id
        let update = try WeeklyUpdate(
            id: WeeklyUpdateID("wu-\(me.rawValue)-\(week.iso)"), personID: me, week: week, plans: items,
            progress: input.progress, problems: input.problems, mood: input.mood)
        let existing = try await store.versionedWeeklyUpdates(week: week, people: [me]).first
        let expected = existing == nil ? nil : try call.expectedVersion(input.version)
        let version = try await store.saveWeeklyUpdate(update, expectedVersion: expected, actor: me)
        let saved = try await store.versionedWeeklyUpdates(week: week, people: [me]).first
        let entry = saved ?? Versioned(value: update, version: version)
        return try .json(WeeklyUpdateResource(entry, linked: linked), version: entry.version)
    }
}
