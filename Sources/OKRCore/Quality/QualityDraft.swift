/// An objective and its key results as they stand while being written, the input of `QualityCheck`.
///
/// Loose on purpose: a title may be empty, the owner not chosen, a KR without its kind. A saved objective
/// converts with `init(_:keyResults:initiatives:ownerName:)`.
public struct QualityDraft: Hashable, Sendable, Codable {
    /// The title as typed (the Vietnamese one when the objective has both).
    public var title: String
    /// The English title, when the objective has one.
    public var titleEn: String?
    /// How the owner is shown ("Marketing", "Lan"); nil or blank while nobody owns it.
    public var owner: String?
    public var kind: Objective.Kind
    public var state: Objective.State
    /// In the order people see them; a finding's `.keyResult(index:)` points into this list.
    public var keyResults: [KeyResultDraft]

    public init(
        title: String, titleEn: String? = nil, owner: String? = nil, kind: Objective.Kind = .committed,
        state: Objective.State = .draft, keyResults: [KeyResultDraft] = []
    ) {
        self.title = title
        self.titleEn = titleEn
        self.owner = owner
        self.kind = kind
        self.state = state
        self.keyResults = keyResults
    }

    /// The draft of a saved objective. `keyResults` are the objective's KRs in display order; `initiatives`
    /// may hold any initiatives, each KR counts those that name it. `ownerName` is how the owner is shown
    /// (a team's or person's name); without it the owner's identifier (`team:mkt`) is used.
    public init(
        _ objective: Objective, keyResults: [KeyResult], initiatives: [Initiative] = [], ownerName: String? = nil
    ) {
        self.init(
            title: objective.title.vi, titleEn: objective.title.en,
            owner: objective.owner.map { ownerName ?? $0.description }, kind: objective.kind,
            state: objective.state,
            keyResults: keyResults.map { KeyResultDraft($0, initiatives: initiatives) })
    }
}
