import Foundation
import Logging
import OKRCore
import OKRServer
import OKRStore
import Testing

/// `okra backup` and `okra restore` on the real binary, next to a running server taking check-ins, and the
/// server's own scheduled backups.
@Suite("Backups while the server runs, and restoring them", .serialized)
struct BackupCommandTests {
    static func logger() -> Logger {
        var logger = Logger(label: "okra.tests.backup")
        logger.logLevel = .warning
        return logger
    }

    @Test("A backup taken under check-in load is whole and holds every check-in acknowledged before it started")
    func backupUnderLoad() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("okra.db").path
        let backup = folder.appendingPathComponent("backup.db").path
        let restored = folder.appendingPathComponent("restored.db").path
        let server = try Binary.start(["demo", "--port", "0", "--db", db])
        defer { server.stop() }
        let url = try #require(try await server.waitForURL(), "the demo printed no URL: \(server.output)")
        let token = try Binary.run(["token", "create", "--db", db, "--email", "nam@okra.demo"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let keyResults = ["kr-nam-ctr", "kr-mkt-email"]
        let burst = CheckInBurst()
        let clients = Task {
            await burst.run(url: url, token: token, keyResults: keyResults, clients: 16, steps: 5_000)
        }
        for _ in 0..<2_400 where burst.acknowledged.count < 100 { try await Task.sleep(for: .milliseconds(50)) }
        let before = Set(burst.acknowledged)
        let made = try Binary.run(["backup", "--lang", "en", "--db", db, "--to", backup])
        // The 16 clients never pause, so the backup ran with check-ins in flight; they go on being answered after
        // it (on a busy machine none may complete within the backup's own second, so that is not asked).
        let atEnd = burst.acknowledged.count
        for _ in 0..<2_400 where burst.acknowledged.count <= atEnd { try await Task.sleep(for: .milliseconds(50)) }
        let answeredAfter = burst.acknowledged.count > atEnd
        #expect(made.status == 0, "okra backup failed: \(made.stderr)")
        #expect(made.stdout.contains("Backed up sqlite:\(db) to \(backup)"))

        // While the server has the file open, nothing is restored over it, forced or not.
        let live = try Binary.run(["restore", "--lang", "en", "--from", backup, "--db", db, "--force"])
        #expect(live.status == 1)
        #expect(live.stderr.contains("is open (is the server running?)"))
        // A backup never replaces a file.
        let again = try Binary.run(["backup", "--lang", "en", "--db", db, "--to", backup])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))

        burst.stop()
        await clients.value
        server.stop()
        #expect(before.count >= 100, "only \(before.count) check-ins were acknowledged before the backup")
        #expect(answeredAfter, "the check-in clients were no longer answered after the backup")

        let put = try Binary.run(["restore", "--lang", "en", "--from", backup, "--db", restored])
        #expect(put.status == 0, "okra restore failed: \(put.stderr)")
        try await Backup.check(sqlite: restored, logger: Self.logger())
        let stored = try await CheckInBurst.stored(in: restored, keyResults: keyResults)
        let lost = before.subtracting(stored)
        #expect(lost.isEmpty, "\(lost.count) check-ins acknowledged before the backup are not in it")

