import OKRCore
import OKRStore

/// One objective as one viewer sees it: its numbers from the cycle's `Scorecard`, each KR with its chart and
/// check-in history, the initiatives, where it sits in the alignment (only what the viewer may see), the
/// comments and questions, the quality findings, and what the viewer may do. The model of `/objectives/{id}`.
struct ObjectivePage: Sendable {
    struct KeyResultDetail: Sendable {
        let keyResult: KeyResult
        let score: Scorecard.KeyResultScore
        /// The latest check-ins, newest first, with who recorded each.
        let history: [(checkIn: CheckIn, author: String)]
        /// Effective check-ins older than those in `history`.
        let earlier: Int
        let initiatives: [Initiative]
        /// Done initiatives that did not move it, or all of them done while it is behind (an active cycle only).
        var impact: [InitiativeImpact.Finding] = []
        /// The KPI that feeds it, when one does: its check-ins taken from the KPI name it.
        var kpi: KPI?
        let chart: ProgressChart.Source
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
        /// A child that moves none of this objective's numbers (a draft, one in review, an archived one).
        var countsInRollUp = true
        var state: Objective.State = .published
        /// The name of the link's cycle when it is not this objective's own (a year over its quarter).
        var cycle: String?
    }

    let objective: Objective
    let owner: String
    /// Where it sits: the company, the owner's teams from the top, the person who owns it.
    var trail: [(label: String, href: String?)] = []
    let cycle: Cycle
    let score: Scorecard.ObjectiveScore
    var keyResults: [KeyResultDetail]
    let parents: [Link]
    let children: [Link]
    /// Children the viewer may not see: they count in the numbers, but only their number is shown.
    let hiddenChildren: Int
    /// The comments and questions on the objective itself.
    let comments: Discussion
    /// The findings that point at the objective itself (those of a KR sit with it).
    let findings: [QualityFinding]
    let canEdit: Bool
    let canComment: Bool
    /// The end of the cycle: the retrospective, and where the objective went on or came from.
    var lookBack = LookBack()

    private struct CommentsKey: Hashable, Sendable {
        let generation: ReadModel.Generation
        let objective: ObjectiveID
    }

    /// The comments on the objectives most viewed, with the subjects they were read for (a check-in adds one: its
    /// KR's latest check-ins are subjects too), kept while only check-ins are committed.
    private static let commentsMemo = RevisionMemo<CommentsKey, KeptComments>(limit: 3_000)
    private typealias KeptComments = (subjects: [Comment.Subject], comments: [Comment])

    /// How many of each KR's latest check-ins the page lists (the chart has one point per week).
    static let recentCheckIns = 12

    /// Loads the page: the objective's KRs' bounded histories and the comments on the objective, its KRs and the
    /// check-ins shown, in a fixed number of queries. Nil when the viewer may not see it.
    static func load(
        _ objective: Objective, report: CycleReport, store: OKRStore, viewer: Person, language: Language
    ) async throws -> ObjectivePage? {
        let entries = report.keyResults(of: objective.id)
        let keyResults = entries.map(\.value.id)
        let generation = store.readModel.generation
        let histories = try await HistoryMemo.histories(of: entries, generation: generation) { missing in
            try await store.histories(keyResults: missing, recent: recentCheckIns)
        }
        let subjects: [Comment.Subject] =
            [.objective(objective.id)] + keyResults.map { .keyResult($0) }
            + keyResults.flatMap { (histories[$0]?.recent ?? []).map { .checkIn($0.id) } }
        let key = CommentsKey(generation: generation, objective: objective.id)
        let kept = try await commentsMemo.value(
            for: key, model: store.readModel, isCurrent: { $0.subjects == subjects },
            load: { (subjects, try await store.comments(subjects: subjects)) })
        let comments = kept.comments
        var page = build(
            objective, report: report, histories: histories, generation: generation, comments: comments,
            viewer: viewer, language: language)
        page?.lookBack = try await LookBack.load(objective, report: report, store: store)
        // A KR fed by a KPI names it: one read, only for such KRs.
        for (index, detail) in (page?.keyResults ?? []).enumerated() {
            guard let id = detail.keyResult.kpiID else { continue }
            page?.keyResults[index].kpi = try await store.kpi(id: id)?.value
        }
        return page
    }

    /// Whether `subject` is this objective, one of its KRs or a check-in of one of them.
    static func holds(
        _ subject: Comment.Subject, objective: Objective, report: CycleReport, store: OKRStore
    ) async throws -> Bool {
        switch subject {
        case .objective(let id): return id == objective.id
        case .keyResult(let id): return report.keyResults(of: objective.id).contains { $0.value.id == id }
        case .checkIn(let id):
            guard let checkIn = try await store.checkIn(id: id) else { return false }
            return report.keyResults(of: objective.id).contains { $0.value.id == checkIn.keyResultID }
        case .weeklyUpdate, .directionBrief: return false
        }
    }

