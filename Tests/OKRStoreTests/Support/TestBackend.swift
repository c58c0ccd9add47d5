import Foundation
import Logging
import OKRStore
import Testing

/// The databases the store tests run on: a temporary SQLite file always, PostgreSQL when
/// `OKRA_TEST_POSTGRES_URL` names a server the tests may create databases on.
enum TestBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static let postgresURL = ProcessInfo.processInfo.environment["OKRA_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    static let available: [TestBackend] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]

    var testDescription: String { rawValue }

    static let logger: Logger = {
        var logger = Logger(label: "okra.store.tests")
        logger.logLevel = .warning
        return logger
    }()

    /// Runs `body` against a fresh, migrated database of this kind, removed afterwards: a temp file for SQLite,
    /// a database of its own on the PostgreSQL server (tests run in parallel).
    func withDatabase(
        migrated: Bool = true, _ body: (OKRDatabase, OKRStore) async throws -> Void
    ) async throws {
        try await withLocation { location in
            let database = try await OKRDatabase.open(location, logger: Self.logger)
            do {
                if migrated { try await database.migrate() }
                try await body(database, OKRStore(database))
            } catch {
                try? await database.close()
                throw error
            }
            try await database.close()
        }
    }

    /// Runs `body` with the location of a fresh, empty database, removed afterwards; `body` opens and closes it.
    func withLocation(_ body: (DatabaseLocation) async throws -> Void) async throws {
        let place = try await TestPlace.make(self)
        do {
            try await body(place.location)
        } catch {
            try? await place.remove()
            throw error
        }
        try await place.remove()
    }
}

/// Where one test's database lives, and how to remove it.
struct TestPlace: Sendable {
    let location: DatabaseLocation
    let remove: @Sendable () async throws -> Void

    static func make(_ backend: TestBackend) async throws -> TestPlace {
        switch backend {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("okra-store-test-\(UUID().uuidString).db").path
            return TestPlace(location: .sqlite(path: path)) {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        case .postgres:
            guard let base = TestBackend.postgresURL, var components = URLComponents(string: base) else {
                throw DatabaseLocationError(reason: "OKRA_TEST_POSTGRES_URL is not set")
            }
            let name = "okra_test_\(UUID().uuidString.prefix(8).lowercased())"
            let admin = try await OKRDatabase.open(.postgres(url: base), logger: TestBackend.logger)
            do {
                try await admin.sql.raw("CREATE DATABASE \(ident: name)").run()
            } catch {
                try? await admin.close()
                throw error
            }
            components.path = "/" + name
            guard let url = components.string else { throw DatabaseLocationError(reason: "cannot build a URL") }
            return TestPlace(location: .postgres(url: url)) {
                // FORCE: a connection the closed pool has not finished closing must not keep the database alive.
                // Removing a throwaway database is cleanup, never the test's result: an autovacuum worker that
                // the test's role may not end is waited for a little, then the database is left behind.
                for attempt in 1...5 {
                    do {
                        try await admin.sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
                        break
                    } catch {
                        try? await Task.sleep(for: .milliseconds(200 * attempt))
                    }
                }
                try await admin.close()
            }
        }
    }
}

extension OKRDatabase {
    /// Opens a database, runs `body` with it and closes it whether `body` succeeds or throws (a connection left
    /// open fails an assertion in debug builds).
    static func using<R>(
        _ location: DatabaseLocation, _ body: (OKRDatabase) async throws -> R
    ) async throws -> R {
        let database = try await OKRDatabase.open(location, logger: TestBackend.logger)
        let result: R
        do {
            result = try await body(database)
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
        return result
    }
}
