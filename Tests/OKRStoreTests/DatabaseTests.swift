import Foundation
import OKRCore
import OKRStore
import Testing

/// Migrations, durability and the SQLite settings that make commits safe.
@Suite("Database")
struct DatabaseTests {
    @Test(
        "migrating twice applies each migration once and changes nothing the second time",
        arguments: TestBackend.available)
    func migrationsAreIdempotent(_ backend: TestBackend) async throws {
        try await backend.withDatabase(migrated: false) { database, store in
            try await database.migrate()
            try await Fixtures.organization(in: store)
            let before = database.queryCount
            try await database.migrate()
            #expect(database.queryCount - before == 2, "create-if-missing of schema_migrations, then read it")
            let rows = try await database.sql.raw("SELECT version, name FROM schema_migrations ORDER BY version").all()
            #expect(try rows.map { try $0.decode(column: "version", as: Int.self) } == Array(1...14))
            #expect(try await store.people().count == 3)
        }
    }

    @Test("what was written survives closing and reopening the database", arguments: TestBackend.available)
    func durability(_ backend: TestBackend) async throws {
        try await backend.withLocation { location in
            try await OKRDatabase.using(location) { first in
                try await first.migrate()
                let store = OKRStore(first)
                try await CheckInTests.prepare(store)
                _ = try await store.recordCheckIn(
                    Fixtures.checkIn("c1", "email", value: 130, day: "2026-10-16", at: 10), actor: Fixtures.lan)
            }
            try await OKRDatabase.using(location) { second in
                try await second.migrate()
                let reopened = OKRStore(second)
                let kr = try await reopened.keyResult(id: "email")
                #expect(kr?.value.current == 130)
                #expect(try await reopened.checkIns(keyResult: "email").map(\.id) == ["c1"])
                #expect(try await reopened.people().count == 3)
            }
        }
    }

    @Test("SQLite runs in WAL mode with foreign keys on and full synchronous commits")
    func sqliteSettings() async throws {
        try await TestBackend.sqlite.withDatabase { database, _ in
            #expect(database.backend == .sqlite)
            let journal = try await Self.pragma(database, "journal_mode")
            let foreignKeys = try await Self.pragma(database, "foreign_keys")
            let synchronous = try await Self.pragma(database, "synchronous")
            let busyTimeout = try await Self.pragma(database, "busy_timeout")
            #expect(journal == "wal")
            #expect(foreignKeys == "1")
            #expect(synchronous == "2", "2 is FULL")
            #expect(busyTimeout == "5000")
        }
    }

    @Test("two connections on one SQLite file (the CLI next to the server) both write without losing anything")
    func twoWritersOnOneFile() async throws {
        try await TestBackend.sqlite.withLocation { location in
            try await OKRDatabase.using(location) { server in
                try await OKRDatabase.using(location) { cli in
                    try await server.migrate()
                    try await cli.migrate()
                    try await Fixtures.organization(in: OKRStore(server))
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for (name, database) in [("s", server), ("c", cli)] {
                            group.addTask {
                                let store = OKRStore(database)
                                for index in 0..<15 {
                                    _ = try await store.createObjective(
                                        Fixtures.objective(
                                            ObjectiveID("\(name)\(index)"), "Mục tiêu \(name)\(index)"),
                                        actor: nil)
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                    let objectives = try await OKRStore(cli).objectives(
                        cycle: Fixtures.q4, owner: nil, state: nil, matching: nil)
                    #expect(objectives.count == 30)
                }
            }
        }
    }

    @Test("a write waits while another process holds SQLite's write lock for longer than busy_timeout")
    func writeOutlastsALongLock() async throws {
        try await TestBackend.sqlite.withLocation { location in
            try await OKRDatabase.using(location) { server in
                try await OKRDatabase.using(location) { cli in
                    try await server.migrate()
                    try await Fixtures.organization(in: OKRStore(server))
                    let locked = AsyncStream<Void>.makeStream()
                    async let holder: Void = cli.sql.withSession { session in
                        try await session.raw("BEGIN IMMEDIATE").run()
                        locked.continuation.yield()
                        // Longer than the 5 s busy_timeout, which alone would give up.
                        try await Task.sleep(for: .seconds(6))
                        try await session.raw("COMMIT").run()
                    }
                    for await _ in locked.stream { break }
                    _ = try await OKRStore(server).createObjective(
                        Fixtures.objective(ObjectiveID("waited"), "Mục tiêu chờ khoá"), actor: nil)
                    try await holder
                    let objective = try await OKRStore(cli).objective(id: "waited")
                    #expect(objective?.value.title.vi == "Mục tiêu chờ khoá")
                }
            }
        }
    }

    /// The value of an SQLite pragma, as text.
    static func pragma(_ database: OKRDatabase, _ name: String) async throws -> String {
        let row = try #require(try await database.sql.raw("PRAGMA \(unsafeRaw: name)").all().first)
        let column = try #require(row.allColumns.first)
        if let text = try? row.decode(column: column, as: String.self) { return text }
        return String(try row.decode(column: column, as: Int.self))
    }

    @Test("a malformed PostgreSQL URL is refused with a readable reason")
    func badURL() async throws {
        await #expect(throws: DatabaseLocationError.self) {
            try await OKRDatabase.open(.postgres(url: "not a url"), logger: TestBackend.logger)
        }
        #expect(
            DatabaseLocation.postgres(url: "postgres://okr:secret@db:5432/okra").description
                == "postgres://…@db:5432/okra")
    }

    @Test("new ids are 16 URL-safe characters and do not repeat")
    func newIDs() {
        let ids = (0..<1000).map { _ in NewID.make() }
        #expect(Set(ids).count == ids.count)
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        #expect(ids.allSatisfy { $0.count == 16 && $0.allSatisfy(allowed.contains) })
    }
}
