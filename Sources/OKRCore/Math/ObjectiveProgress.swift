import Foundation

/// An objective's progress: `Σ wᵢ·pᵢ / Σ wᵢ` over its KRs (weights) and, when it is driven by its aligned
/// children, over them too (link weights).
public struct ObjectiveProgress: Hashable, Sendable, Codable {
    /// In [0, 1].
    public let value: Decimal
    public let contributions: [Contribution]
    public let explanation: Explanation

    /// One term of the weighted mean.
    public struct Contribution: Hashable, Sendable, Codable {
        public enum Source: Hashable, Sendable, Codable {
            case keyResult(KeyResultID)
            case child(ObjectiveID)
        }
        public let source: Source
        public let progress: Decimal
        public let weight: Decimal
    }

    /// The weighted mean of the contributions; 0 when there are none.
    public init(_ contributions: [Contribution]) {
        let totalWeight = contributions.reduce(Decimal(0)) { $0 + $1.weight }
        let weighted = contributions.reduce(Decimal(0)) { $0 + $1.weight * $1.progress.clampedToUnit }
        let value = totalWeight > 0 ? weighted / totalWeight : 0
        self.value = value
        self.contributions = contributions
        let terms = contributions.map { "\(Plain.text($0.weight))·\(Plain.text($0.progress.clampedToUnit))" }
        let computation =
            contributions.isEmpty
            ? "no key results → 0"
            : "(\(terms.joined(separator: " + "))) / \(Plain.text(totalWeight)) = \(Plain.text(value))"
        self.explanation = Explanation(
            formula: "Σ wᵢ·pᵢ / Σ wᵢ", computation: computation,
            inputs: contributions.map { c in
                switch c.source {
                case .keyResult(let id): return .init("kr:\(id)", Plain.text(c.progress))
                case .child(let id): return .init("objective:\(id)", Plain.text(c.progress))
                }
            })
    }

    /// The progress of an objective from its own KRs only.
    public static func of(keyResults: [KeyResult]) -> ObjectiveProgress {
        ObjectiveProgress(
            keyResults.map { Contribution(source: .keyResult($0.id), progress: $0.progress().value, weight: $0.weight) }
        )
    }
}

/// The alignment of a cycle's objectives: who drives whom, checked for loops, and every objective's progress
/// with its children taken in where the objective is driven by them.
public struct Alignment: Sendable {
    public let objectives: [ObjectiveID: Objective]
    public let keyResults: [ObjectiveID: [KeyResult]]
    /// For each objective, the objectives aligned under it (directly or through one of its KRs), with the link weight.
    public let children: [ObjectiveID: [(child: ObjectiveID, weight: Decimal)]]
    /// Objectives with no parent inside this set.
    public let roots: [ObjectiveID]
    private let progressByID: [ObjectiveID: ObjectiveProgress]

    /// Builds the alignment, rejecting links that loop (`DomainError.alignmentCycle`).
    /// Links to objectives or KRs outside the set are ignored (they belong to another cycle or are hidden).
    public init(objectives: [Objective], keyResults: [KeyResult]) throws(DomainError) {
        var byID: [ObjectiveID: Objective] = [:]
        for objective in objectives { byID[objective.id] = objective }
        var krOwner: [KeyResultID: ObjectiveID] = [:]
        var krs: [ObjectiveID: [KeyResult]] = [:]
        for kr in keyResults where byID[kr.objectiveID] != nil {
            krOwner[kr.id] = kr.objectiveID
            krs[kr.objectiveID, default: []].append(kr)
        }
        var children: [ObjectiveID: [(child: ObjectiveID, weight: Decimal)]] = [:]
        var parents: [ObjectiveID: Set<ObjectiveID>] = [:]
        for objective in objectives.sorted(by: { $0.id < $1.id }) {
            for link in objective.parents {
                let parent: ObjectiveID?
                switch link.target {
                case .objective(let id): parent = byID[id] == nil ? nil : id
                case .keyResult(let id): parent = krOwner[id]
                }
                guard let parent else { continue }
                children[parent, default: []].append((objective.id, link.weight))
                parents[objective.id, default: []].insert(parent)
            }
        }
        try Alignment.rejectLoops(children: children, order: objectives.map(\.id).sorted())
        self.objectives = byID
        self.keyResults = krs
        self.children = children
        self.roots = objectives.map(\.id).filter { parents[$0]?.isEmpty ?? true }.sorted()
        var memo: [ObjectiveID: ObjectiveProgress] = [:]
        for id in byID.keys.sorted() {
            _ = Alignment.compute(id, objectives: byID, krs: krs, children: children, memo: &memo)
        }
        self.progressByID = memo
    }

