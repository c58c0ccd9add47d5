import OKRCore

/// What an objective's page shows of a KR's history: bounded, so the page costs the same in week 2 and in
/// week 13, with one check-in a week or five.
public struct KeyResultHistory: Sendable {
    /// The last effective check-in of each week, oldest first: the chart's points.
    public let weekly: [CheckIn]
    /// The latest effective check-ins, newest first.
    public let recent: [CheckIn]
    /// How many effective check-ins the KR has in all.
    public let count: Int

    public init(weekly: [CheckIn], recent: [CheckIn], count: Int) {
        self.weekly = weekly
        self.recent = recent
        self.count = count
    }
}
