import Foundation
import Testing

@testable import OKRCore

/// The live scorecard re-scores only what a change touches; after any stream of changes its numbers must be the
/// numbers a `Scorecard` computes from scratch on the same inputs.
@Suite("Live scorecard")
struct LiveScorecardTests {
    typealias F = Fixture

    /// A small random organization and the changes people make to it, from a seed (SplitMix64).
    struct World {
        var random: SplitMix64
        var objectives: [ObjectiveID: Objective] = [:]
        var keyResults: [ObjectiveID: [KeyResult]] = [:]
        var lastCheckIns: [KeyResultID: Day] = [:]
        var grades: [KeyResultID: KeyResultGrade] = [:]
        var today = F.day("2026-11-16")
        var next = 0

        init(seed: UInt64) { random = SplitMix64(seed: seed) }

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
        mutating func name(_ prefix: String) -> String {
            next += 1
            return "\(prefix)\(String(format: "%04d", next))"
        }

        var allKeyResults: [KeyResult] { objectives.keys.sorted().flatMap { keyResults[$0] ?? [] } }

        mutating func keyResult(of objective: ObjectiveID) throws -> KeyResult {
            let id = name("k")
            let weight = Decimal(int(1...3))
            let current: Decimal? = chance(20) ? nil : Decimal(int(-10...130))
            let confidence = chance(30) ? nil : int(0...10)
            switch int(0...6) {
            case 0:
                let plan = chance(50) ? [PlannedValue(day: F.day("2026-11-30"), value: 60)] : []
                return try F.keyResult(
                    id, objective: objective.rawValue, kind: .increase, start: 0, target: 100, current: current,
                    weight: weight, confidence: confidence, plan: plan)
            case 1:
                return try F.keyResult(
                    id, objective: objective.rawValue, kind: .decrease, start: 100, target: 20, current: current,
                    weight: weight, confidence: confidence)
            case 2:
                return try F.keyResult(
                    id, objective: objective.rawValue, kind: .atLeast, target: 50, current: current, weight: weight,
                    confidence: confidence,
                    condition: chance(50)
                        ? try ValidityCondition(metric: "responses", minimum: 40, actual: Decimal(int(0...80))) : nil)
            case 3:
                return try F.keyResult(
                    id, objective: objective.rawValue, kind: .atMost, target: 50, current: current, weight: weight)
            case 4:
                return try F.keyResult(
                    id, objective: objective.rawValue, kind: .range, target: 20, targetHigh: 80, current: current,
                    weight: weight)
            case 5:
                return try F.keyResult(
                    id, objective: objective.rawValue, kind: .milestone, current: current.map { $0 > 50 ? 1 : 0 },
                    weight: weight, due: chance(50) ? F.day("2026-11-01") : nil)
            default:
                return try F.keyResult(
                    id, objective: objective.rawValue, kind: .baseline, current: current, weight: weight)
            }
        }

        /// Links only to objectives created earlier (and their KRs), so the alignment never loops.
        mutating func links(for id: ObjectiveID) throws -> [AlignmentLink] {
            let earlier = objectives.keys.filter { $0 < id }.sorted()
            guard !earlier.isEmpty, !chance(20) else { return [] }
            var links: [AlignmentLink] = []
            for _ in 0..<(chance(15) ? 2 : 1) {
                let parent = earlier[int(0...(earlier.count - 1))]
                let weight = Decimal(int(1...4))
                let target: AlignmentLink.Target
                if chance(30), let krs = keyResults[parent], !krs.isEmpty {
                    target = .keyResult(krs[int(0...(krs.count - 1))].id)
                } else {
                    target = .objective(parent)
                }
                if !links.contains(where: { $0.target == target }) {
                    links.append(try AlignmentLink(to: target, weight: weight))
                }
            }
            if chance(5) { links.append(try AlignmentLink(to: .keyResult(KeyResultID("gone")), weight: 1)) }
            return links
        }

        mutating func objective(_ id: ObjectiveID) throws -> Objective {
            let sources = Objective.ProgressSource.allCases
            return try Objective(
                id: id, cycleID: F.q4of2026.id, title: F.name(id.rawValue), owner: .company,
                kind: chance(50) ? .committed : .aspirational, state: state(), parents: try links(for: id),
                progressSource: sources[int(0...(sources.count - 1))])
        }

