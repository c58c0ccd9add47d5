import Foundation

/// Initiatives exist to move their key result (mission rule 9). Two things are worth a look in the weekly
/// review: an initiative marked done while its KR has not moved since the work started, and a KR that is behind
/// although every initiative behind it is finished — more of the same will not move it; it needs a new one.
public enum InitiativeImpact {
    public enum Finding: Hashable, Sendable {
        /// `initiative` is done, and the KR's value did not move toward its target between `since` (the day the
        /// work started; the cycle's first day when that is not known) and now.
        case doneWithoutMovement(initiative: InitiativeID, since: Day)
        /// The KR is off track or at risk and none of its initiatives is still planned or in progress (at least
        /// one was done).
        case allDoneWhileBehind
    }

    /// The findings for one KR: `checkIns` are its effective check-ins, oldest first (weekly points are enough);
    /// `status` is its status today.
    public static func findings(
        keyResult: KeyResult, status: Status, initiatives: [Initiative], checkIns: [CheckIn], cycleStart: Day
    ) -> [Finding] {
        // A KR already met needs nothing more from its initiatives.
        guard status != .done else { return [] }
        let driving = initiatives.filter { $0.keyResultIDs.contains(keyResult.id) }
        var findings: [Finding] = []
        for initiative in driving where initiative.state == .done {
            let since = initiative.started ?? cycleStart
            // The value when the work started: the last check-in before that day, else the KR's start.
            let before = checkIns.last { $0.day < since }?.value ?? keyResult.start
            if !moved(keyResult, from: before, to: keyResult.current) {
                findings.append(.doneWithoutMovement(initiative: initiative.id, since: since))
            }
        }
        let behind = status == .offTrack || status == .atRisk
        if behind, driving.contains(where: { $0.state == .done }), !driving.contains(where: \.isActive) {
            findings.append(.allDoneWhileBehind)
        }
        return findings
    }

    /// Whether going from `from` to `to` is a step toward the KR's target.
    static func moved(_ keyResult: KeyResult, from: Decimal?, to: Decimal?) -> Bool {
        guard let to else { return false }
        guard let from else { return true }
        switch keyResult.kind {
        case .increase, .atLeast, .milestone: return to > from
        case .decrease, .atMost: return to < from
        // A baseline KR measures where things stand; it has no direction to move in yet.
        case .baseline: return true
        case .range:
            guard let low = keyResult.target, let high = keyResult.targetHigh else { return to != from }
            func distance(_ value: Decimal) -> Decimal { value < low ? low - value : value > high ? value - high : 0 }
            return distance(to) < distance(from) || (distance(from) > 0 && distance(to) == 0)
        }
    }
}
