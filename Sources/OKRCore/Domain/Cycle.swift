import Foundation

/// A period of OKR work, usually a quarter: planning → active → closed.
///
/// The status rules are fixed when the cycle becomes active, so numbers don't change under people.
public struct Cycle: Hashable, Sendable, Codable, Identifiable {
    public let id: CycleID
    public var name: String
    public var start: Day
    public var end: Day
    public var state: State
    public var statusRules: StatusRules

    public enum State: String, Sendable, Codable, CaseIterable {
        case planning, active, closed
    }

    public init(
        id: CycleID, name: String, start: Day, end: Day, state: State = .planning,
        statusRules: StatusRules = StatusRules()
    ) throws(DomainError) {
        self.id = id
        self.name = try Validate.text(name, field: "name", max: 100)
        guard start < end else { throw .invalid(field: "end", reason: .boundsReversed) }
        guard start.days(to: end) <= 731 else { throw .invalid(field: "end", reason: .outOfRange) }
        self.start = start
        self.end = end
        self.state = state
        self.statusRules = statusRules
    }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }

    /// Whether `other` runs within this cycle's days and is shorter: a quarter of this year, a month of this
    /// quarter. An objective of `other` may align to one of this cycle, and counts in it.
    public func holds(_ other: Cycle) -> Bool {
        start <= other.start && other.end <= end && other.start.days(to: other.end) < start.days(to: end)
    }

    /// Whether the two cycles share a day.
    public func overlaps(_ other: Cycle) -> Bool { start <= other.end && other.start <= end }

    /// Whether the two may be active side by side: apart, or one within the other (a year and its quarter, a
    /// quarter and its month). Two that only partly overlap, or run the same days, would split "now" in two.
    public func runsBeside(_ other: Cycle) -> Bool { !overlaps(other) || holds(other) || other.holds(self) }

    /// How many days the cycle runs, its first and last included.
    public var length: Int { start.days(to: end) + 1 }

    /// The quarter that holds `day`, named like "2026 Q4".
    public static func quarter(containing day: Day, id: CycleID? = nil) -> Cycle {
        let q = (day.month - 1) / 3
        let start = try! Day(year: day.year, month: q * 3 + 1, day: 1)
        let endMonth = q * 3 + 3
        let end = try! Day(year: day.year, month: endMonth, day: Day.daysIn(month: endMonth, year: day.year))
        let name = "\(day.year) Q\(q + 1)"
        return try! Cycle(
            id: id ?? CycleID(name.replacingOccurrences(of: " ", with: "-").lowercased()), name: name, start: start,
            end: end)
    }

    /// The cycle renamed, its days moved or its status rules changed (a member left nil keeps its value). Once it
    /// has started, its days and rules stay: changing them is refused naming the member (giving the values it
    /// already has is not a change).
    public func changed(name: String? = nil, start: Day? = nil, end: Day? = nil, statusRules: StatusRules? = nil)
        throws(DomainError) -> Cycle
    {
        let changed = try Cycle(
            id: id, name: name ?? self.name, start: start ?? self.start, end: end ?? self.end, state: state,
            statusRules: statusRules ?? self.statusRules)
        if state != .planning {
            let fixed = [
                ("start", changed.start != self.start), ("end", changed.end != self.end),
                ("status_rules", changed.statusRules != self.statusRules),
            ]
            if let (field, _) = fixed.first(where: { $0.1 }) {
                throw .invalid(field: field, reason: .fixedOnceStarted(state: state.rawValue))
            }
        }
        return changed
    }

    /// Moves the cycle along planning → active → closed (or back from active to planning).
    public func moved(to next: State) throws(DomainError) -> Cycle {
        let allowed: [State: [State]] = [.planning: [.active], .active: [.closed, .planning], .closed: []]
        guard allowed[state, default: []].contains(next) else {
            throw .transitionNotAllowed(entity: "cycle", from: state.rawValue, to: next.rawValue)
        }
        var copy = self
        copy.state = next
        return copy
    }

    /// A closed cycle opened again (by an admin, to correct its record): active once more, so its OKRs may
    /// change, until it is closed again. Not a step of the usual planning → active → closed path.
    public func reopened() throws(DomainError) -> Cycle {
        guard state == .closed else {
            throw .transitionNotAllowed(entity: "cycle", from: state.rawValue, to: State.active.rawValue)
        }
        var copy = self
        copy.state = .active
        return copy
    }
}
