import Foundation

/// Every number of a cycle on a given day, computed once: each KR's progress, expected progress, status and
/// proposed grade, and each objective's progress (with its aligned children where it is driven by them),
/// expected progress, status and grade. Pages, the API and the CLI all read these; none recomputes.
public struct Scorecard: Sendable {
    public struct KeyResultScore: Hashable, Sendable, Codable {
        public let id: KeyResultID
        public let progress: KeyResultProgress
        public let expected: ExpectedProgress
        public let status: StatusAssessment
        /// The stored grade when the cycle was graded, else the proposal from progress.
        public let grade: KeyResultGrade
    }

    public struct ObjectiveScore: Hashable, Sendable, Codable {
        public let id: ObjectiveID
        public let progress: ObjectiveProgress
        public let expected: Decimal
        public let status: StatusAssessment
        public let grade: ObjectiveGrade
        public let keyResults: [KeyResultScore]
    }

    public let day: Day
    public let objectives: [ObjectiveID: ObjectiveScore]
    public let keyResults: [KeyResultID: KeyResultScore]
    public let alignment: Alignment
    /// The whole cycle's progress, each objective counted once.
    public let overall: ObjectiveProgress

    /// Scores a cycle on `today`. `lastCheckIns` gives the day of each KR's latest check-in (for staleness);
    /// `grades` the grades recorded at close. Throws when the alignment loops.
    public init(
        cycle: Cycle, objectives: [Objective], keyResults: [KeyResult], lastCheckIns: [KeyResultID: Day] = [:],
        grades: [KeyResultID: KeyResultGrade] = [:], today: Day, calendar: WorkingCalendar
    ) throws(DomainError) {
        let rules = cycle.statusRules
        let alignment = try Alignment(objectives: objectives, keyResults: keyResults)
        var krScores: [KeyResultID: KeyResultScore] = [:]
        for kr in keyResults {
            let progress = kr.progress()
            let expected = ExpectedProgress.of(kr, at: today, in: cycle, calendar: calendar)
            let status = rules.assess(
                kr, progress: progress, expected: expected, lastCheckIn: lastCheckIns[kr.id], today: today,
                cycle: cycle)
            krScores[kr.id] = KeyResultScore(
                id: kr.id, progress: progress, expected: expected, status: status,
                grade: grades[kr.id] ?? KeyResultGrade(progress: progress))
        }
        let line = ExpectedProgress.at(today, in: cycle, calendar: calendar).value
        var objectiveScores: [ObjectiveID: ObjectiveScore] = [:]
        // Children before parents, so a parent can read its children's statuses.
        for id in Scorecard.bottomUp(alignment) {
            guard let objective = alignment.objectives[id], let progress = alignment.progress(of: id) else { continue }
            let krs = alignment.keyResults[id] ?? []
            let ownScores = krs.compactMap { krScores[$0.id] }
            let kids = alignment.countedChildren(of: id)
            let totalWeight = krs.reduce(Decimal(0)) { $0 + $1.weight }
            let expected: Decimal
            if objective.progressSource == .keyResults || kids.isEmpty, totalWeight > 0 {
                expected =
                    zip(krs, ownScores).reduce(Decimal(0)) { $0 + $1.0.weight * $1.1.expected.value } / totalWeight
            } else {
                expected = line
            }
            var statuses = ownScores.map(\.status)
            if objective.progressSource != .keyResults {
                statuses += kids.compactMap { objectiveScores[$0.child]?.status }
            }
            let status = rules.assess(objective: progress.value, expected: expected, keyResults: statuses)
            let useKRs = objective.progressSource != .children || kids.isEmpty
            let useChildren = objective.progressSource != .keyResults || krs.isEmpty
            var childGrades: [ObjectiveGrade.Term] = []
            if useChildren {
                var seen = Set<ObjectiveID>()
                for (child, weight) in kids where seen.insert(child).inserted {
                    childGrades.append(.init(grade: objectiveScores[child]?.grade.value ?? 0, weight: weight))
                }
            }
            let grade = ObjectiveGrade(
                kind: objective.kind,
                grades: useKRs ? zip(krs, ownScores).map { (grade: $0.1.grade, weight: $0.0.weight) } : [],
                children: childGrades)
            objectiveScores[id] = ObjectiveScore(
                id: id, progress: progress, expected: expected, status: status, grade: grade, keyResults: ownScores)
        }
        self.day = today
        self.objectives = objectiveScores
        self.keyResults = krScores
        self.alignment = alignment
        self.overall = alignment.overall()
    }

    /// Objectives ordered so every child comes before its parents.
    private static func bottomUp(_ alignment: Alignment) -> [ObjectiveID] {
        var order: [ObjectiveID] = []
        var seen = Set<ObjectiveID>()
        func visit(_ id: ObjectiveID) {
            guard seen.insert(id).inserted else { return }
            for (child, _) in alignment.children[id] ?? [] { visit(child) }
            order.append(id)
        }
        for id in alignment.objectives.keys.sorted() { visit(id) }
        return order
    }
}