    public func progress(of id: ObjectiveID) -> ObjectiveProgress? { progressByID[id] }

    /// The children that count in `id`'s numbers (`Objective.countsInRollUp`), with their link weights.
    public func countedChildren(of id: ObjectiveID) -> [(child: ObjectiveID, weight: Decimal)] {
        (children[id] ?? []).filter { objectives[$0.child]?.countsInRollUp ?? false }
    }

    /// The progress across a set of objectives, each counted once however many parents it has.
    public func overall(_ ids: [ObjectiveID]? = nil) -> ObjectiveProgress {
        let distinct = Set(ids ?? Array(objectives.keys)).sorted()
        return ObjectiveProgress(
            distinct.compactMap { id in
                progressByID[id].map { .init(source: .child(id), progress: $0.value, weight: 1) }
            })
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

    private static func compute(
        _ id: ObjectiveID, objectives: [ObjectiveID: Objective], krs: [ObjectiveID: [KeyResult]],
        children: [ObjectiveID: [(child: ObjectiveID, weight: Decimal)]], memo: inout [ObjectiveID: ObjectiveProgress]
    ) -> ObjectiveProgress {
        if let known = memo[id] { return known }
        let objective = objectives[id]!
        var terms: [ObjectiveProgress.Contribution] = []
        let ownKRs = krs[id] ?? []
        let kids = (children[id] ?? []).filter { objectives[$0.child]?.countsInRollUp ?? false }
        let useKRs = objective.progressSource != .children || kids.isEmpty
        let useChildren = objective.progressSource != .keyResults || ownKRs.isEmpty
        if useKRs {
            terms += ownKRs.map { .init(source: .keyResult($0.id), progress: $0.progress().value, weight: $0.weight) }
        }
        if useChildren {
            // A child linked twice (to the objective and to one of its KRs) still counts once here.
            var seen = Set<ObjectiveID>()
            for (child, weight) in kids where seen.insert(child).inserted {
                let p = compute(child, objectives: objectives, krs: krs, children: children, memo: &memo)
                terms.append(.init(source: .child(child), progress: p.value, weight: weight))
            }
        }
        let result = ObjectiveProgress(terms)
        memo[id] = result
        return result
    }

    private static func rejectLoops(
        children: [ObjectiveID: [(child: ObjectiveID, weight: Decimal)]], order: [ObjectiveID]
    ) throws(DomainError) {
        enum Mark { case visiting, done }
        var marks: [ObjectiveID: Mark] = [:]
        var path: [ObjectiveID] = []
        func visit(_ id: ObjectiveID) -> [ObjectiveID]? {
            if marks[id] == .done { return nil }
            if marks[id] == .visiting {
                let start = path.firstIndex(of: id)!
                return Array(path[start...]) + [id]
            }
            marks[id] = .visiting
            path.append(id)
            for (child, _) in children[id] ?? [] {
                if let loop = visit(child) { return loop }
            }
            path.removeLast()
            marks[id] = .done
            return nil
        }
        for id in order {
            if let loop = visit(id) { throw .alignmentCycle(path: loop.map(\.rawValue)) }
        }
    }
}
