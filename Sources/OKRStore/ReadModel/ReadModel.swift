import Foundation
import Logging
import OKRCore
import SQLKit
import Synchronization

/// What pages and the API read instead of the database: the organization and each cycle asked for, held in
/// memory and kept current by every committed write.
///
/// A read takes the current snapshot under a short lock and never waits for a write. A commit names what it
/// changed (`Changes`); `refresh` reloads exactly those rows — an objective with its KRs, their latest
/// check-ins and initiatives — and re-scores only what they roll up into. A check-in that became its KR's
/// latest hands over the KR as it wrote it, so the KR is replaced in memory without reading anything. Callers of a write are
/// answered after that, so they read their own writes. Several instances on one PostgreSQL hear each other's
/// commits through `LISTEN/NOTIFY`; on SQLite, another process writing to the file (the CLI) is noticed through
/// `PRAGMA data_version` and everything is reloaded.
///
/// Active cycles stay loaded, with the shorter cycles they hold; other cycles are loaded when asked for, and only
/// the most recent few are kept.
public final class ReadModel: Sendable {
    struct Cache: Sendable {
        var organization: OrganizationSnapshot?
        var cycles: [CycleID: CycleSnapshot] = [:]
        /// Cycles that are not active, most recently used last.
        var recent: [CycleID] = []
        /// How many times everything was reloaded (see `generation`).
        var generation = 0
    }

    /// Cycles that are not active kept in memory at once.
    static let inactiveCycles = 2

    let database: any SQLDatabase
    /// How a consistent read starts on this backend.
    let beginSnapshot: SQLQueryString
    let logger: Logger
    /// Names this process in notifications, so it skips its own.
    let origin = NewID.make()
    private let cache = Mutex(Cache())
    /// Loads and refreshes run one at a time, in commit order.
    private let updates = SerialGate()

    init(database: any SQLDatabase, beginSnapshot: SQLQueryString, logger: Logger) {
        self.database = database
        self.beginSnapshot = beginSnapshot
        self.logger = logger
    }

    // MARK: Reading

    /// Changes each time everything is reloaded: after a write this process cannot name row by row (another
    /// process wrote to the file, a notice was lost) or a failed refresh. Whatever is kept by a row's version
    /// (a KR's history) is kept with the generation too, since such a write may not show in the versions seen;
    /// it also tells two databases apart (the tests open many in one process).
    public var generation: Generation { Generation(model: origin, reloads: cache.withLock { $0.generation }) }

    /// This read model (one database) and how many times it reloaded everything.
    public struct Generation: Hashable, Sendable {
        let model: String
        let reloads: Int
    }

    /// Counts the commits this model has heard of that changed more than check-ins (a weekly update, an ask, an
    /// initiative, a person, an objective, a KR edited or removed; every one it cannot name, and every one of
    /// another instance that changed a KR, since only the process that wrote a check-in knows it as one). What a page keeps beside the model from
    /// the database — a team's updates and asks of the week — stays current while this count stays the same,
    /// provided it was read after the count was taken: a commit in between raises the count.
    public var revision: Int { revisions.load(ordering: .acquiring) }
    private let revisions = Atomic<Int>(0)

    /// Forgets every snapshot, and starts a new generation.
    private func reset() {
        revisions.add(1, ordering: .releasing)
        cache.withLock { cache in cache = Cache(generation: cache.generation + 1) }
    }

    /// The organization as it stands.
    public func organization() async throws -> OrganizationSnapshot {
        if let organization = cache.withLock({ $0.organization }) { return organization }
        return try await updates.withGate { try await self.loadedOrganization() }
    }

    /// The cycle `id` scored on `day`; nil when no such cycle exists. A cycle that holds shorter ones (a year
    /// over its quarters) counts their objectives aligned into it as those cycles stand now.
    public func cycle(_ id: CycleID, on day: Day) async throws -> CycleSnapshot? {
        let cached = cache.withLock { cache -> CycleSnapshot? in
            guard let snapshot = cache.cycles[id], snapshot.day == day, Self.isCurrent(snapshot, in: cache) else {
                return nil
            }
            Self.used(id, snapshot: snapshot, in: &cache)
            return snapshot
        }
        if let cached { return cached }
        return try await updates.withGate { try await self.current(id, on: day) }
    }

