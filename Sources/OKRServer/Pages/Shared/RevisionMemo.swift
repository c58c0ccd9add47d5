import OKRStore

/// What pages read from the database beside the read model (a team's week, the comments on an objective), kept
/// between requests while the model's `revision` says that nothing but check-ins was committed since it was
/// read. Check-ins, the bulk of the writes, leave it kept; any other commit makes the next request read again.
/// Keys hold the model's `generation` too, which tells databases apart.
final class RevisionMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let memo: BoundedMemo<Key, (revision: Int, value: Value)>

    init(limit: Int) { memo = BoundedMemo(limit: limit) }

    /// The value kept for `key` when it is current (and `isCurrent` accepts it), else `load`'s, kept.
    func value(
        for key: Key, model: ReadModel, isCurrent: (Value) -> Bool = { _ in true },
        load: () async throws -> Value
    ) async throws -> Value {
        // Taken before reading: a commit while `load` reads raises it, and the next request reads again.
        let revision = model.revision
        if let kept = memo.kept(for: key), kept.revision == revision, isCurrent(kept.value) { return kept.value }
        let value = try await load()
        memo.keep((revision, value), for: key)
        return value
    }
}
