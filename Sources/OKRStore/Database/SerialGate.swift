import Foundation

/// A first-come, first-served async lock: one holder at a time, waiters resumed in order.
///
/// The embedded SQLite database uses one connection; a transaction must own it from `BEGIN` to `COMMIT`,
/// or another task's statements would slip into it.
final class SerialGate: @unchecked Sendable {
    // `busy` and `waiters` are guarded by `lock`.
    private let lock = NSLock()
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = lock.withLock {
                if busy {
                    waiters.append(continuation)
                    return false
                }
                busy = true
                return true
            }
            if granted { continuation.resume() }
        }
    }

    func release() {
        let next: CheckedContinuation<Void, Never>? = lock.withLock {
            if waiters.isEmpty {
                busy = false
                return nil
            }
            return waiters.removeFirst()
        }
        next?.resume()
    }

    /// Runs `body` while holding the gate.
    func withGate<R>(_ body: () async throws -> R) async throws -> R {
        await acquire()
        defer { release() }
        return try await body()
    }
}
