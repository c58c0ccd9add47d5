import Foundation

/// What committed writes changed, named by entity and id (`key_result` K, `objective` O, `team` T, …) — the
/// words of the audit log, since every change writes its audit event. The read model reloads exactly these.
public struct Changes: Sendable, Hashable, Codable {
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

    public init() {}

    public static let all: Changes = {
        var changes = Changes()
        changes.everything = true
        return changes
    }()

    public var isEmpty: Bool { entities.isEmpty && !everything }

    public mutating func insert(_ kind: String, _ id: String) { entities.insert(Entity(kind, id)) }

    public mutating func formUnion(_ other: Changes) {
        entities.formUnion(other.entities)
        everything = everything || other.everything
    }

    /// The ids changed of one kind.
    public func ids(_ kind: String) -> [String] { entities.filter { $0.kind == kind }.map(\.id) }
}

/// Collects what one transaction changes while it runs; read once it has committed.
final class ChangeRecorder: @unchecked Sendable {
    // `changes` is guarded by `lock`.
    private let lock = NSLock()
    private var changes = Changes()

    func record(_ kind: String, _ id: String) { lock.withLock { changes.insert(kind, id) } }

    var recorded: Changes { lock.withLock { changes } }
}
