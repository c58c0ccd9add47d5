import OKRCore
import OKRStore

/// What the objective page shows of each KR's history (the chart's weekly points, the latest check-ins, how
/// many there are), kept by KR with the KR's version. Every check-in bumps its KR's version, so a kept history
/// is used only while the KR stands at the version it was read for — and while the read model has not reloaded
/// everything (`ReadModel.generation`: another process wrote to the file). A check-in is then simply another
/// version, read afresh.
enum HistoryMemo {
    private struct Key: Hashable, Sendable {
        let generation: ReadModel.Generation
        let keyResult: KeyResultID
    }

    private struct Kept: Sendable {
        let version: Int
        let history: KeyResultHistory
    }

    /// The KRs of the thousand objectives most looked at, about 5 KB each (at most 15 MB).
    private static let memo = BoundedMemo<Key, Kept>(limit: 3_000)

    /// The histories of `keyResults` as they stand at their versions: those kept, and the others from `load`
    /// (in one call) and kept for the next request.
    static func histories(
        of keyResults: [Versioned<KeyResult>], generation: ReadModel.Generation,
        load: ([KeyResultID]) async throws -> [KeyResultID: KeyResultHistory]
    ) async throws -> [KeyResultID: KeyResultHistory] {
        var histories: [KeyResultID: KeyResultHistory] = [:]
        var missing: [Versioned<KeyResult>] = []
        for entry in keyResults {
            if let kept = memo.kept(for: Key(generation: generation, keyResult: entry.value.id)),
                kept.version == entry.version
            {
                histories[entry.value.id] = kept.history
            } else {
                missing.append(entry)
            }
        }
        guard !missing.isEmpty else { return histories }
        let loaded = try await load(missing.map(\.value.id))
        for entry in missing {
            guard let history = loaded[entry.value.id] else { continue }
            histories[entry.value.id] = history
            memo.keep(
                Kept(version: entry.version, history: history),
                for: Key(generation: generation, keyResult: entry.value.id))
        }
        return histories
    }
}