        // The stopped server's file: replaced only when asked to, and then it holds the backup.
        let refused = try Binary.run(["restore", "--lang", "en", "--from", backup, "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("exists; restoring replaces it, so say --force"))
        let vietnamese = try Binary.run(["restore", "--lang", "vi", "--from", backup, "--db", db])
        #expect(vietnamese.stderr.contains("đã có; khôi phục sẽ thay thế nó, hãy thêm --force"))
        let forced = try Binary.run(["restore", "--lang", "en", "--from", backup, "--db", db, "--force"])
        #expect(forced.status == 0, "okra restore --force failed: \(forced.stderr)")
        #expect(try await CheckInBurst.stored(in: db, keyResults: keyResults) == stored)
    }

    @Test("A file that is not a whole Okra database is refused and the target is left as it was")
    func refusesDamagedBackups() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("okra.db").path
        let backup = folder.appendingPathComponent("backup.db").path
        #expect(try Binary.run(["migrate", "--db", db]).status == 0)
        #expect(try Binary.run(["backup", "--lang", "en", "--db", db, "--to", backup]).status == 0)
        let original = try Data(contentsOf: URL(fileURLWithPath: db))

        let text = folder.appendingPathComponent("notes.txt").path
        try Data("Kế hoạch quý 1".utf8).write(to: URL(fileURLWithPath: text))
        let notDatabase = try Binary.run(["restore", "--lang", "en", "--from", text, "--db", db, "--force"])
        #expect(notDatabase.status == 1)
        #expect(notDatabase.stderr.contains("is not a SQLite database"))

        let truncated = folder.appendingPathComponent("truncated.db").path
        let whole = try Data(contentsOf: URL(fileURLWithPath: backup))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: truncated))
        let damaged = try Binary.run(["restore", "--lang", "en", "--from", truncated, "--db", db, "--force"])
        #expect(damaged.status == 1)
        #expect(damaged.stderr.contains("okra restore: "))

        let other = folder.appendingPathComponent("other.db").path
        let database = try await OKRDatabase.open(.sqlite(path: other), logger: Self.logger())
        _ = try await database.sql.raw("CREATE TABLE notes (body TEXT)").run()
        try await database.close()
        let foreign = try Binary.run(["restore", "--lang", "en", "--from", other, "--db", db, "--force"])
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("is not an Okra database"))

        let missing = try Binary.run([
            "restore", "--lang", "en", "--from", folder.appendingPathComponent("none.db").path, "--db", db,
        ])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no backup at"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == original)
    }

    @Test("okra serve --backup-dir takes whole backups on its schedule and keeps only the newest")
    func scheduledBackups() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("okra.db").path
        let backups = folder.appendingPathComponent("backups")
        #expect(try Binary.run(["migrate", "--db", db]).status == 0)
        let server = try Binary.start([
            "serve", "--port", "0", "--db", db, "--backup-dir", backups.path, "--backup-every", "1s",
            "--backup-keep", "2",
        ])
        defer { server.stop() }
        _ = try #require(try await server.waitForURL(), "serve printed no URL: \(server.output)")
        func taken() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: backups.path)) ?? [])
                .filter { $0.hasPrefix("okra-") && $0.hasSuffix(".db") }.sorted()
        }
        var seen = Set<String>()
        for _ in 0..<1_200 where seen.count < 4 {
            seen.formUnion(taken())
            try await Task.sleep(for: .milliseconds(100))
        }
        server.stop()
        #expect(seen.count >= 4, "only \(seen.count) backups were taken: \(server.output)")
        let kept = taken()
        // A backup may still be taken while a loaded machine shuts the server down: it counts among those seen.
        seen.formUnion(kept)
        #expect(kept.count == 2)
        #expect(kept == Array(seen.sorted().suffix(2)))
        for name in kept {
            try await Backup.check(sqlite: backups.appendingPathComponent(name).path, logger: Self.logger())
        }

        let wrong = try Binary.run(["serve", "--db", db, "--backup-dir", backups.path, "--backup-every", "soon"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--backup-every soon is not a duration"))
    }

    static let postgresURL = ProcessInfo.processInfo.environment["OKRA_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// Runs `body` with the URLs of `count` new, empty PostgreSQL databases on the test server, dropped after.
    static func withPostgresDatabases(_ count: Int, _ body: ([String]) async throws -> Void) async throws {
        let base = try #require(postgresURL)
        let names = (0..<count).map { _ in "okra_backup_\(UUID().uuidString.prefix(8).lowercased())" }
        let admin = try await OKRDatabase.open(.postgres(url: base), logger: logger())
        func drop() async {
            // Cleanup of throwaway databases, never the test's result.
            for name in names { try? await admin.sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run() }
        }
        do {
            var urls: [String] = []
            for name in names {
                try await admin.sql.raw("CREATE DATABASE \(ident: name)").run()
                var components = try #require(URLComponents(string: base))
                components.path = "/" + name
                urls.append(try #require(components.string))
            }
            try await body(urls)
        } catch {
            await drop()
            try? await admin.close()
            throw error
        }
        await drop()
        try await admin.close()
    }

    @Test(
        "On PostgreSQL, okra backup runs pg_dump and okra restore pg_restore; a database with tables needs --force",
        .enabled(if: BackupCommandTests.postgresURL != nil))
    func postgres() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dump = folder.appendingPathComponent("okra.pgdump").path
        try await Self.withPostgresDatabases(2) { urls in
            let source = urls[0]
            let target = urls[1]
            #expect(try Binary.run(["migrate", "--database-url", source]).status == 0)
            let added = try Binary.run(
                [
                    "user", "add", "--database-url", source, "--email", "linh@acme.example", "--name", "Trần Thùy Linh",
                    "--role", "admin",
                ], stdin: "mật-khẩu-dài-đủ-2026\n")
            #expect(added.status == 0, "okra user add failed: \(added.stderr)")

            let made = try Binary.run(["backup", "--lang", "en", "--database-url", source, "--to", dump])
            #expect(made.status == 0, "okra backup failed: \(made.stderr)")
            if let secret = URLComponents(string: source)?.password, !secret.isEmpty {
                #expect(!made.stdout.contains(secret) && !made.stderr.contains(secret))
            }
            let put = try Binary.run(["restore", "--lang", "en", "--database-url", target, "--from", dump])
            #expect(put.status == 0, "okra restore failed: \(put.stderr)")
            let restored = try await OKRDatabase.open(.postgres(url: target), logger: Self.logger())
            let person = try await OKRStore(restored).person(email: "linh@acme.example")
            try await restored.close()
            #expect(person?.person.name == "Trần Thùy Linh")

            let refused = try Binary.run(["restore", "--lang", "en", "--database-url", source, "--from", dump])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("pg_restore failed"))
            #expect(refused.stderr.contains("--force replaces what is there"))
            let forced = try Binary.run([
                "restore", "--lang", "en", "--database-url", source, "--from", dump, "--force",
            ])
            #expect(forced.status == 0, "okra restore --force failed: \(forced.stderr)")
        }
    }

    @Test(
        "okra copy moves the demo to PostgreSQL, sessions included: okra serve there shows the same company page",
        .enabled(if: BackupCommandTests.postgresURL != nil))
    func copyToPostgres() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("demo.db").path
        try await Self.withPostgresDatabases(1) { urls in
            let target = urls[0]
            let demo = try Binary.start(["demo", "--port", "0", "--db", db])
            let url = try #require(try await demo.waitForURL(), "the demo printed no URL: \(demo.output)")
            let browser = Browser()
            let csrf = try #require(try await browser.get(url.appendingPathComponent("sign-in")).cookies["okra_csrf"])
            let signIn = try await browser.post(
                url.appendingPathComponent("sign-in"),
                form: "email=ha%40okra.demo&password=okra-demo-2026&csrf=\(csrf)&next=%2F", cookies: ["okra_csrf": csrf]
            )
            let cookies = [
                "okra_session": try #require(signIn.cookies["okra_session"]),
                "okra_csrf": try #require(signIn.cookies["okra_csrf"]),
            ]
            let onSQLite = try await browser.get(url.appendingPathComponent("company"), cookies: cookies)
            #expect(onSQLite.status == 200)
            demo.stop()

            let copied = try Binary.run(["copy", "--lang", "en", "--from", db, "--to", target])
            #expect(copied.status == 0, "okra copy failed: \(copied.stderr)")
            #expect(copied.stdout.contains("every count and checksum the same on both sides"))
            #expect(copied.stdout.contains("check_ins: "))

            let served = try Binary.start(["serve", "--port", "0", "--database-url", target])
            defer { served.stop() }
            let moved = try #require(try await served.waitForURL(), "serve printed no URL: \(served.output)")
            let onPostgres = try await browser.get(moved.appendingPathComponent("company"), cookies: cookies)
            #expect(onPostgres.status == 200, "the session did not move")
            #expect(onPostgres.body == onSQLite.body)
            #expect(
                onPostgres.body.contains(
                    "Improve advertising channels to generate more Marketing Qualified Leads (MQL)"))
            served.stop()

            let again = try Binary.run(["copy", "--lang", "en", "--from", db, "--to", target])
            #expect(again.status == 1)
            #expect(again.stderr.contains("the target already holds data"))
            let notPostgres = try Binary.run([
                "copy", "--lang", "en", "--from", db, "--to", folder.appendingPathComponent("x.db").path,
            ])
            #expect(notPostgres.status == 64)
        }
    }

    @Test(
        "okra copy puts a team moved under a newer team after its new parent",
        .enabled(if: BackupCommandTests.postgresURL != nil))
    func copyOrdersMovedTeams() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("teams.db").path
        let source = try await OKRDatabase.open(.sqlite(path: db), logger: Self.logger())
        do {
            try await source.migrate()
            let store = OKRStore(source)
            try await store.createTeam(Team(id: "acme", name: LocalizedName(vi: "Acme")), actor: nil)
            try await store.createTeam(
                Team(id: "kinh-doanh", name: LocalizedName(vi: "Kinh doanh"), parentID: "acme"), actor: nil)
            try await store.createTeam(
                Team(id: "mien-bac", name: LocalizedName(vi: "Miền Bắc"), parentID: "acme"), actor: nil)
            let moved = try #require(try await store.team(id: "kinh-doanh"))
            var team = moved.value
            team.parentID = "mien-bac"
            _ = try await store.updateTeam(team, expectedVersion: moved.version, actor: nil)
            try await source.close()
        } catch {
            try? await source.close()
            throw error
        }
        try await Self.withPostgresDatabases(1) { urls in
            let target = urls[0]
            let tables = try await InstallationCopy.sqliteToPostgres(from: db, to: target, logger: Self.logger())
            #expect(tables.first { $0.name == "teams" }?.rows == 3)
            let copied = try await OKRDatabase.open(.postgres(url: target), logger: Self.logger())
            let parent = try await OKRStore(copied).team(id: "kinh-doanh")?.value.parentID
            try await copied.close()
            #expect(parent == "mien-bac")
        }
    }

    @Test("--backup-every reads 90s, 30m, 24h and 7d; zero, negatives and words are refused")
    func intervals() {
        #expect(BackupSchedule.interval("90s") == .seconds(90))
        #expect(BackupSchedule.interval("30m") == .seconds(1_800))
        #expect(BackupSchedule.interval("24h") == .seconds(86_400))
        #expect(BackupSchedule.interval("7D") == .seconds(604_800))
        #expect(BackupSchedule.interval("45") == .seconds(45))
        for wrong in ["", "0h", "-1h", "h", "1.5h", "soon", "1w", "9999999d"] {
            #expect(BackupSchedule.interval(wrong) == nil, "\(wrong) was read as a duration")
        }
    }
}
