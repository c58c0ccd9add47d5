import Foundation

/// When a failed delivery is tried again: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h after each failure, and
/// no more after the eighth attempt (about 21 hours after the first), when the job is given up.
struct RetrySchedule: Sendable {
    /// The wait after the failure of attempt n (n from 1), for n below `maxAttempts`.
    let delays: [TimeInterval]

    static let standard = RetrySchedule(delays: [10, 60, 300, 1800, 7200, 21_600, 43_200])

    /// Attempts made before giving up.
    var maxAttempts: Int { delays.count + 1 }

    /// When to try again after attempt `attempt` failed at `failedAt`; nil when it was the last.
    func retryAt(afterAttempt attempt: Int, failedAt: Date) -> Date? {
        guard attempt >= 1, attempt < maxAttempts else { return nil }
        return failedAt.addingTimeInterval(delays[attempt - 1])
    }
}
