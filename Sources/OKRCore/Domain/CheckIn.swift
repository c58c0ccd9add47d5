import Foundation

/// One update of a KR: value, confidence, one line why. Append-only: a correction is a new check-in that
/// supersedes an earlier one, never an overwrite.
public struct CheckIn: Hashable, Sendable, Codable, Identifiable {
    public let id: CheckInID
    public let keyResultID: KeyResultID
    public let value: Decimal
    public let confidence: Confidence?
    public let note: String?
    public let authorID: PersonID
    /// When it was recorded.
    public let recordedAt: Date
    /// The day the value is for (earlier than `recordedAt` when back-dated).
    public let day: Day
    /// The first day of the week it belongs to.
    public let week: Day
    /// The check-in this one corrects.
    public let supersedes: CheckInID?
    /// The count for the KR's validity condition, when it has one ("40 responses").
    public let conditionActual: Decimal?
    /// The KPI it was taken from, for a KR fed by a KPI: the KPI's value of that day.
    public let kpiID: KPIID?

    /// The longest note, in Unicode code points (as JSON Schema counts).
    public static let noteLimit = 1000

    /// A check-in's note as it is kept (trimmed; nil when empty), or `invalid(note, tooLong)`.
    public static func note(_ text: String?) throws(DomainError) -> String? {
        try Validate.optionalText(text, field: "note", max: noteLimit)
    }

    public init(
        id: CheckInID, keyResultID: KeyResultID, value: Decimal, confidence: Confidence? = nil, note: String? = nil,
        authorID: PersonID, recordedAt: Date, day: Day, weekStart: Weekday = .monday, supersedes: CheckInID? = nil,
        conditionActual: Decimal? = nil, kpiID: KPIID? = nil
    ) throws(DomainError) {
        self.id = id
        self.keyResultID = keyResultID
        self.value = try Validate.finite(value, field: "value")
        self.confidence = confidence
        self.note = try Self.note(note)
        self.authorID = authorID
        self.recordedAt = recordedAt
        self.day = day
        self.week = day.startOfWeek(weekStart)
        guard supersedes != id else { throw .invalid(field: "supersedes", reason: .outOfRange) }
        self.supersedes = supersedes
        if let conditionActual { try Validate.finite(conditionActual, field: "condition_actual") }
        self.conditionActual = conditionActual
        self.kpiID = kpiID
    }

    /// The history as it stands: superseded entries dropped, ordered by the day they are for.
    public static func effective(_ history: [CheckIn]) -> [CheckIn] {
        let replaced = Set(history.compactMap(\.supersedes))
        return history.filter { !replaced.contains($0.id) }
            .sorted {
                ($0.day, $0.recordedMillisecond, $0.id.rawValue) < ($1.day, $1.recordedMillisecond, $1.id.rawValue)
            }
    }

    /// When it was recorded, to the millisecond the database keeps: two check-ins of the same millisecond are
    /// ordered by id, in memory as in the store's queries, so a KR stands where its stored history leaves it.
    public var recordedMillisecond: Int { Int((recordedAt.timeIntervalSince1970 * 1000).rounded()) }
}

extension KeyResult {
    /// The KR as its effective check-in history leaves it (`CheckIn.effective`: superseded entries dropped, in
    /// order): the latest value, the latest stated confidence and the latest count for its condition. The store
    /// applies it after every check-in and the generator to every history it makes.
    public func following(_ effective: [CheckIn]) throws -> KeyResult {
        guard let latest = effective.last else { return self }
        var updated = try recording(
            latest.value, confidence: effective.last(where: { $0.confidence != nil })?.confidence)
        if var condition = updated.condition,
            let count = effective.last(where: { $0.conditionActual != nil })?.conditionActual
        {
            condition.actual = count
            updated.condition = condition
        }
        return updated
    }
}
