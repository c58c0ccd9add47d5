import Foundation
import OKRCore
import OKRServer
import OKRStore

/// Generates a whole organization into an empty database: the company, then each cycle from the oldest, then
/// what people did around the active one, each part written by `BulkLoad` in one transaction while the next
/// cycle is being generated. Deterministic from `seed`; only the password hash differs between two runs.
struct OrganizationGenerator: Sendable {
    let shape: OrganizationShape
    let seed: UInt64
    let today: Day
    let password: String
    /// Check-ins per KR and week (2 doubles the history with a mid-week update).
    let checkInFactor: Int
    let hasher: PasswordHasher

    enum Failure: Error, CustomStringConvertible {
        case notEmpty

        var description: String {
            switch self {
            case .notEmpty:
                return "The database already holds people; okra generate only fills a new, empty database."
            }
        }
    }

    func run(into database: OKRDatabase) async throws -> GenerationSummary {
        let bulk = BulkLoad(database)
        guard try await !bulk.holdsPeople() else { throw Failure.notEmpty }
        let organization = GeneratedOrganization(shape: shape, seed: seed, today: today)
        let cycles = try GeneratedCycle.cycles(today: today, shape: shape)
        var summary = GenerationSummary(name: shape.name, seed: seed, password: password)

        var company = BulkBatch()
        company.settings = try organization.settings()
        company.teams = try organization.domainTeams()
        company.people = try organization.domainPeople()
        // bcrypt once: everyone signs in with the same password, and hashing 5,000 times would take minutes.
        company.passwordHash = try await hasher.hash(password)
        company.cycles = cycles
        company.kpis = organization.kpis
        company.kpiValues = organization.kpiValues
        try await bulk.write(company)
        summary.people = company.people.count
        summary.teams = company.teams.count
        summary.cycles = cycles.count
        summary.kpis = company.kpis.count

        var current: GeneratedCycle?
        var next = generate(cycles[0], number: 1, organization: organization)
        for (index, cycle) in cycles.enumerated() {
            let waited = ContinuousClock.now
            let generated = try await next.value
            let written = ContinuousClock.now
            if index + 1 < cycles.count {
                next = generate(cycles[index + 1], number: index + 2, organization: organization)
            }
            var batch = BulkBatch()
            batch.objectives = generated.objectives
            batch.keyResults = generated.keyResults
            batch.grades = generated.grades
            batch.initiatives = generated.initiatives
            batch.checkIns = generated.checkIns
            try await bulk.write(batch)
            database.logger.info(
                """
                cycle \(cycle.name): \(generated.checkIns.count) check-ins, waited \(written - waited) for its \
                generation, written in \(ContinuousClock.now - written)
                """)
            summary.objectives += generated.objectives.count
            summary.keyResults += generated.keyResults.count
            summary.initiatives += generated.initiatives.count
            summary.checkIns += generated.checkIns.count
            if cycle.state == .active { current = generated }
        }

        guard let current else { return summary }
        let activity = try CurrentCycleActivity(organization: organization, current: current, seed: seed, today: today)
        var batch = BulkBatch()
        batch.asks = activity.asks
        batch.initiatives = activity.initiatives
        batch.weeklyUpdates = activity.weeklyUpdates
        batch.comments = activity.comments
        try await bulk.write(batch)
        summary.asks = activity.asks.count
        summary.initiatives += activity.initiatives.count
        summary.weeklyUpdates = activity.weeklyUpdates.count
        summary.comments = activity.comments.count
        SignInChoice(organization: organization, current: current).apply(to: &summary)
        return summary
    }

    /// Generates a cycle off the caller's task, so it runs while the previous cycle is being written.
    private func generate(_ cycle: Cycle, number: Int, organization: GeneratedOrganization)
        -> Task<GeneratedCycle, any Error>
    {
        let (seed, today, factor) = (self.seed, self.today, checkInFactor)
        return Task.detached {
            try GeneratedCycle(
                organization: organization, cycle: cycle, number: number, seed: seed, today: today, factor: factor)
        }
    }
}
