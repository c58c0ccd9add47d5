import Foundation
import HashTreeCollections
import OKRCore
import Synchronization

/// One cycle as it stands on one day, in memory: its objectives, KRs, initiatives, each KR's latest check-in
/// and every number of its `LiveScorecard`, with the indexes pages look things up by (an owner's objectives,
/// a person's KRs). Immutable: a commit makes the next snapshot by changing only what it touched, sharing the
/// rest (persistent maps), so a page keeps reading the snapshot it started with.
///
/// It holds no check-in history (a KR's chart reads its own from the database), so it does not grow with time.
public struct CycleSnapshot: Sendable {
    /// One objective with everything the snapshot keeps of it, as it is loaded and replaced.
    struct Aggregate: Sendable {
        let objective: Versioned<Objective>
        let position: Int
        /// In their stored order.
        let keyResults: [Versioned<KeyResult>]
        let lastCheckIns: [KeyResultID: CheckIn]
        /// Each KR's initiatives in list order (position, then id).
        let initiatives: [KeyResultID: [Versioned<Initiative>]]
        let grades: [KeyResultID: KeyResultGrade]
    }

    public let cycle: Versioned<Cycle>
    /// The read model's generation this snapshot was loaded in: with a row's version, it names the row's
    /// content (what is kept by version elsewhere keys on both).
    public let generation: ReadModel.Generation
    public private(set) var scorecard: LiveScorecard
    /// Names this value among every snapshot of the process: each change makes a new one.
    public private(set) var stamp = Self.nextStamp()
    /// The shorter cycles within this one (its quarters) whose objectives are counted here, each with the stamp
    /// of the snapshot they were taken from: when one of those moves on, this one is brought up to date.
    public private(set) var sources: [CycleID: Int] = [:]
    private var objectiveEntries: TreeDictionary<ObjectiveID, Versioned<Objective>> = [:]
    private var positions: TreeDictionary<ObjectiveID, Int> = [:]
    /// Every objective of the cycle, by position (creation order).
    public private(set) var order: [ObjectiveID] = []
    /// Every objective of the cycle, by id: the API's cursor order.
    public private(set) var idOrder: [ObjectiveID] = []
    private var keyResultEntries: TreeDictionary<KeyResultID, Versioned<KeyResult>> = [:]
    private var keyResultIDs: TreeDictionary<ObjectiveID, [KeyResultID]> = [:]
    private var initiativeEntries: TreeDictionary<KeyResultID, [Versioned<Initiative>]> = [:]
    private var lastCheckIns: TreeDictionary<KeyResultID, CheckIn> = [:]
    private var objectivesByOwner: TreeDictionary<String, [ObjectiveID]> = [:]
    private var keyResultsByOwner: TreeDictionary<String, [KeyResultID]> = [:]
    private var keyResultsOfInitiativeOwners: TreeDictionary<String, [KeyResultID]> = [:]

    init(
        cycle: Versioned<Cycle>, aggregates: [Aggregate], day: Day, calendar: WorkingCalendar,
        generation: ReadModel.Generation
    ) throws(DomainError) {
        self.cycle = cycle
        self.generation = generation
        let graded = cycle.value.state == .closed
        var lastDays: [KeyResultID: Day] = [:]
        var grades: [KeyResultID: KeyResultGrade] = [:]
        for aggregate in aggregates {
            for (id, checkIn) in aggregate.lastCheckIns { lastDays[id] = checkIn.day }
            if graded { grades.merge(aggregate.grades) { a, _ in a } }
        }
        scorecard = try LiveScorecard(
            cycle: cycle.value, objectives: aggregates.map(\.objective.value),
            keyResults: aggregates.flatMap { $0.keyResults.map(\.value) }, lastCheckIns: lastDays, grades: grades,
            today: day, calendar: calendar)
        for aggregate in aggregates { store(aggregate) }
        order = positions.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
        idOrder = order.sorted()
    }

    // MARK: Reading

    public var day: Day { scorecard.day }

    public func objective(_ id: ObjectiveID) -> Versioned<Objective>? { objectiveEntries[id] }
    public func keyResult(_ id: KeyResultID) -> Versioned<KeyResult>? { keyResultEntries[id] }

    /// An objective's KRs in their stored order.
    public func keyResults(of objective: ObjectiveID) -> [Versioned<KeyResult>] {
        (keyResultIDs[objective] ?? []).compactMap { keyResultEntries[$0] }
    }

    /// The initiatives that drive a KR, in list order.
    public func initiatives(of keyResult: KeyResultID) -> [Versioned<Initiative>] {
        initiativeEntries[keyResult] ?? []
    }

    /// A KR's latest effective check-in.
    public func lastCheckIn(_ keyResult: KeyResultID) -> CheckIn? { lastCheckIns[keyResult] }

    /// The objectives an owner has in the cycle (private ones included), by position.
    public func objectives(ownedBy owner: Owner?) -> [ObjectiveID] { objectivesByOwner[Self.key(owner)] ?? [] }

