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
        /// The comments and questions on the KR itself.
        let discussion: Discussion
        /// The comments and questions on each of its check-ins.
        let checkInDiscussions: [CheckInID: Discussion]
    }

    /// The comments and questions on one subject, oldest first, each answer under the question it answers.
    struct Discussion: Sendable {
        struct Entry: Sendable {
            let comment: Comment
            let author: String
            let answers: [(comment: Comment, author: String)]
            /// A question with no answer yet: it waits for one, and the page offers the form.
            var isOpen: Bool { comment.isQuestion && answers.isEmpty }
        }

        let entries: [Entry]

        static let empty = Discussion(entries: [])

        /// Threads `comments` (all on one subject): answers go under their question; an answer whose question is
        /// not among them stands on its own.
        init(_ comments: [Comment], name: (PersonID) -> String) {
            let sorted = comments.sorted { ($0.createdAt, $0.id.rawValue) < ($1.createdAt, $1.id.rawValue) }
            let questions = Set(sorted.filter(\.isQuestion).map(\.id))
            let answers = Dictionary(grouping: sorted.filter { $0.answers.map(questions.contains) ?? false }) {
                $0.answers
            }
            entries = sorted.filter { $0.answers.map { !questions.contains($0) } ?? true }.map { comment in
                Entry(
                    comment: comment, author: name(comment.authorID),
                    answers: (answers[comment.id] ?? []).map { ($0, name($0.authorID)) })
            }
        }

        init(entries: [Entry]) { self.entries = entries }

        var isEmpty: Bool { entries.isEmpty }
        var count: Int { entries.reduce(0) { $0 + 1 + $1.answers.count } }
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
    /// The comments and questions on the objective itself.
    let comments: Discussion
    /// The findings that point at the objective itself (those of a KR sit with it).
    let findings: [QualityFinding]
    let canEdit: Bool
    let canComment: Bool

    /// Every subject whose comments the page shows: the objective, its KRs and their check-ins, for one
    /// `store.comments(subjects:)` query.
    static func subjects(of objective: Objective, board: Board) -> [Comment.Subject] {
        let keyResults = (board.keyResults[objective.id] ?? []).map(\.value.id)
        return [.objective(objective.id)] + keyResults.map { .keyResult($0) }
            + keyResults.flatMap { (board.checkIns[$0] ?? []).map { .checkIn($0.id) } }
    }

    /// `comments` are those of `subjects(of:board:)`. Nil when the scorecard has no score for the objective (it is not visible to the viewer).
    static func build(
        _ objective: Objective, report: CycleReport, comments: [Comment], viewer: Person, language: Language
    ) -> ObjectivePage? {
        let board = report.board
        guard let score = report.scorecard.objectives[objective.id] else { return nil }
        let people = Dictionary(board.people.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        func name(_ id: PersonID) -> String { people[id] ?? id.rawValue }
        let findings = report.findings(of: objective, language: language)
        let keyResults = (board.keyResults[objective.id] ?? []).map(\.value)
        let bySubject = Dictionary(grouping: comments, by: \.subject)
        let details = keyResults.enumerated().compactMap { index, kr -> KeyResultDetail? in
            guard let krScore = report.scorecard.keyResults[kr.id] else { return nil }
            let checkIns = board.checkIns[kr.id] ?? []
            return KeyResultDetail(
                keyResult: kr, score: krScore, history: checkIns.reversed().map { ($0, name($0.authorID)) },
                initiatives: board.initiatives[kr.id]?.map(\.value) ?? [],
                chart: ProgressChart(
                    kr, checkIns: checkIns, cycle: report.cycle, calendar: report.calendar,
                    title: kr.title.text(language)),
                findings: findings.filter { $0.target == .keyResult(index: index) },
                discussion: Discussion(bySubject[.keyResult(kr.id)] ?? [], name: name),
                checkInDiscussions: Dictionary(
                    checkIns.compactMap { checkIn in
                        bySubject[.checkIn(checkIn.id)].map { (checkIn.id, Discussion($0, name: name)) }
                    }, uniquingKeysWith: { a, _ in a }))
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
            comments: Discussion(bySubject[.objective(objective.id)] ?? [], name: name),
            findings: findings.filter { $0.target == .objective }, canEdit: access.canEdit(objective),
            canComment: access.canComment(on: objective))
    }
}
