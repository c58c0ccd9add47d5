import Foundation

/// A key result's progress: raw (may exceed 100% for display) and clamped to [0, 1] for roll-up.
public struct KeyResultProgress: Hashable, Sendable, Codable {
    /// As computed; 1.25 for 125%.
    public let raw: Decimal
    /// In [0, 1]; 0 while a validity condition fails. This is what objectives roll up.
    public let value: Decimal
    /// Whether the KR counts as reached: full progress and its condition holds.
    public let isMet: Bool
    /// Whether any value has been recorded yet.
    public let hasValue: Bool
    public let explanation: Explanation
}

extension KeyResult {
    /// The KR's progress by its kind (the design's "KR progress by kind").
    public func progress() -> KeyResultProgress {
        let inputs = explanationInputs
        guard let current else {
            let formula = kind == .baseline ? "recorded ? 1 : 0" : formulaText
            return KeyResultProgress(
                raw: 0, value: 0, isMet: false, hasValue: false,
                explanation: Explanation(
                    formula: formula, computation: "= 0", inputs: inputs,
                    notes: [LocalizedText(vi: "Chưa có lần cập nhật nào", en: "No check-in yet")]))
        }
        let raw = rawProgress(of: current)
        var computation = ""
        var words: LocalizedText?
        /// For the kinds that compare: the comparison that is true of the numbers ("38 < 40").
        var comparison: String?
        switch kind {
        case .increase, .decrease:
            let start = self.start!
            let target = self.target!
            computation =
                "(\(Plain.text(current)) − \(Plain.text(start))) / (\(Plain.text(target)) − \(Plain.text(start))) = \(Plain.text(raw))"
        case .atLeast:
            // The text states only what is true: the comparison that held, or the one that failed.
            comparison = Self.compared(current, raw == 1 ? "≥" : "<", target!)
        case .atMost:
            comparison = Self.compared(current, raw == 1 ? "≤" : ">", target!)
        case .range:
            if raw == 1 {
                comparison = "\(Plain.text(target!)) ≤ \(Plain.text(current)) ≤ \(Plain.text(targetHigh!))"
            } else if current < target! {
                comparison = Self.compared(current, "<", target!)
            } else {
                comparison = Self.compared(current, ">", targetHigh!)
            }
        case .milestone:
            computation = raw == 1 ? "done → 1" : "not done → 0"
            words = LocalizedText(vi: raw == 1 ? "xong → 1" : "chưa xong → 0", en: computation)
        case .baseline:
            computation = "recorded \(Plain.text(current)) → 1"
            words = LocalizedText(vi: "đã ghi nhận \(Plain.text(current)) → 1", en: computation)
        }
        if let comparison { computation = "\(comparison) → \(raw == 1 ? "1" : "0")" }
        let clamped = raw.clampedToUnit
        var notes: [LocalizedText] = []
        if let comparison, raw == 0 {
            notes.append(LocalizedText(vi: "Chưa đạt: \(comparison)", en: "Not held: \(comparison)"))
        }
        if raw > 1 {
            notes.append(
                LocalizedText(
                    vi: "Vượt chỉ tiêu: \(Percent.text(raw, .vi)); tính 100% khi tổng hợp",
                    en: "Beyond target: \(Percent.text(raw, .en)); counted as 100% in roll-ups"))
        }
        if let condition, !condition.isMet {
            notes.append(conditionNote(condition, current: current))
            return KeyResultProgress(
                raw: raw, value: 0, isMet: false, hasValue: true,
                explanation: Explanation(
                    formula: formulaText, computation: computation, inputs: inputs, notes: notes, reason: words))
        }
        return KeyResultProgress(
            raw: raw, value: clamped, isMet: clamped >= 1, hasValue: true,
            explanation: Explanation(
                formula: formulaText, computation: computation, inputs: inputs, notes: notes, reason: words))
    }

    /// The progress the KR had with one check-in: its value, and its validity condition judged on the count
    /// recorded with it — the same guarded number the headline shows, for the history, the chart and the meeting.
    public func progress(at checkIn: CheckIn) -> KeyResultProgress {
        var copy = self
        copy.current = checkIn.value
        if var condition = copy.condition {
            condition.actual = checkIn.conditionActual
            copy.condition = condition
        }
        return copy.progress()
    }

    /// The number of `progress(at:)` without its explanation: in [0, 1], 0 while the condition recorded with the
    /// check-in fails. For the chart and the history, a number per check-in.
    public func progressValue(at checkIn: CheckIn) -> Decimal {
        if let condition, (checkIn.conditionActual ?? 0) < condition.minimum { return 0 }
        return rawProgress(of: checkIn.value).clampedToUnit
    }

    /// The progress a planned value would have: what the plan says, before any condition is counted.
    public func progress(ifValueWere value: Decimal) -> Decimal {
        rawProgress(of: value).clampedToUnit
    }

    /// The progress `value` would be by the KR's kind, before clamping (1.25 for 125%), its condition aside.
    private func rawProgress(of value: Decimal) -> Decimal {
        switch kind {
        case .increase, .decrease: return (value - start!) / (target! - start!)
        case .atLeast: return value >= target! ? 1 : 0
        case .atMost: return value <= target! ? 1 : 0
        case .range: return target! <= value && value <= targetHigh! ? 1 : 0
        case .milestone: return value >= 1 ? 1 : 0
        case .baseline: return 1
        }
    }

    /// "38 < 40": a comparison that is true of the numbers.
    private static func compared(_ current: Decimal, _ sign: String, _ bound: Decimal) -> String {
        "\(Plain.text(current)) \(sign) \(Plain.text(bound))"
    }

    var formulaText: String {
        switch kind {
        case .increase, .decrease: return "(current − start) / (target − start)"
        case .atLeast: return "current ≥ target ? 1 : 0"
        case .atMost: return "current ≤ target ? 1 : 0"
        case .range: return "low ≤ current ≤ high ? 1 : 0"
        case .milestone: return "done ? 1 : 0"
        case .baseline: return "recorded ? 1 : 0"
        }
    }

    var explanationInputs: [Explanation.Input] {
        var inputs: [Explanation.Input] = [.init("kind", kind.rawValue)]
        if let start { inputs.append(.init("start", Plain.text(start))) }
        if let target { inputs.append(.init(kind == .range ? "low" : "target", Plain.text(target))) }
        if let targetHigh { inputs.append(.init("high", Plain.text(targetHigh))) }
        if let current { inputs.append(.init("current", Plain.text(current))) }
        if let condition {
            inputs.append(.init("condition", "\(condition.metric) ≥ \(Plain.text(condition.minimum))"))
            inputs.append(.init(condition.metric, condition.actual.map { Plain.text($0) } ?? "—"))
        }
        return inputs
    }

    private func conditionNote(_ condition: ValidityCondition, current: Decimal) -> LocalizedText {
        let actual = Plain.text(condition.actual ?? 0)
        let minimum = Plain.text(condition.minimum)
        // A scale unit such as "/10" reads as "8.6/10".
        var shown = Plain.text(current)
        if case .label(let label) = unit, label.hasPrefix("/") { shown += label }
        return LocalizedText(
            vi: "Chưa đạt: \(shown) nhưng mới có \(actual) trên \(minimum) \(condition.metric) cần thiết",
            en: "Not met: \(shown) but only \(actual) of \(minimum) required \(condition.metric)")
    }
}
