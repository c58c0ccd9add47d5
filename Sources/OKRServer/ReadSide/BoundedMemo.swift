import Synchronization

/// Values worked out once and kept by key, shared by every request. A kept value is returned only while
/// `isCurrent` accepts it, so a memo keyed by identity can hold the inputs it was made from and compare them.
/// Bounded: past `limit` entries it starts afresh.
final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    let limit: Int
    private let entries = Mutex<[Key: Value]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    func value(for key: Key, isCurrent: (Value) -> Bool = { _ in true }, make: () -> Value) -> Value {
        if let kept = kept(for: key), isCurrent(kept) { return kept }
        let made = make()
        keep(made, for: key)
        return made
    }

    /// The value kept for `key`, current or not (for values made asynchronously, several at once).
    func kept(for key: Key) -> Value? { entries.withLock { $0[key] } }

    func keep(_ value: Value, for key: Key) {
        entries.withLock { entries in
            if entries.count >= limit, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
    }
}
