import Foundation
import Testing

@testable import OKRCore

/// Progress of every kind of key result (design: "KR progress by kind").
@Suite("Key result progress by kind")
struct KeyResultProgressTests {
    typealias F = Fixture

    @Test("Increase: (current − start) / (target − start)")
    func increase() throws {
        let kr = try F.increase(from: 20, to: 35, now: 26)
        let progress = kr.progress()
        #expect(progress.raw == F.dec("0.4"))
        #expect(progress.value == F.dec("0.4"))
        #expect(!progress.isMet)
        #expect(progress.hasValue)
        #expect(progress.explanation.formula == "(current − start) / (target − start)")
        #expect(progress.explanation.inputs.contains(.init("current", "26")))
    }

    @Test("Decrease: the same formula serves the way down (tickets 200 → 100, now 150, is 50%)")
    func decrease() throws {
        let kr = try F.keyResult(kind: .decrease, start: 200, target: 100, current: 150)
        #expect(kr.progress().value == F.dec("0.5"))
        #expect(kr.progress().explanation.computation == "(150 − 200) / (100 − 200) = 0.5")
        let worse = try kr.recording(260)
        #expect(worse.progress().raw == F.dec("-0.6"))
        #expect(worse.progress().value == 0)
    }

    @Test("Beyond the target: raw 125% kept for display, 100% for roll-up, with a note")
    func beyondTarget() throws {
        let progress = try F.increase(from: 100, to: 150, now: F.dec("162.5")).progress()
        #expect(progress.raw == F.dec("1.25"))
        #expect(progress.value == 1)
        #expect(progress.isMet)
        #expect(progress.explanation.notes.map(\.en) == ["Beyond target: 125%; counted as 100% in roll-ups"])
        #expect(progress.explanation.notes.map(\.vi) == ["Vượt chỉ tiêu: 125%; tính 100% khi tổng hợp"])
    }

    @Test("Below the start value: raw is negative, roll-up is 0")
    func belowStart() throws {
        let progress = try F.increase(from: 100, to: 150, now: 90).progress()
        #expect(progress.raw == F.dec("-0.2"))
        #expect(progress.value == 0)
        #expect(!progress.isMet)
    }

    @Test("Exactly on the target is met")
    func exactlyOnTarget() throws {
        let progress = try F.increase(from: 100, to: 150, now: 150).progress()
        #expect(progress.value == 1)
        #expect(progress.isMet)
        #expect(progress.explanation.notes.isEmpty)
    }

    @Test("No check-in yet: 0, no value, and the note says so")
    func noValue() throws {
        for kind in KeyResult.Kind.allCases {
            let kr = try F.keyResult(
                kind: kind, start: 0, target: kind == .decrease ? -1 : 1, targetHigh: kind == .range ? 2 : nil)
            let progress = kr.progress()
            #expect(progress.raw == 0)
            #expect(progress.value == 0)
            #expect(!progress.hasValue)
            #expect(!progress.isMet)
            #expect(progress.explanation.notes.map(\.en) == ["No check-in yet"])
            #expect(progress.explanation.computation == "= 0")
        }
    }

    @Test(
        "At least is inclusive: exactly on the threshold is met, just under is not",
        arguments: [
            ("8", true), ("8.6", true), ("7.99", false),
        ])
    func atLeast(current: String, met: Bool) throws {
        let progress = try F.keyResult(kind: .atLeast, target: 8, current: F.dec(current)).progress()
        #expect(progress.isMet == met)
        #expect(progress.value == (met ? 1 : 0))
        #expect(progress.explanation.computation == "\(current) \(met ? "≥" : "<") 8 → \(met ? 1 : 0)")
    }

    @Test(
        "At most is inclusive: exactly on the threshold is met, just over is not",
        arguments: [
            ("300", true), ("120", true), ("300.01", false),
        ])
    func atMost(current: String, met: Bool) throws {
        let progress = try F.keyResult(kind: .atMost, target: 300, current: F.dec(current)).progress()
        #expect(progress.isMet == met)
        #expect(progress.value == (met ? 1 : 0))
        #expect(progress.explanation.formula == "current ≤ target ? 1 : 0")
    }

