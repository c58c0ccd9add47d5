import Foundation
import OKRCore
import OKRStore

/// One check-in about to be recorded, the same way by the API and by the check-in form: the value checked
/// against the KR's kind, then appended through the store (a correction supersedes, never overwrites).
struct CheckInRecording: Sendable {
    let keyResult: KeyResult
    let value: Decimal
    /// 0–10, checked when recorded.
    var confidence: Int?
    var note: String?
    /// The day the value is for.
    var day: Day
    var supersedes: CheckInID?
    var conditionActual: Decimal?

    /// Checks and records the check-in; throws `DomainError` before anything is written when a field is invalid.
    func record(by author: PersonID, at now: Date, weekStart: Weekday, store: OKRStore) async throws -> CheckIn {
        let checkIn = try checkIn(by: author, at: now, weekStart: weekStart)
        _ = try await store.recordCheckIn(checkIn, actor: author)
        return checkIn
    }

    /// Checks every recording, then records them all in one transaction: all, or none when any is refused.
    static func recordAll(
        _ recordings: [CheckInRecording], by author: PersonID, at now: Date, weekStart: Weekday, store: OKRStore
    ) async throws -> [CheckIn] {
        let checkIns = try recordings.map { try $0.checkIn(by: author, at: now, weekStart: weekStart) }
        _ = try await store.recordCheckIns(checkIns, actor: author)
        return checkIns
    }

    /// The check-in this recording makes, checked against the KR's kind and the check-in's own rules.
    private func checkIn(by author: PersonID, at now: Date, weekStart: Weekday) throws -> CheckIn {
        _ = try keyResult.recording(value)
        return try CheckIn(
            id: CheckInID(NewID.make("ci")), keyResultID: keyResult.id, value: value,
            confidence: try confidence.map(Confidence.init), note: note, authorID: author, recordedAt: now, day: day,
            weekStart: weekStart, supersedes: supersedes, conditionActual: conditionActual)
    }
}
