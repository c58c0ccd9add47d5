import Foundation
import OKRCore
import OKRStore
import ServiceLifecycle
import Synchronization

/// What open pages are told as it happens: each KR a commit changed (a check-in, here or, on PostgreSQL, on
/// another instance), with the cycle as the read model holds it after that commit.
///
/// It follows the read model's updates, so every instance tells its own browsers about every instance's
/// check-ins. Events are numbered by the time this instance applied them (microseconds, always increasing), and
/// the newest are kept, so a browser that reconnects — to this instance or another — hears what it missed.
public final class LiveUpdates: Service, Sendable {
    /// One KR changed: it and its objective with their scores right after the change (only these, not the
    /// cycle: the kept events must not hold on to a thousand versions of it), and how the objective stood before.
    struct Event: Sendable {
        var id: Int
        let cycle: CycleID
        let keyResult: KeyResult
        let objective: Objective
        let keyResultScore: Scorecard.KeyResultScore
        let objectiveScore: Scorecard.ObjectiveScore
        /// The objective's status before the change, when the cycle was in memory then.
        let statusBefore: Status?
    }

    /// What a subscriber's stream carries: events, and a periodic ping that finds closed connections.
    enum Message: Sendable {
        case event(Event)
        case ping
    }

    private struct State {
        var recent: [Event] = []
        var subscribers: [Int: AsyncStream<Message>.Continuation] = [:]
        var nextSubscriber = 0
        var lastID = 0
    }

    private let store: OKRStore
    private let state = Mutex(State())
    /// How many events are kept for browsers that reconnect.
    static let kept = 1_024
    static let pingInterval: Duration = .seconds(20)

    public init(store: OKRStore) {
        self.store = store
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await update in self.store.readModel.follow().cancelOnGracefulShutdown() {
                    self.receive(update)
                }
            }
            group.addTask {
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    try? await Task.sleep(for: Self.pingInterval)
                    self.broadcast(.ping)
                }
            }
            await group.next()
            group.cancelAll()
        }
        state.withLock { state in
            for subscriber in state.subscribers.values { subscriber.finish() }
        }
    }

    /// The events of one committed update: every KR it names (moved by a check-in or reloaded).
    func receive(_ update: ReadModel.Update) {
        let changes = update.changes
        var keyResults = Set(changes.ids("key_result").map { KeyResultID($0) })
        keyResults.formUnion(changes.moved.keys)
        guard !keyResults.isEmpty else { return }
        let micros = Int(Date().timeIntervalSince1970 * 1_000_000)
        var events: [Event] = []
        for id in keyResults.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let (cycle, snapshot) = update.after.first(where: { $0.value.keyResult(id) != nil }),
                let keyResult = snapshot.keyResult(id)?.value,
                let objective = snapshot.objective(keyResult.objectiveID)?.value,
                let keyResultScore = snapshot.score(id), let objectiveScore = snapshot.score(objective.id)
            else { continue }
            events.append(
                Event(
                    id: 0, cycle: cycle, keyResult: keyResult, objective: objective, keyResultScore: keyResultScore,
                    objectiveScore: objectiveScore,
                    statusBefore: update.before[cycle]?.score(objective.id)?.status.status))
        }
        guard !events.isEmpty else { return }
        let subscribers = state.withLock { state -> [AsyncStream<Message>.Continuation] in
            for index in events.indices {
                state.lastID = max(state.lastID + 1, micros)
                events[index].id = state.lastID
            }
            state.recent.append(contentsOf: events)
            if state.recent.count > Self.kept { state.recent.removeFirst(state.recent.count - Self.kept) }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers {
            for event in events { subscriber.yield(.event(event)) }
        }
    }

    private func broadcast(_ message: Message) {
        for subscriber in state.withLock({ Array($0.subscribers.values) }) { subscriber.yield(message) }
    }

    /// From now on, every event; with `lastEventID` (a reconnecting browser's `Last-Event-ID`), first the kept
    /// events after it.
    func subscribe(after lastEventID: Int?) -> (missed: [Event], stream: AsyncStream<Message>) {
        let (stream, continuation) = AsyncStream.makeStream(of: Message.self, bufferingPolicy: .bufferingNewest(256))
        let (key, missed) = state.withLock { state -> (Int, [Event]) in
            state.nextSubscriber += 1
            state.subscribers[state.nextSubscriber] = continuation
            let missed = lastEventID.map { last in state.recent.filter { $0.id > last } } ?? []
            return (state.nextSubscriber, missed)
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: key) }
        }
        return (missed, stream)
    }

    /// How many browsers are connected (for tests and metrics).
    var subscriberCount: Int { state.withLock { $0.subscribers.count } }
}