    /// The KRs an owner has in the cycle, whoever owns their objective.
    public func keyResults(ownedBy owner: Owner) -> [KeyResultID] { keyResultsByOwner[Self.key(owner)] ?? [] }

    /// The KRs driven by an initiative the person owns.
    public func keyResults(drivenBy owner: Owner) -> [KeyResultID] {
        keyResultsOfInitiativeOwners[Self.key(owner)] ?? []
    }

    public var objectiveCount: Int { order.count }

    /// Some objectives of this snapshot in the cycle's order (those it does not hold are left out).
    public func ordered(_ ids: some Collection<ObjectiveID>) -> [ObjectiveID] {
        ids.compactMap { id in positions[id].map { (id, $0) } }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }

    public func score(_ id: ObjectiveID) -> Scorecard.ObjectiveScore? { scorecard.score(id) }
    public func score(_ id: KeyResultID) -> Scorecard.KeyResultScore? { scorecard.score(id) }

    /// The objectives aligned under an objective (directly or through one of its KRs), with the link weight.
    public func children(of id: ObjectiveID) -> [LiveScorecard.Child] { scorecard.children[id] ?? [] }

    /// The objectives of shorter cycles within this one aligned under an objective, each once with its first
    /// link's weight, as their own cycles score them.
    public func outsideChildren(of id: ObjectiveID) -> [(child: LiveScorecard.Outside, weight: Decimal)] {
        var seen = Set<ObjectiveID>()
        return children(of: id).compactMap { child in
            guard let outside = scorecard.outside[child.child], seen.insert(child.child).inserted else { return nil }
            return (outside, child.weight)
        }
    }

    /// This cycle's objectives aligned to an objective or a KR of `longer`, a cycle that holds this one, as
    /// this cycle scores them.
    func aligned(into longer: CycleSnapshot) -> [ObjectiveID: LiveScorecard.Outside] {
        var found: [ObjectiveID: LiveScorecard.Outside] = [:]
        let closed = cycle.value.state == .closed
        for id in scorecard.reachingOut {
            guard let objective = scorecard.objectives[id], let score = scorecard.score(id) else { continue }
            let inside = objective.parents.contains { link in
                switch link.target {
                case .objective(let parent): longer.objective(parent) != nil
                case .keyResult(let parent): longer.keyResult(parent) != nil
                }
            }
            if inside { found[id] = LiveScorecard.Outside(objective: objective, score: score, closed: closed) }
        }
        return found
    }

    private static let stamps = Atomic<Int>(0)
    private static func nextStamp() -> Int { stamps.add(1, ordering: .relaxed).newValue }

    static func key(_ owner: Owner?) -> String { owner?.description ?? "" }

    // MARK: Changing

    /// The snapshot with `replaced` objectives loaded anew (`nil`: no longer in this cycle), on the same day.
    func replacing(_ replaced: [ObjectiveID: Aggregate?]) throws(DomainError) -> CycleSnapshot {
        var next = self
        var update = LiveScorecard.Update()
        let graded = cycle.value.state == .closed
        for (id, aggregate) in replaced {
            next.remove(id)
            guard let aggregate else {
                if objectiveEntries[id] != nil { update.objectives[id] = .some(nil) }
                continue
            }
            next.store(aggregate)
            update.objectives[id] = (aggregate.objective.value, aggregate.keyResults.map(\.value))
            for kr in aggregate.keyResults {
                update.lastCheckIns[kr.value.id] = .some(aggregate.lastCheckIns[kr.value.id]?.day)
                if graded { update.grades[kr.value.id] = .some(aggregate.grades[kr.value.id]) }
            }
        }
        if !update.isEmpty { try next.scorecard.apply(update) }
        next.stamp = Self.nextStamp()
        if replaced.keys.contains(where: { next.positions[$0] != positions[$0] }) {
            next.order = next.positions.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
            next.idOrder = next.order.sorted()
        }
        return next
    }

    /// The snapshot with KRs moved by check-ins, taken from the values written instead of reading them back;
    /// nil when it does not hold one of their objectives with that KR (then the objective is loaded anew). A KR
    /// it already holds at the same version or a later one (another instance's commit, reloaded) stays.
    func moving(_ moved: some Sequence<Changes.Moved>) throws(DomainError) -> CycleSnapshot? {
        guard cycle.value.state != .closed else { return nil }
        var byObjective: [ObjectiveID: [KeyResultID: Changes.Moved]] = [:]
        for move in moved {
            let kr = move.keyResult.value
            guard let held = keyResultEntries[kr.id], held.value.objectiveID == kr.objectiveID else { return nil }
            guard held.version < move.keyResult.version else { continue }
            byObjective[kr.objectiveID, default: [:]][kr.id] = move
        }
        var replaced: [ObjectiveID: Aggregate?] = [:]
        for (id, moves) in byObjective {
            guard let objective = objectiveEntries[id], let position = positions[id] else { return nil }
            let keyResults = keyResults(of: id).map { moves[$0.value.id]?.keyResult ?? $0 }
            var last: [KeyResultID: CheckIn] = [:]
            var driven: [KeyResultID: [Versioned<Initiative>]] = [:]
            for kr in keyResults.map(\.value.id) {
                last[kr] = moves[kr]?.lastCheckIn ?? lastCheckIns[kr]
                driven[kr] = initiativeEntries[kr]
            }
            replaced[id] = Aggregate(
                objective: objective, position: position, keyResults: keyResults, lastCheckIns: last,
                initiatives: driven, grades: [:])
        }
        return replaced.isEmpty ? self : try replacing(replaced)
    }

