import Foundation

/// How well stated confidence predicted the final grades, for a person, a team or a cycle.
///
/// Each KR is one forecast: the last confidence stated before close (0–10, read as a probability p) that the KR
/// would succeed, and the outcome o (1 when its final grade reached the success line, 0 otherwise). The Brier
/// score is `Σ (p − o)² / n`: 0 is perfect foresight, 0.25 is what always saying 5/10 earns, 1 is always wrong.
public struct Calibration: Hashable, Sendable, Codable {
    public let forecasts: Int
    public let brierScore: Decimal
    /// Mean stated probability of success.
    public let meanConfidence: Decimal
    /// Share of forecasts that succeeded.
    public let successRate: Decimal
    public let verdict: Verdict
    public let explanation: Explanation

    public enum Verdict: String, Sendable, Codable, CaseIterable {
        /// Said more often than not that things would work out, and they did not as often.
        case overconfident
        case underconfident
        case calibrated
    }

    /// One forecast: who made it, how confident, and how it turned out.
    public struct Forecast: Hashable, Sendable, Codable {
        public let subject: String
        public let confidence: Confidence
        public let grade: Decimal
        /// The grade at which the KR counts as a success (0.7 by default, 1.0 for committed ones if preferred).
        public let successAt: Decimal

        public init(
            subject: String, confidence: Confidence, grade: Decimal, successAt: Decimal = Decimal(string: "0.7")!
        ) {
            self.subject = subject
            self.confidence = confidence
            self.grade = grade
            self.successAt = successAt
        }

        var outcome: Decimal { grade >= successAt ? 1 : 0 }

        /// Where success starts for a KR of an objective of `kind`: a committed objective is expected in full
        /// (1.0), an aspirational one is a success at 0.7, as the mission grades them.
        public static func successLine(_ kind: Objective.Kind) -> Decimal {
            kind == .committed ? 1 : Decimal(string: "0.7")!
        }
    }

    public init?(_ forecasts: [Forecast]) {
        guard !forecasts.isEmpty else { return nil }
        let n = Decimal(forecasts.count)
        let squared = forecasts.reduce(Decimal(0)) { sum, f in
            let d = f.confidence.probability - f.outcome
            return sum + d * d
        }
        self.forecasts = forecasts.count
        self.brierScore = (squared / n).rounded(4)
        self.meanConfidence = (forecasts.reduce(Decimal(0)) { $0 + $1.confidence.probability } / n).rounded(4)
        self.successRate = (forecasts.reduce(Decimal(0)) { $0 + $1.outcome } / n).rounded(4)
        let gap = meanConfidence - successRate
        if gap > Decimal(string: "0.15")! {
            verdict = .overconfident
        } else if gap < Decimal(string: "-0.15")! {
            verdict = .underconfident
        } else {
            verdict = .calibrated
        }
        explanation = Explanation(
            formula: "Σ (p − o)² / n",
            computation: "\(Plain.text(squared)) / \(forecasts.count) = \(Plain.text(brierScore))",
            inputs: [
                .init("n", "\(forecasts.count)"), .init("mean p", Plain.text(meanConfidence)),
                .init("success rate", Plain.text(successRate)),
            ],
            policy: "p = confidence / 10; o = 1 when grade ≥ success line")
    }

    /// One calibration per subject (person or team), for those with at least one forecast.
    public static func bySubject(_ forecasts: [Forecast]) -> [String: Calibration] {
        Dictionary(grouping: forecasts, by: \.subject).compactMapValues { Calibration($0) }
    }
}