    /// `comments` are those on the objective, its KRs and the check-ins of `histories`. Nil when the viewer may
    /// not see the objective.
    /// `generation` is the read model's when `histories` were read.
    static func build(
        _ objective: Objective, report: CycleReport, histories: [KeyResultID: KeyResultHistory],
        generation: ReadModel.Generation,
        comments: [Comment], viewer: Person, language: Language
    ) -> ObjectivePage? {
        guard report.objective(objective.id) != nil, let score = report.score(objective.id) else { return nil }
        func name(_ id: PersonID) -> String { report.name(id) }
        let findings = report.findings(of: objective, language: language)
        let keyResults = report.keyResults(of: objective.id)
        let bySubject = Dictionary(grouping: comments, by: \.subject)
        let details = keyResults.enumerated().compactMap { index, entry -> KeyResultDetail? in
            let kr = entry.value
            guard let krScore = report.score(kr.id) else { return nil }
            let history = histories[kr.id] ?? KeyResultHistory(weekly: [], recent: [], count: 0)
            let initiatives = report.initiatives(of: kr.id).map(\.value)
            return KeyResultDetail(
                keyResult: kr, score: krScore, history: history.recent.map { ($0, name($0.authorID)) },
                earlier: max(0, history.count - history.recent.count),
                initiatives: initiatives,
                impact: report.cycle.state == .active
                    ? InitiativeImpact.findings(
                        keyResult: kr, status: krScore.status.status, initiatives: initiatives,
                        checkIns: history.weekly, cycleStart: report.cycle.start) : [],
                chart: ProgressChart.Source(
                    keyResult: kr, version: entry.version, generation: generation, checkIns: history.weekly,
                    cycle: report.cycle, calendar: report.calendar),
                findings: findings.filter { $0.target == .keyResult(index: index) },
                discussion: Discussion(bySubject[.keyResult(kr.id)] ?? [], name: name),
                checkInDiscussions: Dictionary(
                    history.recent.compactMap { checkIn in
                        bySubject[.checkIn(checkIn.id)].map { (checkIn.id, Discussion($0, name: name)) }
                    }, uniquingKeysWith: { a, _ in a }))
        }
        let parents = objective.parents.compactMap { link -> Link? in
            switch link.target {
            case .objective(let id):
                if let entry = report.objective(id) {
                    return Link(id: id, title: entry.value.title.text(language), through: nil)
                }
                // An objective of a longer cycle that holds this one (the year over its quarter).
                return report.longerObjective(id).map {
                    Link(id: id, title: $0.objective.value.title.text(language), through: nil, cycle: $0.cycle.name)
                }
            case .keyResult(let id):
                if let (kr, parent) = report.keyResult(id) {
                    return Link(
                        id: parent.value.id, title: parent.value.title.text(language),
                        through: kr.value.title.text(language))
                }
                return report.longerKeyResult(id).map {
                    Link(
                        id: $0.objective.value.id, title: $0.objective.value.title.text(language),
                        through: $0.keyResult.value.title.text(language), cycle: $0.cycle.name)
                }
            }
        }
        var seen = Set<ObjectiveID>()
        var hiddenChildren = 0
        let children = report.snapshot.children(of: objective.id).compactMap { child -> Link? in
            guard seen.insert(child.child).inserted else { return nil }
            if let outside = report.snapshot.scorecard.outside[child.child] {
                // An objective of a shorter cycle within this one (a quarter of the year).
                guard report.access.canSee(outside.objective) else {
                    if child.counts { hiddenChildren += 1 }
                    return nil
                }
                return Link(
                    id: child.child, title: outside.objective.title.text(language), through: nil,
                    countsInRollUp: child.counts, state: outside.objective.state,
                    cycle: report.organization.cycle(outside.objective.cycleID)?.value.name)
            }
            guard let entry = report.objective(child.child) else {
                // Counted like any other child, never named: the number is the same for every viewer.
                if child.counts { hiddenChildren += 1 }
                return nil
            }
            return Link(
                id: entry.value.id, title: entry.value.title.text(language), through: nil,
                countsInRollUp: child.counts, state: entry.value.state)
        }
        let access = report.access
        var page = ObjectivePage(
            objective: objective, owner: report.ownerName(objective.owner, language), cycle: report.cycle,
            score: score, keyResults: details, parents: parents, children: children, hiddenChildren: hiddenChildren,
            comments: Discussion(bySubject[.objective(objective.id)] ?? [], name: name),
            findings: findings.filter { $0.target == .objective }, canEdit: access.canEdit(objective),
            canComment: access.canComment(on: objective))
        switch objective.owner {
        case .team(let id): page.trail = Navigation.trail(to: id, report, language)
        case .person(let id):
            page.trail =
                Navigation.trail(to: report.person(id)?.teamIDs.first, report, language) + [
                    (report.name(id), Route.person(.id(id)).path)
                ]
        case .company, nil: page.trail = Navigation.trail(to: nil, report, language)
        }
        page.trail.append((objective.title.text(language), nil))
        return page
    }
}