    /// The cycle `id` on `day`, loaded or brought up to date, with the shorter cycles it holds. Runs inside
    /// the gate; the cycles it holds are shorter, so the recursion ends.
    private func current(_ id: CycleID, on day: Day) async throws -> CycleSnapshot? {
        let organization = try await loadedOrganization()
        guard let cycle = organization.cycle(id) else { return nil }
        let cached = cache.withLock { $0.cycles[id] }
        var snapshot: CycleSnapshot
        if let cached, cached.cycle == cycle {
            snapshot = cached.day == day ? cached : cached.rescored(on: day)
        } else {
            snapshot = try await load(cycle, on: day, calendar: organization.calendar)
        }
        let held = organization.cycles.filter { cycle.value.holds($0.value) }
        if !held.isEmpty || !snapshot.sources.isEmpty {
            var sources: [CycleID: CycleSnapshot] = [:]
            for inner in held {
                sources[inner.value.id] = try await current(inner.value.id, on: day)
            }
            if sources.mapValues(\.stamp) != snapshot.sources { snapshot = try snapshot.holding(sources) }
        }
        cache.withLock { cache in
            cache.cycles[id] = snapshot
            Self.used(id, snapshot: snapshot, in: &cache)
        }
        return snapshot
    }

    /// Whether a cached snapshot still counts the shorter cycles it holds as they stand in memory.
    private static func isCurrent(_ snapshot: CycleSnapshot, in cache: Cache) -> Bool {
        guard let organization = cache.organization else { return snapshot.sources.isEmpty }
        var count = 0
        for inner in organization.cycles where snapshot.cycle.value.holds(inner.value) {
            count += 1
            guard let held = cache.cycles[inner.value.id], held.stamp == snapshot.sources[inner.value.id],
                isCurrent(held, in: cache)
            else { return false }
        }
        return count == snapshot.sources.count
    }

    /// The cycle of an objective, when a cycle in memory holds it (nil: ask the database).
    public func cachedCycle(of objective: ObjectiveID) -> CycleID? {
        cache.withLock { cache in
            cache.cycles.first { $0.value.objective(objective) != nil }?.key
        }
    }

    /// The cycle of a KR, when a cycle in memory holds it (nil: ask the database).
    public func cachedCycle(of keyResult: KeyResultID) -> CycleID? {
        cache.withLock { cache in
            cache.cycles.first { $0.value.keyResult(keyResult) != nil }?.key
        }
    }

    private static func used(_ id: CycleID, snapshot: CycleSnapshot, in cache: inout Cache) {
        cache.recent.removeAll { $0 == id }
        guard !isKept(snapshot.cycle.value, organization: cache.organization) else { return }
        cache.recent.append(id)
        while cache.recent.count > inactiveCycles {
            cache.cycles[cache.recent.removeFirst()] = nil
        }
    }

    /// Whether a cycle stays in memory: an active one, and every cycle an active one holds (the quarters of a
    /// running year), which its numbers count.
    private static func isKept(_ cycle: Cycle, organization: OrganizationSnapshot?) -> Bool {
        guard cycle.state != .active else { return true }
        return organization?.cycles.contains { $0.value.state == .active && $0.value.holds(cycle) } ?? false
    }

    // MARK: Loading

    private func loadedOrganization() async throws -> OrganizationSnapshot {
        if let organization = cache.withLock({ $0.organization }) { return organization }
        let organization = try await readSnapshot { loader in
            OrganizationSnapshot(
                settings: try await loader.settings(), cycles: try await loader.cycles(),
                teams: try await loader.teams(), people: try await loader.people().map(\.person))
        }
        cache.withLock { $0.organization = organization }
        return organization
    }

    private func load(_ cycle: Versioned<Cycle>, on day: Day, calendar: WorkingCalendar) async throws
        -> CycleSnapshot
    {
        let aggregates = try await readSnapshot { loader in
            try await Self.aggregates(loader, objectives: "o.cycle_id = \(bind: cycle.value.id.rawValue)")
        }
        let ordered = aggregates.values.sorted {
            ($0.position, $0.objective.value.id) < ($1.position, $1.objective.value.id)
        }
        return try CycleSnapshot(
            cycle: cycle, aggregates: ordered, day: day, calendar: calendar, generation: generation)
    }

