import Foundation
import Testing

@testable import OKRCore

/// The guide's own examples, with exact numbers (mission: "they must work exactly").
@Suite("The mission's examples")
struct MissionExamplesTests {
    let cycle = try! Cycle(
        id: "2026-q4", name: "2026 Q4", start: Day(iso: "2026-10-01")!, end: Day(iso: "2026-12-31")!, state: .active)

    func kr(
        _ id: String, _ kind: KeyResult.Kind, start: Decimal? = nil, target: Decimal, current: Decimal?,
        unit: MeasureUnit = .number, condition: ValidityCondition? = nil
    ) throws -> KeyResult {
        try KeyResult(
            id: KeyResultID(id), objectiveID: "mkt", title: LocalizedName(vi: id), kind: kind, unit: unit,
            start: start, target: target, current: current, condition: condition)
    }

    @Test("MQL from email: 100 → 150, now 130, is 60%")
    func mqlEmail() throws {
        let progress = try kr("email", .increase, start: 100, target: 150, current: 130).progress()
        #expect(progress.raw == Decimal(string: "0.6")!)
        #expect(progress.value == Decimal(string: "0.6")!)
        #expect(Percent.text(progress.value, .en) == "60%")
        #expect(progress.explanation.computation == "(130 − 100) / (150 − 100) = 0.6")
    }

    @Test("Trial-to-paid: 20% → 35%, now 26%, is 40%")
    func trialToPaid() throws {
        let progress = try kr("trial", .increase, start: 20, target: 35, current: 26, unit: .percent).progress()
        #expect(progress.value == Decimal(string: "0.4")!)
        #expect(Percent.text(progress.value, .vi) == "40%")
    }

    @Test("Marketing objective with KRs at 125 / 85 / 50 is (0.5 + 0.5 + 1.0) / 3")
    func marketingObjective() throws {
        let krs = [
            try kr("email", .increase, start: 100, target: 150, current: 125),
            try kr("adwords", .increase, start: 70, target: 100, current: 85),
            try kr("organic", .increase, start: 45, target: 50, current: 50),
        ]
        #expect(krs.map { $0.progress().value } == [Decimal(string: "0.5")!, Decimal(string: "0.5")!, 1])
        let objective = ObjectiveProgress.of(keyResults: krs)
        #expect(objective.value == Decimal(2) / Decimal(3))
        #expect(Percent.text(objective.value, .en) == "67%")
    }

    @Test("Survey at 8.6/10 with 40 of 100 responses is not met")
    func surveyCondition() throws {
        let condition = try ValidityCondition(metric: "responses", minimum: 100, actual: 40)
        let survey = try kr(
            "survey", .atLeast, target: 8, current: Decimal(string: "8.6")!, unit: .label("/10"), condition: condition)
        let progress = survey.progress()
        #expect(!progress.isMet)
        #expect(progress.value == 0)
        #expect(progress.explanation.notes.map(\.en).contains("Not met: 8.6/10 but only 40 of 100 required responses"))
    }

    /// 2030 is one of the years Vietnam and China differ: the new moon falls at 23:07 in Hà Nội (UTC+7) on
    /// 2 February but after midnight in Beijing (UTC+8), so Tết is on the 2nd and the Chinese New Year on the 3rd.
    @Test("Tết falls on the Vietnamese dates")
    func tet() {
        let expected = [
            2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06", 2028: "2028-01-26",
            2029: "2029-02-13", 2030: "2030-02-02", 2031: "2031-01-23", 2032: "2032-02-11", 2033: "2033-01-31",
            2034: "2034-02-19", 2035: "2035-02-08",
        ]
        for (year, day) in expected { #expect(LunarCalendar.tet(year).iso == day, "Tết \(year)") }
    }
}

@Test("Search folding: \"muc tieu\" finds \"Mục tiêu\"")
func foldingDropsDiacritics() {
    #expect(Folding.fold("Mục tiêu") == "muc tieu")
    #expect(Folding.fold("  ĐẠT   8/10 điểm ") == "dat 8/10 diem")
    #expect(Folding.fold("Triển khai") == Folding.fold("trien KHAI"))
}

@Test("Status rules refuse a negative staleness or a confidence threshold above 10")
func statusRulesValidated() throws {
    #expect(throws: DomainError.invalid(field: "stale_after_days", reason: .outOfRange)) {
        try StatusRules(staleAfterDays: -1).validated()
    }
    #expect(throws: DomainError.invalid(field: "low_confidence_below", reason: .outOfRange)) {
        try StatusRules(lowConfidenceBelow: 11).validated()
    }
    #expect(try StatusRules().validated() == StatusRules())
    let bad = #"{"policy":{"name":"ratio"},"low_confidence_below":5,"stale_after_days":0}"#
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(StatusRules.self, from: Data(bad.utf8)) }
}
