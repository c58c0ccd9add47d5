import Foundation
import Testing

@testable import OKRCore

/// The organization around the OKRs: people, the team tree, settings, initiatives and weekly updates.
@Suite("People, teams and settings")
struct OrganizationTests {
    typealias F = Fixture

    @Test("An e-mail address is trimmed and lower-cased")
    func email() throws {
        let lan = try Person(id: "lan", name: " Nguyễn Thị Lan ", email: " Lan.Nguyen@Example.VN ")
        #expect(lan.email == "lan.nguyen@example.vn")
        #expect(lan.name == "Nguyễn Thị Lan")
        #expect(lan.role == .member)
    }

    @Test(
        "Invalid e-mail addresses are refused",
        arguments: [
            "lan", "lan@", "@example.vn", "lan@example", "lan@@example.vn", "lan nguyen@example.vn", "lan@example.",
            "lan@.vn", "lan@example..vn",
        ])
    func invalidEmail(address: String) {
        #expect(throws: DomainError.invalid(field: "email", reason: .unknownValue(address))) {
            try Person(id: "p", name: "P", email: address)
        }
    }

    @Test("An empty e-mail or name says it is empty")
    func emptyPersonFields() {
        #expect(throws: DomainError.invalid(field: "email", reason: .empty)) {
            try Person(id: "p", name: "P", email: "  ")
        }
        #expect(throws: DomainError.invalid(field: "name", reason: .empty)) {
            try Person(id: "p", name: "", email: "p@example.vn")
        }
    }

    @Test("Roles order viewer < member < lead < admin")
    func roles() {
        #expect(Role.viewer < .member)
        #expect(Role.member < .lead)
        #expect(Role.lead < .admin)
        #expect(Role.allCases.sorted() == [.viewer, .member, .lead, .admin])
    }

    func team(_ id: String, parent: String? = nil, leads: [PersonID] = []) throws -> Team {
        try Team(id: TeamID(id), name: F.name(id), parentID: parent.map { TeamID($0) }, leadIDs: leads)
    }

    @Test("The team tree: one root, children in order, ancestry nearest first, leads above count")
    func teamTree() throws {
        let tree = try TeamTree([
            team("company", leads: ["ceo"]), team("sales", parent: "company", leads: ["minh"]),
            team("marketing", parent: "company"), team("sales-north", parent: "sales"),
        ])
        #expect(tree.root.id == "company")
        #expect(tree.root.isCompany)
        #expect(tree.children(of: "company").map(\.id) == ["marketing", "sales"])
        #expect(tree.ancestry(of: "sales-north").map(\.id) == ["sales-north", "sales", "company"])
        #expect(tree.isLead("minh", of: "sales-north"))
        #expect(tree.isLead("ceo", of: "marketing"))
        #expect(!tree.isLead("minh", of: "marketing"))
    }

    @Test("A team tree with a loop is refused, naming the teams in the loop")
    func teamLoop() throws {
        let teams = [
            try team("company"), try team("a", parent: "b"), try team("b", parent: "c"), try team("c", parent: "a"),
        ]
        #expect(throws: DomainError.alignmentCycle(path: ["a", "b", "c", "a"])) { try TeamTree(teams) }
    }

    @Test("A team cannot be its own parent")
    func teamOwnParent() {
        #expect(throws: DomainError.invalid(field: "parent_id", reason: .outOfRange)) {
            try team("a", parent: "a")
        }
    }

    @Test("A team tree needs exactly one root, unique ids and known parents")
    func teamTreeShape() throws {
        #expect(throws: DomainError.invalid(field: "teams", reason: .required)) {
            try TeamTree([team("a", parent: "b"), team("b", parent: "a")])
        }
        #expect(throws: DomainError.invalid(field: "teams", reason: .duplicate)) {
            try TeamTree([team("one"), team("two")])
        }
        #expect(throws: DomainError.invalid(field: "teams", reason: .duplicate)) {
            try TeamTree([team("company"), team("a", parent: "company"), team("a", parent: "company")])
        }
        #expect(throws: DomainError.invalid(field: "parent_id", reason: .unknownValue("ghost"))) {
            try TeamTree([team("company"), team("a", parent: "ghost")])
        }
    }

    @Test("Organization settings: defaults for a Vietnamese company, holidays sorted once")
    func settings() throws {
        let settings = try OrganizationSettings(
            name: " Okra JSC ", holidays: [F.day("2026-12-24"), F.day("2026-06-01"), F.day("2026-12-24")])
        #expect(settings.name == "Okra JSC")
        #expect(settings.timeZone == "Asia/Ho_Chi_Minh")
        #expect(settings.weekStart == .monday)
        #expect(settings.defaultLanguage == .vi)
        #expect(settings.holidays == [F.day("2026-06-01"), F.day("2026-12-24")])
        #expect(settings.calendar.extraHolidays == [F.day("2026-06-01"), F.day("2026-12-24")])
        #expect(settings.calendar.observesVietnameseHolidays)
        #expect(!settings.calendar.isWorkingDay(F.day("2026-12-24")))
    }

    @Test("Organization settings refuse a bad time zone, owner limit or check-in time")
    func settingsValidation() {
        #expect(throws: DomainError.invalid(field: "time_zone", reason: .unknownValue(""))) {
            try OrganizationSettings(name: "X", timeZone: "")
        }
        #expect(throws: DomainError.invalid(field: "max_objectives_per_owner", reason: .outOfRange)) {
            try OrganizationSettings(name: "X", maxObjectivesPerOwner: 0)
        }
        for time in ["24:00", "9:00", "09:60", "0900", "ab:cd", "09:00:00", "+9:00", "09:-1", "٠٩:٠٠"] {
            #expect(throws: DomainError.invalid(field: "check_in_time", reason: .unknownValue(time))) {
                try OrganizationSettings(name: "X", checkInTime: time)
            }
        }
        #expect(OrganizationSettings.isClockTime("00:00"))
        #expect(OrganizationSettings.isClockTime("23:59"))
    }

    @Test("An initiative links with http(s) only and is active while planned or in progress")
    func initiative() throws {
        let plan = try Initiative(
            id: "i", title: F.name("Chiến dịch email"), link: " https://wiki.example.vn/plan ", keyResultIDs: ["kr"])
        #expect(plan.link == "https://wiki.example.vn/plan")
        #expect(plan.isActive)
        var running = plan
        running.state = .inProgress
        #expect(running.isActive)
        for state in [Initiative.State.done, .dropped] {
            var finished = plan
            finished.state = state
            #expect(!finished.isActive)
        }
        #expect(throws: DomainError.invalid(field: "link", reason: .unknownValue("javascript:alert(1)"))) {
            try Initiative(id: "i", title: F.name("x"), link: "javascript:alert(1)", keyResultIDs: [])
        }
        #expect(try Initiative(id: "i", title: F.name("x"), link: "  ", keyResultIDs: []).link == nil)
    }

    @Test("A weekly update: mood 1 to 5, at most 50 plans, and the plans that push no objective")
    func weeklyUpdate() throws {
        let plans = [
            try PlanItem(text: "Gửi 2 chiến dịch email", keyResultID: "email"),
            try PlanItem(text: "Dọn hộp thư"),
            try PlanItem(text: "Phỏng vấn khách hàng", objectiveID: "sales"),
        ]
        let update = try WeeklyUpdate(
            id: "w", personID: "lan", week: F.day("2026-11-02"), plans: plans, progress: " 120 MQL ", problems: "",
            mood: 4)
        #expect(update.unlinkedPlans.map(\.text) == ["Dọn hộp thư"])
        #expect(update.progress == "120 MQL")
        #expect(update.problems == nil)
        for mood in [0, 6] {
            #expect(throws: DomainError.invalid(field: "mood", reason: .outOfRange)) {
                try WeeklyUpdate(id: "w", personID: "lan", week: F.day("2026-11-02"), mood: mood)
            }
        }
        let many = Array(repeating: plans[0], count: 51)
        #expect(throws: DomainError.invalid(field: "plans", reason: .outOfRange)) {
            try WeeklyUpdate(id: "w", personID: "lan", week: F.day("2026-11-02"), plans: many)
        }
        #expect(throws: DomainError.invalid(field: "plans.text", reason: .empty)) { try PlanItem(text: " ") }
    }

    @Test("An audit event keeps who, when, what, and the values before and after")
    func auditEvent() {
        let event = AuditEvent(
            id: "e", actorID: "lan", at: F.epoch, entity: "key_result", entityID: "email", action: "update",
            before: #"{"current":120}"#, after: #"{"current":130}"#)
        #expect(event.actorID == "lan")
        #expect(event.before == #"{"current":120}"#)
        #expect(event.after == #"{"current":130}"#)
    }
}
