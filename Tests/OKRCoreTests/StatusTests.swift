import Foundation
import Testing

@testable import OKRCore

/// Status policies (ratio, gap, weakest) with their thresholds, what lowers a status, done and not started.
@Suite("Status policies")
struct StatusTests {
    typealias F = Fixture

    let cycle = F.q4of2026
    let today = F.day("2026-11-15")

    func expected(_ value: String) -> ExpectedProgress {
        ExpectedProgress(value: F.dec(value), explanation: Explanation(formula: "test", computation: value))
    }

    /// The status of an `increase` KR from 0 to 100 at `current`, against expected progress `e`.
    func status(
        _ rules: StatusRules = StatusRules(), current: String, e: String, confidence: Int? = nil,
        lastCheckIn: Day? = nil
    ) throws -> StatusAssessment {
        let kr = try F.keyResult(
            kind: .increase, start: 0, target: 100, current: F.dec(current), confidence: confidence)
        return rules.assess(
            kr, progress: kr.progress(), expected: expected(e), lastCheckIn: lastCheckIn ?? today, today: today,
            cycle: cycle)
    }

    @Test(
        "Ratio: on track at A ≥ 0.95·E, at risk at A ≥ 0.75·E, else off track (thresholds inclusive)",
        arguments: [
            ("50", Status.onTrack), ("47.5", .onTrack), ("47.4", .atRisk), ("37.5", .atRisk), ("37.4", .offTrack),
            ("0", .offTrack),
        ])
    func ratio(current: String, judged: Status) throws {
        let assessment = try status(current: current, e: "0.5")
        #expect(assessment.status == judged)
        #expect(assessment.expected == F.dec("0.5"))
        #expect(assessment.explanation.formula == "ratio")
        #expect(assessment.explanation.policy == "ratio: on track A ≥ 0.95·E, at risk A ≥ 0.75·E")
    }