    /// Reads on one connection and one database snapshot.
    private func readSnapshot<R: Sendable>(_ body: @escaping @Sendable (Loader) async throws -> R) async throws -> R {
        let begin = beginSnapshot
        return try await database.withSession { session in
            try await session.raw(begin).run()
            do {
                let result = try await body(Loader(db: session))
                try await session.raw("COMMIT").run()
                return result
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// The objectives matching `filter` (on `o`) with their KRs, latest check-ins, initiatives and grades, in a
    /// fixed number of queries.
    static func aggregates(_ loader: Loader, objectives filter: SQLQueryString) async throws
        -> [ObjectiveID: CycleSnapshot.Aggregate]
    {
        let objectives = try await loader.positionedObjectives(filter)
        let ids: SQLQueryString = "(SELECT o.id FROM objectives o WHERE \(filter))"
        let keyResults = try await loader.keyResults("k.objective_id IN \(ids)")
        let lastCheckIns = try await loader.lastCheckIns("k.objective_id IN \(ids)")
        let keyResultIDs: SQLQueryString = "(SELECT k.id FROM key_results k WHERE k.objective_id IN \(ids))"
        let initiatives = try await loader.positionedInitiatives(
            "i.id IN (SELECT ik.initiative_id FROM initiative_key_results ik WHERE ik.key_result_id IN \(keyResultIDs))"
        )
        let grades = try await loader.grades("g.key_result_id IN \(keyResultIDs)")

        let krsByObjective = Dictionary(grouping: keyResults, by: \.value.objectiveID)
        var initiativesByKR: [KeyResultID: [Versioned<Initiative>]] = [:]
        for (initiative, _) in initiatives {
            for kr in initiative.value.keyResultIDs { initiativesByKR[kr, default: []].append(initiative) }
        }
        var aggregates: [ObjectiveID: CycleSnapshot.Aggregate] = [:]
        for (entry, position) in objectives {
            let krs = krsByObjective[entry.value.id] ?? []
            var last: [KeyResultID: CheckIn] = [:]
            var driven: [KeyResultID: [Versioned<Initiative>]] = [:]
            var graded: [KeyResultID: KeyResultGrade] = [:]
            for kr in krs {
                let id = kr.value.id
                last[id] = lastCheckIns[id]
                driven[id] = initiativesByKR[id]
                graded[id] = grades[id]
            }
            aggregates[entry.value.id] = CycleSnapshot.Aggregate(
                objective: entry, position: position, keyResults: krs, lastCheckIns: last, initiatives: driven,
                grades: graded)
        }
        return aggregates
    }

    // MARK: Refreshing

    /// Brings every cached snapshot up to date with committed `changes`. Never throws: a snapshot that cannot
    /// be refreshed is dropped and loaded anew when next asked for.
    func refresh(_ changes: Changes) async {
        guard !changes.isEmpty else { return }
        if !changes.isOnlyCheckIns { revisions.add(1, ordering: .releasing) }
        try? await updates.withGate {
            let before = self.cache.withLock { $0.cycles }
            do {
                try await self.apply(changes)
            } catch {
                self.logger.error(
                    "read model reloads everything after a failed refresh", metadata: ["error": "\(error)"])
                self.reset()
            }
            self.publish(Update(changes: changes, before: before, after: self.cache.withLock { $0.cycles }))
        }
    }

    // MARK: Following the changes

    /// A commit as the read model applied it — this process's or, on PostgreSQL, another instance's — with the
    /// cycles in memory before and after it: what live pages are told.
    public struct Update: Sendable {
        public let changes: Changes
        public let before: [CycleID: CycleSnapshot]
        public let after: [CycleID: CycleSnapshot]
    }

    private let followers = Mutex<[Int: AsyncStream<Update>.Continuation]>([:])
    private let nextFollower = Atomic<Int>(0)

    /// Every update from now on, in commit order, until the stream is dropped. A follower that falls more than
    /// 64 updates behind loses the oldest (each holds two versions of the cycles in memory).
    public func follow() -> AsyncStream<Update> {
        let (stream, continuation) = AsyncStream.makeStream(of: Update.self, bufferingPolicy: .bufferingNewest(64))
        let key = nextFollower.add(1, ordering: .relaxed).newValue
        followers.withLock { $0[key] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.followers.withLock { $0.removeValue(forKey: key) }
        }
        return stream
    }

    private func publish(_ update: Update) {
        for follower in followers.withLock({ Array($0.values) }) { follower.yield(update) }
    }

    private static let organizationKinds: Set<String> = ["settings", "cycle", "team", "person"]

    private func apply(_ changes: Changes) async throws {
        if changes.everything {
            reset()
            return
        }
        if changes.entities.contains(where: { Self.organizationKinds.contains($0.kind) }) {
            try await refreshOrganization()
        }
        var cached = cache.withLock { $0.cycles }
        guard !cached.isEmpty else { return }

        var objectiveIDs = Set(changes.ids("objective").map { ObjectiveID($0) })
        // KRs a check-in moved are updated from the values it wrote; any other change to a KR reloads its
        // objective.
        var keyResultIDs = Set(
            (changes.ids("key_result").filter { changes.moved[KeyResultID($0)] == nil }
                + changes.ids("key_result_grade")).map { KeyResultID($0) })
        let initiativeIDs = Set(changes.ids("initiative").map { InitiativeID($0) })
        if !initiativeIDs.isEmpty {
            for snapshot in cached.values { keyResultIDs.formUnion(snapshot.keyResults(drivenBy: initiativeIDs)) }
            let ids: [any Encodable & Sendable] = initiativeIDs.map(\.rawValue).sorted()
            let rows = try await database.raw(
                "SELECT key_result_id FROM initiative_key_results WHERE initiative_id IN (\(binds: ids))"
            ).all()
            for row in rows {
                keyResultIDs.insert(KeyResultID(try row.decode(column: "key_result_id", as: String.self)))
            }
        }
        if !keyResultIDs.isEmpty {
            for snapshot in cached.values { objectiveIDs.formUnion(snapshot.objectives(holding: keyResultIDs)) }
            let ids: [any Encodable & Sendable] = keyResultIDs.map(\.rawValue).sorted()
            let rows = try await database.raw("SELECT objective_id FROM key_results WHERE id IN (\(binds: ids))").all()
            for row in rows {
                objectiveIDs.insert(ObjectiveID(try row.decode(column: "objective_id", as: String.self)))
            }
        }
        let moved = changes.moved.values.filter {
            !keyResultIDs.contains($0.keyResult.value.id) && !objectiveIDs.contains($0.keyResult.value.objectiveID)
        }
        if !moved.isEmpty {
            for (cycleID, snapshot) in cached {
                let held = moved.filter { snapshot.objective($0.keyResult.value.objectiveID) != nil }
                guard !held.isEmpty else { continue }
                if let next = try? snapshot.moving(held) {
                    cached[cycleID] = next
                    cache.withLock { $0.cycles[cycleID] = next }
                } else {
                    objectiveIDs.formUnion(held.map(\.keyResult.value.objectiveID))
                }
            }
        }
        guard !objectiveIDs.isEmpty else { return }
        let ids: [any Encodable & Sendable] = objectiveIDs.map(\.rawValue).sorted()
        let aggregates = try await readSnapshot { loader in
            try await Self.aggregates(loader, objectives: "o.id IN (\(binds: ids))")
        }
        for (cycleID, snapshot) in cached {
            var replaced: [ObjectiveID: CycleSnapshot.Aggregate?] = [:]
            for id in objectiveIDs {
                if let aggregate = aggregates[id], aggregate.objective.value.cycleID == cycleID {
                    replaced[id] = aggregate
                } else if snapshot.objective(id) != nil {
                    replaced[id] = .some(nil)
                }
            }
            guard !replaced.isEmpty else { continue }
            do {
                let next = try snapshot.replacing(replaced)
                cache.withLock { $0.cycles[cycleID] = next }
            } catch {
                logger.error("read model drops a cycle it could not refresh", metadata: ["error": "\(error)"])
                _ = cache.withLock { $0.cycles.removeValue(forKey: cycleID) }
            }
        }
    }

    /// Reloads the organization; a cycle whose own row changed, or every cycle when the calendar changed, is
    /// dropped and loaded anew when next asked for.
    private func refreshOrganization() async throws {
        let before = cache.withLock { $0.organization }
        guard before != nil || !cache.withLock({ $0.cycles.isEmpty }) else { return }
        cache.withLock { $0.organization = nil }
        let after = try await loadedOrganization()
        cache.withLock { cache in
            let calendarChanged = before?.calendar != after.calendar
            for (id, snapshot) in cache.cycles where calendarChanged || after.cycle(id) != snapshot.cycle {
                cache.cycles[id] = nil
                cache.recent.removeAll { $0 == id }
            }
        }
    }

    // MARK: Several instances

    /// Tells the other instances what this transaction changes, delivered when (and only if) it commits.
    func announce(_ changes: Changes, on db: any SQLDatabase) async throws {
        var message = Notice(origin: origin, changes: changes)
        var payload = String(decoding: try JSONEncoder().encode(message), as: UTF8.self)
        // PostgreSQL's limit is 8000 bytes; past it, everyone reloads everything.
        if payload.utf8.count > 7_900 {
            message = Notice(origin: origin, changes: .all)
            payload = String(decoding: try JSONEncoder().encode(message), as: UTF8.self)
        }
        try await db.raw("SELECT pg_notify(\(literal: Self.channel), \(bind: payload))").run()
    }

    /// Applies another instance's notice; its own are skipped (they were applied at commit).
    func heard(_ payload: String) async {
        guard let notice = try? JSONDecoder().decode(Notice.self, from: Data(payload.utf8)) else {
            await refresh(.all)
            return
        }
        if notice.origin != origin { await refresh(notice.changes) }
    }

    static let channel = "okra_changes"

    struct Notice: Codable {
        let origin: String
        let changes: Changes
    }

    /// Forgets everything (the database is being closed).
    func stop() async {
        reset()
    }
}
