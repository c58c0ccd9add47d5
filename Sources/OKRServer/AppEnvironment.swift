import Foundation
import OKRCore
import OKRStore
import Synchronization

/// The outside world as the server sees it — the clock — injectable so tests can fix the date.
public struct AppEnvironment: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// A world where it is always `day` around noon in `timeZone`: each reading of the clock is one millisecond
    /// after the one before, so two writes in a row are stamped in the order they were made (as a real clock
    /// would stamp them), and the day never changes.
    public static func fixed(_ day: Day, timeZone: String = "Asia/Ho_Chi_Minh") -> AppEnvironment {
        let zone = TimeZone(identifier: timeZone) ?? .gmt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let noon = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        let ticks = Ticks()
        return AppEnvironment(now: { noon.addingTimeInterval(Double(ticks.next() % 3_600_000) / 1000) })
    }

    /// How many times a fixed clock was read.
    private final class Ticks: Sendable {
        private let count = Atomic<Int>(0)
        func next() -> Int { count.add(1, ordering: .relaxed).oldValue }
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
