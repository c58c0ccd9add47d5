import Foundation

/// Where a KR or an objective stands.
public enum Status: String, Sendable, Codable, CaseIterable, Comparable {
    case notStarted = "not_started"
    case offTrack = "off_track"
    case atRisk = "at_risk"
    case onTrack = "on_track"
    case done

    /// Worse statuses sort first: off track < at risk < on track < done. Not started sorts first of all.
    private var rank: Int { Status.allCases.firstIndex(of: self)! }
    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }

    /// One step worse (on track → at risk → off track); others stay.
    public var lowered: Status {
        switch self {
        case .onTrack: return .atRisk
        case .atRisk: return .offTrack
        default: return self
        }
    }

    public var label: LocalizedText {
        switch self {
        case .notStarted: return LocalizedText(vi: "Chưa bắt đầu", en: "Not started")
        case .offTrack: return LocalizedText(vi: "Chệch hướng", en: "Off track")
        case .atRisk: return LocalizedText(vi: "Có rủi ro", en: "At risk")
        case .onTrack: return LocalizedText(vi: "Đúng tiến độ", en: "On track")
        case .done: return LocalizedText(vi: "Hoàn thành", en: "Done")
        }
    }
}

/// A named rule that turns actual (A) and expected (E) progress into a status, chosen per cycle.
public enum StatusPolicy: Hashable, Sendable, Codable {
    /// On track when `A ≥ onTrack·E`, at risk when `A ≥ atRisk·E`, else off track.
    case ratio(onTrack: Decimal, atRisk: Decimal)
    /// On track when `E − A ≤ atRisk` points, at risk when `E − A ≤ offTrack`, else off track.
    case gap(atRisk: Decimal, offTrack: Decimal)
    /// KRs as `ratio`; an objective takes the status of its weakest KR.
    case weakest(onTrack: Decimal, atRisk: Decimal)

    public static let ratio = StatusPolicy.ratio(onTrack: 0.95, atRisk: 0.75)
    public static let gap = StatusPolicy.gap(atRisk: 0.10, offTrack: 0.25)
    public static let weakest = StatusPolicy.weakest(onTrack: 0.95, atRisk: 0.75)

    public var name: String {
        switch self {
        case .ratio: return "ratio"
        case .gap: return "gap"
        case .weakest: return "weakest"
        }
    }

    /// The policy by name with its default thresholds.
    public static func named(_ name: String) -> StatusPolicy? {
        switch name {
        case "ratio": return .ratio
        case "gap": return .gap
        case "weakest": return .weakest
        default: return nil
        }
    }

    /// The policy with its thresholds, as people read it.
    public var summary: String {
        switch self {
        case .ratio(let on, let risk), .weakest(let on, let risk):
            return "\(name): on track A ≥ \(Plain.text(on))·E, at risk A ≥ \(Plain.text(risk))·E"
        case .gap(let risk, let off):
            return "gap: on track E − A ≤ \(Plain.text(risk)), at risk E − A ≤ \(Plain.text(off))"
        }
    }

    /// The policy with its thresholds, in the words of each language.
    public var summaryText: LocalizedText {
        switch self {
        case .ratio(let on, let risk), .weakest(let on, let risk):
            let vi = "đúng tiến độ khi A ≥ \(Plain.text(on))·E, có rủi ro khi A ≥ \(Plain.text(risk))·E"
            let en = "on track when A ≥ \(Plain.text(on))·E, at risk when A ≥ \(Plain.text(risk))·E"
            if case .weakest = self {
                return LocalizedText(
                    vi: "Yếu nhất (mục tiêu lấy trạng thái của kết quả then chốt yếu nhất): " + vi,
                    en: "Weakest (an objective takes its weakest key result's status): " + en)
            }
            return LocalizedText(vi: "Tỷ lệ: " + vi, en: "Ratio: " + en)
        case .gap(let risk, let off):
            return LocalizedText(
                vi:
                    "Khoảng cách: đúng tiến độ khi E − A ≤ \(Plain.text(risk)), có rủi ro khi E − A ≤ \(Plain.text(off))",
                en: "Gap: on track when E − A ≤ \(Plain.text(risk)), at risk when E − A ≤ \(Plain.text(off))")
        }
    }

    /// The two thresholds, checked: ratios in (0, 1] with at-risk below on-track; gaps in [0, 1] ascending.
    public func validated() throws(DomainError) -> StatusPolicy {
        switch self {
        case .ratio(let on, let risk), .weakest(let on, let risk):
            guard on > 0, on <= 1 else { throw .invalid(field: "policy.on_track", reason: .outOfRange) }
            guard risk > 0, risk < on else { throw .invalid(field: "policy.at_risk", reason: .outOfRange) }
        case .gap(let risk, let off):
            guard risk >= 0, risk < 1 else { throw .invalid(field: "policy.at_risk", reason: .outOfRange) }
            guard off > risk, off <= 1 else { throw .invalid(field: "policy.off_track", reason: .outOfRange) }
        }
        return self
    }

