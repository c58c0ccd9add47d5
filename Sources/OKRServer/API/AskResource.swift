import Foundation
import OKRCore
import OKRStore

/// A dependency ask as the API shows it: who asks whom for what, by when, where it stands, and whether it is
/// overdue today — the health both teams see in their week.
struct AskResource: Encodable, Sendable {
    let id: String
    let fromTeamID: String
    let toTeamID: String
    let objectiveID: String?
    let keyResultID: String?
    let need: String
    let dueBy: Day
    let state: String
    let reason: String?
    let counterDue: Day?
    let overdue: Bool
    let version: Int

    init(_ entry: Versioned<DependencyAsk>, today: Day) {
        let ask = entry.value
        id = ask.id.rawValue
        fromTeamID = ask.fromTeamID.rawValue
        toTeamID = ask.toTeamID.rawValue
        objectiveID = ask.objectiveID?.rawValue
        keyResultID = ask.keyResultID?.rawValue
        need = ask.need
        dueBy = ask.dueBy
        state = ask.state.rawValue
        reason = ask.reason
        counterDue = ask.counterDue
        overdue = ask.isOverdue(on: today)
        version = entry.version
    }

    static let schema = Schema.object([
        .required("id", .string), .required("from_team_id", .string, "The team that needs help."),
        .required("to_team_id", .string, "The team asked for it."),
        .optional("objective_id", .string), .optional("key_result_id", .string), .required("need", .string),
        .required("due_by", .day), .required("state", .values(of: DependencyAsk.State.self)),
        .optional("reason", .string, "Why it was declined, or the narrower scope of a counter-proposal."),
        .optional("counter_due", .day, "The date a counter-proposal offers."),
        .required("overdue", .boolean, "Still open and past its date (or the countered date) today."),
        .required("version", .integer, "Send it back with a transition; a stale one is 409."),
    ])
}