    @Test(
        "Range: both bounds included",
        arguments: [
            ("95", true), ("97", true), ("99", true), ("94.9", false), ("99.1", false),
        ])
    func range(current: String, met: Bool) throws {
        let kr = try F.keyResult(kind: .range, target: 95, targetHigh: 99, current: F.dec(current))
        #expect(kr.progress().isMet == met)
        #expect(kr.progress().value == (met ? 1 : 0))
        #expect(kr.explanationInputs.contains(.init("low", "95")))
        #expect(kr.explanationInputs.contains(.init("high", "99")))
    }

    @Test("Milestone: done (1) or not (0)")
    func milestone() throws {
        let kr = try F.keyResult(kind: .milestone, current: 0)
        #expect(kr.progress().value == 0)
        #expect(kr.progress().hasValue)
        #expect(kr.progress().explanation.computation == "not done → 0")
        let done = try kr.recording(1)
        #expect(done.progress().value == 1)
        #expect(done.progress().isMet)
        #expect(done.progress().explanation.computation == "done → 1")
    }

    @Test("Baseline: complete once any value is recorded")
    func baseline() throws {
        let kr = try F.keyResult(kind: .baseline)
        #expect(kr.progress().value == 0)
        #expect(kr.progress().explanation.formula == "recorded ? 1 : 0")
        let recorded = try kr.recording(0)
        #expect(recorded.progress().value == 1)
        #expect(recorded.progress().isMet)
        #expect(recorded.progress().explanation.computation == "recorded 0 → 1")
    }

    @Test("A failing validity condition makes any KR not met, and says why")
    func failingCondition() throws {
        let condition = try ValidityCondition(metric: "responses", minimum: 100, actual: 40)
        let kr = try F.keyResult(kind: .increase, start: 6, target: 8, current: 9, condition: condition)
        let progress = kr.progress()
        #expect(progress.raw == F.dec("1.5"))
        #expect(progress.value == 0)
        #expect(!progress.isMet)
        #expect(progress.hasValue)
        #expect(
            progress.explanation.notes.map(\.en) == [
                "Beyond target: 150%; counted as 100% in roll-ups", "Not met: 9 but only 40 of 100 required responses",
            ])
        #expect(progress.explanation.notes.last?.vi == "Chưa đạt: 9 nhưng mới có 40 trên 100 responses cần thiết")
        #expect(progress.explanation.inputs.contains(.init("condition", "responses ≥ 100")))
        #expect(progress.explanation.inputs.contains(.init("responses", "40")))
    }

    @Test("A condition with nothing counted yet fails; reaching the minimum exactly holds")
    func conditionBoundary() throws {
        var condition = try ValidityCondition(metric: "responses", minimum: 100)
        #expect(!condition.isMet)
        let kr = try F.keyResult(kind: .atLeast, target: 8, current: 9, condition: condition)
        #expect(kr.explanationInputs.contains(.init("responses", "—")))
        #expect(kr.progress().value == 0)
        condition.actual = 100
        #expect(condition.isMet)
        var counted = kr
        counted.condition = condition
        #expect(counted.progress().value == 1)
        #expect(counted.progress().isMet)
    }

    @Test("progress(ifValueWere:) ignores the condition and the recorded value")
    func hypotheticalProgress() throws {
        let condition = try ValidityCondition(metric: "responses", minimum: 100, actual: 1)
        let kr = try F.keyResult(kind: .increase, start: 0, target: 10, current: 1, condition: condition)
        #expect(kr.progress(ifValueWere: 5) == F.dec("0.5"))
        #expect(kr.progress(ifValueWere: 50) == 1)
        #expect(kr.progress().value == 0)
    }

    @Test("Recording a value keeps the old confidence unless a new one is given")
    func recording() throws {
        let kr = try F.increase(from: 0, to: 10, now: nil, confidence: 7)
        let first = try kr.recording(3)
        #expect(first.current == 3)
        #expect(first.confidence == (try Confidence(7)))
        let second = try first.recording(4, confidence: Confidence(4))
        #expect(second.confidence == (try Confidence(4)))
        #expect(throws: DomainError.invalid(field: "value", reason: .notFinite)) { try kr.recording(.nan) }
        let milestone = try F.keyResult(kind: .milestone)
        #expect(throws: DomainError.invalid(field: "value", reason: .outOfRange)) {
            try milestone.recording(F.dec("0.5"))
        }
    }
}
