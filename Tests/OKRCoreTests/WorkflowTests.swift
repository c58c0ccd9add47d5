import Foundation
import Testing

@testable import OKRCore

/// The workflows of objectives, cycles and dependency asks: every allowed move works, every other is refused
/// with a typed error that names the entity and both states.
@Suite("Workflows")
struct WorkflowTests {
    typealias F = Fixture

    static let objectiveMoves: [Objective.State: Set<Objective.State>] = [
        .draft: [.inReview, .published, .archived],
        .inReview: [.draft, .published, .archived],
        .published: [.closed, .archived, .inReview],
        .closed: [.archived, .published],
        .archived: [.draft],
    ]

    @Test("Objective: draft → in review → published → closed, archived from any state, nothing else")
    func objectiveStates() throws {
        for from in Objective.State.allCases {
            let objective = try F.objective("o", state: from)
            for to in Objective.State.allCases {
                if Self.objectiveMoves[from, default: []].contains(to) {
                    #expect(try objective.moved(to: to).state == to, "\(from) → \(to)")
                } else {
                    #expect(
                        throws: DomainError.transitionNotAllowed(
                            entity: "objective", from: from.rawValue, to: to.rawValue),
                        "\(from) → \(to)"
                    ) { try objective.moved(to: to) }
                }
            }
        }
    }

    @Test("Cycle: planning → active → closed, back from active to planning, closed stays closed")
    func cycleStates() throws {
        let allowed: [Cycle.State: Set<Cycle.State>] = [
            .planning: [.active], .active: [.closed, .planning], .closed: [],
        ]
        for from in Cycle.State.allCases {
            var cycle = F.q4of2026
            cycle.state = from
            for to in Cycle.State.allCases {
                if allowed[from, default: []].contains(to) {
                    #expect(try cycle.moved(to: to).state == to)
                } else {
                    #expect(
                        throws: DomainError.transitionNotAllowed(entity: "cycle", from: from.rawValue, to: to.rawValue)
                    ) { try cycle.moved(to: to) }
                }
            }
        }
    }

    @Test("Cycle: the end after the start, at most two years, a name")
    func cycleValidation() throws {
        #expect(throws: DomainError.invalid(field: "end", reason: .boundsReversed)) {
            try Cycle(id: "c", name: "Q", start: F.day("2026-03-31"), end: F.day("2026-01-01"))
        }
        #expect(throws: DomainError.invalid(field: "end", reason: .boundsReversed)) {
            try Cycle(id: "c", name: "Q", start: F.day("2026-01-01"), end: F.day("2026-01-01"))
        }
        #expect(throws: DomainError.invalid(field: "end", reason: .outOfRange)) {
            try Cycle(id: "c", name: "Q", start: F.day("2026-01-01"), end: F.day("2028-01-03"))
        }
        #expect(throws: DomainError.invalid(field: "name", reason: .empty)) {
            try Cycle(id: "c", name: " ", start: F.day("2026-01-01"), end: F.day("2026-03-31"))
        }
        let twoYears = try Cycle(id: "c", name: "2026–2027", start: F.day("2026-01-01"), end: F.day("2028-01-01"))
        #expect(twoYears.state == .planning)
        #expect(twoYears.contains(F.day("2026-01-01")))
        #expect(twoYears.contains(F.day("2028-01-01")))
        #expect(!twoYears.contains(F.day("2028-01-02")))
    }

    @Test(
        "The quarter that holds a day",
        arguments: [
            ("2026-02-17", "2026 Q1", "2026-01-01", "2026-03-31", "2026-q1"),
            ("2024-05-01", "2024 Q2", "2024-04-01", "2024-06-30", "2024-q2"),
            ("2025-09-30", "2025 Q3", "2025-07-01", "2025-09-30", "2025-q3"),
            ("2026-12-31", "2026 Q4", "2026-10-01", "2026-12-31", "2026-q4"),
        ])
    func quarter(day: String, name: String, start: String, end: String, id: String) {
        let cycle = Cycle.quarter(containing: F.day(day))
        #expect(cycle.name == name)
        #expect(cycle.start == F.day(start))
        #expect(cycle.end == F.day(end))
        #expect(cycle.id.rawValue == id)
        #expect(Cycle.quarter(containing: F.day(day), id: "own").id == "own")
    }

    @Test("A leap year's first quarter ends on 31 March and holds 29 February")
    func leapQuarter() {
        let cycle = Cycle.quarter(containing: F.day("2028-02-29"))
        #expect(cycle.start.days(to: cycle.end) == 90)
    }

    func ask() throws -> DependencyAsk {
        try DependencyAsk(
            id: "ask", fromTeamID: "sales", toTeamID: "marketing", objectiveID: "sales-o", need: "Landing page",
            dueBy: F.day("2026-11-15"))
    }

    @Test("Dependency ask: requested, then accepted, declined or countered; done only after acceptance")
    func dependencyAskWorkflow() throws {
        let ask = try ask()
        #expect(ask.state == .requested)
        #expect(try ask.accepted().state == .accepted)
        #expect(try ask.accepted().done().state == .done)
        let declined = try ask.declined(reason: "  No capacity in November ")
        #expect(declined.state == .declined)
        #expect(declined.reason == "No capacity in November")
        let countered = try ask.countered(due: F.day("2026-12-01"), scope: "Only the Vietnamese page")
        #expect(countered.state == .countered)
        #expect(countered.counterDue == F.day("2026-12-01"))
        #expect(countered.reason == "Only the Vietnamese page")
        #expect(try countered.accepted().state == .accepted)
        #expect(try countered.declined(reason: "Scope still too big").state == .declined)
    }

    @Test("Dependency ask: every move the workflow does not allow is refused")
    func dependencyAskRefusals() throws {
        let requested = try ask()
        let accepted = try requested.accepted()
        let declined = try requested.declined(reason: "No")
        let countered = try requested.countered(due: F.day("2026-12-01"), scope: nil)
        let done = try accepted.done()
        func refused(_ from: DependencyAsk.State, _ to: DependencyAsk.State) -> DomainError {
            .transitionNotAllowed(entity: "dependency_ask", from: from.rawValue, to: to.rawValue)
        }
        #expect(throws: refused(.requested, .done)) { try requested.done() }
        #expect(throws: refused(.countered, .done)) { try countered.done() }
        #expect(throws: refused(.countered, .countered)) {
            try countered.countered(due: F.day("2026-12-05"), scope: nil)
        }
        #expect(throws: refused(.accepted, .accepted)) { try accepted.accepted() }
        #expect(throws: refused(.accepted, .declined)) { try accepted.declined(reason: "Changed our mind") }
        #expect(throws: refused(.accepted, .countered)) { try accepted.countered(due: F.day("2026-12-05"), scope: nil) }
        for closed in [declined, done] {
            #expect(throws: refused(closed.state, .accepted)) { try closed.accepted() }
            #expect(throws: refused(closed.state, .declined)) { try closed.declined(reason: "x") }
            #expect(throws: refused(closed.state, .countered)) { try closed.countered(due: nil, scope: "x") }
            #expect(throws: refused(closed.state, .done)) { try closed.done() }
        }
    }

    @Test("Dependency ask: declining needs a reason, countering needs a date or a scope")
    func dependencyAskReasons() throws {
        let ask = try ask()
        #expect(throws: DomainError.invalid(field: "reason", reason: .empty)) { try ask.declined(reason: " ") }
        #expect(throws: DomainError.invalid(field: "due", reason: .required)) {
            try ask.countered(due: nil, scope: nil)
        }
        #expect(throws: DomainError.invalid(field: "due", reason: .required)) {
            try ask.countered(due: nil, scope: "   ")
        }
    }

    @Test("Dependency ask: between two different teams, about an objective or a KR")
    func dependencyAskValidation() throws {
        #expect(throws: DomainError.invalid(field: "to_team_id", reason: .duplicate)) {
            try DependencyAsk(
                id: "a", fromTeamID: "t", toTeamID: "t", objectiveID: "o", need: "x", dueBy: F.day("2026-11-01"))
        }
        #expect(throws: DomainError.invalid(field: "objective_id", reason: .required)) {
            try DependencyAsk(id: "a", fromTeamID: "t", toTeamID: "u", need: "x", dueBy: F.day("2026-11-01"))
        }
        #expect(throws: DomainError.invalid(field: "need", reason: .empty)) {
            try DependencyAsk(
                id: "a", fromTeamID: "t", toTeamID: "u", keyResultID: "k", need: "", dueBy: F.day("2026-11-01"))
        }
    }

    @Test("Dependency ask: overdue while open and past its date, or past the countered date")
    func dependencyAskOverdue() throws {
        let ask = try ask()
        #expect(!ask.isOverdue(on: F.day("2026-11-15")))
        #expect(ask.isOverdue(on: F.day("2026-11-16")))
        #expect(try ask.accepted().isOverdue(on: F.day("2026-11-16")))
        #expect(try !ask.accepted().done().isOverdue(on: F.day("2026-12-31")))
        #expect(try !ask.declined(reason: "No").isOverdue(on: F.day("2026-12-31")))
        let countered = try ask.countered(due: F.day("2026-12-01"), scope: nil)
        #expect(!countered.isOverdue(on: F.day("2026-11-20")))
        #expect(countered.isOverdue(on: F.day("2026-12-02")))
    }

    @Test("Dependency ask: a stored ask comes back in its saved state")
    func dependencyAskRestored() throws {
        let restored = DependencyAsk.restored(try ask(), state: .declined, reason: "No", counterDue: nil)
        #expect(restored.state == .declined)
        #expect(restored.reason == "No")
        #expect(throws: DomainError.transitionNotAllowed(entity: "dependency_ask", from: "declined", to: "accepted")) {
            try restored.accepted()
        }
    }
}
