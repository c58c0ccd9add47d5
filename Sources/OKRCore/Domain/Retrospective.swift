import Foundation

/// The short look back on an objective when its cycle ends (the guide: what worked, what did not, what we
/// learned), written by whoever answers for the objective. At least one of the three is said.
public struct Retrospective: Hashable, Sendable, Codable {
    public let objectiveID: ObjectiveID
    public let worked: String?
    public let didNotWork: String?
    public let learned: String?
    /// Who wrote it last and when; set by the store.
    public var writtenBy: PersonID?
    public var writtenAt: Date?

    public static let maxLength = 2000

    public init(
        objectiveID: ObjectiveID, worked: String?, didNotWork: String?, learned: String?, writtenBy: PersonID? = nil,
        writtenAt: Date? = nil
    ) throws(DomainError) {
        self.objectiveID = objectiveID
        self.worked = try Validate.optionalText(worked, field: "worked", max: Self.maxLength)
        self.didNotWork = try Validate.optionalText(didNotWork, field: "did_not_work", max: Self.maxLength)
        self.learned = try Validate.optionalText(learned, field: "learned", max: Self.maxLength)
        guard self.worked != nil || self.didNotWork != nil || self.learned != nil else {
            throw .invalid(field: "worked", reason: .required)
        }
        self.writtenBy = writtenBy
        self.writtenAt = writtenAt
    }
}

extension Objective {
    /// The copy of an unfinished objective that goes on in `cycle`: same words, owner and kind, a draft for the
    /// team to look at again, aligned to nothing yet (its parents belong to the cycle it leaves).
    public func carriedOver(as id: ObjectiveID, into cycle: CycleID) throws(DomainError) -> Objective {
        try Objective(
            id: id, cycleID: cycle, title: title, description: description, owner: owner, kind: kind, state: .draft,
            visibility: visibility, parents: [],
            progressSource: progressSource == .children ? .keyResults : progressSource)
    }
}

extension KeyResult {
    /// Whether a carried-over objective takes this KR along: only what is not yet complete goes on.
    public var goesOn: Bool { !progress().isMet }

    /// The KR rebased for the next cycle: a directional KR starts from where it stands, with the same target;
    /// a KR that holds a level keeps its target and last value; a milestone starts not done. Its plan, due
    /// day and confidence belonged to the cycle it leaves.
    public func carriedOver(as id: KeyResultID, objective: ObjectiveID) throws(DomainError) -> KeyResult {
        let condition = self.condition.map { condition in
            var fresh = condition
            fresh.actual = nil
            return fresh
        }
        switch kind {
        case .increase, .decrease:
            // From where it stands, unless that is at or past the target (a KR held back by its condition).
            var from = start
            if let now = current, let target, now != target, (kind == .increase) == (target > now) { from = now }
            return try KeyResult(
                id: id, objectiveID: objective, title: title, owner: owner, kind: kind, unit: unit, start: from,
                target: target, current: current == nil ? nil : from, weight: weight, condition: condition, kpiID: kpiID
            )
        case .atLeast, .atMost, .range, .baseline:
            return try KeyResult(
                id: id, objectiveID: objective, title: title, owner: owner, kind: kind, unit: unit, start: start,
                target: target, targetHigh: targetHigh, current: current, weight: weight,
                condition: condition, kpiID: kpiID)
        case .milestone:
            return try KeyResult(
                id: id, objectiveID: objective, title: title, owner: owner, kind: kind, unit: unit, current: 0,
                weight: weight, kpiID: kpiID)
        }
    }
}
