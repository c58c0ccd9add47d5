import OKRCore
import OKRStore

/// The quality findings of drafts already checked, by their whole input (the draft and its context): writing
/// rules fold and split every title, and a page shows the same objectives again and again between changes. A
/// changed objective, KR, initiative, owner name or setting is another key, so nothing stale is ever returned.
enum FindingsMemo {
    struct Key: Hashable, Sendable {
        let draft: QualityDraft
        let context: QualityContext
    }

    private static let memo = BoundedMemo<Key, [QualityFinding]>(limit: 50_000)

    static func findings(for draft: QualityDraft, context: QualityContext) -> [QualityFinding] {
        memo.value(for: Key(draft: draft, context: context)) {
            QualityCheck.findings(for: draft, context: context)
        }
    }

    /// A stored objective named by what it is made of: its id, its KRs' and initiatives' ids, and the version of
    /// each in one generation of the read model — a few numbers to hash instead of every title and value.
    struct Stored: Hashable, Sendable {
        let generation: ReadModel.Generation
        let objective: ObjectiveID
        let keyResults: [KeyResultID]
        let initiatives: [InitiativeID]
        /// The objective's version, then each KR's, then each initiative's.
        let versions: [Int]
        let ownerName: String?
        let context: QualityContext
    }

    private static let stored = BoundedMemo<Stored, [QualityFinding]>(limit: 50_000)

    /// The findings of a stored objective, worked out by `draft` the first time.
    static func findings(
        stored key: Stored, draft: () -> QualityDraft, context: QualityContext
    ) -> [QualityFinding] {
        stored.value(for: key) { QualityCheck.findings(for: draft(), context: context) }
    }
}
