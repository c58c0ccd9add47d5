import Foundation
import OKRCore
import OKRStore

/// One objective moving through the drafting workflow (draft → in review → published), judged the same way
/// for the API's `PATCH` and the objective page's buttons: who may make the move, and the publish gate.
///
/// Who publishes: whoever may edit the objective *and* leads — team leads and admins. A member drafts and
/// submits their own objective for review; their lead (or an admin) publishes it, which is the mission's
/// two-way drafting: written bottom-up, confirmed top-down. Every other move is for whoever may edit it.
struct ObjectiveTransition: Sendable {
    let store: OKRStore

    /// Why a move is refused.
    enum Refusal: Sendable, Equatable {
        /// The viewer may not make this move (a member publishing, a viewer at all).
        case forbidden
        /// The publish gate holds: the reasons, each pointing at a question or a finding.
        case blocked([PublishGate.Reason])
    }

    /// May `access.viewer` publish `objective`?
    static func mayPublish(_ objective: Objective, access: Access) -> Bool {
        access.canEdit(objective) && (access.viewer.role == .admin || access.viewer.role == .lead)
    }

    /// What refuses the change of `before` into `after` (nil when nothing does). Only a change of state is
    /// judged here; the fields are the editor's and the API's business.
    func refusal(_ before: Objective, becoming after: Objective, access: Access, report: CycleReport) async throws
        -> Refusal?
    {
        guard before.state != after.state else { return nil }
        if after.state == .published {
            guard Self.mayPublish(before, access: access) else { return .forbidden }
        } else {
            guard access.canEdit(before) else { return .forbidden }
        }
        guard PublishGate.guards(from: before.state, to: after.state) else { return nil }
        let reasons = try await blockingReasons(after, report: report)
        return reasons.isEmpty ? nil : .blocked(reasons)
    }

    /// What would stop `objective` from being published now: the gate's reasons for it as a published
    /// objective (a KR without an initiative is an error once published), with the organization's policy and
    /// the questions on the objective and on its key results.
    func blockingReasons(_ objective: Objective, report: CycleReport) async throws -> [PublishGate.Reason] {
        var published = objective
        published.state = .published
        let gate = try await store.publishGate()
        let keyResults = report.keyResults(of: objective.id)
        let subjects = [Comment.Subject.objective(objective.id)] + keyResults.map { .keyResult($0.value.id) }
        let comments = try await store.comments(subjects: subjects)
        return gate.reasons(comments: comments, findings: report.findings(of: published, language: .vi))
    }

    /// The API's check: 403 for a move the caller may not make, 409 `publish_blocked` naming every reason.
    func requireAllowed(
        _ before: Objective, becoming after: Objective, access: Access, report: CycleReport
    ) async throws {
        switch try await refusal(before, becoming: after, access: access, report: report) {
        case nil: return
        case .forbidden: throw APIError.forbidden
        case .blocked(let reasons): throw Self.publishBlocked(after.id, reasons)
        }
    }

    /// `409 publish_blocked`: the objective stays as it was; the message lists each reason as `code: text`.
    static func publishBlocked(_ id: ObjectiveID, _ reasons: [PublishGate.Reason]) -> APIError {
        APIError(.conflict, code: "publish_blocked", field: "state") { language in
            let list = reasons.map { "\($0.code.rawValue): " + text(of: $0, language) }.joined(separator: "; ")
            return Strings.shipped.text(.draftingPublishBlocked, language, ["id": id.rawValue, "reasons": list])
        }
    }

    /// A reason in words: the question asked, or the finding's message.
    static func text(of reason: PublishGate.Reason, _ language: Language) -> String {
        switch reason.code {
        case .openQuestion:
            return Strings.shipped.text(
                .draftingBlockedOpenQuestion, language, ["question": reason.question?.body ?? ""])
        case .errorFinding:
            return Strings.shipped.text(
                .draftingBlockedErrorFinding, language, ["finding": reason.finding?.message.text(language) ?? ""])
        }
    }
}
