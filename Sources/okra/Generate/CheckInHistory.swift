import Foundation
import OKRCore

/// Writes the weekly check-ins of a cycle's KRs: `factor` a week, now and then one more (the last on the
/// author's usual day, the others earlier in the week), values along each KR's `Trajectory`, confidence and a short note; now and then
/// a week skipped, a check-in back-dated (recorded the next morning) or a typo corrected by a later check-in
/// that supersedes it. Nothing is dated after `today` nor recorded later than its first minutes.
struct CheckInHistory: Sendable {
    let cycle: Int
    let start: Day
    let today: Day
    let factor: Int
    private(set) var count = 0

    init(cycle: Int, start: Day, today: Day, factor: Int) {
        self.cycle = cycle
        self.start = start
        self.today = today
        self.factor = factor
    }

    /// The check-ins of one KR for weeks 1 through `lastWeek`, in the order they were recorded.
    mutating func checkIns(
        for keyResult: KeyResultID, along trajectory: Trajectory, author: PersonID, usualDay: Int,
        through lastWeek: Int,
        random: inout SplitMix64
    ) throws -> [CheckIn] {
        var made: [CheckIn] = []
        made.reserveCapacity(lastWeek * factor * 2)
        for week in 1...max(1, lastWeek) {
            if week > 1 && random.chance(0.01) { continue }
            let monday = start.adding(days: 7 * (week - 1))
            // Some weeks bring an extra update early in the week, before the usual one.
            let extra = usualDay > 1 && random.chance(0.1) ? 1 : 0
            let updates = factor * (1 + extra)
            for j in 0..<updates {
                let offset = usualDay * (j + 1) / updates
                let day = min(monday.adding(days: offset), today)
                let time = Double(week - 1) + Double(j + 1) / Double(updates)
                let noise = random.double(-1...1)
                let value = trajectory.value(at: time, noise: noise)
                let stated = trajectory.confidence(at: time, noise: random.double(-1...1))
                let confidence = try random.chance(0.04) ? nil : Confidence(stated)
                var recorded = instant(day, minutes: random.int((8 * 60)...(18 * 60)))
                if day < today.adding(days: -1) && random.chance(0.03) {
                    recorded = instant(day.adding(days: 1), minutes: 9 * 60 + random.int(0...59))
                }
                let note = random.chance(0.85) ? random.pick(Phrases.notes) : nil
                let conditionActual = trajectory.conditionActual(at: time)
                if trajectory.kind != .milestone && random.chance(0.004) {
                    // A typo first, then the correction that supersedes it.
                    let typo = value * 10 + 1
                    let wrong = try CheckIn(
                        id: nextID(), keyResultID: keyResult, value: typo, confidence: confidence, note: note,
                        authorID: author, recordedAt: recorded, day: day, conditionActual: conditionActual)
                    made.append(wrong)
                    made.append(
                        try CheckIn(
                            id: nextID(), keyResultID: keyResult, value: value, confidence: confidence,
                            note: random.pick(Phrases.correctionNotes), authorID: author,
                            recordedAt: recorded.addingTimeInterval(Double(random.int(1...50)) * 60), day: day,
                            supersedes: wrong.id, conditionActual: conditionActual))
                    continue
                }
                made.append(
                    try CheckIn(
                        id: nextID(), keyResultID: keyResult, value: value, confidence: confidence, note: note,
                        authorID: author, recordedAt: recorded, day: day, conditionActual: conditionActual))
            }
        }
        return made
    }

    private mutating func nextID() -> CheckInID {
        count += 1
        return CheckInID("g\(cycle)-c-" + GeneratedOrganization.padded(count, 8))
    }

    /// `minutes` after midnight in Hà Nội (UTC+7) on `day`; on `today` itself, the first minutes after midnight,
    /// so that anyone checking in after the organization is generated records the latest check-in.
    func instant(_ day: Day, minutes: Int) -> Date {
        let midnight = TimeInterval(day.julianDay - 2_440_588) * 86_400 - 7 * 3600
        let offset = day < today ? minutes : minutes % 5
        return Date(timeIntervalSince1970: midnight + Double(offset) * 60)
    }
}
