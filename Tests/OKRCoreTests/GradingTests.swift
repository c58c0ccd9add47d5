import Foundation
import Testing

@testable import OKRCore

/// Grading at the close of a cycle, the success rule by kind, the colour bands, and calibration.
@Suite("Grading and calibration")
struct GradingTests {
    typealias F = Fixture

    func grade(_ current: String) throws -> KeyResultGrade {
        KeyResultGrade(progress: try F.increase(from: 0, to: 100, now: F.dec(current)).progress())
    }

    @Test(
        "The proposal is clamped progress rounded to the nearest tenth",
        arguments: [("64", "0.6"), ("65", "0.7"), ("0", "0"), ("4.9", "0"), ("5", "0.1"), ("130", "1"), ("-10", "0")])
    func proposal(current: String, proposed: String) throws {
        let grade = try grade(current)
        #expect(grade.proposed == F.dec(proposed))
        #expect(grade.value == F.dec(proposed))
        #expect(grade.reason == nil)
    }

    @Test("A failing validity condition proposes 0")
    func conditionProposal() throws {
        let condition = try ValidityCondition(metric: "responses", minimum: 100, actual: 40)
        let kr = try F.keyResult(kind: .atLeast, target: 8, current: F.dec("8.6"), condition: condition)
        #expect(KeyResultGrade(progress: kr.progress()).proposed == 0)
    }

