import Foundation

/// A key result as it stands while someone is writing it: every field may still be missing, so the quality
/// checks can speak before the form is complete. A saved `KeyResult` converts with `init(_:initiatives:)`.
public struct KeyResultDraft: Hashable, Sendable, Codable {
    /// The title as typed (the Vietnamese one when the KR has both).
    public var title: String
    /// The English title, when the KR has one.
    public var titleEn: String?
    /// How it is measured; nil while not chosen.
    public var kind: KeyResult.Kind?
    public var unit: MeasureUnit
    public var start: Decimal?
    /// The target; the threshold of `at_least` / `at_most`; the lower bound of `range`.
    public var target: Decimal?
    /// The upper bound of `range`.
    public var targetHigh: Decimal?
    /// The latest value, if any check-in recorded one.
    public var current: Decimal?
    public var confidence: Confidence?
    public var condition: ValidityCondition?
    /// How many initiatives still drive (or drove) the KR; dropped ones do not count.
    public var initiativeCount: Int

    public init(
        title: String, titleEn: String? = nil, kind: KeyResult.Kind? = nil, unit: MeasureUnit = .number,
        start: Decimal? = nil, target: Decimal? = nil, targetHigh: Decimal? = nil, current: Decimal? = nil,
        confidence: Confidence? = nil, condition: ValidityCondition? = nil, initiativeCount: Int = 0
    ) {
        self.title = title
        self.titleEn = titleEn
        self.kind = kind
        self.unit = unit
        self.start = start
        self.target = target
        self.targetHigh = targetHigh
        self.current = current
        self.confidence = confidence
        self.condition = condition
        self.initiativeCount = max(0, initiativeCount)
    }

    /// The draft of a saved KR, counting the initiatives that name it and were not dropped.
    public init(_ keyResult: KeyResult, initiatives: [Initiative]) {
        let driving = initiatives.filter { $0.keyResultIDs.contains(keyResult.id) && $0.state != .dropped }
        self.init(
            title: keyResult.title.vi, titleEn: keyResult.title.en, kind: keyResult.kind, unit: keyResult.unit,
            start: keyResult.start, target: keyResult.target, targetHigh: keyResult.targetHigh,
            current: keyResult.current, confidence: keyResult.confidence, condition: keyResult.condition,
            initiativeCount: driving.count)
    }
}
