/// What a quality check needs to know beyond the draft itself: the owner's other objectives and the
/// organization's limits. The defaults follow the mission and common OKR practice.
public struct QualityContext: Hashable, Sendable, Codable {
    /// How many objectives the same owner has in the same cycle, not counting the one being checked.
    public var otherObjectivesOfOwner: Int
    /// More objectives than this for one owner spreads the focus.
    public var maxObjectivesPerOwner: Int
    /// A KR of a committed objective with confidence below this is flagged.
    public var lowConfidence: Confidence
    /// An objective title longer than this (in characters) is flagged.
    public var maxObjectiveTitleLength: Int

    /// 5/10: the middle of the scale, below which the owner thinks failure is more likely than success.
    public static let defaultLowConfidence = try! Confidence(5)

    public init(
        otherObjectivesOfOwner: Int = 0, maxObjectivesPerOwner: Int = 5,
        lowConfidence: Confidence = QualityContext.defaultLowConfidence, maxObjectiveTitleLength: Int = 100
    ) {
        self.otherObjectivesOfOwner = max(0, otherObjectivesOfOwner)
        self.maxObjectivesPerOwner = max(1, maxObjectivesPerOwner)
        self.lowConfidence = lowConfidence
        self.maxObjectiveTitleLength = max(1, maxObjectiveTitleLength)
    }
}
