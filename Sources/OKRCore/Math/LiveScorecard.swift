import Foundation
import HashTreeCollections

/// A cycle's `Scorecard` kept current one change at a time: the same numbers, computed by the same rules, but a
/// change to one objective or KR re-scores only that objective, its KRs and the objectives it rolls up into —
/// never the whole cycle. A new day re-scores everything once (expected progress and staleness move with the day).
///
/// Its maps are persistent (hash tries that share structure), so a copy is free and a change costs what it
/// touches: a reader keeps the copy it took while a writer makes the next one.
public struct LiveScorecard: Sendable {
    /// One objective aligned under another, with the link's weight. `link` is the link's position among the
    /// child's parents; children are kept in `Alignment`'s order (by child id, then link position).
    public struct Child: Sendable, Hashable {
        public let child: ObjectiveID
        public let weight: Decimal
        /// Whether the child counts in this objective's numbers (`Objective.countsInRollUp`); one that does
        /// not is shown beside it as proposed or archived.
        public let counts: Bool
        let link: Int
    }

    /// What one `apply` changes. An objective entry replaces the objective and its whole ordered list of KRs;
    /// `nil` removes both.
    public struct Update: Sendable {
        public var objectives: [ObjectiveID: (objective: Objective, keyResults: [KeyResult])?] = [:]
        /// The day of each KR's latest effective check-in; `nil` when it has none (any more).
        public var lastCheckIns: [KeyResultID: Day?] = [:]
        /// A grade saved at close; `nil` removes it.
        public var grades: [KeyResultID: KeyResultGrade?] = [:]
        /// An objective of a shorter cycle this one holds (a quarter of the year), scored there; `nil` removes it.
        public var outside: [ObjectiveID: Outside?] = [:]

        public init() {}

        public var isEmpty: Bool { objectives.isEmpty && lastCheckIns.isEmpty && grades.isEmpty && outside.isEmpty }
    }

    /// An objective of a shorter cycle within this one — a quarter of the year — as its own cycle scores it.
    /// Those of its links that point into this cycle make it a child here, counted with its score (`progress`,
    /// `grade`, `status`); its KRs are not part of this cycle.
    public struct Outside: Sendable, Hashable {
        public let objective: Objective
        public let score: Scorecard.ObjectiveScore

        /// `score` as its cycle gives it: while that cycle runs, its live progress; once it is closed, the
        /// grade it closed with is also its progress here (the honest number of a finished quarter).
        public init(objective: Objective, score: Scorecard.ObjectiveScore, closed: Bool) {
            self.objective = objective
            guard closed else {
                self.score = score
                return
            }
            let graded = ObjectiveProgress([.init(source: .child(objective.id), progress: score.grade.value, weight: 1)]
            )
            self.score = Scorecard.ObjectiveScore(
                id: score.id, progress: graded, expected: score.expected, status: score.status, grade: score.grade,
                keyResults: score.keyResults)
        }
    }

    public let cycle: Cycle
    public let calendar: WorkingCalendar
    public private(set) var day: Day
    /// The working-day line on `day`: the expected progress of every KR without its own plan.
    private var line: ExpectedProgress

    public private(set) var objectives: TreeDictionary<ObjectiveID, Objective> = [:]
    public private(set) var keyResults: TreeDictionary<KeyResultID, KeyResult> = [:]
    /// Each objective's KRs, in their stored order.
    private var keyResultIDs: TreeDictionary<ObjectiveID, [KeyResultID]> = [:]
    private var lastCheckIns: TreeDictionary<KeyResultID, Day> = [:]
    private var grades: TreeDictionary<KeyResultID, KeyResultGrade> = [:]
    /// The objectives of shorter cycles within this one that are aligned into it (`Update.outside`).
    public private(set) var outside: TreeDictionary<ObjectiveID, Outside> = [:]
    /// This cycle's objectives with a link that does not resolve within it: those aligned to a longer cycle.
    public private(set) var reachingOut: TreeSet<ObjectiveID> = []

    /// The objectives aligned under each objective (directly or through one of its KRs).
    public private(set) var children: TreeDictionary<ObjectiveID, [Child]> = [:]
    /// The distinct objectives each objective is aligned under, as its links resolve now.
    private var parents: TreeDictionary<ObjectiveID, [ObjectiveID]> = [:]
    /// Which objectives link to an objective or a KR, whether or not that target exists now: when it appears
    /// or goes, their links resolve differently.
    private var linksToObjective: TreeDictionary<ObjectiveID, Set<ObjectiveID>> = [:]
    private var linksToKeyResult: TreeDictionary<KeyResultID, Set<ObjectiveID>> = [:]

