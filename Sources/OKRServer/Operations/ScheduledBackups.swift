import Foundation
import Logging
import OKRStore
import ServiceLifecycle

/// When the server takes backups by itself (`okra serve --backup-dir DIR --backup-every 24h --backup-keep 14`).
public struct BackupSchedule: Sendable, Equatable {
    public var folder: String
    public var every: Duration
    /// How many of the newest backups in `folder` are kept; older ones are removed after each new one.
    public var keep: Int

    public init(folder: String, every: Duration = .seconds(24 * 3600), keep: Int = 14) {
        self.folder = folder
        self.every = every
        self.keep = keep
    }

    /// "24h", "30m", "90s", "7d" (or a bare number of seconds); nil for anything else or for zero.
    public static func interval(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        let unit = trimmed.last.flatMap { units[$0] }
        let digits = unit == nil ? trimmed : String(trimmed.dropLast())
        // At most a year: a longer interval is a typo, not a schedule.
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let count = Int64(digits), count > 0, count * (unit ?? 1) <= 366 * 86_400
        else { return nil }
        return .seconds(count * (unit ?? 1))
    }
}

/// Takes a backup every `schedule.every` into `schedule.folder` (named by its UTC time, so names sort by age) and
/// keeps the newest `schedule.keep`. A failed backup is logged and the next one is tried on time; nothing else in
/// the server waits for it.
struct ScheduledBackups: Service {
    let schedule: BackupSchedule
    let location: DatabaseLocation
    let now: @Sendable () -> Date
    let logger: Logger

    static let prefix = "okra-"

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: schedule.every) }
            guard !Task.isCancelled, !Task.isShuttingDownGracefully else { return }
            await takeOne()
        }
    }

    func takeOne() async {
        let path = URL(fileURLWithPath: schedule.folder).appendingPathComponent(Self.name(at: now(), location)).path
        do {
            try FileManager.default.createDirectory(atPath: schedule.folder, withIntermediateDirectories: true)
            let made = try await Backup.make(of: location, to: path, logger: logger)
            logger.info(
                "backup taken",
                metadata: ["path": "\(made.path)", "bytes": "\(made.bytes)", "seconds": "\(made.seconds)"])
            Self.prune(schedule.folder, keep: schedule.keep, logger: logger)
        } catch {
            logger.error("backup failed", metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }

    /// `okra-2026-12-04T13-15-00.123Z.db` (`.pgdump` for PostgreSQL): a name that sorts by time.
    static func name(at date: Date, _ location: DatabaseLocation) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(
            in: TimeZone(identifier: "UTC")!, from: date)
        let millisecond = Int(date.timeIntervalSince1970 * 1000) % 1000
        let stamp = String(
            format: "%04d-%02d-%02dT%02d-%02d-%02d.%03dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, millisecond)
        let suffix: String
        switch location {
        case .sqlite: suffix = ".db"
        case .postgres: suffix = ".pgdump"
        }
        return prefix + stamp + suffix
    }

    /// Removes all but the newest `keep` backups of `folder` (only files named like ours).
    static func prune(_ folder: String, keep: Int, logger: Logger) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix(prefix) && ($0.hasSuffix(".db") || $0.hasSuffix(".pgdump")) }
            .sorted()
        for name in names.dropLast(keep) {
            do {
                try FileManager.default.removeItem(atPath: folder + "/" + name)
            } catch {
                logger.warning("could not remove an old backup", metadata: ["name": "\(name)", "error": "\(error)"])
            }
        }
    }
}
