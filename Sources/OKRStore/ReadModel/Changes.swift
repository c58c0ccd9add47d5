import Foundation
import OKRCore
import Synchronization

/// What committed writes changed, named by entity and id (`key_result` K, `objective` O, `team` T, …) — the
/// words of the audit log, since every change writes its audit event. The read model reloads exactly these,
/// except the KRs a check-in moved (`moved`), which it updates from the values written without reading them.
public struct Changes: Sendable, Codable {
    public struct Entity: Sendable, Hashable, Codable {
        public let kind: String
        public let id: String

        public init(_ kind: String, _ id: String) {
            self.kind = kind
            self.id = id
        }
    }

    public private(set) var entities: Set<Entity> = []
    /// Something changed that cannot be named row by row (another process wrote to the file, a notification
    /// was lost): everything is reloaded.
    public private(set) var everything = false
    /// KRs whose last change was a check-in that became their latest: each as the transaction left it, with
    /// that check-in. Known only in the process that wrote them (other instances hear the ids and reload).
    public private(set) var moved: [KeyResultID: Moved] = [:]

    /// A KR as a check-in left it.
    public struct Moved: Sendable {
        public let keyResult: Versioned<KeyResult>
        public let lastCheckIn: CheckIn
    }

    private enum CodingKeys: String, CodingKey {
        case entities, everything
    }

    public init() {}

    public static let all: Changes = {
        var changes = Changes()
        changes.everything = true
        return changes
    }()

    public var isEmpty: Bool { entities.isEmpty && !everything }

    /// A change to a KR that is not a check-in makes what a check-in before it recorded out of date.
    public mutating func insert(_ kind: String, _ id: String) {
        entities.insert(Entity(kind, id))
        if kind == Self.keyResult { moved[KeyResultID(id)] = nil }
    }

    /// `keyResult` was last changed by the check-in `lastCheckIn`, which is its latest.
    mutating func move(_ keyResult: Versioned<KeyResult>, lastCheckIn: CheckIn) {
        insert(Self.keyResult, keyResult.value.id.rawValue)
        moved[keyResult.value.id] = Moved(keyResult: keyResult, lastCheckIn: lastCheckIn)
    }

    /// `other` happened after these changes.
    public mutating func formUnion(_ other: Changes) {
        for entity in other.entities where entity.kind == Self.keyResult {
            moved[KeyResultID(entity.id)] = other.moved[KeyResultID(entity.id)]
        }
        entities.formUnion(other.entities)
        everything = everything || other.everything
    }

    private static let keyResult = "key_result"

    /// Whether these are only check-ins that became their KRs' latest: their KRs and themselves changed, and
    /// nothing a page keeps beside the read model (a KR changed otherwise — edited, removed, its asks and plans
    /// moved to its objective — is not among `moved`).
    public var isOnlyCheckIns: Bool {
        !everything
            && entities.allSatisfy { entity in
                entity.kind == "check_in" || (entity.kind == Self.keyResult && moved[KeyResultID(entity.id)] != nil)
            }
    }

    /// The ids changed of one kind.
    public func ids(_ kind: String) -> [String] { entities.filter { $0.kind == kind }.map(\.id) }
}

/// Collects what one transaction changes while it runs; read once it has committed.
final class ChangeRecorder: @unchecked Sendable {
    // `changes` is guarded by `lock`.
    private let lock = NSLock()
    private var changes = Changes()
    /// What the changes before this one in the same transaction left known (nil: nothing may be taken over).
    let earlier: TransactionMemo?

    init(earlier: TransactionMemo? = nil) { self.earlier = earlier }

    func record(_ kind: String, _ id: String) {
        lock.withLock { changes.insert(kind, id) }
        earlier?.forget(kind, id)
    }

    func move(_ keyResult: Versioned<KeyResult>, lastCheckIn: CheckIn) {
        lock.withLock { changes.move(keyResult, lastCheckIn: lastCheckIn) }
    }

    var recorded: Changes { lock.withLock { changes } }
}

/// What the changes of one group transaction leave for the next ones in it: rows they took, as they now stand
/// (a check-in leaves its KR, so the next check-in of that KR need not read it again). Whatever a change records
/// is forgotten — a KR's entry when the KR changes, everything when anything but a KR or a check-in changes —
/// so only the change that left an entry, recording it afterwards, keeps it. It ends with its transaction, and
/// is not offered while changes run in savepoints, where one rolled back alone would leave behind what it did
/// not write.
final class TransactionMemo: Sendable {
    private let entries = Mutex<[Changes.Entity: any Sendable]>([:])

    func value<Value: Sendable>(_ kind: String, _ id: String, as type: Value.Type = Value.self) -> Value? {
        entries.withLock { $0[Changes.Entity(kind, id)] as? Value }
    }

    func set(_ kind: String, _ id: String, _ value: any Sendable) {
        entries.withLock { $0[Changes.Entity(kind, id)] = value }
    }

    func forget(_ kind: String, _ id: String) {
        switch kind {
        case "check_in": return
        case "key_result": entries.withLock { $0[Changes.Entity(kind, id)] = nil }
        default: entries.withLock { $0.removeAll() }
        }
    }
}
