import Foundation
import OKRCore

/// How a KR's value moves through its cycle: towards the target for `increase` / `decrease` (reaching the
/// share `outcome` of the way by the end, along a curve, with weekly noise), around the threshold for
/// `at_least` / `at_most`, around the middle of the band for `range`, from 0 to 1 at some week for a milestone,
/// and around the measured level for a baseline. Confidence follows how it goes.
struct Trajectory: Sendable {
    let kind: KeyResult.Kind
    let metric: Metric
    let start: Double
    let target: Double
    let targetHigh: Double
    /// The share of the way reached at the end of the cycle (directional kinds), or the drift for thresholds.
    let outcome: Double
    /// The curve's exponent: below 1 fast starters, above 1 late finishers.
    let curve: Double
    /// The week a milestone is done (past the cycle: never).
    let doneWeek: Int
    let weeks: Int
    let firstConfidence: Int
    /// The final count of a validity condition.
    let conditionCount: Double?

    /// The value at `time` weeks into the cycle (fractional for mid-week), with `noise` in [-1, 1].
    func value(at time: Double, noise: Double) -> Decimal {
        let share = max(0, time / Double(weeks))
        var value: Double
        switch kind {
        case .increase, .decrease:
            let progress = outcome * pow(share, curve) + noise * 0.03
            value = start + (target - start) * progress
        case .atLeast:
            value = target * (1 + outcome * share - 0.02 + noise * 0.03)
        case .atMost:
            value = target * (1 - outcome * share + 0.02 + noise * 0.03)
        case .range:
            let middle = (target + targetHigh) / 2
            value = middle + (targetHigh - target) / 2 * (outcome + noise * 0.6)
        case .milestone:
            return time >= Double(doneWeek) ? 1 : 0
        case .baseline:
            value = start * (1 + noise * 0.05)
        }
        if metric.unit == .percent { value = min(value, 100) }
        return metric.decimal(max(0, value))
    }

    /// Stated confidence at `time`: where it started, moved by how the result is going, within 1…10.
    func confidence(at time: Double, noise: Double) -> Int {
        let share = time / Double(weeks)
        let going: Double
        switch kind {
        case .increase, .decrease: going = outcome - 0.8
        case .milestone: going = doneWeek <= weeks ? 0.2 : -0.4
        case .atLeast, .atMost: going = outcome * 3
        case .range: going = 0.3 - abs(outcome)
        case .baseline: going = 0.2
        }
        let value = Double(firstConfidence) + going * 5 * share + noise
        return min(10, max(1, Int(value.rounded())))
    }

    /// The condition's count at `time` (responses so far).
    func conditionActual(at time: Double) -> Decimal? {
        conditionCount.map { Decimal(Int(($0 * min(1, time / Double(weeks))).rounded())) }
    }
}
