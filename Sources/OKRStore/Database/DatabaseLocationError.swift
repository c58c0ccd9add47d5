/// A database location that cannot be opened as given (a malformed PostgreSQL URL).
public struct DatabaseLocationError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { reason }
}