        /// Mostly published; some drafts, proposals and archived objectives, which count in no parent.
        mutating func state() -> Objective.State {
            let states: [Objective.State] = [.published, .published, .published, .draft, .inReview, .archived]
            return states[int(0...(states.count - 1))]
        }

        /// Adds an objective with 0–4 KRs; returns the update that says so.
        mutating func addObjective() throws -> LiveScorecard.Update {
            let id = ObjectiveID(name("o"))
            let objective = try objective(id)
            objectives[id] = objective
            keyResults[id] = try (0..<int(0...4)).map { _ in try keyResult(of: id) }
            var update = LiveScorecard.Update()
            update.objectives[id] = (objective, keyResults[id] ?? [])
            return update
        }

        /// One random change a person could make, as the read model would pass it on.
        mutating func change() throws -> LiveScorecard.Update {
            var update = LiveScorecard.Update()
            let ids = objectives.keys.sorted()
            guard !ids.isEmpty, !chance(10) else { return try addObjective() }
            let id = ids[int(0...(ids.count - 1))]
            switch int(0...7) {
            case 0:
                // A check-in: a new value, and its day.
                guard var krs = keyResults[id], !krs.isEmpty else { return try addObjective() }
                let index = int(0...(krs.count - 1))
                let kr = krs[index]
                let value = kr.kind == .milestone ? Decimal(int(0...1)) : Decimal(int(-10...130))
                krs[index] = try kr.recording(value, confidence: try Confidence(int(0...10)))
                keyResults[id] = krs
                let day = today.adding(days: -int(0...20))
                lastCheckIns[kr.id] = day
                update.objectives[id] = (objectives[id]!, krs)
                update.lastCheckIns[kr.id] = day
            case 1:
                keyResults[id, default: []].append(try keyResult(of: id))
                update.objectives[id] = (objectives[id]!, keyResults[id]!)
            case 2:
                guard var krs = keyResults[id], !krs.isEmpty else { return try addObjective() }
                krs.remove(at: int(0...(krs.count - 1)))
                keyResults[id] = krs
                update.objectives[id] = (objectives[id]!, krs)
            case 3:
                // New links, a new kind or progress source.
                var objective = try self.objective(id)
                objective.title = objectives[id]!.title
                objectives[id] = objective
                update.objectives[id] = (objective, keyResults[id] ?? [])
            case 4:
                objectives[id] = nil
                keyResults[id] = nil
                update.objectives[id] = .some(nil)
            case 5:
                guard let kr = keyResults[id]?.first else { return try addObjective() }
                let grade = try KeyResultGrade(
                    proposed: kr.progress().value, value: Decimal(int(0...10)) / 10, reason: "calibrated")
                grades[kr.id] = grade
                update.grades[kr.id] = grade
            case 6:
                guard let kr = keyResults[id]?.first else { return try addObjective() }
                lastCheckIns[kr.id] = nil
                update.lastCheckIns[kr.id] = .some(nil)
            default:
                // Several objectives at once, as one group commit brings them.
                for _ in 0..<3 {
                    let more = try change()
                    for (key, value) in more.objectives { update.objectives[key] = value }
                    for (key, value) in more.lastCheckIns { update.lastCheckIns[key] = value }
                    for (key, value) in more.grades { update.grades[key] = value }
                }
            }
            return update
        }

        func scorecard() throws -> Scorecard {
            try Scorecard(
                cycle: F.q4of2026, objectives: objectives.values.sorted { $0.id < $1.id }, keyResults: allKeyResults,
                lastCheckIns: lastCheckIns, grades: grades, today: today, calendar: WorkingCalendar())
        }

        func live() throws -> LiveScorecard {
            try LiveScorecard(
                cycle: F.q4of2026, objectives: objectives.values.sorted { $0.id < $1.id }, keyResults: allKeyResults,
                lastCheckIns: lastCheckIns, grades: grades, today: today, calendar: WorkingCalendar())
        }
    }

