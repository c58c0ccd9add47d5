import Foundation
import OKRCore
import OKRStore

/// A person's week as the API shows it: plans (each linked to the objective or KR it pushes, or marked
/// `unlinked` — the mission asks whether to keep or drop those), progress, problems and mood. A plan linked to
/// an objective the caller may not see is left out, like the objective itself.
struct WeeklyUpdateResource: Encodable, Sendable {
    let id: String
    let personID: String
    let week: Day
    let plans: [Plan]
    let unlinkedPlans: Int
    let progress: String?
    let problems: String?
    let mood: Int?
    /// What a replacement sends back (`version` or `If-Match`).
    let version: Int

    struct Plan: Encodable, Sendable {
        let text: String
        let objectiveID: String?
        let keyResultID: String?
        let done: Bool
        let unlinked: Bool

        static let schema = Schema.object([
            .required("text", .string), .optional("objective_id", .string), .optional("key_result_id", .string),
            .required("done", .boolean), .required("unlinked", .boolean, "Pushes no objective: keep it or drop it?"),
        ])
    }

    init(_ entry: Versioned<WeeklyUpdate>, linked: LinkedObjectives) {
        let update = entry.value
        version = entry.version
        id = update.id.rawValue
        personID = update.personID.rawValue
        week = update.week
        plans = update.plans.filter { linked.canSee(objective: $0.objectiveID, keyResult: $0.keyResultID) }.map {
            Plan(
                text: $0.text, objectiveID: $0.objectiveID?.rawValue, keyResultID: $0.keyResultID?.rawValue,
                done: $0.done, unlinked: !$0.isLinked)
        }
        unlinkedPlans = plans.filter(\.unlinked).count
        progress = update.progress
        problems = update.problems
        mood = update.mood
    }

    static let schema = Schema.object([
        .required("id", .string, "Comments on the week point at it."), .required("person_id", .string),
        .required("week", .day, "The first day of the week."),
        .required("plans", .array(.ref("WeeklyPlan")), "In the order written."),
        .required("unlinked_plans", .integer(minimum: 0, maximum: nil), "How many plans push no objective."),
        .optional("progress", .string), .optional("problems", .string),
        .optional("mood", .integer(minimum: 1, maximum: 5), "1 (a bad week) to 5 (a great one)."),
        .required("version", .integer(minimum: 1, maximum: nil), "Send it back to replace the update."),
    ])
}
