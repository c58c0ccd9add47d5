import Foundation
import Logging
import OKRCore
import OKRServer
import OKRStore
import SQLKit
import Testing

@testable import okra

/// `okra generate` on a small organization (`--people 120`): the same seed gives the same organization, it all
/// loads back through the store, every KR stands where its history leaves it, the people it prints can sign in,
/// and a database that already holds people is refused. On PostgreSQL too when `OKRA_TEST_POSTGRES_URL` is set.
@Suite("okra generate: a realistic organization, the same for the same seed")
struct GenerateCommandTests {
    static let today = Day(iso: "2026-03-11")!
    static let password = "okra-bench-2026"

    static let logger: Logger = {
        var logger = Logger(label: "okra.generate.tests")
        logger.logLevel = .warning
        return logger
    }()

    static let postgresURL = ProcessInfo.processInfo.environment["OKRA_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    static func generator(seed: UInt64 = 7, people: Int = 120) -> OrganizationGenerator {
        // A cheap bcrypt cost keeps the tests fast; the hash is checked the same way.
        OrganizationGenerator(
            shape: OrganizationShape(people: people), seed: seed, today: today, password: password, checkInFactor: 1,
            hasher: PasswordHasher(cost: 4))
    }

    /// Generates into a fresh SQLite file, runs `body` on the open store, and removes the file.
    static func withGenerated<R>(
        seed: UInt64 = 7, _ body: (OKRStore, GenerationSummary) async throws -> R
    ) async throws -> R {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("okra-gen-\(UUID().uuidString).db")
            .path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        return try await withDatabase(.sqlite(path: path)) { database in
            let summary = try await generator(seed: seed).run(into: database)
            return try await body(OKRStore(database), summary)
        }
    }

    static func withDatabase<R>(_ location: DatabaseLocation, _ body: (OKRDatabase) async throws -> R) async throws
        -> R
    {
        let database = try await OKRDatabase.open(location, logger: logger)
        let result: R
        do {
            try await database.migrate()
            result = try await body(database)
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
        return result
    }

    /// Every id of the main tables, in order: two generations with one seed must hold the same.
    static func ids(_ database: OKRDatabase) async throws -> [String] {
        var ids: [String] = []
        for table in ["teams", "people", "cycles", "objectives", "key_results", "initiatives", "check_ins", "comments"]
        {
            let rows = try await database.sql.raw("SELECT id FROM \(ident: table) ORDER BY id").all()
            ids += try rows.map { try $0.decode(column: "id", as: String.self) }
        }
        return ids
    }

    @Test("The same seed generates the same counts and ids; another seed another organization")
    func deterministic() async throws {
        let first = try await Self.withGenerated { store, summary in (summary, try await Self.ids(store.database)) }
        let again = try await Self.withGenerated { store, summary in (summary, try await Self.ids(store.database)) }
        #expect(first.0 == again.0)
        #expect(first.1 == again.1)
        let other = try await Self.withGenerated(seed: 8) { _, summary in summary }
        #expect(other.lead != first.0.lead || other.checkIns != first.0.checkIns)
    }

    @Test("Everything loads through the store; every KR stands where its effective history leaves it")
    func loadsBack() async throws {
        try await Self.withGenerated { store, summary in
            try await Self.checkLoads(store, summary)
        }
    }

    @Test("The printed lead and member sign in with the password; the KR printed is the member's")
    func signIn() async throws {
        try await Self.withGenerated { store, summary in
            let hasher = PasswordHasher()
            let lead = try #require(try await store.person(email: summary.lead))
            #expect(lead.person.role == .lead)
            #expect(try await hasher.verify(Self.password, against: try #require(lead.passwordHash)))
            let member = try #require(try await store.person(email: summary.member))
            #expect(member.person.role == .member)
            #expect(try await hasher.verify(Self.password, against: try #require(member.passwordHash)))
            #expect(!(try await hasher.verify("wrong-password", against: try #require(member.passwordHash))))

            let teams = try await store.teams()
            let team = try #require(teams.first { $0.id.rawValue == summary.team })
            #expect(team.leadIDs == [lead.person.id])
            #expect(member.person.teamIDs == [team.id])
            #expect(!teams.contains { $0.parentID == team.id }, "the lead's team is of the lowest level")

            let keyResult = try #require(try await store.keyResult(id: KeyResultID(summary.keyResult))).value
            #expect(keyResult.owner == .person(member.person.id))
            let objective = try #require(try await store.objective(id: ObjectiveID(summary.objective))).value
            #expect(objective.state == .published)
            #expect(try await store.keyResults(objective: objective.id).count >= 3)
            let admin = try #require(try await store.person(email: summary.admin))
            #expect(admin.person.role == .admin)
        }
    }

    @Test("A database that already holds people is refused, and nothing is added")
    func refusesNonEmpty() async throws {
        try await Self.withGenerated { store, summary in
            await #expect(throws: OrganizationGenerator.Failure.self) {
                _ = try await Self.generator(seed: 9).run(into: store.database)
            }
            let people = try await store.people()
            #expect(people.count == summary.people)
        }
    }