    static func expectSame(_ live: LiveScorecard, _ full: Scorecard, sourceLocation: SourceLocation = #_sourceLocation)
    {
        #expect(live.objectiveScores.count == full.objectives.count, sourceLocation: sourceLocation)
        for (id, score) in full.objectives {
            #expect(live.score(id) == score, "objective \(id)", sourceLocation: sourceLocation)
        }
        #expect(live.keyResultScores.count == full.keyResults.count, sourceLocation: sourceLocation)
        for (id, score) in full.keyResults {
            #expect(live.score(id) == score, "key result \(id)", sourceLocation: sourceLocation)
        }
        for (id, children) in full.alignment.children {
            #expect(
                live.children[id]?.map { "\($0.child)×\($0.weight)" } == children.map { "\($0.child)×\($0.weight)" },
                sourceLocation: sourceLocation)
        }
        #expect(live.children.count == full.alignment.children.count, sourceLocation: sourceLocation)
        #expect(live.roots == full.alignment.roots, sourceLocation: sourceLocation)
        #expect(live.overall() == full.overall, sourceLocation: sourceLocation)
        #expect(live.meanProgress(live.objectives.keys) == full.overall.value, sourceLocation: sourceLocation)
    }

    @Test("Built at once, it scores a cycle exactly as Scorecard does", arguments: 1...10)
    func builtAtOnce(seed: UInt64) throws {
        var world = World(seed: seed)
        for _ in 0..<25 { _ = try world.addObjective() }
        Self.expectSame(try world.live(), try world.scorecard())
    }

    @Test("After any stream of changes, its numbers are Scorecard's on the same inputs", arguments: 1...12)
    func streamOfChanges(seed: UInt64) throws {
        var world = World(seed: seed &* 7919)
        for _ in 0..<12 { _ = try world.addObjective() }
        var live = try world.live()
        for step in 0..<60 {
            try live.apply(try world.change())
            if step % 20 == 19 {
                world.today = world.today.adding(days: 3)
                live.rescore(on: world.today)
            }
            Self.expectSame(live, try world.scorecard())
        }
    }

    @Test("A copy keeps its numbers while the original moves on")
    func copiesAreSnapshots() throws {
        var world = World(seed: 42)
        for _ in 0..<10 { _ = try world.addObjective() }
        var live = try world.live()
        let before = live
        let reference = try world.scorecard()
        for _ in 0..<20 { try live.apply(try world.change()) }
        Self.expectSame(before, reference)
        Self.expectSame(live, try world.scorecard())
    }

    @Test("A link that would loop is refused, naming the loop")
    func loopsRefused() throws {
        let a = try F.objective("a")
        let b = try F.objective("b", parents: [F.link(to: "a")])
        var live = try LiveScorecard(
            cycle: F.q4of2026, objectives: [a, b], keyResults: [], today: F.day("2026-11-16"),
            calendar: WorkingCalendar())
        var update = LiveScorecard.Update()
        update.objectives["a"] = (try F.objective("a", parents: [F.link(to: "b")]), [])
        #expect(throws: DomainError.alignmentCycle(path: ["a", "b", "a"])) { try live.apply(update) }
    }

    @Test("The guide's Marketing objective under the company: a check-in moves both")
    func checkInRollsUp() throws {
        let company = try F.objective("company", kind: .aspirational, source: .children)
        let marketing = try F.objective("marketing", parents: [F.link(to: "company")])
        let email = try F.increase("email", objective: "marketing", from: 100, to: 150, now: 120)
        let today = F.day("2026-11-16")
        var live = try LiveScorecard(
            cycle: F.q4of2026, objectives: [company, marketing], keyResults: [email], lastCheckIns: ["email": today],
            today: today, calendar: WorkingCalendar())
        #expect(live.score(ObjectiveID("company"))?.progress.value == F.dec("0.4"))
        var update = LiveScorecard.Update()
        update.objectives["marketing"] = (marketing, [try email.recording(130)])
        try live.apply(update)
        // MQL from email: 100 → 150, now 130, is 60%; the company is driven by Marketing alone.
        #expect(live.score(KeyResultID("email"))?.progress.value == F.dec("0.6"))
        #expect(live.score(ObjectiveID("marketing"))?.progress.value == F.dec("0.6"))
        #expect(live.score(ObjectiveID("company"))?.progress.value == F.dec("0.6"))
    }
}

/// A year over its quarters: an objective of a quarter aligned to one of the year counts there as its quarter
/// scores it.
@Suite("Cycles within cycles")
struct CyclesWithinCyclesTests {
    typealias F = Fixture

    static let year = try! Cycle(
        id: "2026", name: "2026", start: F.day("2026-01-01"), end: F.day("2026-12-31"), state: .active)