    private var progress: TreeDictionary<ObjectiveID, ObjectiveProgress> = [:]
    public private(set) var objectiveScores: TreeDictionary<ObjectiveID, Scorecard.ObjectiveScore> = [:]
    public private(set) var keyResultScores: TreeDictionary<KeyResultID, Scorecard.KeyResultScore> = [:]

    /// Scores a whole cycle, as `Scorecard.init` does. Throws when the alignment loops.
    public init(
        cycle: Cycle, objectives: [Objective], keyResults: [KeyResult], lastCheckIns: [KeyResultID: Day] = [:],
        grades: [KeyResultID: KeyResultGrade] = [:], today: Day, calendar: WorkingCalendar
    ) throws(DomainError) {
        self.cycle = cycle
        self.calendar = calendar
        self.day = today
        self.line = ExpectedProgress.at(today, in: cycle, calendar: calendar)
        var update = Update()
        let known = Set(objectives.map(\.id))
        let grouped = Dictionary(grouping: keyResults.filter { known.contains($0.objectiveID) }, by: \.objectiveID)
        for objective in objectives { update.objectives[objective.id] = (objective, grouped[objective.id] ?? []) }
        for (id, day) in lastCheckIns { update.lastCheckIns[id] = day }
        for (id, grade) in grades { update.grades[id] = grade }
        try apply(update)
    }

    // MARK: Reading

    public func score(_ id: ObjectiveID) -> Scorecard.ObjectiveScore? { objectiveScores[id] }
    public func score(_ id: KeyResultID) -> Scorecard.KeyResultScore? { keyResultScores[id] }
    public func progress(of id: ObjectiveID) -> ObjectiveProgress? { progress[id] }

    /// The objectives this one is aligned under (each once), as its links resolve within the cycle.
    public func parents(of id: ObjectiveID) -> [ObjectiveID] { parents[id] ?? [] }

    /// Each objective's KRs in their stored order.
    public func keyResults(of id: ObjectiveID) -> [KeyResultID] { keyResultIDs[id] ?? [] }

    /// Objectives aligned to nothing in the cycle, by id.
    public var roots: [ObjectiveID] { objectives.keys.filter { (parents[$0] ?? []).isEmpty }.sorted() }

    /// The whole cycle's progress, each objective counted once however many parents it has (`Alignment.overall`).
    public func overall(_ ids: [ObjectiveID]? = nil) -> ObjectiveProgress {
        let distinct = ids.map { Set($0).sorted() } ?? objectives.keys.sorted()
        return ObjectiveProgress(
            distinct.compactMap { id in
                progress[id].map { .init(source: .child(id), progress: $0.value, weight: 1) }
            })
    }

    /// The value of `overall(ids)` without its explanation: the mean progress of the distinct objectives, in the
    /// same order and arithmetic, for pages that show only the number (6,000 terms spelled out cost more than
    /// the page).
    public func meanProgress(_ ids: some Sequence<ObjectiveID>) -> Decimal {
        var total = Decimal(0)
        var count = 0
        for id in Set(ids).sorted() {
            guard let value = progress[id]?.value else { continue }
            total += value.clampedToUnit
            count += 1
        }
        return count > 0 ? total / Decimal(count) : 0
    }

    /// Every objective below `id` (children, grandchildren, …), each once.
    public func descendants(of id: ObjectiveID) -> [ObjectiveID] {
        var seen = Set<ObjectiveID>()
        var stack = children[id]?.map(\.child) ?? []
        while let next = stack.popLast() {
            if seen.insert(next).inserted { stack += children[next]?.map(\.child) ?? [] }
        }
        return seen.sorted()
    }

    // MARK: Changing

    /// Moves every number to `day`: expected progress and staleness depend on it, so everything is re-scored.
    public mutating func rescore(on day: Day) {
        self.day = day
        line = ExpectedProgress.at(day, in: cycle, calendar: calendar)
        for id in keyResults.keys { scoreKeyResult(id) }
        var done = Set<ObjectiveID>()
        let all = Set(objectives.keys)
        for id in objectives.keys.sorted() { scoreObjective(id, within: all, done: &done) }
    }

