import Foundation

/// A business-health metric with thresholds and a value history. KPIs show the level of performance
/// wanted; OKRs drive the change. A KR may take its values from a KPI.
public struct KPI: Hashable, Sendable, Codable, Identifiable {
    public let id: KPIID
    public var name: LocalizedName
    public var unit: MeasureUnit
    public var direction: Direction
    /// At or beyond this, the metric is healthy.
    public var healthy: Decimal
    /// At or beyond this (the wrong way), the metric is unhealthy; between the two, watch.
    public var unhealthy: Decimal
    public var ownerTeamID: TeamID?

    public enum Direction: String, Sendable, Codable, CaseIterable {
        case higherIsBetter = "higher_is_better"
        case lowerIsBetter = "lower_is_better"
    }

    public enum Health: String, Sendable, Codable, CaseIterable {
        case healthy, watch, unhealthy
    }

    public init(
        id: KPIID, name: LocalizedName, unit: MeasureUnit = .number, direction: Direction, healthy: Decimal,
        unhealthy: Decimal, ownerTeamID: TeamID? = nil
    ) throws(DomainError) {
        try Validate.finite(healthy, field: "healthy")
        try Validate.finite(unhealthy, field: "unhealthy")
        let ordered = direction == .higherIsBetter ? healthy > unhealthy : healthy < unhealthy
        guard ordered else { throw .invalid(field: "unhealthy", reason: .wrongDirection(kind: direction.rawValue)) }
        self.id = id
        self.name = name
        self.unit = unit
        self.direction = direction
        self.healthy = healthy
        self.unhealthy = unhealthy
        self.ownerTeamID = ownerTeamID
    }

    /// Thresholds are inclusive: exactly on the healthy threshold is healthy.
    public func health(of value: Decimal) -> Health {
        switch direction {
        case .higherIsBetter:
            if value >= healthy { return .healthy }
            return value <= unhealthy ? .unhealthy : .watch
        case .lowerIsBetter:
            if value <= healthy { return .healthy }
            return value >= unhealthy ? .unhealthy : .watch
        }
    }
}

/// One recorded value of a KPI.
public struct KPIValue: Hashable, Sendable, Codable {
    public let kpiID: KPIID
    public let day: Day
    public let value: Decimal

    /// How far back a value may be recorded: ten years of days (a value for the year 1 is a typing error).
    public static let historyDays = 3653

    public init(kpiID: KPIID, day: Day, value: Decimal) throws(DomainError) {
        self.kpiID = kpiID
        self.day = day
        self.value = try Validate.finite(value, field: "value")
    }

    /// A value someone records on `today`: for today or a day before it, within the ten years a KPI's history is
    /// read back over (`day` is refused otherwise), and a finite number.
    public static func recorded(kpiID: KPIID, day: Day, value: Decimal, today: Day) throws(DomainError) -> KPIValue {
        guard day <= today, day >= today.adding(days: -historyDays) else {
            throw .invalid(field: "day", reason: .outOfRange)
        }
        return try KPIValue(kpiID: kpiID, day: day, value: value)
    }
}