    @Test("A year holds its quarters; cycles run side by side apart or nested, never partly overlapping")
    func holds() throws {
        let q3 = try Cycle(id: "2026-q3", name: "2026 Q3", start: F.day("2026-07-01"), end: F.day("2026-09-30"))
        let straddle = try Cycle(id: "s", name: "S", start: F.day("2026-09-15"), end: F.day("2026-10-15"))
        let twin = try Cycle(id: "t", name: "T", start: F.day("2026-10-01"), end: F.day("2026-12-31"))
        #expect(Self.year.holds(F.q4of2026) && Self.year.holds(q3))
        #expect(!F.q4of2026.holds(Self.year) && !F.q4of2026.holds(twin) && !q3.holds(F.q4of2026))
        #expect(Self.year.runsBeside(F.q4of2026) && q3.runsBeside(F.q4of2026))
        #expect(!straddle.runsBeside(F.q4of2026) && !twin.runsBeside(F.q4of2026))
        #expect(F.q4of2026.length == 92 && Self.year.length == 365)
    }

    @Test("A quarter's objective counts in its year's with the link's weight: live, then with its closing grade")
    func outside() throws {
        let yearly = try Objective(
            id: "year", cycleID: "2026", title: F.name("year"), owner: .company, state: .published,
            progressSource: .children)
        let own = try Objective(
            id: "h1", cycleID: "2026", title: F.name("h1"), owner: .company, state: .published,
            parents: [F.link(to: "year")])
        let h1KR = try F.keyResult("h1-kr", objective: "h1", kind: .increase, start: 0, target: 100, current: 20)
        let today = F.day("2026-11-16")
        var live = try LiveScorecard(
            cycle: Self.year, objectives: [yearly, own], keyResults: [h1KR], today: today, calendar: WorkingCalendar())
        #expect(live.score(ObjectiveID("year"))?.progress.value == F.dec("0.2"))

        // Q4's Marketing objective, aligned to the year with weight 3, at 60% in its quarter.
        let marketing = try F.objective("marketing", parents: [F.link(to: "year", weight: 3)])
        let email = try F.increase("email", objective: "marketing", from: 100, to: 150, now: 130)
        let quarter = try LiveScorecard(
            cycle: F.q4of2026, objectives: [marketing], keyResults: [email], today: today, calendar: WorkingCalendar())
        #expect(quarter.reachingOut.contains("marketing"), "its link does not resolve in the quarter")
        #expect(quarter.roots == ["marketing"])
        let score = try #require(quarter.score(ObjectiveID("marketing")))
        var update = LiveScorecard.Update()
        update.outside["marketing"] = LiveScorecard.Outside(objective: marketing, score: score, closed: false)
        try live.apply(update)
        // (0.2 × 1 + 0.6 × 3) / 4 = 0.5
        #expect(live.score(ObjectiveID("year"))?.progress.value == F.dec("0.5"))
        #expect(live.children["year"]?.map(\.child).sorted() == ["h1", "marketing"])
        #expect(live.overall().value == F.dec("0.35"), "the year's own objectives only: (0.5 + 0.2) / 2")

        // Closed with an adjusted grade of 0.2: the year counts the grade. (0.2 + 0.2 × 3) / 4 = 0.2
        let graded = try LiveScorecard(
            cycle: F.q4of2026, objectives: [marketing], keyResults: [email],
            grades: ["email": try KeyResultGrade(proposed: F.dec("0.6"), value: F.dec("0.2"), reason: "bought list")],
            today: today,
            calendar: WorkingCalendar())
        update.outside["marketing"] = LiveScorecard.Outside(
            objective: marketing, score: try #require(graded.score(ObjectiveID("marketing"))), closed: true)
        try live.apply(update)
        #expect(live.score(ObjectiveID("year"))?.progress.value == F.dec("0.2"))

        // Gone from the quarter (unlinked, removed): the year forgets it.
        update.outside["marketing"] = .some(nil)
        try live.apply(update)
        #expect(live.score(ObjectiveID("year"))?.progress.value == F.dec("0.2"))
        #expect(live.children["year"]?.map(\.child) == ["h1"])
        live.rescore(on: F.day("2026-11-17"))
        #expect(live.score(ObjectiveID("year"))?.progress.value == F.dec("0.2"))
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64), so a failing case can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
