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
        if let kept = entries.withLock({ $0[key] }), isCurrent(kept) { return kept }
        let made = make()
        entries.withLock { entries in
            if entries.count >= limit, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = made
        }
        return made
    }
}
