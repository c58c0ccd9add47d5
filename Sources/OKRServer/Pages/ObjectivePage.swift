import OKRCore
import OKRStore

/// One objective as one viewer sees it: its numbers from the cycle's `Scorecard`, each KR with its chart and
/// check-in history, the initiatives, where it sits in the alignment (only what the viewer may see), the
/// comments and questions, the quality findings, and what the viewer may do. The model of `/objectives/{id}`.
struct ObjectivePage: Sendable {
    struct KeyResultDetail: Sendable {
        let keyResult: KeyResult
        let score: Scorecard.KeyResultScore
        /// Newest first, with who recorded each.
        let history: [(checkIn: CheckIn, author: String)]
        let initiatives: [Initiative]
        let chart: ProgressChart
        let findings: [QualityFinding]
    }

    /// An objective this one aligns to or that aligns to it.
    struct Link: Sendable {
        let id: ObjectiveID
        let title: String
        /// The KR the link goes through, when it is not the objective itself.
        let through: String?
    }

    let objective: Objective
    let owner: String
    let cycle: Cycle
    let score: Scorecard.ObjectiveScore
    let keyResults: [KeyResultDetail]
    let parents: [Link]
    let children: [Link]
    let comments: [(comment: Comment, author: String)]
    /// The findings that point at the objective itself (those of a KR sit with it).
    let findings: [QualityFinding]
    let canEdit: Bool
    let canComment: Bool

    /// Nil when the scorecard has no score for the objective (it is not visible to the viewer).
    static func build(
        _ objective: Objective, report: CycleReport, comments: [Comment], viewer: Person, language: Language
    ) -> ObjectivePage? {
        let board = report.board
        guard let score = report.scorecard.objectives[objective.id] else { return nil }
        let people = Dictionary(board.people.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        func name(_ id: PersonID) -> String { people[id] ?? id.rawValue }
        let findings = report.findings(of: objective, language: language)
        let keyResults = (board.keyResults[objective.id] ?? []).map(\.value)
        let details = keyResults.enumerated().compactMap { index, kr -> KeyResultDetail? in
            guard let krScore = report.scorecard.keyResults[kr.id] else { return nil }
            let checkIns = board.checkIns[kr.id] ?? []
            return KeyResultDetail(
                keyResult: kr, score: krScore, history: checkIns.reversed().map { ($0, name($0.authorID)) },
                initiatives: board.initiatives[kr.id]?.map(\.value) ?? [],
                chart: ProgressChart(
                    kr, checkIns: checkIns, cycle: report.cycle, calendar: report.calendar,
                    title: kr.title.text(language)),
                findings: findings.filter { $0.target == .keyResult(index: index) })
        }
        let visible = Dictionary(
            report.visible.map { ($0.value.id, $0.value) }, uniquingKeysWith: { a, _ in a })
        var owners: [KeyResultID: KeyResult] = [:]
        for entry in report.visible {
            for kr in board.keyResults[entry.value.id] ?? [] { owners[kr.value.id] = kr.value }
        }
        let parents = objective.parents.compactMap { link -> Link? in
            switch link.target {
            case .objective(let id):
                return visible[id].map { Link(id: id, title: $0.title.text(language), through: nil) }
            case .keyResult(let id):
                guard let kr = owners[id], let parent = visible[kr.objectiveID] else { return nil }
                return Link(id: parent.id, title: parent.title.text(language), through: kr.title.text(language))
            }
        }
        let children = (report.scorecard.alignment.children[objective.id] ?? []).compactMap { child -> Link? in
            visible[child.child].map { Link(id: $0.id, title: $0.title.text(language), through: nil) }
        }
        let access = Access(viewer: viewer, teams: board.teams)
        return ObjectivePage(
            objective: objective, owner: report.ownerName(objective.owner, language), cycle: report.cycle,
            score: score, keyResults: details, parents: parents, children: children,
            comments: comments.sorted { $0.createdAt < $1.createdAt }.map { ($0, name($0.authorID)) },
            findings: findings.filter { $0.target == .objective }, canEdit: access.canEdit(objective),
            canComment: access.canComment(on: objective))
    }
}
