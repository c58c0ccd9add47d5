import OKRCore
import Synchronization

/// The quality findings of drafts already checked, by their whole input (the draft and its context): writing
/// rules fold and split every title, and a page shows the same objectives again and again between changes. A
/// changed objective, KR, initiative, owner name or setting is another key, so nothing stale is ever returned.
/// Bounded: past `limit` entries it starts afresh.
final class FindingsMemo: Sendable {
    struct Key: Hashable, Sendable {
        let draft: QualityDraft
        let context: QualityContext
    }

    static let shared = FindingsMemo()

    let limit: Int
    private let entries = Mutex<[Key: [QualityFinding]]>([:])

    init(limit: Int = 50_000) {
        self.limit = limit
    }

    func findings(for draft: QualityDraft, context: QualityContext) -> [QualityFinding] {
        let key = Key(draft: draft, context: context)
        if let known = entries.withLock({ $0[key] }) { return known }
        let found = QualityCheck.findings(for: draft, context: context)
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = found
        }
        return found
    }
}
