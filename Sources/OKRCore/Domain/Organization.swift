/// The tenant's settings: where it lives in time, how it works, and the rules its numbers follow.
public struct OrganizationSettings: Hashable, Sendable, Codable {
    public var name: String
    /// IANA time zone name, e.g. `Asia/Ho_Chi_Minh`. The core never reads clocks; the server uses this to
    /// turn instants into the organization's days.
    public var timeZone: String
    public var weekStart: Weekday
    /// Days off of this organization, on top of the built-in Vietnamese public holidays.
    public var holidays: [Day]
    /// Whether the Vietnamese public holidays (with Tết) count as days off.
    public var observesVietnameseHolidays: Bool
    public var defaultLanguage: Language
    /// The status rules a new cycle starts with.
    public var statusRules: StatusRules
    /// The quality check "too many objectives for one owner" fires above this number.
    public var maxObjectivesPerOwner: Int
    /// The weekday and local time ("HH:mm") when people are reminded to check in.
    public var checkInDay: Weekday
    public var checkInTime: String

    public init(
        name: String,
        timeZone: String = "Asia/Ho_Chi_Minh",
        weekStart: Weekday = .monday,
        holidays: [Day] = [],
        observesVietnameseHolidays: Bool = true,
        defaultLanguage: Language = .vi,
        statusRules: StatusRules = StatusRules(),
        maxObjectivesPerOwner: Int = 5,
        checkInDay: Weekday = .friday,
        checkInTime: String = "15:00"
    ) throws(DomainError) {
        self.name = try Validate.text(name, field: "name", max: 200)
        guard !timeZone.isEmpty, timeZone.count <= 64 else {
            throw .invalid(field: "time_zone", reason: .unknownValue(timeZone))
        }
        guard (1...50).contains(maxObjectivesPerOwner) else {
            throw .invalid(field: "max_objectives_per_owner", reason: .outOfRange)
        }
        guard Self.isClockTime(checkInTime) else {
            throw .invalid(field: "check_in_time", reason: .unknownValue(checkInTime))
        }
        self.timeZone = timeZone
        self.weekStart = weekStart
        self.holidays = Array(Set(holidays)).sorted()
        self.observesVietnameseHolidays = observesVietnameseHolidays
        self.defaultLanguage = defaultLanguage
        self.statusRules = statusRules
        self.maxObjectivesPerOwner = maxObjectivesPerOwner
        self.checkInDay = checkInDay
        self.checkInTime = checkInTime
    }

    /// The working calendar these settings describe.
    public var calendar: WorkingCalendar {
        WorkingCalendar(extraHolidays: Set(holidays), observesVietnameseHolidays: observesVietnameseHolidays)
    }

    static func isClockTime(_ text: String) -> Bool {
        let parts = text.split(separator: ":")
        // Digits only: `Int` would also read a sign ("+9").
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            text.allSatisfy({ $0 == ":" || ("0"..."9").contains($0) }),
            let h = Int(parts[0]), let m = Int(parts[1])
        else { return false }
        return (0...23).contains(h) && (0...59).contains(m)
    }
}