    @Test("Ratio explains itself with the numbers put in")
    func ratioExplanation() throws {
        #expect(try status(current: "50", e: "0.5").explanation.computation == "A = 0.5, E = 0.5, A ≥ 0.475")
        #expect(
            try status(current: "40", e: "0.5").explanation.computation == "A = 0.4, E = 0.5, 0.375 ≤ A < 0.475")
        #expect(try status(current: "30", e: "0.5").explanation.computation == "A = 0.3, E = 0.5, A < 0.375")
    }

    @Test(
        "Gap: on track up to 10 points behind, at risk up to 25, else off track",
        arguments: [("70", Status.onTrack), ("50", .onTrack), ("49", .atRisk), ("35", .atRisk), ("34", .offTrack)])
    func gap(current: String, judged: Status) throws {
        let rules = StatusRules(policy: .gap)
        let assessment = try status(rules, current: current, e: "0.6")
        #expect(assessment.status == judged)
        #expect(assessment.explanation.policy == "gap: on track E − A ≤ 0.1, at risk E − A ≤ 0.25")
    }

    @Test("Gap explains itself with the points behind")
    func gapExplanation() throws {
        let rules = StatusRules(policy: .gap)
        #expect(try status(rules, current: "50", e: "0.6").explanation.computation == "E − A = 0.6 − 0.5 = 0.1 ≤ 0.1")
        #expect(
            try status(rules, current: "40", e: "0.6").explanation.computation
                == "0.1 < E − A = 0.6 − 0.4 = 0.2 ≤ 0.25")
        #expect(
            try status(rules, current: "30", e: "0.6").explanation.computation == "E − A = 0.6 − 0.3 = 0.3 > 0.25")
    }

    @Test("An organization can change the thresholds")
    func customThresholds() throws {
        let strict = StatusRules(policy: .ratio(onTrack: 1, atRisk: F.dec("0.9")))
        #expect(try status(strict, current: "49", e: "0.5").status == .atRisk)
        #expect(try status(strict, current: "44", e: "0.5").status == .offTrack)
        let lenient = StatusRules(policy: .gap(atRisk: F.dec("0.2"), offTrack: F.dec("0.4")))
        #expect(try status(lenient, current: "40", e: "0.6").status == .onTrack)
        #expect(try status(lenient, current: "25", e: "0.6").status == .atRisk)
    }

    @Test("Confidence below the threshold lowers a status one step; at the threshold it does not")
    func lowConfidence() throws {
        let lowered = try status(current: "50", e: "0.5", confidence: 4)
        #expect(lowered.status == .atRisk)
        #expect(lowered.explanation.notes.map(\.en) == ["Lowered one step: confidence 4/10 is below 5/10"])
        #expect(lowered.explanation.notes.map(\.vi) == ["Hạ một bậc: độ tự tin 4/10 dưới 5/10"])
        #expect(try status(current: "50", e: "0.5", confidence: 5).status == .onTrack)
        #expect(try status(current: "40", e: "0.5", confidence: 4).status == .offTrack)
        let custom = StatusRules(lowConfidenceBelow: 7)
        #expect(try status(custom, current: "50", e: "0.5", confidence: 6).status == .atRisk)
    }

    @Test("No check-in for two weeks lowers a status one step; thirteen days do not")
    func stale() throws {
        let lowered = try status(current: "50", e: "0.5", lastCheckIn: F.day("2026-11-01"))
        #expect(lowered.status == .atRisk)
        #expect(
            lowered.explanation.notes.map(\.en) == ["Lowered one step: no check-in since Nov 1, 2026 (over 14 days)"])
        #expect(try status(current: "50", e: "0.5", lastCheckIn: F.day("2026-11-02")).status == .onTrack)
    }

    @Test("Low confidence and a stale KR together lower on track to off track")
    func bothLowerings() throws {
        let assessment = try status(current: "50", e: "0.5", confidence: 2, lastCheckIn: F.day("2026-10-01"))
        #expect(assessment.status == .offTrack)
        #expect(assessment.explanation.notes.count == 2)
    }

    @Test("Off track, done and not started are not lowered")
    func notLowered() throws {
        #expect(
            try status(current: "10", e: "0.5", confidence: 1, lastCheckIn: F.day("2026-10-01")).status == .offTrack)
        #expect(try status(current: "100", e: "0.5", confidence: 1, lastCheckIn: F.day("2026-10-01")).status == .done)
        let fresh = try F.keyResult(kind: .increase, start: 0, target: 100, confidence: 1)
        let assessment = StatusRules().assess(
            fresh, progress: fresh.progress(), expected: expected("0.5"), lastCheckIn: nil, today: today, cycle: cycle)
        #expect(assessment.status == .notStarted)
        #expect(assessment.explanation.computation == "no check-in")
    }

    @Test("A directional KR that reached its target is done, whatever the date")
    func done() throws {
        let assessment = try status(current: "120", e: "0.2")
        #expect(assessment.status == .done)
        #expect(assessment.actual == 1)
        #expect(assessment.explanation.computation == "A = 1 (met)")
    }

    func assess(_ kr: KeyResult, e: String = "0.5", on day: Day? = nil) -> Status {
        StatusRules().assess(
            kr, progress: kr.progress(), expected: expected(e), lastCheckIn: day ?? today, today: day ?? today,
            cycle: cycle
        ).status
    }

    @Test("Thresholds held are on track during the cycle and done at its end")
    func thresholds() throws {
        let atLeast = try F.keyResult(kind: .atLeast, target: 8, current: 8)
        #expect(assess(atLeast) == .onTrack)
        #expect(assess(atLeast, on: F.day("2026-12-31")) == .done)
        let range = try F.keyResult(kind: .range, target: 95, targetHigh: 99, current: 97)
        #expect(assess(range) == .onTrack)
        #expect(assess(range, on: F.day("2027-01-05")) == .done)
    }

    @Test("A threshold not held is at risk early in the cycle and off track from half-way")
    func thresholdNotHeld() throws {
        let atMost = try F.keyResult(kind: .atMost, target: 300, current: 320)
        #expect(assess(atMost, e: "0.49") == .atRisk)
        #expect(assess(atMost, e: "0.5") == .offTrack)
    }

    @Test("A milestone not done is on track until its due date and off track after it")
    func milestone() throws {
        let due = try F.keyResult(kind: .milestone, current: 0, due: F.day("2026-11-20"), cycle: cycle)
        #expect(assess(due, on: F.day("2026-11-20")) == .onTrack)
        #expect(assess(due, on: F.day("2026-11-21")) == .offTrack)
        let undated = try F.keyResult(kind: .milestone, current: 0)
        #expect(assess(undated, on: F.day("2026-12-31")) == .onTrack)
        #expect(assess(undated, on: F.day("2027-01-01")) == .offTrack)
        #expect(assess(try undated.recording(1)) == .done)
    }

    @Test("A baseline is done once recorded")
    func baseline() throws {
        #expect(assess(try F.keyResult(kind: .baseline, current: 42)) == .done)
    }

    func assessment(_ status: Status) -> StatusAssessment {
        StatusAssessment(status: status, actual: 0, expected: 0, explanation: Explanation(formula: "", computation: ""))
    }

    @Test("An objective is not started while none of its KRs has a check-in, and done when all are done")
    func objectiveEnds() {
        let rules = StatusRules()
        let fresh = rules.assess(objective: 0, expected: F.dec("0.5"), keyResults: [assessment(.notStarted)])
        #expect(fresh.status == .notStarted)
        let finished = rules.assess(
            objective: 1, expected: F.dec("0.5"), keyResults: [assessment(.done), assessment(.done)])
        #expect(finished.status == .done)
        #expect(rules.assess(objective: 1, expected: 1, keyResults: []).status == .done)
    }

    @Test("Ratio for an objective judges its progress and notes the KRs behind")
    func objectiveRatio() {
        let rules = StatusRules()
        let krs = [assessment(.onTrack), assessment(.offTrack), assessment(.atRisk), assessment(.notStarted)]
        let result = rules.assess(objective: F.dec("0.48"), expected: F.dec("0.5"), keyResults: krs)
        #expect(result.status == .onTrack)
        #expect(result.explanation.notes.map(\.en) == ["2 key results at risk or off track"])
        #expect(result.actual == F.dec("0.48"))
        #expect(rules.assess(objective: F.dec("0.3"), expected: F.dec("0.5"), keyResults: krs).status == .offTrack)
    }

    @Test("Weakest: an objective takes the status of its weakest started KR")
    func weakest() {
        let rules = StatusRules(policy: .weakest)
        let krs = [assessment(.onTrack), assessment(.done), assessment(.atRisk), assessment(.notStarted)]
        let result = rules.assess(objective: F.dec("0.9"), expected: F.dec("0.5"), keyResults: krs)
        #expect(result.status == .atRisk)
        #expect(result.explanation.computation == "weakest key result: at_risk")
        #expect(rules.assess(objective: 0, expected: 0, keyResults: []).status == .notStarted)
    }

    @Test("Weakest: one KR done and the others not started is not a done objective; it is judged on progress")
    func weakestWithUnstarted() {
        let rules = StatusRules(policy: .weakest)
        let krs = [assessment(.done), assessment(.notStarted), assessment(.notStarted)]
        let early = rules.assess(objective: F.dec("0.34"), expected: F.dec("0.05"), keyResults: krs)
        #expect(early.status == .onTrack)
        let late = rules.assess(objective: F.dec("0.34"), expected: F.dec("0.8"), keyResults: krs)
        #expect(late.status == .offTrack)
        let all = rules.assess(
            objective: 1, expected: F.dec("0.8"), keyResults: [assessment(.done), assessment(.done)])
        #expect(all.status == .done)
    }

    @Test("Weakest judges a KR like ratio")
    func weakestForKeyResults() throws {
        let rules = StatusRules(policy: .weakest)
        #expect(try status(rules, current: "47.5", e: "0.5").status == .onTrack)
        #expect(try status(rules, current: "40", e: "0.5").status == .atRisk)
        #expect(try status(rules, current: "30", e: "0.5").status == .offTrack)
    }

    @Test("Statuses order from worst, lower one step, and read in both languages")
    func statusValues() {
        #expect(Status.allCases.sorted() == [.notStarted, .offTrack, .atRisk, .onTrack, .done])
        #expect(Status.onTrack.lowered == .atRisk)
        #expect(Status.atRisk.lowered == .offTrack)
        #expect(Status.offTrack.lowered == .offTrack)
        #expect(Status.done.lowered == .done)
        #expect(Status.notStarted.lowered == .notStarted)
        #expect(Status.allCases.map(\.label.en) == ["Not started", "Off track", "At risk", "On track", "Done"])
        #expect(Set(Status.allCases.map(\.label.vi)).count == 5)
    }

    @Test("Policies by name, with defaults, validated")
    func policies() throws {
        #expect(StatusPolicy.named("ratio") == .ratio(onTrack: F.dec("0.95"), atRisk: F.dec("0.75")))
        #expect(StatusPolicy.named("gap") == .gap(atRisk: F.dec("0.1"), offTrack: F.dec("0.25")))
        #expect(StatusPolicy.named("weakest")?.name == "weakest")
        #expect(StatusPolicy.named("median") == nil)
        #expect(try StatusPolicy.ratio.validated() == .ratio)
        #expect(try StatusPolicy.gap.validated() == .gap)
        #expect(try StatusPolicy.weakest.validated() == .weakest)
        let refused: [(StatusPolicy, String)] = [
            (.ratio(onTrack: 0, atRisk: F.dec("0.5")), "policy.on_track"),
            (.ratio(onTrack: F.dec("1.1"), atRisk: F.dec("0.5")), "policy.on_track"),
            (.ratio(onTrack: F.dec("0.9"), atRisk: F.dec("0.9")), "policy.at_risk"),
            (.weakest(onTrack: F.dec("0.9"), atRisk: 0), "policy.at_risk"),
            (.gap(atRisk: F.dec("-0.1"), offTrack: F.dec("0.25")), "policy.at_risk"),
            (.gap(atRisk: 1, offTrack: 1), "policy.at_risk"),
            (.gap(atRisk: F.dec("0.3"), offTrack: F.dec("0.3")), "policy.off_track"),
            (.gap(atRisk: F.dec("0.3"), offTrack: F.dec("1.5")), "policy.off_track"),
        ]
        for (policy, field) in refused {
            #expect(throws: DomainError.invalid(field: field, reason: .outOfRange)) { try policy.validated() }
        }
    }

    @Test("Policies and rules travel as JSON with their thresholds, defaults filled in, bad ones refused")
    func policyCoding() throws {
        let decoder = JSONDecoder()
        for policy: StatusPolicy in [.ratio, .gap, .weakest, .ratio(onTrack: F.dec("0.9"), atRisk: F.dec("0.6"))] {
            let data = try JSONEncoder().encode(policy)
            #expect(try decoder.decode(StatusPolicy.self, from: data) == policy)
        }
        #expect(try decoder.decode(StatusPolicy.self, from: Data(#"{"name":"gap"}"#.utf8)) == .gap)
        #expect(try decoder.decode(StatusPolicy.self, from: Data(#"{"name":"weakest"}"#.utf8)) == .weakest)
        #expect(
            try decoder.decode(StatusPolicy.self, from: Data(#"{"name":"ratio","on_track":0.9}"#.utf8))
                == .ratio(onTrack: F.dec("0.9"), atRisk: F.dec("0.75")))
        #expect(throws: DecodingError.self) {
            try decoder.decode(StatusPolicy.self, from: Data(#"{"name":"median"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try decoder.decode(StatusPolicy.self, from: Data(#"{"name":"ratio","on_track":0.5,"at_risk":0.8}"#.utf8))
        }
        let rules = StatusRules(policy: .gap, lowConfidenceBelow: 4, staleAfterDays: 21)
        let data = try JSONEncoder().encode(rules)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""low_confidence_below":4"#))
        #expect(json.contains(#""stale_after_days":21"#))
        #expect(try decoder.decode(StatusRules.self, from: data) == rules)
    }
}
