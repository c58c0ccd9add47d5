import Foundation
import OKRCore
import OKRStore

/// The outside world as the server sees it — the clock — injectable so tests can fix the date.
public struct AppEnvironment: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// A world where it is always `day` at noon in `timeZone`.
    public static func fixed(_ day: Day, timeZone: String = "Asia/Ho_Chi_Minh") -> AppEnvironment {
        let zone = TimeZone(identifier: timeZone) ?? .gmt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        return AppEnvironment(now: { date })
    }

    /// Today in the organization's time zone.
    public func today(in timeZone: String) -> Day {
        AppEnvironment.day(of: now(), in: timeZone)
    }

    /// Today in the organization's time zone, as the read model knows it (no query).
    func today(of store: OKRStore) async throws -> Day {
        today(in: try await store.readModel.organization().timeZone)
    }

    public static func day(of date: Date, in timeZone: String) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return (try? Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1))
            ?? Day(julianDay: 2_440_588)
    }
}
