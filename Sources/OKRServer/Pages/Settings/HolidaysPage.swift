import Foundation
import OKRCore
import OKRStore

/// The days off that shape expected progress: Vietnam's public holidays of this year and the next (Tết from
/// the lunar calendar, compensatory days included, as `VietnameseHolidays` computes them) and the
/// organization's own days off, which admins add and remove here. The model of `/settings/holidays`.
struct HolidaysPage: Sendable {
    struct Year: Sendable {
        let year: Int
        let holidays: [VietnameseHolidays.Holiday]
    }

    let entry: Versioned<OrganizationSettings>
    let years: [Year]
    /// Whether the viewer may add and remove days off (admins).
    let canChange: Bool
    /// The day typed into the add form, kept when it is refused.
    var day = ""
    /// Why the typed day was refused, shown next to its field.
    var error: String?
    /// A line above the page: added, removed, or why nothing changed.
    var notice: String?
    var noticeIsError = false

    var settings: OrganizationSettings { entry.value }

    init(entry: Versioned<OrganizationSettings>, today: Day, canChange: Bool) {
        self.entry = entry
        self.years = [today.year, today.year + 1].map { Year(year: $0, holidays: VietnameseHolidays.holidays(in: $0)) }
        self.canChange = canChange
    }

    /// The organization's days off with `text` added, or nil with the reason next to the field.
    mutating func adding(_ text: String, _ page: Page) -> [Day]? {
        day = text
        guard let added = Day(iso: text.trimmingCharacters(in: .whitespaces)) else {
            error = page.t(.cyclesBadDate)
            return nil
        }
        guard !settings.holidays.contains(added) else {
            error = page.t(.settingsHolidayDuplicate)
            return nil
        }
        return settings.holidays + [added]
    }

    /// The organization's days off without `text`, or nil with the reason above the page.
    mutating func removing(_ text: String, _ page: Page) -> [Day]? {
        guard let removed = Day(iso: text), settings.holidays.contains(removed) else {
            notice = page.t(.settingsHolidayUnknown)
            noticeIsError = true
            return nil
        }
        return settings.holidays.filter { $0 != removed }
    }
}