    /// Applies one batch of changes and re-scores what they touch: the changed objectives and KRs, and every
    /// objective they roll up into. Throws `DomainError.alignmentCycle` when the links now loop; the value is
    /// then unusable (callers apply to a copy).
    public mutating func apply(_ update: Update) throws(DomainError) {
        var changedKeyResults = Set<KeyResultID>()
        var dirty = Set<ObjectiveID>()
        var relink = Set<ObjectiveID>()

        // Removals first, then the new lists, so a KR that moves between two objectives of one update stays.
        for (id, entry) in update.objectives {
            let oldKeyResults = keyResultIDs[id] ?? []
            let kept = Set(entry?.keyResults.map(\.id) ?? [])
            for kr in oldKeyResults where !kept.contains(kr) {
                keyResults[kr] = nil
                keyResultScores[kr] = nil
                relink.formUnion(linksToKeyResult[kr] ?? [])
            }
            if (objectives[id] == nil) != (entry == nil) { relink.formUnion(linksToObjective[id] ?? []) }
            if let old = objectives[id] { unindexLinks(of: old) }
            if entry == nil {
                objectives[id] = nil
                keyResultIDs[id] = nil
                progress[id] = nil
                objectiveScores[id] = nil
            }
            relink.insert(id)
            dirty.insert(id)
        }
        for (id, entry) in update.objectives {
            guard let (objective, krs) = entry else { continue }
            let old = Set(keyResultIDs[id] ?? [])
            for kr in krs where !old.contains(kr.id) { relink.formUnion(linksToKeyResult[kr.id] ?? []) }
            objectives[id] = objective
            indexLinks(of: objective)
            keyResultIDs[id] = krs.map(\.id)
            for kr in krs {
                keyResults[kr.id] = kr
                changedKeyResults.insert(kr.id)
            }
        }
        for (kr, day) in update.lastCheckIns {
            lastCheckIns[kr] = day
            changedKeyResults.insert(kr)
        }
        for (kr, grade) in update.grades {
            grades[kr] = grade
            changedKeyResults.insert(kr)
        }
        for (id, entry) in update.outside where objectives[id] == nil {
            if let old = outside[id] { unindexLinks(of: old.objective) }
            outside[id] = entry
            progress[id] = entry?.score.progress
            objectiveScores[id] = entry?.score
            if let entry { indexLinks(of: entry.objective) }
            relink.insert(id)
        }

        for id in relink { dirty.formUnion(resolveLinks(of: id)) }
        try rejectLoops(from: relink)

        for kr in changedKeyResults {
            guard let keyResult = keyResults[kr] else { continue }
            scoreKeyResult(kr)
            dirty.insert(keyResult.objectiveID)
        }
        // Everything the changes roll up into, then children before parents.
        var affected = Set<ObjectiveID>()
        var stack = Array(dirty)
        while let id = stack.popLast() {
            guard objectives[id] != nil, affected.insert(id).inserted else { continue }
            stack += parents[id] ?? []
        }
        var done = Set<ObjectiveID>()
        for id in affected.sorted() { scoreObjective(id, within: affected, done: &done) }
    }

    // MARK: Links

    private mutating func indexLinks(of objective: Objective) {
        for link in objective.parents {
            switch link.target {
            case .objective(let parent): linksToObjective[parent, default: []].insert(objective.id)
            case .keyResult(let parent): linksToKeyResult[parent, default: []].insert(objective.id)
            }
        }
    }

    private mutating func unindexLinks(of objective: Objective) {
        for link in objective.parents {
            switch link.target {
            case .objective(let parent):
                linksToObjective[parent]?.remove(objective.id)
                if linksToObjective[parent]?.isEmpty == true { linksToObjective[parent] = nil }
            case .keyResult(let parent):
                linksToKeyResult[parent]?.remove(objective.id)
                if linksToKeyResult[parent]?.isEmpty == true { linksToKeyResult[parent] = nil }
            }
        }
    }

    /// Re-resolves the links of `id` against the objectives and KRs that exist now, moving it between its
    /// parents' lists of children. Returns the parents it left or joined (their numbers change).
    private mutating func resolveLinks(of id: ObjectiveID) -> Set<ObjectiveID> {
        var touched = Set<ObjectiveID>()
        for parent in parents[id] ?? [] {
            children[parent]?.removeAll { $0.child == id }
            if children[parent]?.isEmpty == true { children[parent] = nil }
            touched.insert(parent)
        }
        parents[id] = nil
        reachingOut.remove(id)
        guard let objective = objectives[id] ?? outside[id]?.objective else { return touched }
        var resolved: [ObjectiveID] = []
        for (index, link) in objective.parents.enumerated() {
            let parent: ObjectiveID?
            switch link.target {
            case .objective(let target): parent = objectives[target] == nil ? nil : target
            case .keyResult(let target): parent = keyResults[target]?.objectiveID
            }
            guard let parent else {
                if objectives[id] != nil { reachingOut.insert(id) }
                continue
            }
            let entry = Child(child: id, weight: link.weight, counts: objective.countsInRollUp, link: index)
            var list = children[parent] ?? []
            let at = list.firstIndex { ($0.child, $0.link) > (id, index) } ?? list.endIndex
            list.insert(entry, at: at)
            children[parent] = list
            if !resolved.contains(parent) { resolved.append(parent) }
            touched.insert(parent)
        }
        if !resolved.isEmpty { parents[id] = resolved }
        return touched
    }

