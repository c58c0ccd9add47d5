import ArgumentParser
import Foundation
import OKRCore
import OKRServer

/// `okra generate`: a realistic organization in a new database, the same for the same seed, for benchmarks and
/// for tests on a large organization ("Acme-5k" at the default 5,000 people).
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Generate a realistic organization into a new, empty database.",
        discussion: """
            Acme-5k (the default): 5,000 people in 400 teams four levels deep (company, divisions, departments,
            teams); 5 quarterly cycles of 13 weeks, 4 closed and graded and the current one in its 10th week; per
            cycle about 6,000 objectives and 20,000 KRs of every kind with initiatives, alignment and weekly
            check-ins (about 1.3 million in all); weekly updates, comments and questions, dependency asks, KPIs.
            --people scales everything. Every person signs in with --password. Prints the counts, who to sign in
            as, and the run time, one `key: value` per line; LOG_LEVEL=info also tells how long each cycle took.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "How many people (100 to 20000); teams and everything else scale with it.")
    var people: Int = 5000

    @Option(help: "The seed: the same seed generates the same organization.")
    var seed: UInt64 = 1

    @Option(help: "The password every generated person signs in with.")
    var password: String = "okra-bench-2026"

    @Option(help: "Check-ins per KR and week: 2 doubles the history (a mid-week update).")
    var checkInFactor: Int = 1

    @Option(help: "The day the current cycle's 10th week holds, YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh).")
    var today: String?

    func validate() throws {
        guard (100...20_000).contains(people) else { throw ValidationError("--people must be 100 to 20000.") }
        guard (1...10).contains(checkInFactor) else { throw ValidationError("--check-in-factor must be 1 to 10.") }
        guard PasswordHasher.isAcceptable(password) else {
            throw ValidationError("--password must be 10 to 200 characters.")
        }
        if let today, Day(iso: today) == nil { throw ValidationError("--today must be a day, YYYY-MM-DD.") }
    }

    func run() async throws {
        let started = ContinuousClock.now
        let day = today.flatMap(Day.init(iso:)) ?? AppEnvironment().today(in: "Asia/Ho_Chi_Minh")
        let generator = OrganizationGenerator(
            shape: OrganizationShape(people: people), seed: seed, today: day, password: password,
            checkInFactor: checkInFactor, hasher: PasswordHasher())
        let db = try await database.open(logger: makeLogger())
        let summary: GenerationSummary
        do {
            summary = try await generator.run(into: db)
        } catch {
            try? await db.close()
            throw error
        }
        try await db.close()
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        for line in summary.lines(seconds: seconds) { say(line) }
    }
}
