import Foundation
import Logging
import NIOCore
import NIOPosix
import OKRCore
import SQLiteKit

#if canImport(Glibc)
    import Glibc
#endif

/// Consistent copies of an installation's data, taken while the server runs, and putting one back.
///
/// SQLite: `VACUUM INTO` on a connection of its own reads one snapshot (WAL lets the server keep committing
/// meanwhile) and writes it as a compact new file, which is checked (`PRAGMA integrity_check`) before it takes
/// its name; so a backup holds every check-in acknowledged before it started and never half a transaction.
/// PostgreSQL: `pg_dump` in its custom format, put back with `pg_restore`.
public enum Backup {
    /// A backup made: where, how big, and how long it took.
    public struct Made: Sendable {
        public let path: String
        public let bytes: Int64
        public let seconds: Double
    }

    /// Copies the data at `location` to the new file `destination` (refused when it exists).
    public static func make(of location: DatabaseLocation, to destination: String, logger: Logger) async throws
        -> Made
    {
        let started = ContinuousClock.now
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw BackupError(
                "\(destination) already exists; a backup never replaces a file",
                vi: "\(destination) đã có; bản sao lưu không bao giờ ghi đè một tệp")
        }
        switch location {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw BackupError("no database at \(path)", vi: "không có cơ sở dữ liệu ở \(path)")
            }
            try await copySQLite(from: path, to: destination, logger: logger)
        case .postgres(let url):
            try PostgresTools.run(
                "pg_dump", ["--format=custom", "--no-owner", "--file=\(destination)"], url: url)
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int64) ?? 0
        let elapsed = started.duration(to: .now)
        return Made(
            path: destination, bytes: bytes,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Puts the backup `source` back at `location`. The backup is checked first; an existing SQLite file (or a
    /// PostgreSQL database with tables) is replaced only with `force`, and never while a server has it open.
    public static func restore(
        _ source: String, to location: DatabaseLocation, force: Bool, logger: Logger
    ) async throws {
        guard FileManager.default.fileExists(atPath: source) else {
            throw BackupError("no backup at \(source)", vi: "không có bản sao lưu ở \(source)")
        }
        switch location {
        case .sqlite(let path):
            try await check(sqlite: source, logger: logger)
            try restoreSQLite(source, to: path, force: force)
        case .postgres(let url):
            var arguments = ["--no-owner", "--exit-on-error", "--single-transaction"]
            if force { arguments += ["--clean", "--if-exists"] }
            arguments += ["--dbname=\(PostgresTools.databaseName(url))", source]
            do {
                try PostgresTools.run("pg_restore", arguments, url: url)
            } catch let error as BackupError where !force {
                // One transaction: nothing was restored. The usual reason is a database already in use.
                throw BackupError(
                    error.description + " (nothing was restored; if the database is not empty, --force replaces "
                        + "what is there)",
                    vi: error.text(.vi) + " (chưa khôi phục gì; nếu cơ sở dữ liệu không trống, --force thay thế "
                        + "những gì đang có)")
            }
        }
    }

    /// Refuses `path` unless it is a whole Okra database: SQLite's integrity check passes and the schema's
    /// migrations table is there.
    public static func check(sqlite path: String, logger: Logger) async throws {
        do {
            try await checkSQLite(path, logger: logger)
        } catch let error as BackupError {
            throw error
        } catch {
            // SQLite refuses to read it at all ("database disk image is malformed", a truncated file).
            throw BackupError("\(path) is damaged: \(error)", vi: "\(path) bị hỏng: \(error)")
        }
    }

    private static func checkSQLite(_ path: String, logger: Logger) async throws {
        try await withConnection(path, logger: logger) { connection in
            let header = try? FileHandle(forReadingFrom: URL(fileURLWithPath: path)).read(upToCount: 16)
            guard header == Data("SQLite format 3\u{0}".utf8) else {
                throw BackupError("\(path) is not a SQLite database", vi: "\(path) không phải cơ sở dữ liệu SQLite")
            }
            let problems = try await connection.query("PRAGMA integrity_check").get()
                .compactMap { $0.column("integrity_check")?.string }
            guard problems == ["ok"] else {
                throw BackupError(
                    "\(path) is damaged: " + problems.prefix(5).joined(separator: "; "),
                    vi: "\(path) bị hỏng: " + problems.prefix(5).joined(separator: "; "))
            }
            let tables = try await connection.query(
                "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            ).get()
            guard tables.first?.column("n")?.integer == 1 else {
                throw BackupError(
                    "\(path) is not an Okra database (it has no schema_migrations table)",
                    vi: "\(path) không phải cơ sở dữ liệu Okra (không có bảng schema_migrations)")
            }
        }
    }

    /// Whether another connection (a running server, in this process or another) has the SQLite database at
    /// `path` open: each holds a shared lock on the "dead man switch" byte of its `-shm` file while open in WAL
    /// mode, which a test for an exclusive lock finds.
    public static func isOpen(sqlite path: String) -> Bool {
        let descriptor = open(path + "-shm", O_RDONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        // SQLite's unix VFS: the locks begin at byte 120 of the -shm file, 8 of them, then the switch.
        lock.l_start = 128
        lock.l_len = 1
        guard fcntl(descriptor, F_GETLK, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }

    // MARK: SQLite

    private static func copySQLite(from path: String, to destination: String, logger: Logger) async throws {
        // Written under another name and renamed once checked: a file with the backup's name is a whole backup.
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            try await withConnection(path, logger: logger) { connection in
                _ = try await connection.query("PRAGMA busy_timeout = 10000").get()
                _ = try await connection.query("VACUUM INTO ?", [.text(partial)]).get()
            }
            try await check(sqlite: partial, logger: logger)
            try FileManager.default.moveItem(atPath: partial, toPath: destination)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    private static func restoreSQLite(_ source: String, to path: String, force: Bool) throws {
        let files = FileManager.default
        if files.fileExists(atPath: path) {
            if isOpen(sqlite: path) {
                throw BackupError(
                    "\(path) is open (is the server running?); stop it before restoring over it",
                    vi: "\(path) đang mở (máy chủ đang chạy?); hãy dừng nó trước khi khôi phục đè lên")
            }
            guard force else {
                throw BackupError(
                    "\(path) exists; restoring replaces it, so say --force to do that",
                    vi: "\(path) đã có; khôi phục sẽ thay thế nó, hãy thêm --force để làm vậy")
            }
        }
        let staged = path + ".restoring"
        try? files.removeItem(atPath: staged)
        try files.copyItem(atPath: source, toPath: staged)
        try synchronize(staged)
        // The old file's write-ahead log belongs to it, not to the backup.
        for suffix in ["-wal", "-shm", "-journal"] { try? files.removeItem(atPath: path + suffix) }
        guard rename(staged, path) == 0 else {
            try? files.removeItem(atPath: staged)
            throw BackupError(
                "could not move the backup into place at \(path) (errno \(errno))",
                vi: "không đưa được bản sao lưu vào \(path) (errno \(errno))")
        }
        try synchronize(
            (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)
    }

    /// Flushes a file (or a folder's entries) to the disk.
    private static func synchronize(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw BackupError(
                "could not open \(path) to flush it (errno \(errno))",
                vi: "không mở được \(path) để ghi xuống đĩa (errno \(errno))")
        }
        defer { close(descriptor) }
        _ = fsync(descriptor)
    }

    private static func withConnection<R: Sendable>(
        _ path: String, logger: Logger, _ body: @Sendable (SQLiteConnection) async throws -> R
    ) async throws -> R {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: .singleton, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any()
        ).get()
        do {
            let result = try await body(connection)
            try await connection.close().get()
            return result
        } catch {
            try? await connection.close().get()
            throw error
        }
    }
}

/// Why a backup or a restore was refused or failed, in words for the operator.
public struct BackupError: Error, CustomStringConvertible, Sendable {
    /// The reason in both languages, for the command's `--lang`.
    public let reason: LocalizedText

    init(_ english: String, vi: String) { reason = LocalizedText(vi: vi, en: english) }

    public var description: String { reason.en }
    public func text(_ language: Language) -> String { reason.text(language) }
}

/// `pg_dump` and `pg_restore`, run with the connection's parts in libpq's environment variables (so the password
/// never shows in the process list).
enum PostgresTools {
    static func run(_ tool: String, _ arguments: [String], url: String) throws {
        guard let executable = find(tool) else {
            throw BackupError(
                "\(tool) is not installed (Debian: apt-get install postgresql-client); it makes PostgreSQL backups",
                vi: "chưa cài \(tool) (Debian: apt-get install postgresql-client); cần nó để sao lưu PostgreSQL")
        }
        guard let parts = URLComponents(string: url), let host = parts.host else {
            throw BackupError("not a PostgreSQL URL", vi: "không phải địa chỉ PostgreSQL")
        }
        var environment = ProcessInfo.processInfo.environment
        environment["PGHOST"] = host
        environment["PGPORT"] = String(parts.port ?? 5432)
        if let user = parts.user { environment["PGUSER"] = user }
        if let password = parts.password { environment["PGPASSWORD"] = password }
        environment["PGDATABASE"] = databaseName(url)
        if let mode = parts.queryItems?.first(where: { $0.name == "sslmode" })?.value {
            environment["PGSSLMODE"] = mode
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw BackupError(
                "\(tool) failed (exit \(process.terminationStatus)): \(text)",
                vi: "\(tool) thất bại (mã \(process.terminationStatus)): \(text)")
        }
    }

    static func databaseName(_ url: String) -> String {
        let path = URLComponents(string: url)?.path ?? ""
        return path.hasPrefix("/") ? String(path.dropFirst()) : path
    }

    private static func find(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        var folders = path.split(separator: ":").map(String.init)
        // Debian keeps the versioned tools here; the newest one reads dumps of every older server.
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        folders += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        return folders.map { $0 + "/" + tool }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
