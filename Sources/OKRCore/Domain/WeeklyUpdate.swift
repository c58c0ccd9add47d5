/// A person's week: plans (linked to objectives or KRs), progress, problems, optional mood.
public struct WeeklyUpdate: Hashable, Sendable, Codable, Identifiable {
    public let id: WeeklyUpdateID
    public let personID: PersonID
    /// The first day of the week.
    public let week: Day
    public var plans: [PlanItem]
    public var progress: String?
    public var problems: String?
    /// 1 (bad week) to 5 (great week).
    public var mood: Int?

    public init(
        id: WeeklyUpdateID, personID: PersonID, week: Day, plans: [PlanItem] = [], progress: String? = nil,
        problems: String? = nil, mood: Int? = nil
    ) throws(DomainError) {
        if let mood, !(1...5).contains(mood) { throw .invalid(field: "mood", reason: .outOfRange) }
        guard plans.count <= 50 else { throw .invalid(field: "plans", reason: .outOfRange) }
        self.id = id
        self.personID = personID
        self.week = week
        self.plans = plans
        self.progress = try Validate.optionalText(progress, field: "progress", max: 4000)
        self.problems = try Validate.optionalText(problems, field: "problems", max: 4000)
        self.mood = mood
    }

    /// Plans that push no objective: the mission asks whether to keep or drop them.
    public var unlinkedPlans: [PlanItem] { plans.filter { !$0.isLinked } }
}

/// One plan of the week, ideally linked to the objective or KR it pushes forward.
public struct PlanItem: Hashable, Sendable, Codable {
    public let text: String
    public let objectiveID: ObjectiveID?
    public let keyResultID: KeyResultID?
    public var done: Bool

    public init(text: String, objectiveID: ObjectiveID? = nil, keyResultID: KeyResultID? = nil, done: Bool = false)
        throws(DomainError)
    {
        self.text = try Validate.text(text, field: "plans.text", max: 500)
        self.objectiveID = objectiveID
        self.keyResultID = keyResultID
        self.done = done
    }

    public var isLinked: Bool { objectiveID != nil || keyResultID != nil }
}
