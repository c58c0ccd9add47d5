/// A project or plan that drives one or more key results (mission rule 9: a KR with none should go).
public struct Initiative: Hashable, Sendable, Codable, Identifiable {
    public let id: InitiativeID
    public var title: LocalizedName
    public var owner: Owner?
    public var state: State
    public var due: Day?
    public var link: String?
    public var keyResultIDs: [KeyResultID]
    /// Set when the initiative was created by accepting another team's dependency ask.
    public var askID: DependencyAskID?
    /// The day work on it started (it moved to in progress); nil while planned, or when it went straight to done.
    public var started: Day?
    /// The day it was marked done; nil unless it is done.
    public var finished: Day?

    public enum State: String, Sendable, Codable, CaseIterable {
        case planned
        case inProgress = "in_progress"
        case done, dropped
    }

    public init(
        id: InitiativeID, title: LocalizedName, owner: Owner? = nil, state: State = .planned, due: Day? = nil,
        link: String? = nil, keyResultIDs: [KeyResultID], askID: DependencyAskID? = nil, started: Day? = nil,
        finished: Day? = nil
    ) throws(DomainError) {
        let link = try Validate.optionalText(link, field: "link", max: 2000)
        if let link, !(link.hasPrefix("https://") || link.hasPrefix("http://")) {
            throw .invalid(field: "link", reason: .unknownValue(link))
        }
        self.id = id
        self.title = title
        self.owner = owner
        self.state = state
        self.due = due
        self.link = link
        self.keyResultIDs = keyResultIDs
        self.askID = askID
        self.started = started
        self.finished = state == .done ? finished : nil
    }

    /// This initiative as saved on `day`, coming from `before` (nil when new): it keeps the days it started and
    /// finished, starts when it first moves to in progress and finishes when it moves to done. Leaving done
    /// clears the finish; moving back to planned keeps the start (the work did begin).
    public func stamped(after before: Initiative?, on day: Day) -> Initiative {
        var stamped = self
        stamped.started = started ?? before?.started
        if state == .inProgress, stamped.started == nil { stamped.started = day }
        if state == .done {
            stamped.finished = before?.state == .done ? (before?.finished ?? finished ?? day) : (finished ?? day)
        } else {
            stamped.finished = nil
        }
        return stamped
    }

    /// Planned and in-progress initiatives still drive their KRs; done and dropped ones no longer do.
    public var isActive: Bool { state == .planned || state == .inProgress }
}