    @Test("Adjusting a grade needs a reason; keeping the proposal does not")
    func adjustment() throws {
        let proposed = try grade("64")
        #expect(throws: DomainError.invalid(field: "reason", reason: .required)) {
            try proposed.adjusted(to: F.dec("0.8"), reason: nil)
        }
        #expect(throws: DomainError.invalid(field: "reason", reason: .required)) {
            try proposed.adjusted(to: F.dec("0.8"), reason: "   ")
        }
        let adjusted = try proposed.adjusted(to: F.dec("0.8"), reason: " Đối tác trả chậm một tuần ")
        #expect(adjusted.proposed == F.dec("0.6"))
        #expect(adjusted.value == F.dec("0.8"))
        #expect(adjusted.reason == "Đối tác trả chậm một tuần")
        #expect(try proposed.adjusted(to: F.dec("0.6"), reason: nil).value == F.dec("0.6"))
    }

    @Test("A grade is between 0.0 and 1.0 and a number")
    func gradeRange() throws {
        let proposed = try grade("50")
        #expect(throws: DomainError.invalid(field: "grade", reason: .outOfRange)) {
            try proposed.adjusted(to: F.dec("1.1"), reason: "x")
        }
        #expect(throws: DomainError.invalid(field: "grade", reason: .outOfRange)) {
            try proposed.adjusted(to: F.dec("-0.1"), reason: "x")
        }
        #expect(throws: DomainError.invalid(field: "grade", reason: .notFinite)) {
            try proposed.adjusted(to: .nan, reason: "x")
        }
        #expect(throws: DomainError.invalid(field: "proposed", reason: .outOfRange)) {
            try KeyResultGrade(proposed: 2, value: 1, reason: "x")
        }
    }

    @Test(
        "Google's colour bands: 0.0–0.3 red, 0.4–0.6 yellow, 0.7–1.0 green",
        arguments: [
            ("0", GradeBand.red), ("0.3", .red), ("0.34", .red), ("0.35", .yellow), ("0.4", .yellow), ("0.6", .yellow),
            ("0.64", .yellow), ("0.65", .green), ("0.7", .green), ("1", .green),
        ])
    func bands(value: String, band: GradeBand) {
        #expect(GradeBand(F.dec(value)) == band)
    }

    @Test("A KR grade has the band of its value, not of its proposal")
    func bandOfAdjusted() throws {
        let adjusted = try grade("30").adjusted(to: F.dec("0.7"), reason: "Đổi phạm vi giữa quý")
        #expect(adjusted.band == .green)
    }

    func objectiveGrade(_ kind: Objective.Kind, _ grades: [(String, Decimal)]) throws -> ObjectiveGrade {
        let weighted = try grades.map { value, weight in
            (grade: try KeyResultGrade(proposed: F.dec(value), value: F.dec(value), reason: nil), weight: weight)
        }
        return ObjectiveGrade(kind: kind, grades: weighted)
    }

    @Test("The objective grade is the weighted mean of its KR grades, to two decimals")
    func objectiveGradeMean() throws {
        let grade = try objectiveGrade(.aspirational, [("1", 1), ("0.5", 1), ("0.6", 2)])
        #expect(grade.value == F.dec("0.68"))
        #expect(grade.band == .green)
        #expect(grade.explanation.computation == "(1·1 + 1·0.5 + 2·0.6) / 4 = 0.68")
        #expect(grade.explanation.policy == "aspirational: success at ≥ 0.7")
        let thirds = try objectiveGrade(.committed, [("1", 1), ("0", 1), ("0", 1)])
        #expect(thirds.value == F.dec("0.33"))
        let none = try objectiveGrade(.committed, [])
        #expect(none.value == 0)
        #expect(none.explanation.computation == "no key results → 0")
        #expect(none.explanation.policy == "committed: success at 1.0")
    }

    @Test("Success: committed objectives at 1.0, aspirational ones at 0.7 or more")
    func success() throws {
        #expect(try objectiveGrade(.committed, [("1", 1), ("1", 1)]).isSuccess)
        #expect(try !objectiveGrade(.committed, [("1", 1), ("0.9", 1)]).isSuccess)
        #expect(try objectiveGrade(.aspirational, [("0.7", 1)]).isSuccess)
        #expect(try objectiveGrade(.aspirational, [("0.8", 1), ("0.6", 1)]).isSuccess)
        #expect(try !objectiveGrade(.aspirational, [("0.6", 1)]).isSuccess)
        #expect(try !objectiveGrade(.aspirational, [("0.7", 1), ("0.6", 2)]).isSuccess)
    }

    func forecast(_ subject: String, _ confidence: Int, _ grade: String, at line: String = "0.7") throws
        -> Calibration.Forecast
    {
        Calibration.Forecast(
            subject: subject, confidence: try Confidence(confidence), grade: F.dec(grade), successAt: F.dec(line))
    }

    @Test("Success lines: a committed objective's KR succeeds at 1.0, an aspirational one's at 0.7")
    func successLines() throws {
        #expect(Calibration.Forecast.successLine(.committed) == 1)
        #expect(Calibration.Forecast.successLine(.aspirational) == F.dec("0.7"))
        let committed = try forecast("a", 9, "0.9", at: "1")
        let aspirational = try forecast("a", 9, "0.9", at: "0.7")
        #expect(try #require(Calibration([committed])).brierScore == F.dec("0.81"))
        #expect(try #require(Calibration([aspirational])).brierScore == F.dec("0.01"))
    }

    @Test("Brier score by hand: 8/10 that succeeded and 3/10 that failed score (0.04 + 0.09) / 2")
    func brierByHand() throws {
        let calibration = try #require(Calibration([forecast("lan", 8, "0.9"), forecast("lan", 3, "0.2")]))
        #expect(calibration.forecasts == 2)
        #expect(calibration.brierScore == F.dec("0.065"))
        #expect(calibration.meanConfidence == F.dec("0.55"))
        #expect(calibration.successRate == F.dec("0.5"))
        #expect(calibration.verdict == .calibrated)
        #expect(calibration.explanation.formula == "Σ (p − o)² / n")
        #expect(calibration.explanation.computation == "0.13 / 2 = 0.065")
    }

    @Test("Perfect foresight scores 0, always wrong scores 1, always 5/10 scores 0.25")
    func brierExtremes() throws {
        let perfect = try #require(Calibration([forecast("a", 10, "1"), forecast("a", 0, "0")]))
        #expect(perfect.brierScore == 0)
        let wrong = try #require(Calibration([forecast("a", 0, "1"), forecast("a", 10, "0.2")]))
        #expect(wrong.brierScore == 1)
        let hedging = try #require(
            Calibration([forecast("a", 5, "1"), forecast("a", 5, "0"), forecast("a", 5, "0.7")]))
        #expect(hedging.brierScore == F.dec("0.25"))
    }

    @Test("Saying 9/10 on KRs that mostly fail is overconfident; 2/10 on KRs that succeed is underconfident")
    func verdicts() throws {
        let over = try #require(
            Calibration([forecast("a", 9, "0.3"), forecast("a", 9, "0.4"), forecast("a", 9, "1")]))
        // ((0.9)² + (0.9)² + (0.1)²) / 3 = 1.63 / 3
        #expect(over.brierScore == F.dec("0.5433"))
        #expect(over.verdict == .overconfident)
        let under = try #require(Calibration([forecast("b", 2, "0.8"), forecast("b", 2, "1")]))
        #expect(under.brierScore == F.dec("0.64"))
        #expect(under.verdict == .underconfident)
    }

    @Test("The success line is inclusive and can be 1.0 for committed KRs")
    func successLine() throws {
        let atLine = try #require(Calibration([forecast("a", 10, "0.7")]))
        #expect(atLine.brierScore == 0)
        let committed = try #require(Calibration([forecast("a", 10, "0.9", at: "1")]))
        #expect(committed.brierScore == 1)
    }

    @Test("No forecasts, no calibration; one calibration per person or team")
    func bySubject() throws {
        #expect(Calibration([]) == nil)
        let bySubject = Calibration.bySubject([
            try forecast("lan", 8, "1"), try forecast("minh", 2, "1"), try forecast("lan", 6, "0"),
        ])
        #expect(bySubject.keys.sorted() == ["lan", "minh"])
        #expect(bySubject["lan"]?.brierScore == F.dec("0.2"))
        #expect(bySubject["minh"]?.brierScore == F.dec("0.64"))
    }
}
