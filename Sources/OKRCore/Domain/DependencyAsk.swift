/// Team A asks team B for help on an objective or KR, by a date. B must know and plan for it.
public struct DependencyAsk: Hashable, Sendable, Codable, Identifiable {
    public let id: DependencyAskID
    public let fromTeamID: TeamID
    public let toTeamID: TeamID
    public let objectiveID: ObjectiveID?
    public let keyResultID: KeyResultID?
    /// What is needed.
    public let need: String
    public let dueBy: Day
    public private(set) var state: State
    /// Why it was declined, or what the counter-proposal says.
    public private(set) var reason: String?
    public private(set) var counterDue: Day?

    public enum State: String, Sendable, Codable, CaseIterable {
        case requested, accepted, declined, countered, done
    }

    public init(
        id: DependencyAskID, fromTeamID: TeamID, toTeamID: TeamID, objectiveID: ObjectiveID? = nil,
        keyResultID: KeyResultID? = nil, need: String, dueBy: Day
    ) throws(DomainError) {
        try Self.between(fromTeamID, toTeamID)
        guard objectiveID != nil || keyResultID != nil else { throw .invalid(field: "objective_id", reason: .required) }
        self.id = id
        self.fromTeamID = fromTeamID
        self.toTeamID = toTeamID
        self.objectiveID = objectiveID
        self.keyResultID = keyResultID
        self.need = try Self.need(need)
        self.dueBy = dueBy
        self.state = .requested
    }

    /// A team asks another team: never itself.
    public static func between(_ from: TeamID, _ to: TeamID) throws(DomainError) {
        guard from != to else { throw .invalid(field: "to_team_id", reason: .duplicate) }
    }

    /// What an ask needs, as it is kept: written, and at most 2,000 code points.
    public static func need(_ text: String) throws(DomainError) -> String {
        try Validate.text(text, field: "need", max: 2000)
    }

    /// Rebuilds a stored ask in whatever state it was saved.
    public static func restored(
        _ ask: DependencyAsk, state: State, reason: String?, counterDue: Day?
    ) -> DependencyAsk {
        var copy = ask
        copy.state = state
        copy.reason = reason
        copy.counterDue = counterDue
        return copy
    }

    public func accepted() throws(DomainError) -> DependencyAsk {
        try moved(to: .accepted, from: [.requested, .countered])
    }

    /// Declining needs a reason; both teams see it.
    public func declined(reason: String) throws(DomainError) -> DependencyAsk {
        var copy = try moved(to: .declined, from: [.requested, .countered])
        copy.reason = try Validate.text(reason, field: "reason", max: 2000)
        return copy
    }

    /// A counter-proposal: a new date, a narrower scope, or both.
    public func countered(due: Day?, scope: String?) throws(DomainError) -> DependencyAsk {
        let scope = try Validate.optionalText(scope, field: "scope", max: 2000)
        guard due != nil || scope != nil else { throw .invalid(field: "due", reason: .required) }
        var copy = try moved(to: .countered, from: [.requested])
        copy.counterDue = due
        copy.reason = scope
        return copy
    }

    public func done() throws(DomainError) -> DependencyAsk { try moved(to: .done, from: [.accepted]) }

    /// Open and past its date (or the countered date) on `day`.
    public func isOverdue(on day: Day) -> Bool {
        (state == .requested || state == .accepted || state == .countered) && day > (counterDue ?? dueBy)
    }

    private func moved(to next: State, from allowed: [State]) throws(DomainError) -> DependencyAsk {
        guard allowed.contains(state) else {
            throw .transitionNotAllowed(entity: "dependency_ask", from: state.rawValue, to: next.rawValue)
        }
        var copy = self
        copy.state = next
        return copy
    }
}
