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

    public enum State: String, Sendable, Codable, CaseIterable {
        case planned
        case inProgress = "in_progress"
        case done, dropped
    }

    public init(
        id: InitiativeID, title: LocalizedName, owner: Owner? = nil, state: State = .planned, due: Day? = nil,
        link: String? = nil, keyResultIDs: [KeyResultID], askID: DependencyAskID? = nil
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
    }

    /// Planned and in-progress initiatives still drive their KRs; done and dropped ones no longer do.
    public var isActive: Bool { state == .planned || state == .inProgress }
}