    /// The status of actual progress `a` against expected `e`.
    func judge(actual a: Decimal, expected e: Decimal) -> (Status, String) {
        switch self {
        case .ratio(let on, let risk), .weakest(let on, let risk):
            let rendered = "A = \(Plain.text(a)), E = \(Plain.text(e))"
            if a >= on * e { return (.onTrack, "\(rendered), A ≥ \(Plain.text(on * e))") }
            if a >= risk * e { return (.atRisk, "\(rendered), \(Plain.text(risk * e)) ≤ A < \(Plain.text(on * e))") }
            return (.offTrack, "\(rendered), A < \(Plain.text(risk * e))")
        case .gap(let risk, let off):
            let behind = e - a
            let rendered = "E − A = \(Plain.text(e)) − \(Plain.text(a)) = \(Plain.text(behind))"
            if behind <= risk { return (.onTrack, "\(rendered) ≤ \(Plain.text(risk))") }
            if behind <= off { return (.atRisk, "\(Plain.text(risk)) < \(rendered) ≤ \(Plain.text(off))") }
            return (.offTrack, "\(rendered) > \(Plain.text(off))")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case onTrack = "on_track"
        case atRisk = "at_risk"
        case offTrack = "off_track"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(String.self, forKey: .name)
        switch name {
        case "ratio", "weakest":
            let on = try c.decodeIfPresent(Decimal.self, forKey: .onTrack) ?? 0.95
            let risk = try c.decodeIfPresent(Decimal.self, forKey: .atRisk) ?? 0.75
            self = name == "ratio" ? .ratio(onTrack: on, atRisk: risk) : .weakest(onTrack: on, atRisk: risk)
        case "gap":
            self = .gap(
                atRisk: try c.decodeIfPresent(Decimal.self, forKey: .atRisk) ?? 0.10,
                offTrack: try c.decodeIfPresent(Decimal.self, forKey: .offTrack) ?? 0.25)
        default:
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: "unknown policy \(name)")
        }
        do { _ = try validated() } catch {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        switch self {
        case .ratio(let on, let risk), .weakest(let on, let risk):
            try c.encode(on, forKey: .onTrack)
            try c.encode(risk, forKey: .atRisk)
        case .gap(let risk, let off):
            try c.encode(risk, forKey: .atRisk)
            try c.encode(off, forKey: .offTrack)
        }
    }
}

/// The status policy of a cycle and what lowers a status: low confidence, and no check-in for too long.
public struct StatusRules: Hashable, Sendable, Codable {
    public var policy: StatusPolicy
    /// A confidence below this (out of 10) lowers the status one step.
    public var lowConfidenceBelow: Int
    /// No check-in for this many days lowers the status one step (the mission's two weeks).
    public var staleAfterDays: Int

    public init(policy: StatusPolicy = .ratio, lowConfidenceBelow: Int = 5, staleAfterDays: Int = 14) {
        self.policy = policy
        self.lowConfidenceBelow = lowConfidenceBelow
        self.staleAfterDays = staleAfterDays
    }

    /// The rules, checked: a valid policy, a confidence threshold within 0…10 and a staleness of 1 to 366 days.
    /// Input from people (the API, files) goes through here before it is stored.
    public func validated() throws(DomainError) -> StatusRules {
        _ = try policy.validated()
        guard (0...10).contains(lowConfidenceBelow) else {
            throw .invalid(field: "low_confidence_below", reason: .outOfRange)
        }
        guard (1...366).contains(staleAfterDays) else { throw .invalid(field: "stale_after_days", reason: .outOfRange) }
        return self
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            policy: try c.decode(StatusPolicy.self, forKey: .policy),
            lowConfidenceBelow: try c.decode(Int.self, forKey: .lowConfidenceBelow),
            staleAfterDays: try c.decode(Int.self, forKey: .staleAfterDays))
        do { _ = try validated() } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .staleAfterDays, in: c, debugDescription: error.message(.en))
        }
    }

    private enum CodingKeys: String, CodingKey {
        case policy
        case lowConfidenceBelow = "low_confidence_below"
        case staleAfterDays = "stale_after_days"
    }
}

/// A status with its explanation.
public struct StatusAssessment: Hashable, Sendable, Codable {
    public let status: Status
    public let actual: Decimal
    public let expected: Decimal
    public let explanation: Explanation
}

