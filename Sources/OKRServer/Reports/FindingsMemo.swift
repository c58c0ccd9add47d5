import OKRCore

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
}
