import Foundation
import OKRCore
import OKRStore

/// A cycle being planned as the guide lays it out, for one viewer: leadership's direction brief, each team's
/// drafts, the questions asked on them, the dependency asks teams made of each other, and what activating the
/// cycle waits for (`ActivationGate`). The model of `/cycles/{id}/planning`; the activation of the page and of
/// the API asks `activationReasons` the same question.
struct CyclePlanning: Sendable {
    /// One team's part of the plan.
    struct TeamRow: Sendable {
        let team: Team
        var drafts = 0
        var inReview = 0
        var published = 0
        /// Open questions on the team's objectives (and their KRs) that the viewer may see.
        var openQuestions = 0
        /// Asks made of the team still waiting for its answer, and counter-proposals it made that the asking
        /// team has not answered.
        var asksToAnswer = 0

        var objectives: Int { drafts + inReview + published }
    }

    /// An open question with the objective it was asked on, when the viewer may see it; nil when it was asked
    /// on the direction brief.
    struct Question: Sendable {
        let comment: Comment
        let objective: Objective?
        let asker: String
    }

    /// An ask still waiting for an answer, and the team whose turn it is.
    struct WaitingAsk: Sendable {
        let ask: DependencyAsk
        let from: Team?
        let to: Team?
        /// The team that must answer: the one asked, or the asking team for a counter-proposal.
        let turn: Team?
        let overdue: Bool
    }

    /// The guide's steps of planning, each done or not with who is late.
    enum Step: String, Sendable, CaseIterable {
        case brief, drafts, review, asks, questions
    }

    let report: CycleReport
    let brief: Versioned<DirectionBrief>?
    let teams: [TeamRow]
    let questions: [Question]
    /// Open questions on objectives the viewer may not see: counted, never shown.
    let hiddenQuestions: Int
    let asks: [WaitingAsk]
    let gate: ActivationGate
    /// What activation waits for now, whoever looks.
    let reasons: [ActivationGate.Reason]
    let canActivate: Bool

    var cycle: Cycle { report.cycle }

    /// Teams with no objective in the cycle yet.
    var teamsWithoutDrafts: [Team] { teams.filter { $0.objectives == 0 }.map(\.team) }
    /// Teams with objectives still in draft or in review.
    var teamsInReview: [Team] { teams.filter { $0.drafts + $0.inReview > 0 }.map(\.team) }

    func isDone(_ step: Step) -> Bool {
        switch step {
        case .brief: brief != nil
        case .drafts: teamsWithoutDrafts.isEmpty
        case .review: teamsInReview.isEmpty
        case .asks: asks.isEmpty
        case .questions: questions.isEmpty && hiddenQuestions == 0
        }
    }

    /// What the gate of `store`'s organization says about activating `cycle` now.
    static func activationReasons(store: OKRStore, cycle: CycleID) async throws -> [ActivationGate.Reason] {
        let gate = try await store.activationGate()
        guard gate.requiresAnsweredQuestions || gate.requiresAnsweredAsks else { return [] }
        let questions = gate.requiresAnsweredQuestions ? try await store.openQuestions(cycle: cycle) : []
        let asks = gate.requiresAnsweredAsks ? try await store.asks(cycle: cycle).map(\.value) : []
        return gate.reasons(comments: questions, asks: asks)
    }

    /// Four reads beside the report: the brief, the gate, the cycle's open questions and its asks.
    static func load(report: CycleReport, store: OKRStore) async throws -> CyclePlanning {
        let cycle = report.cycle.id
        let brief = try await store.directionBrief(cycle: cycle)
        let gate = try await store.activationGate()
        let open = try await store.openQuestions(cycle: cycle)
        let asks = try await store.asks(cycle: cycle).map(\.value)

        var rows: [TeamID: TeamRow] = [:]
        let planned = report.teams.filter { !$0.isCompany }
        for team in planned {
            var row = TeamRow(team: team)
            for entry in report.objectives(ownedBy: .team(team.id)) {
                switch entry.value.state {
                case .draft: row.drafts += 1
                case .inReview: row.inReview += 1
                case .published, .closed: row.published += 1
                case .archived: break
                }
            }
            rows[team.id] = row
        }
        var questions: [Question] = []
        var hidden = 0
        for comment in Comment.openQuestions(open) {
            if case .directionBrief = comment.subject {
                questions.append(Question(comment: comment, objective: nil, asker: report.name(comment.authorID)))
                continue
            }
            let objectiveID: ObjectiveID?
            switch comment.subject {
            case .objective(let id): objectiveID = id
            case .keyResult(let id): objectiveID = report.snapshot.keyResult(id)?.value.objectiveID
            default: objectiveID = nil
            }
            guard let objectiveID, let entry = report.objective(objectiveID) else {
                hidden += 1
                continue
            }
            questions.append(Question(comment: comment, objective: entry.value, asker: report.name(comment.authorID)))
            if case .team(let team) = entry.value.owner { rows[team]?.openQuestions += 1 }
        }
        var waiting: [WaitingAsk] = []
        for ask in asks where ActivationGate.waits(ask) {
            let turn = ask.state == .countered ? ask.fromTeamID : ask.toTeamID
            rows[turn]?.asksToAnswer += 1
            waiting.append(
                WaitingAsk(
                    ask: ask, from: report.team(ask.fromTeamID), to: report.team(ask.toTeamID),
                    turn: report.team(turn), overdue: ask.dueBy < report.today))
        }
        waiting.sort { ($0.ask.dueBy, $0.ask.id.rawValue) < ($1.ask.dueBy, $1.ask.id.rawValue) }
        return CyclePlanning(
            report: report, brief: brief, teams: planned.compactMap { rows[$0.id] }, questions: questions,
            hiddenQuestions: hidden, asks: waiting, gate: gate, reasons: gate.reasons(comments: open, asks: asks),
            canActivate: report.viewer.role == .admin && report.cycle.state == .planning)
    }
}
