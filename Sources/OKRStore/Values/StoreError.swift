/// Why the store refused a read or a change. The change, if any, was not made.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No row with this id.
    case notFound(entity: String, id: String)
    /// The row changed since it was read: `expected` is the version the caller had, `actual` the stored one
    /// (nil when the row is gone).
    case conflict(entity: String, id: String, expected: Int, actual: Int?)
    /// A value that must be unique is taken (an e-mail, an id).
    case duplicate(entity: String, field: String)
    /// The value points at something that does not exist (a cycle, a team, a key result).
    case invalidReference(entity: String, field: String)
    /// A stored row cannot be read back as a domain value.
    case corrupt(entity: String, id: String, reason: String)
    /// The write would change an objective, KR, check-in or initiative of a closed cycle, whose numbers are
    /// the graded record; an admin reopens the cycle first.
    case cycleClosed(cycle: String)

    public var description: String {
        switch self {
        case .notFound(let entity, let id):
            return "\(entity) \(id) does not exist"
        case .conflict(let entity, let id, let expected, let actual):
            let now = actual.map { "version \($0)" } ?? "deleted"
            return "\(entity) \(id) was changed by someone else (you had version \(expected), it is now \(now))"
        case .duplicate(let entity, let field):
            return "\(entity): \(field) is already taken"
        case .invalidReference(let entity, let field):
            return "\(entity): \(field) points at something that does not exist"
        case .corrupt(let entity, let id, let reason):
            return "\(entity) \(id) is stored in a form that cannot be read: \(reason)"
        case .cycleClosed(let cycle):
            return "cycle \(cycle) is closed"
        }
    }
}
