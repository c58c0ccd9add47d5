import Foundation
import Testing

@testable import OKRCore

/// Objective progress and alignment: the weighted mean, children driving parents, loops refused, and a child
/// under two parents counted once.
@Suite("Objective progress and alignment")
struct AlignmentTests {
    typealias F = Fixture

    @Test("Objective progress is Σ wᵢ·pᵢ / Σ wᵢ over clamped KR progress")
    func weightedMean() throws {
        let krs = [
            try F.increase("a", from: 0, to: 10, now: 5, weight: 3),
            try F.increase("b", from: 0, to: 10, now: 20, weight: 1),
        ]
        let progress = ObjectiveProgress.of(keyResults: krs)
        #expect(progress.value == F.dec("0.625"))
        #expect(progress.explanation.formula == "Σ wᵢ·pᵢ / Σ wᵢ")
        #expect(progress.explanation.computation == "(3·0.5 + 1·1) / 4 = 0.625")
        #expect(progress.explanation.inputs == [.init("kr:a", "0.5"), .init("kr:b", "1")])
        #expect(progress.contributions.map(\.weight) == [3, 1])
    }

    @Test("An objective with no key results has progress 0")
    func noKeyResults() {
        let progress = ObjectiveProgress.of(keyResults: [])
        #expect(progress.value == 0)
        #expect(progress.explanation.computation == "no key results → 0")
    }