extension StatusRules {
    /// The status of a KR on `today`, with the progress and expected progress it is judged on.
    public func assess(
        _ keyResult: KeyResult, progress: KeyResultProgress, expected: ExpectedProgress, lastCheckIn: Day?,
        today: Day, cycle: Cycle
    ) -> StatusAssessment {
        let a = progress.value
        let e = expected.value
        var notes = progress.explanation.notes
        let base: Status
        var reason: String
        var words: LocalizedText?
        if !progress.hasValue {
            base = .notStarted
            reason = "no check-in"
            words = LocalizedText(vi: "chưa có cập nhật", en: "no check-in")
        } else if progress.isMet
            && (keyResult.kind.isDirectional || keyResult.kind == .milestone
                || keyResult.kind == .baseline || today >= cycle.end)
        {
            base = .done
            reason = "A = \(Plain.text(a)) (met)"
            words = LocalizedText(vi: "A = \(Plain.text(a)) (đã đạt)", en: reason)
        } else {
            switch keyResult.kind {
            case .increase, .decrease:
                (base, reason) = policy.judge(actual: a, expected: e)
            case .atLeast, .atMost, .range:
                if progress.isMet {
                    base = .onTrack
                    reason = "threshold held"
                    words = LocalizedText(vi: "giữ được ngưỡng", en: reason)
                } else {
                    base = e < Decimal(string: "0.5")! ? .atRisk : .offTrack
                    reason = "threshold not held, E = \(Plain.text(e))"
                    words = LocalizedText(vi: "chưa giữ được ngưỡng, E = \(Plain.text(e))", en: reason)
                }
            case .milestone, .baseline:
                let due = keyResult.due ?? cycle.end
                base = today > due ? .offTrack : .onTrack
                reason = today > due ? "not done, due \(due.iso)" : "not done yet, due \(due.iso)"
                words =
                    today > due
                    ? LocalizedText(vi: "chưa xong, quá hạn \(due.iso)", en: reason)
                    : LocalizedText(vi: "chưa xong, hạn \(due.iso)", en: reason)
            }
        }
        var status = base
        if status == .onTrack || status == .atRisk {
            if let confidence = keyResult.confidence, confidence.value < lowConfidenceBelow {
                status = status.lowered
                notes.append(
                    LocalizedText(
                        vi: "Hạ một bậc: độ tự tin \(confidence) dưới \(lowConfidenceBelow)/10",
                        en: "Lowered one step: confidence \(confidence) is below \(lowConfidenceBelow)/10"))
            }
            if let last = lastCheckIn, last.days(to: today) >= staleAfterDays {
                status = status.lowered
                notes.append(
                    LocalizedText(
                        vi: "Hạ một bậc: không cập nhật từ \(Formats.day(last, .vi)) (quá \(staleAfterDays) ngày)",
                        en:
                            "Lowered one step: no check-in since \(Formats.day(last, .en)) (over \(staleAfterDays) days)"
                    ))
            }
        }
        return StatusAssessment(
            status: status, actual: a, expected: e,
            explanation: Explanation(
                formula: policy.name, computation: reason,
                inputs: [.init("A", Plain.text(a)), .init("E", Plain.text(e))],
                policy: policy.summary, notes: notes, reason: words, policyText: policy.summaryText))
    }

    /// The status of an objective from its progress, expected progress and its KRs' statuses.
    public func assess(
        objective progress: Decimal, expected: Decimal, keyResults: [StatusAssessment]
    ) -> StatusAssessment {
        let inputs: [Explanation.Input] = [.init("A", Plain.text(progress)), .init("E", Plain.text(expected))]
        let statuses = keyResults.map(\.status)
        let started = statuses.filter { $0 != .notStarted }
        func result(
            _ status: Status, _ reason: String, words: LocalizedText? = nil, notes: [LocalizedText] = []
        ) -> StatusAssessment {
            StatusAssessment(
                status: status, actual: progress, expected: expected,
                explanation: Explanation(
                    formula: policy.name, computation: reason, inputs: inputs, policy: policy.summary, notes: notes,
                    reason: words, policyText: policy.summaryText))
        }
        if !statuses.isEmpty && started.isEmpty {
            return result(
                .notStarted, "no key result has a check-in",
                words: LocalizedText(
                    vi: "chưa kết quả then chốt nào có cập nhật", en: "no key result has a check-in"))
        }
        if !statuses.isEmpty && statuses.allSatisfy({ $0 == .done }) {
            return result(
                .done, "every key result is done",
                words: LocalizedText(
                    vi: "mọi kết quả then chốt đã hoàn thành", en: "every key result is done"))
        }
        if statuses.isEmpty && progress >= 1 { return result(.done, "A = 1") }
        if case .weakest = policy {
            let weakest = started.min() ?? .notStarted
            // Done needs every KR done: with some not started yet, the objective is judged on its progress.
            if weakest != .done || started.count == statuses.count {
                return result(
                    weakest, "weakest key result: \(weakest.rawValue)",
                    words: LocalizedText(
                        vi: "kết quả then chốt yếu nhất: \(weakest.label.vi.lowercased())",
                        en: "weakest key result: \(weakest.label.en.lowercased())"))
            }
        }
        let (status, reason) = policy.judge(actual: progress, expected: expected)
        let lowered = started.filter { $0 < .onTrack }.count
        var notes: [LocalizedText] = []
        if lowered > 0 {
            notes.append(
                LocalizedText(
                    vi: "\(lowered) KR có rủi ro hoặc chệch hướng",
                    en: lowered == 1
                        ? "1 key result at risk or off track" : "\(lowered) key results at risk or off track"))
        }
        return result(status, reason, notes: notes)
    }
}
