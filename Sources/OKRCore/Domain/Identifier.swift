/// A typed identifier: an `Identifier<Objective>` cannot be passed where a key result's is expected.
/// Stored and sent as its string.
public struct Identifier<Subject>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

public typealias TeamID = Identifier<Team>
public typealias PersonID = Identifier<Person>
public typealias CycleID = Identifier<Cycle>
public typealias ObjectiveID = Identifier<Objective>
public typealias KeyResultID = Identifier<KeyResult>
public typealias InitiativeID = Identifier<Initiative>
public typealias CheckInID = Identifier<CheckIn>
public typealias WeeklyUpdateID = Identifier<WeeklyUpdate>
public typealias DependencyAskID = Identifier<DependencyAsk>
public typealias CommentID = Identifier<Comment>
public typealias KPIID = Identifier<KPI>
public typealias AuditEventID = Identifier<AuditEvent>

/// New ids, one way for every row: random, URL-safe and readable — lower-case letters and digits, 16 of them
/// (82 bits, so even billions of check-ins never collide), after a prefix naming the kind when there is one
/// (`o-3f9a1c2b4d5ek7m2`).
public enum NewID {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    public static func make(_ prefix: String? = nil) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = String((0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))] })
        guard let prefix else { return random }
        return prefix + "-" + random
    }
}