    @Test("The real binary prints every line the bench script reads, and refuses a second run")
    func binary() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("gen.db").path
        let arguments = ["generate", "--db", db, "--people", "100", "--seed", "3", "--today", "2026-03-11"]
        let result = try Binary.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        var values: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            values[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(
                in: .whitespaces)
        }
        for key in [
            "generated", "people", "teams", "cycles", "objectives", "key results", "initiatives", "check-ins",
            "weekly updates", "comments", "asks", "kpis", "admin", "lead", "member", "team", "objective", "key result",
            "password",
        ] {
            #expect(!(values[key] ?? "").isEmpty, "\(key) missing in \(result.stdout)")
        }
        #expect(values["generated"]?.hasPrefix("Acme-100 (seed 3, 100 people) in ") == true)
        #expect(values["people"] == "100")
        #expect(values["cycles"] == "5")
        #expect(values["password"] == Self.password)

        let again = try Binary.run(arguments)
        #expect(again.status != 0)
        #expect(again.stderr.contains("already holds people"), "\(again.stderr)")
    }

    @Test(
        "On PostgreSQL: generated and loaded back the same way",
        .enabled(if: GenerateCommandTests.postgresURL != nil))
    func postgres() async throws {
        let base = try #require(Self.postgresURL)
        var components = try #require(URLComponents(string: base))
        let name = "okra_gen_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try await OKRDatabase.open(.postgres(url: base), logger: Self.logger)
        do {
            try await admin.sql.raw("CREATE DATABASE \(ident: name)").run()
            components.path = "/" + name
            let url = try #require(components.string)
            try await Self.withDatabase(.postgres(url: url)) { database in
                let summary = try await Self.generator().run(into: database)
                try await Self.checkLoads(OKRStore(database), summary)
                let onSQLite = try await Self.withGenerated { _, summary in summary }
                #expect(summary == onSQLite)
            }
            // Cleanup of a throwaway database, never the test's result.
            try? await admin.sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
        } catch {
            try? await admin.sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
            try? await admin.close()
            throw error
        }
        try await admin.close()
    }

    /// Reads the whole organization back through the store and checks it against the summary.
    static func checkLoads(_ store: OKRStore, _ summary: GenerationSummary) async throws {
        let people = try await store.people()
        #expect(people.count == summary.people)
        #expect(Set(people.map(\.email)).count == people.count)
        #expect(people.allSatisfy { $0.teamIDs.count == 1 })
        let teams = try await store.teams()
        #expect(teams.count == summary.teams)
        let tree = try TeamTree(teams)
        #expect(teams.map { tree.ancestry(of: $0.id).count }.max() == 4)
        #expect(try await store.kpis().count == summary.kpis)
        #expect(try await store.asks(team: nil).count == summary.asks)

        let cycles = try await store.cycles()
        #expect(cycles.count == 5)
        #expect(cycles.map(\.value.state) == [.closed, .closed, .closed, .closed, .active])
        let current = try #require(cycles.last?.value)
        #expect(current.start == today.startOfWeek(.monday).adding(days: -63))

        var objectives = 0
        var keyResults = 0
        var checkIns = 0
        var initiatives = Set<InitiativeID>()
        for cycle in cycles {
            let board = try await store.board(cycle: cycle.value.id)
            objectives += board.objectives.count
            let all = board.keyResults.values.flatMap(\.self)
            keyResults += all.count
            checkIns += try await Self.storedCheckIns(store, cycle: cycle.value.id)
            for list in board.initiatives.values { initiatives.formUnion(list.map(\.value.id)) }
            for keyResult in all {
                let history = board.checkIns[keyResult.value.id] ?? []
                let settled = try keyResult.value.following(CheckIn.effective(history))
                #expect(settled == keyResult.value, "\(keyResult.value.id) does not stand where its history leaves it")
            }
            let counts = Dictionary(grouping: board.objectives, by: { $0.value.owner?.description ?? "" })
            #expect(counts.values.allSatisfy { $0.count <= 5 }, "no owner over the organization's limit")
            if cycle.value.state == .active { Self.checkQuality(board) }
            if cycle.value.state == .closed {
                let grades = try await store.grades(cycle: cycle.value.id)
                #expect(grades.count == all.count, "every KR of a closed cycle is graded")
            }
        }
        #expect(objectives == summary.objectives)
        #expect(keyResults == summary.keyResults)
        #expect(checkIns == summary.checkIns)
        #expect(initiatives.count <= summary.initiatives)
        #expect(summary.weeklyUpdates > 0 && summary.comments > 0 && summary.asks > 0)
        var updates = 0
        for back in 0..<6 {
            updates += try await store.weeklyUpdates(
                week: today.startOfWeek(.monday).adding(days: -7 * back), people: nil
            ).count
        }
        #expect(updates == summary.weeklyUpdates)
        #expect(try await store.settings()?.timeZone == "Asia/Ho_Chi_Minh")
        let kpi = try #require(try await store.kpis().first)
        #expect(try await store.kpiValues(kpi: kpi.id).count == 26)
        let board = try await store.board(cycle: current.id)
        let subjects =
            board.objectives.map { Comment.Subject.objective($0.value.id) }
            + board.allKeyResults.map { Comment.Subject.keyResult($0.value.id) }
        let comments = try await store.comments(subjects: subjects)
        #expect(comments.count == summary.comments)
        #expect(comments.contains { $0.isQuestion } && comments.contains { $0.answers != nil })
    }

    /// The writing passes the quality checks: outcomes with numbers, 2 to 5 KRs, never a task; most published
    /// objectives have no error at all (the few left are KRs without an initiative, on purpose).
    static func checkQuality(_ board: Board) {
        let never: Set<QualityCode> = [
            .keyResultIsActivity, .objectiveReadsAsTask, .keyResultNotMeasurable, .tooFewKeyResults,
            .tooManyKeyResults, .objectiveWithoutOwner, .objectiveTitleTooLong,
        ]
        var published = 0
        var clean = 0
        for objective in board.objectives where objective.value.state == .published {
            published += 1
            let keyResults = (board.keyResults[objective.value.id] ?? []).map(\.value)
            let initiatives = keyResults.flatMap { board.initiatives[$0.id] ?? [] }.map(\.value)
            let findings = QualityCheck.findings(
                for: QualityDraft(objective.value, keyResults: keyResults, initiatives: initiatives))
            #expect(!findings.contains { never.contains($0.code) }, "\(objective.value.id): \(findings.map(\.code))")
            if !findings.contains(where: { $0.severity == .error }) { clean += 1 }
        }
        #expect(published > 0 && clean * 4 >= published * 3, "\(clean) of \(published) without an error")
    }

    /// Every check-in of a cycle, superseded ones included.
    static func storedCheckIns(_ store: OKRStore, cycle: CycleID) async throws -> Int {
        let rows = try await store.database.sql.raw(
            """
            SELECT COUNT(*) AS n FROM check_ins ci JOIN key_results k ON k.id = ci.key_result_id
            JOIN objectives o ON o.id = k.objective_id WHERE o.cycle_id = \(bind: cycle.rawValue)
            """
        ).all()
        return try rows.first?.decode(column: "n", as: Int.self) ?? 0
    }
}