    /// Refuses a loop through any of `changed`: following children from one of them must never lead back to it.
    private func rejectLoops(from changed: Set<ObjectiveID>) throws(DomainError) {
        for start in changed.sorted() where objectives[start] != nil {
            var path: [ObjectiveID] = [start]
            var seen = Set<ObjectiveID>()
            if let loop = findLoop(start, back: start, path: &path, seen: &seen) {
                throw .alignmentCycle(path: loop.map(\.rawValue))
            }
        }
    }

    private func findLoop(
        _ id: ObjectiveID, back start: ObjectiveID, path: inout [ObjectiveID], seen: inout Set<ObjectiveID>
    ) -> [ObjectiveID]? {
        for child in children[id] ?? [] {
            if child.child == start { return path + [start] }
            guard seen.insert(child.child).inserted else { continue }
            path.append(child.child)
            if let loop = findLoop(child.child, back: start, path: &path, seen: &seen) { return loop }
            path.removeLast()
        }
        return nil
    }

    // MARK: Scoring (the rules of `Scorecard` and `Alignment`)

    private mutating func scoreKeyResult(_ id: KeyResultID) {
        guard let kr = keyResults[id] else { return }
        let progress = kr.progress()
        let expected =
            kr.plan.isEmpty || kr.start == nil
            ? line : ExpectedProgress.of(kr, at: day, in: cycle, calendar: calendar)
        let status = cycle.statusRules.assess(
            kr, progress: progress, expected: expected, lastCheckIn: lastCheckIns[id], today: day, cycle: cycle)
        keyResultScores[id] = Scorecard.KeyResultScore(
            id: id, progress: progress, expected: expected, status: status,
            grade: grades[id] ?? KeyResultGrade(progress: progress))
    }

    /// Scores `id` after every child of it in `within` that is not yet `done`.
    private mutating func scoreObjective(_ id: ObjectiveID, within: Set<ObjectiveID>, done: inout Set<ObjectiveID>) {
        guard done.insert(id).inserted, let objective = objectives[id] else { return }
        let kids = (children[id] ?? []).filter(\.counts)
        for child in kids where within.contains(child.child) {
            scoreObjective(child.child, within: within, done: &done)
        }
        let krs = (keyResultIDs[id] ?? []).compactMap { keyResults[$0] }
        let ownScores = krs.compactMap { keyResultScores[$0.id] }

        var terms: [ObjectiveProgress.Contribution] = []
        let useKRs = objective.progressSource != .children || kids.isEmpty
        let useChildren = objective.progressSource != .keyResults || krs.isEmpty
        if useKRs {
            terms += krs.map { .init(source: .keyResult($0.id), progress: $0.progress().value, weight: $0.weight) }
        }
        if useChildren {
            var seen = Set<ObjectiveID>()
            for child in kids where seen.insert(child.child).inserted {
                let value = progress[child.child]?.value ?? 0
                terms.append(.init(source: .child(child.child), progress: value, weight: child.weight))
            }
        }
        let progress = ObjectiveProgress(terms)
        self.progress[id] = progress

        let totalWeight = krs.reduce(Decimal(0)) { $0 + $1.weight }
        let expected: Decimal
        if objective.progressSource == .keyResults || kids.isEmpty, totalWeight > 0 {
            expected = zip(krs, ownScores).reduce(Decimal(0)) { $0 + $1.0.weight * $1.1.expected.value } / totalWeight
        } else {
            expected = line.value
        }
        var statuses = ownScores.map(\.status)
        if objective.progressSource != .keyResults {
            statuses += kids.compactMap { objectiveScores[$0.child]?.status }
        }
        let status = cycle.statusRules.assess(objective: progress.value, expected: expected, keyResults: statuses)
        var childGrades: [ObjectiveGrade.Term] = []
        if useChildren {
            var seen = Set<ObjectiveID>()
            for child in kids where seen.insert(child.child).inserted {
                childGrades.append(.init(grade: objectiveScores[child.child]?.grade.value ?? 0, weight: child.weight))
            }
        }
        let grade = ObjectiveGrade(
            kind: objective.kind,
            grades: useKRs ? zip(krs, ownScores).map { (grade: $0.1.grade, weight: $0.0.weight) } : [],
            children: childGrades)
        objectiveScores[id] = Scorecard.ObjectiveScore(
            id: id, progress: progress, expected: expected, status: status, grade: grade, keyResults: ownScores)
    }
}
