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
