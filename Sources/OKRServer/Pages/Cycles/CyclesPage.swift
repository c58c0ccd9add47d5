import Foundation
import OKRCore
import OKRStore

/// Every cycle, grouped planning → active → closed, with what helps choose one: its dates, how many objectives
/// the viewer can see in it, and for the active one the days left and where progress should be today. The
/// model of `/cycles`, loaded in four queries however many cycles and objectives there are.
struct CyclesPage: Sendable {
    struct Row: Sendable {
        let cycle: Cycle
        /// The objectives of the cycle the viewer may see (private ones of others are not counted).
        let objectives: Int
        /// Calendar days from today to the last day, for the active cycle.
        let daysLeft: Int?
        /// The working-day line today, for the active cycle.
        let expected: ExpectedProgress?
    }

    struct Group: Sendable {
        let state: Cycle.State
        let rows: [Row]
    }

    let groups: [Group]
    let today: Day
    /// Whether the viewer may plan a cycle (admins).
    let canPlan: Bool
    /// The form to plan a cycle, with what was typed and its messages after a refused POST.
    var form: Form = Form(fields: [:])
    /// A line shown above the lists: a cycle just planned.
    var notice: String?

    static func load(store: OKRStore, viewer: Person, environment: AppEnvironment) async throws -> CyclesPage {
        let cycles = try await store.cycles().map(\.value)
        let settings = try await store.settings()
        let access = Access(viewer: viewer, teams: try await store.teams())
        var counts: [CycleID: Int] = [:]
        for objective in try await store.objectives(cycle: nil, owner: nil, state: nil, matching: nil)
        where access.canSee(objective.value) {
            counts[objective.value.cycleID, default: 0] += 1
        }
        let today = environment.today(in: settings?.timeZone ?? "Asia/Ho_Chi_Minh")
        let calendar = settings?.calendar ?? WorkingCalendar()
        let groups = Cycle.State.allCases.map { state in
            Group(
                state: state,
                rows: cycles.filter { $0.state == state }.sorted {
                    ($0.start, $0.id.rawValue) > ($1.start, $1.id.rawValue)
                }
                .map { cycle in
                    let active = cycle.state == .active
                    return Row(
                        cycle: cycle, objectives: counts[cycle.id] ?? 0,
                        daysLeft: active ? max(0, today.days(to: cycle.end)) : nil,
                        expected: active ? ExpectedProgress.at(today, in: cycle, calendar: calendar) : nil)
                })
        }
        return CyclesPage(groups: groups, today: today, canPlan: access.isAdmin)
    }

    /// The fields of a cycle's form (name, first and last day) as typed, and the message for each field that
    /// was refused. Used to plan a cycle on `/cycles` and to change one on its own page.
    struct Form: Sendable {
        var fields: [String: String]
        var errors: [String: String] = [:]

        subscript(_ name: String) -> String { fields[name] ?? "" }

        /// The name and days typed, or nil with a message next to each day that is not a day. The rest is the
        /// core's to check (`Cycle`, `Cycle.changed`), as for the API, so both refuse the same things.
        mutating func typed(_ page: Page) -> (name: String, start: Day, end: Day)? {
            var days: [String: Day] = [:]
            for field in ["start", "end"] {
                let text = self[field].trimmingCharacters(in: .whitespaces)
                if let day = Day(iso: text) {
                    days[field] = day
                } else {
                    errors[field] = page.t(.cyclesBadDate)
                }
            }
            guard errors.isEmpty, let start = days["start"], let end = days["end"] else { return nil }
            return (self["name"], start, end)
        }

        /// Records why the core or the API refused the cycle, next to the field it names.
        mutating func refused(_ error: any Error, _ page: Page) {
            switch error {
            case DomainError.invalid(let field, let reason):
                errors[field] = reason.message(page.language)
            case let error as APIError:
                errors[error.field ?? "name"] = error.message(page.language)
            case let error as DomainError:
                errors["name"] = error.message(page.language)
            default:
                errors["name"] = page.t(.cyclesInvalid)
            }
        }
    }
}