    @Test("A child driving its parent enters with its link weight")
    func childrenDriveParent() throws {
        let company = try F.objective("company", source: .children)
        let sales = try F.objective("sales", parents: [F.link(to: "company", weight: 3)])
        let marketing = try F.objective("marketing", parents: [F.link(to: "company", weight: 1)])
        let krs = [
            try F.increase("s1", objective: "sales", from: 0, to: 10, now: 10),
            try F.increase("m1", objective: "marketing", from: 0, to: 10, now: 2),
            try F.increase("c1", objective: "company", from: 0, to: 10, now: 0),
        ]
        let alignment = try Alignment(objectives: [company, sales, marketing], keyResults: krs)
        #expect(alignment.roots == ["company"])
        #expect(alignment.descendants(of: "company") == ["marketing", "sales"])
        #expect(alignment.progress(of: "sales")?.value == 1)
        #expect(alignment.progress(of: "marketing")?.value == F.dec("0.2"))
        // Driven by its children only: its own KR at 0 does not count.
        #expect(alignment.progress(of: "company")?.value == F.dec("0.8"))
        #expect(
            alignment.progress(of: "company")?.explanation.inputs.map(\.name) == [
                "objective:marketing", "objective:sales",
            ])
        #expect(alignment.progress(of: "unknown") == nil)
    }

    @Test("Driven by both: own KRs and children together")
    func both() throws {
        let parent = try F.objective("p", source: .both)
        let child = try F.objective("c", parents: [F.link(to: "p", weight: 2)])
        let krs = [
            try F.increase("p1", objective: "p", from: 0, to: 10, now: 5, weight: 2),
            try F.increase("c1", objective: "c", from: 0, to: 10, now: 8),
        ]
        let alignment = try Alignment(objectives: [parent, child], keyResults: krs)
        // (2·0.5 + 2·0.8) / 4
        #expect(alignment.progress(of: "p")?.value == F.dec("0.65"))
    }

    @Test("Driven by KRs, or by children that are missing, falls back to what there is")
    func fallbacks() throws {
        let onlyKRs = try F.objective("k")
        let lonelyParent = try F.objective("lonely", source: .children)
        let child = try F.objective("c", parents: [F.link(to: "k")])
        let krs = [
            try F.increase("k1", objective: "k", from: 0, to: 10, now: 4),
            try F.increase("c1", objective: "c", from: 0, to: 10, now: 10),
            try F.increase("l1", objective: "lonely", from: 0, to: 10, now: 3),
        ]
        let alignment = try Alignment(objectives: [onlyKRs, lonelyParent, child], keyResults: krs)
        // `k` is driven by its own KRs, so its aligned child does not change it.
        #expect(alignment.progress(of: "k")?.value == F.dec("0.4"))
        // `lonely` wants children but has none, so its own KR counts.
        #expect(alignment.progress(of: "lonely")?.value == F.dec("0.3"))
        // An objective with no KR of its own takes its children even when set to KRs.
        let empty = try F.objective("e")
        let kid = try F.objective("kid", parents: [F.link(to: "e")])
        let second = try Alignment(
            objectives: [empty, kid], keyResults: [try F.increase("x", objective: "kid", from: 0, to: 10, now: 7)])
        #expect(second.progress(of: "e")?.value == F.dec("0.7"))
    }

    @Test("Aligning to a parent's key result makes the child a child of that objective")
    func alignToKeyResult() throws {
        let parent = try F.objective("p", source: .children)
        let child = try F.objective("c", parents: [AlignmentLink(to: .keyResult("p1"))])
        let krs = [
            try F.increase("p1", objective: "p", from: 0, to: 10, now: 0),
            try F.increase("c1", objective: "c", from: 0, to: 10, now: 6),
        ]
        let alignment = try Alignment(objectives: [parent, child], keyResults: krs)
        #expect(alignment.children["p"]?.map(\.child) == ["c"])
        #expect(alignment.progress(of: "p")?.value == F.dec("0.6"))
    }

    @Test("A child linked to an objective and to one of its KRs counts once in that objective")
    func linkedTwiceToOneParent() throws {
        let parent = try F.objective("p", source: .children)
        let child = try F.objective(
            "c", parents: [F.link(to: "p"), AlignmentLink(to: .keyResult("p1"))])
        let other = try F.objective("d", parents: [F.link(to: "p")])
        let krs = [
            try F.increase("p1", objective: "p", from: 0, to: 10, now: 0),
            try F.increase("c1", objective: "c", from: 0, to: 10, now: 10),
            try F.increase("d1", objective: "d", from: 0, to: 10, now: 0),
        ]
        let alignment = try Alignment(objectives: [parent, child, other], keyResults: krs)
        #expect(alignment.progress(of: "p")?.value == F.dec("0.5"))
    }

    @Test("A child aligned under two parents is counted once in the company-wide total")
    func childUnderTwoParents() throws {
        let sales = try F.objective("sales", source: .children)
        let marketing = try F.objective("marketing", source: .children)
        let shared = try F.objective("shared", parents: [F.link(to: "sales"), F.link(to: "marketing")])
        let krs = [try F.increase("s1", objective: "shared", from: 0, to: 10, now: 9)]
        let alignment = try Alignment(objectives: [sales, marketing, shared], keyResults: krs)
        #expect(alignment.roots == ["marketing", "sales"])
        #expect(alignment.progress(of: "sales")?.value == F.dec("0.9"))
        #expect(alignment.progress(of: "marketing")?.value == F.dec("0.9"))
        let overall = alignment.overall()
        #expect(overall.contributions.count == 3)
        #expect(overall.value == F.dec("0.9"))
        // Asking for the shared child twice still counts it once.
        let twice = alignment.overall(["shared", "shared", "sales"])
        #expect(twice.contributions.map(\.source) == [.child("sales"), .child("shared")])
        #expect(alignment.descendants(of: "sales") == ["shared"])
    }

    @Test("The company-wide total weighs each distinct objective once, whatever its links")
    func overallIsPerObjective() throws {
        let a = try F.objective("a")
        let b = try F.objective("b", parents: [F.link(to: "a", weight: 5)])
        let krs = [
            try F.increase("a1", objective: "a", from: 0, to: 10, now: 2),
            try F.increase("b1", objective: "b", from: 0, to: 10, now: 6),
        ]
        let overall = try Alignment(objectives: [a, b], keyResults: krs).overall()
        #expect(overall.value == F.dec("0.4"))
        #expect(overall.contributions.allSatisfy { $0.weight == 1 })
    }

    @Test("An objective aligned to itself is refused")
    func selfLoop() {
        #expect(throws: DomainError.alignmentCycle(path: ["o", "o"])) {
            try F.objective("o", parents: [F.link(to: "o")])
        }
    }

    @Test("A loop of alignment links is refused and names the objectives in it")
    func loops() throws {
        let a = try F.objective("a", parents: [F.link(to: "c")])
        let b = try F.objective("b", parents: [F.link(to: "a")])
        let c = try F.objective("c", parents: [F.link(to: "b")])
        #expect(throws: DomainError.alignmentCycle(path: ["a", "b", "c", "a"])) {
            try Alignment(objectives: [c, b, a], keyResults: [])
        }
    }

    @Test("A loop through a key result is refused too")
    func loopThroughKeyResult() throws {
        let a = try F.objective("a", parents: [AlignmentLink(to: .keyResult("b1"))])
        let b = try F.objective("b", parents: [F.link(to: "a")])
        let krs = [try F.increase("b1", objective: "b", from: 0, to: 1, now: 0)]
        #expect(throws: DomainError.alignmentCycle(path: ["a", "b", "a"])) {
            try Alignment(objectives: [a, b], keyResults: krs)
        }
    }

    @Test("Links to objectives or KRs outside the set are ignored")
    func outsideLinks() throws {
        let child = try F.objective(
            "c", parents: [F.link(to: "other-cycle"), AlignmentLink(to: .keyResult("hidden"))])
        let alignment = try Alignment(
            objectives: [child], keyResults: [try F.increase("k", objective: "elsewhere", from: 0, to: 1, now: 1)])
        #expect(alignment.roots == ["c"])
        #expect(alignment.children.isEmpty)
        #expect(alignment.keyResults.isEmpty)
    }

    @Test("Parent links are unique and carry a positive weight")
    func linkValidation() throws {
        #expect(throws: DomainError.invalid(field: "parents", reason: .duplicate)) {
            try F.objective("o", parents: [F.link(to: "p"), F.link(to: "p", weight: 2)])
        }
        #expect(throws: DomainError.invalid(field: "weight", reason: .notPositive)) {
            try AlignmentLink(to: .objective("p"), weight: 0)
        }
        #expect(throws: DomainError.invalid(field: "weight", reason: .notFinite)) {
            try AlignmentLink(to: .objective("p"), weight: .nan)
        }
        #expect(throws: DomainError.invalid(field: "description", reason: .tooLong(max: 4000))) {
            try Objective(
                id: "o", cycleID: "c", title: F.name("O"), description: String(repeating: "x", count: 4001),
                owner: nil)
        }
    }

    @Test("Owners read and write as company, team:ID or person:ID")
    func owners() {
        #expect(Owner("company") == .company)
        #expect(Owner("team:sales") == .team("sales"))
        #expect(Owner("person:lan") == .person("lan"))
        #expect(Owner("team:") == nil)
        #expect(Owner("person:") == nil)
        #expect(Owner("someone") == nil)
        for owner: Owner in [.company, .team("sales"), .person("lan")] {
            #expect(Owner(owner.description) == owner)
        }
    }
}