    /// The snapshot scored on another day.
    func rescored(on day: Day) -> CycleSnapshot {
        var next = self
        next.scorecard.rescore(on: day)
        next.stamp = Self.nextStamp()
        return next
    }

    /// The snapshot counting the objectives of `held` — the shorter cycles within this one, each as it stands —
    /// that are aligned into it.
    func holding(_ held: [CycleID: CycleSnapshot]) throws(DomainError) -> CycleSnapshot {
        var found: [ObjectiveID: LiveScorecard.Outside] = [:]
        for snapshot in held.values { found.merge(snapshot.aligned(into: self)) { a, _ in a } }
        var update = LiveScorecard.Update()
        for (id, entry) in found where scorecard.outside[id] != entry { update.outside[id] = entry }
        for id in scorecard.outside.keys where found[id] == nil { update.outside[id] = .some(nil) }
        var next = self
        if !update.isEmpty { try next.scorecard.apply(update) }
        next.sources = held.mapValues(\.stamp)
        next.stamp = Self.nextStamp()
        return next
    }

    /// Which objective of this snapshot each of these KRs belongs to, for those it holds.
    func objectives(holding keyResults: some Sequence<KeyResultID>) -> Set<ObjectiveID> {
        Set(keyResults.compactMap { keyResultEntries[$0]?.value.objectiveID })
    }

    /// The KRs each of these initiatives drives in this snapshot.
    func keyResults(drivenBy initiatives: Set<InitiativeID>) -> Set<KeyResultID> {
        var found = Set<KeyResultID>()
        for (kr, list) in initiativeEntries where list.contains(where: { initiatives.contains($0.value.id) }) {
            found.insert(kr)
        }
        return found
    }

    private mutating func store(_ aggregate: Aggregate) {
        let objective = aggregate.objective.value
        objectiveEntries[objective.id] = aggregate.objective
        positions[objective.id] = aggregate.position
        let positions = self.positions
        Self.insert(objective.id, into: &objectivesByOwner[Self.key(objective.owner), default: []]) {
            positions[$0] ?? 0
        }
        keyResultIDs[objective.id] = aggregate.keyResults.map(\.value.id)
        for entry in aggregate.keyResults {
            let kr = entry.value
            keyResultEntries[kr.id] = entry
            if let owner = kr.owner { keyResultsByOwner[Self.key(owner), default: []].append(kr.id) }
            let initiatives = aggregate.initiatives[kr.id] ?? []
            initiativeEntries[kr.id] = initiatives.isEmpty ? nil : initiatives
            for owner in Set(initiatives.compactMap(\.value.owner)) {
                keyResultsOfInitiativeOwners[Self.key(owner), default: []].append(kr.id)
            }
            lastCheckIns[kr.id] = aggregate.lastCheckIns[kr.id]
        }
    }

    private mutating func remove(_ id: ObjectiveID) {
        guard let old = objectiveEntries[id] else { return }
        let ownerKey = Self.key(old.value.owner)
        objectivesByOwner[ownerKey]?.removeAll { $0 == id }
        if objectivesByOwner[ownerKey]?.isEmpty == true { objectivesByOwner[ownerKey] = nil }
        for kr in keyResultIDs[id] ?? [] {
            if let owner = keyResultEntries[kr]?.value.owner {
                Self.drop(kr, from: &keyResultsByOwner, key: Self.key(owner))
            }
            for owner in Set((initiativeEntries[kr] ?? []).compactMap(\.value.owner)) {
                Self.drop(kr, from: &keyResultsOfInitiativeOwners, key: Self.key(owner))
            }
            keyResultEntries[kr] = nil
            initiativeEntries[kr] = nil
            lastCheckIns[kr] = nil
        }
        keyResultIDs[id] = nil
        objectiveEntries[id] = nil
        positions[id] = nil
    }

    private static func drop<ID: Equatable>(_ id: ID, from index: inout TreeDictionary<String, [ID]>, key: String) {
        index[key]?.removeAll { $0 == id }
        if index[key]?.isEmpty == true { index[key] = nil }
    }

    /// Inserts `id` keeping `list` sorted by `rank` (then id).
    private static func insert(_ id: ObjectiveID, into list: inout [ObjectiveID], rank: (ObjectiveID) -> Int) {
        let key = (rank(id), id)
        let at = list.firstIndex { (rank($0), $0) > key } ?? list.endIndex
        list.insert(id, at: at)
    }
}
