import Foundation
import OKRCore

/// What one generated KR measures and how it is written: its kind (every kind, in realistic shares), the
/// metric, start and target in the metric's usual range, an optional validity condition, and a title that
/// states the outcome with its numbers ("Tăng tỉ lệ mở bản tin từ 18% lên 28%"), in both languages.
struct KeyResultDesign: Sendable {
    let kind: KeyResult.Kind
    let metric: Metric
    let start: Double
    let target: Double
    let targetHigh: Double
    let title: (vi: String, en: String)
    let condition: ValidityCondition?
    /// The final count of the condition's metric, below its minimum now and then.
    let conditionCount: Double?

    init(theme: Theme, random: inout SplitMix64) {
        let kind: KeyResult.Kind = random.weighted([
            (.increase, 0.45), (.decrease, 0.2), (.atLeast, 0.1), (.atMost, 0.08), (.range, 0.04),
            (.milestone, 0.08), (.baseline, 0.05),
        ])
        let wantsUp: Bool? =
            switch kind {
            case .increase, .atLeast: true
            case .decrease, .atMost: false
            default: nil
            }
        let fitting = theme.metrics.filter { wantsUp == nil || $0.higherIsBetter == wantsUp }
        let metric = random.pick(fitting.isEmpty ? theme.metrics : fitting)
        let step = metric.step
        func rounded(_ value: Double) -> Double { (value / step).rounded() * step }
        let level = rounded(random.double(metric.low...metric.high))
        var start = level
        var target = level
        var high = level
        switch kind {
        case .increase:
            var goal = level * (1 + random.double(0.12...0.6))
            if metric.unit == .percent { goal = min(goal, level + (100 - level) * 0.7) }
            target = max(rounded(goal), level + step)
        case .decrease:
            target = min(rounded(level * (1 - random.double(0.12...0.5))), level - step)
            if target < 0 {
                start = level + step
                target = 0
            }
        case .range:
            target = rounded(level * 0.9)
            high = max(rounded(level * 1.1), target + step)
        case .atLeast, .atMost, .milestone, .baseline:
            break
        }
        var condition: ValidityCondition?
        var conditionCount: Double?
        if let counted = metric.counted, kind == .atLeast || kind == .increase, random.chance(0.6) {
            let minimum = Double(random.pick([50, 100, 150, 200]))
            condition = try? ValidityCondition(metric: counted.en, minimum: Decimal(Int(minimum)))
            conditionCount = (minimum * random.double(0.5...1.5)).rounded()
        }
        self.kind = kind
        self.metric = metric
        self.start = start
        self.target = target
        self.targetHigh = high
        self.condition = condition
        self.conditionCount = conditionCount
        var title = Self.title(
            kind: kind, metric: metric, start: metric.decimal(start), target: metric.decimal(target),
            high: metric.decimal(high), milestone: random.pick(theme.milestones))
        if let condition, let counted = metric.counted {
            let minimum = Metric.format(condition.minimum, decimals: 0, group: ".", point: ",")
            let minimumEn = Metric.format(condition.minimum, decimals: 0, group: ",", point: ".")
            title = (
                title.vi + " với ít nhất \(minimum) \(counted.vi)",
                title.en + " with at least \(minimumEn) \(counted.en)"
            )
        }
        self.title = title
    }

    static func title(
        kind: KeyResult.Kind, metric: Metric, start: Decimal, target: Decimal, high: Decimal,
        milestone: (vi: String, en: String)
    ) -> (vi: String, en: String) {
        switch kind {
        case .increase:
            return (
                "Tăng \(metric.vi) từ \(metric.vi(start)) lên \(metric.vi(target))",
                "Raise \(metric.en) from \(metric.en(start)) to \(metric.en(target))"
            )
        case .decrease:
            return (
                "Giảm \(metric.vi) từ \(metric.vi(start)) xuống \(metric.vi(target))",
                "Cut \(metric.en) from \(metric.en(start)) to \(metric.en(target))"
            )
        case .atLeast:
            return (
                "Giữ \(metric.vi) ở mức từ \(metric.vi(target)) trở lên",
                "Keep \(metric.en) at \(metric.en(target)) or above"
            )
        case .atMost:
            return (
                "Giữ \(metric.vi) không vượt quá \(metric.vi(target))",
                "Keep \(metric.en) at or below \(metric.en(target))"
            )
        case .range:
            return (
                "Duy trì \(metric.vi) trong khoảng \(metric.vi(target)) đến \(metric.vi(high))",
                "Keep \(metric.en) between \(metric.en(target)) and \(metric.en(high))"
            )
        case .milestone:
            return milestone
        case .baseline:
            return ("Xác lập mức cơ sở cho \(metric.vi)", "Establish the baseline for \(metric.en)")
        }
    }

    /// A milestone counts 0 or 1, whatever the metric it was drawn with.
    var unit: MeasureUnit { kind == .milestone ? .number : metric.unit }

    /// The numbers the KR is stored with (nil where its kind has none).
    var startValue: Decimal? { kind.isDirectional ? metric.decimal(start) : nil }
    var targetValue: Decimal? {
        switch kind {
        case .milestone, .baseline: return nil
        default: return metric.decimal(target)
        }
    }
    var targetHighValue: Decimal? { kind == .range ? metric.decimal(targetHigh) : nil }

    /// How the KR's value moves: committed objectives get closer to their targets than aspirational ones.
    func trajectory(aspirational: Bool, weeks: Int, random: inout SplitMix64) -> Trajectory {
        let outcome: Double
        switch kind {
        case .increase, .decrease:
            outcome = min(1.3, max(-0.1, random.around(aspirational ? 0.65 : 0.85, spread: 0.9)))
        case .atLeast, .atMost: outcome = random.around(0.04, spread: 0.2)
        case .range: outcome = random.around(0, spread: 1.6)
        case .milestone, .baseline: outcome = 0
        }
        let base = kind == .milestone ? 0 : start
        return Trajectory(
            kind: kind, metric: metric, start: base, target: target, targetHigh: targetHigh, outcome: outcome,
            curve: random.double(0.6...1.6), doneWeek: random.int(4...16), weeks: weeks,
            firstConfidence: aspirational ? random.int(4...7) : random.int(6...8), conditionCount: conditionCount)
    }
}
