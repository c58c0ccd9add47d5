import Foundation
import Testing

@testable import OKRCore

/// Invalid key results cannot be built: a typed error names the field and the reason.
@Suite("Key result validation")
struct KeyResultValidationTests {
    typealias F = Fixture

    @Test("Increase with target equal to start is refused")
    func targetEqualsStart() {
        #expect(throws: DomainError.invalid(field: "target", reason: .targetEqualsStart)) {
            try F.keyResult(kind: .increase, start: 100, target: 100)
        }
        #expect(throws: DomainError.invalid(field: "target", reason: .targetEqualsStart)) {
            try F.keyResult(kind: .decrease, start: 5, target: 5)
        }
    }

    @Test("A target going the wrong way for its kind is refused")
    func wrongDirection() {
        #expect(throws: DomainError.invalid(field: "target", reason: .wrongDirection(kind: "increase"))) {
            try F.keyResult(kind: .increase, start: 150, target: 100)
        }
        #expect(throws: DomainError.invalid(field: "target", reason: .wrongDirection(kind: "decrease"))) {
            try F.keyResult(kind: .decrease, start: 100, target: 150)
        }
    }

    @Test("Increase and decrease need both a start and a target")
    func directionalNeedsBothEnds() {
        #expect(throws: DomainError.invalid(field: "start", reason: .required)) {
            try F.keyResult(kind: .increase, target: 150)
        }
        #expect(throws: DomainError.invalid(field: "target", reason: .required)) {
            try F.keyResult(kind: .decrease, start: 150)
        }
    }

    @Test("Thresholds and range bounds are required; reversed or equal bounds are refused")
    func thresholdsAndBounds() {
        #expect(throws: DomainError.invalid(field: "target", reason: .required)) {
            try F.keyResult(kind: .atLeast)
        }
        #expect(throws: DomainError.invalid(field: "target", reason: .required)) {
            try F.keyResult(kind: .atMost)
        }
        #expect(throws: DomainError.invalid(field: "target", reason: .required)) {
            try F.keyResult(kind: .range, targetHigh: 5)
        }
        #expect(throws: DomainError.invalid(field: "target_high", reason: .required)) {
            try F.keyResult(kind: .range, target: 5)
        }
        #expect(throws: DomainError.invalid(field: "target_high", reason: .boundsReversed)) {
            try F.keyResult(kind: .range, target: 99, targetHigh: 95)
        }
        #expect(throws: DomainError.invalid(field: "target_high", reason: .boundsReversed)) {
            try F.keyResult(kind: .range, target: 95, targetHigh: 95)
        }
        #expect(throws: DomainError.invalid(field: "target_high", reason: .notAllowedForKind(kind: "at_least"))) {
            try F.keyResult(kind: .atLeast, target: 5, targetHigh: 9)
        }
    }

    @Test("Weight must be greater than 0", arguments: ["0", "-1", "-0.5"])
    func weightNotPositive(weight: String) {
        #expect(throws: DomainError.invalid(field: "weight", reason: .notPositive)) {
            try F.increase(from: 0, to: 10, now: nil, weight: F.dec(weight))
        }
    }

    @Test("NaN is refused in every number, naming the field")
    func notANumber() {
        let nan = Decimal.nan
        let cases: [(String, () throws -> KeyResult)] = [
            ("start", { try F.keyResult(kind: .increase, start: nan, target: 1) }),
            ("target", { try F.keyResult(kind: .increase, start: 0, target: nan) }),
            ("target_high", { try F.keyResult(kind: .range, target: 0, targetHigh: nan) }),
            ("current", { try F.keyResult(kind: .increase, start: 0, target: 1, current: nan) }),
            ("weight", { try F.keyResult(kind: .increase, start: 0, target: 1, weight: nan) }),
            (
                "plan",
                {
                    try F.keyResult(
                        kind: .increase, start: 0, target: 1, plan: [PlannedValue(day: F.day("2026-11-01"), value: nan)]
                    )
                }
            ),
        ]
        for (field, build) in cases {
            #expect(throws: DomainError.invalid(field: field, reason: .notFinite), "\(field)") { try build() }
        }
        #expect(throws: DomainError.invalid(field: "condition.minimum", reason: .notFinite)) {
            try ValidityCondition(metric: "responses", minimum: nan)
        }
        #expect(throws: DomainError.invalid(field: "condition.actual", reason: .notFinite)) {
            try ValidityCondition(metric: "responses", minimum: 100, actual: nan)
        }
    }

    @Test("Confidence is 0 to 10", arguments: [-1, 11, 100])
    func confidenceOutOfRange(value: Int) {
        #expect(throws: DomainError.invalid(field: "confidence", reason: .outOfRange)) { try Confidence(value) }
    }

    @Test("Confidence reads as a probability and sorts by value")
    func confidence() throws {
        #expect(try Confidence(0).probability == 0)
        #expect(try Confidence(7).probability == F.dec("0.7"))
        #expect(try Confidence(10).probability == 1)
        #expect(try Confidence(3) < Confidence(4))
        #expect(try Confidence(8).description == "8/10")
    }

    @Test("A due date outside the KR's cycle is refused, with the cycle's bounds")
    func dueOutsideCycle() throws {
        let cycle = F.q4of2026
        let outside = DomainError.invalid(
            field: "due", reason: .outsideCycle(start: F.day("2026-10-01"), end: F.day("2026-12-31")))
        #expect(throws: outside) {
            try F.keyResult(kind: .milestone, due: F.day("2027-01-01"), cycle: cycle)
        }
        #expect(throws: outside) {
            try F.keyResult(kind: .milestone, due: F.day("2026-09-30"), cycle: cycle)
        }
        let onLastDay = try F.keyResult(kind: .milestone, due: F.day("2026-12-31"), cycle: cycle)
        #expect(onLastDay.due == F.day("2026-12-31"))
        #expect(outside.message(.en) == "due: is outside the cycle 2026-10-01 – 2026-12-31")
        #expect(outside.message(.vi) == "due: nằm ngoài chu kỳ 2026-10-01 – 2026-12-31")
    }

    @Test("Planned values: directional KRs only, inside the cycle, one per day, kept in date order")
    func plannedValues() throws {
        let cycle = F.q4of2026
        let plan = [
            PlannedValue(day: F.day("2026-12-01"), value: 140), PlannedValue(day: F.day("2026-11-01"), value: 120),
        ]
        let kr = try F.keyResult(kind: .increase, start: 100, target: 150, plan: plan, cycle: cycle)
        #expect(kr.plan.map(\.day) == [F.day("2026-11-01"), F.day("2026-12-01")])
        #expect(throws: DomainError.invalid(field: "plan", reason: .notAllowedForKind(kind: "milestone"))) {
            try F.keyResult(kind: .milestone, plan: plan)
        }
        #expect(throws: DomainError.invalid(field: "plan", reason: .duplicate)) {
            try F.keyResult(
                kind: .increase, start: 100, target: 150,
                plan: [
                    PlannedValue(day: F.day("2026-11-01"), value: 1), PlannedValue(day: F.day("2026-11-01"), value: 2),
                ])
        }
        #expect(
            throws: DomainError.invalid(
                field: "plan", reason: .outsideCycle(start: F.day("2026-10-01"), end: F.day("2026-12-31")))
        ) {
            try F.keyResult(
                kind: .increase, start: 100, target: 150, plan: [PlannedValue(day: F.day("2027-01-15"), value: 150)],
                cycle: cycle)
        }
    }

    @Test("A milestone is 0 or 1")
    func milestoneValue() {
        #expect(throws: DomainError.invalid(field: "current", reason: .outOfRange)) {
            try F.keyResult(kind: .milestone, current: 2)
        }
    }

    @Test("Titles must not be empty and have a length limit")
    func titles() {
        #expect(throws: DomainError.invalid(field: "title", reason: .empty)) { try LocalizedName(vi: "   ") }
        #expect(throws: DomainError.invalid(field: "title", reason: .tooLong(max: 300))) {
            try LocalizedName(vi: String(repeating: "a", count: 301))
        }
        #expect(throws: DomainError.invalid(field: "title_en", reason: .tooLong(max: 300))) {
            try LocalizedName(vi: "Mục tiêu", en: String(repeating: "a", count: 301))
        }
    }

    @Test("A localized name falls back to Vietnamese when the English one is missing or blank")
    func localizedName() throws {
        #expect(try LocalizedName(vi: "  Tăng MQL  ").text(.en) == "Tăng MQL")
        #expect(try LocalizedName(vi: "Tăng MQL", en: " ").en == nil)
        #expect(try LocalizedName(vi: "Tăng MQL", en: "Raise MQL").text(.en) == "Raise MQL")
        #expect(try LocalizedName(vi: "Tăng MQL", en: "Raise MQL").text(.vi) == "Tăng MQL")
    }

    @Test("A validity condition needs a metric and a positive minimum")
    func conditionValidation() {
        #expect(throws: DomainError.invalid(field: "condition.metric", reason: .empty)) {
            try ValidityCondition(metric: "", minimum: 1)
        }
        #expect(throws: DomainError.invalid(field: "condition.minimum", reason: .notPositive)) {
            try ValidityCondition(metric: "responses", minimum: 0)
        }
    }

    @Test("Units: currencies by ISO code with their precision, labels, and their text form")
    func units() throws {
        #expect(try MeasureUnit.currency("vnd") == .currency(code: "VND", precision: 0))
        #expect(try MeasureUnit.currency("USD") == .currency(code: "USD", precision: 2))
        #expect(throws: DomainError.invalid(field: "unit", reason: .unknownValue("US"))) {
            try MeasureUnit.currency("US")
        }
        #expect(throws: DomainError.invalid(field: "unit", reason: .unknownValue("U$D"))) {
            try MeasureUnit.currency("U$D")
        }
        #expect(try MeasureUnit.parse("") == .number)
        #expect(try MeasureUnit.parse("number") == .number)
        #expect(try MeasureUnit.parse("%") == .percent)
        #expect(try MeasureUnit.parse("percent") == .percent)
        #expect(try MeasureUnit.parse("currency:EUR") == .currency(code: "EUR", precision: 2))
        #expect(try MeasureUnit.parse("label:MQL") == .label("MQL"))
        #expect(try MeasureUnit.parse("tickets") == .label("tickets"))
        #expect(throws: DomainError.invalid(field: "unit", reason: .empty)) { try MeasureUnit.parse("label: ") }
        for unit: MeasureUnit in [.number, .percent, .currency(code: "VND", precision: 0), .label("/10")] {
            #expect(try MeasureUnit.parse(unit.description) == unit)
        }
    }

    @Test("Every reason reads in both languages")
    func reasonMessages() {
        let reasons: [InvalidReason] = [
            .required, .empty, .outOfRange, .notFinite, .notPositive, .tooLong(max: 10), .targetEqualsStart,
            .wrongDirection(kind: "increase"), .boundsReversed,
            .outsideCycle(start: F.day("2026-01-01"), end: F.day("2026-03-31")), .notAllowedForKind(kind: "range"),
            .unknownValue("x"), .duplicate,
        ]
        let english = reasons.map { $0.message(.en) }
        let vietnamese = reasons.map { $0.message(.vi) }
        #expect(Set(english).count == reasons.count)
        #expect(Set(vietnamese).count == reasons.count)
        #expect(zip(english, vietnamese).allSatisfy { $0 != $1 })
        let error = DomainError.invalid(field: "weight", reason: .notPositive)
        #expect(error.description == "weight: must be greater than 0")
        #expect(error.message(.vi) == "weight: phải lớn hơn 0")
        #expect(error.field == "weight")
        #expect(DomainError.alignmentCycle(path: ["a", "b", "a"]).field == nil)
        #expect(
            DomainError.alignmentCycle(path: ["a", "b", "a"]).description == "Alignment links form a loop: a → b → a")
        #expect(
            DomainError.alignmentCycle(path: ["a", "a"]).message(.vi) == "Liên kết căn chỉnh tạo thành vòng lặp: a → a")
        let transition = DomainError.transitionNotAllowed(entity: "objective", from: "closed", to: "draft")
        #expect(transition.description == "objective: cannot go from closed to draft")
        #expect(transition.message(.vi) == "objective: không thể chuyển từ closed sang draft")
    }
}
