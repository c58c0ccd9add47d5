import Foundation
import Testing

@testable import OKRCore

/// An unfinished objective goes on in the next cycle: each unfinished KR rebased where it stands.
@Suite("Carrying an objective over")
struct CarryOverTests {
    static func kr(
        _ kind: KeyResult.Kind, start: Decimal? = nil, target: Decimal? = nil, high: Decimal? = nil,
        current: Decimal? = nil, condition: ValidityCondition? = nil
    ) throws -> KeyResult {
        try KeyResult(
            id: "kr", objectiveID: "o", title: LocalizedName(vi: "Kết quả"), kind: kind, start: start, target: target,
            targetHigh: high, current: current, weight: 2, confidence: try Confidence(4), condition: condition)
    }

    @Test("A directional KR starts from where it stands, with its target, weight and a fresh confidence")
    func directional() throws {
        let up = try Self.kr(.increase, start: 35, target: 60, current: 57).carriedOver(as: "kr2", objective: "o2")
        #expect((up.start, up.target, up.current, up.weight) == (57, 60, 57, 2))
        #expect(up.objectiveID == "o2" && up.id == "kr2" && up.confidence == nil)
        let down = try Self.kr(.decrease, start: 120, target: 60, current: 95).carriedOver(as: "kr2", objective: "o2")
        #expect((down.start, down.current) == (95, 95))
        // Not moved at all, or moved the wrong way: it starts from where it stands all the same.
        let back = try Self.kr(.increase, start: 35, target: 60, current: 30).carriedOver(as: "kr2", objective: "o2")
        #expect(back.start == 30)
        let none = try Self.kr(.increase, start: 35, target: 60).carriedOver(as: "kr2", objective: "o2")
        #expect(none.start == 35 && none.current == nil)
    }

    @Test("A KR at its target but held back by its condition keeps its start; the condition counts again")
    func heldBack() throws {
        let condition = try ValidityCondition(metric: "responses", minimum: 100, actual: 40)
        let held = try Self.kr(.increase, start: 6, target: 8, current: 8, condition: condition)
        #expect(held.goesOn)
        let carried = try held.carriedOver(as: "kr2", objective: "o2")
        #expect((carried.start, carried.target) == (6, 8))
        #expect(carried.condition?.actual == nil && carried.condition?.minimum == 100)
    }

    @Test("Levels keep their bounds and value; a milestone starts not done; complete KRs do not go on")
    func otherKinds() throws {
        let level = try Self.kr(.atMost, target: 300, current: 340).carriedOver(as: "kr2", objective: "o2")
        #expect((level.target, level.current) == (300, 340))
        let range = try Self.kr(.range, target: 4, high: 6, current: 7).carriedOver(as: "kr2", objective: "o2")
        #expect((range.target, range.targetHigh) == (4, 6))
        let milestone = try Self.kr(.milestone, current: 0).carriedOver(as: "kr2", objective: "o2")
        #expect(milestone.current == 0)
        #expect(try Self.kr(.milestone, current: 0).goesOn)
        #expect(try !Self.kr(.milestone, current: 1).goesOn)
        #expect(try !Self.kr(.increase, start: 35, target: 60, current: 60).goesOn)
    }

    @Test("The copy of the objective is a draft in the new cycle, aligned to nothing yet")
    func objective() throws {
        let original = try Objective(
            id: "o", cycleID: "2026-q3", title: LocalizedName(vi: "Mục tiêu"), owner: .team("sales"),
            kind: .aspirational, state: .closed, parents: [AlignmentLink(to: .objective("p"), weight: 1)],
            progressSource: .children)
        let copy = try original.carriedOver(as: "o2", into: "2026-q4")
        #expect(copy.cycleID == "2026-q4" && copy.state == .draft && copy.parents.isEmpty)
        #expect(copy.kind == .aspirational && copy.owner == .team("sales") && copy.progressSource == .keyResults)
    }

    @Test("A retrospective says at least one of its three things, each at most 2,000 characters")
    func retrospective() throws {
        #expect(throws: DomainError.self) {
            try Retrospective(objectiveID: "o", worked: " ", didNotWork: nil, learned: "")
        }
        #expect(throws: DomainError.self) {
            try Retrospective(
                objectiveID: "o", worked: String(repeating: "ạ", count: 2001), didNotWork: nil, learned: nil)
        }
        let kept = try Retrospective(objectiveID: "o", worked: nil, didNotWork: nil, learned: "  Gọi sớm hơn ")
        #expect(kept.learned == "Gọi sớm hơn" && kept.worked == nil)
    }
}
