import Crypto
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import Synchronization

/// `okra copy`: a whole SQLite installation moved into an empty PostgreSQL database — every table, sessions and
/// versions included — read in one snapshot of the SQLite file and written in one PostgreSQL transaction, then
/// checked: each table's row count and a checksum of its rows must be the same on both sides.
///
/// The schema is Okra's own on both sides (the target is migrated first); only `BIGINT` and `TEXT` columns exist,
/// so each value is carried as an integer, a text or a null, converted to the target column's type.
public enum InstallationCopy {
    /// One table copied: its rows and the checksum both sides agreed on.
    public struct Table: Sendable {
        public let name: String
        public let rows: Int
        public let checksum: String
    }

    /// Copies the SQLite file at `source` into the empty PostgreSQL database at `target`. Refused (nothing
    /// written) when the target holds any data; rolled back when anything fails, the check included.
    public static func sqliteToPostgres(
        from source: String, to target: String, logger: Logger,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> [Table] {
        guard FileManager.default.fileExists(atPath: source) else {
            throw BackupError("no database at \(source)", vi: "không có cơ sở dữ liệu ở \(source)")
        }
        // Bring the source's schema up to date too, so both sides hold the same tables.
        let migrated = try await OKRDatabase.open(.sqlite(path: source), logger: logger)
        do {
            try await migrated.migrate()
            try await migrated.close()
        } catch {
            try? await migrated.close()
            throw error
        }
        let destination = try await OKRDatabase.open(.postgres(url: target), logger: logger)
        do {
            try await destination.migrate()
            let tables = try await copy(source, into: destination, logger: logger, progress: progress)
            try await destination.close()
            return tables
        } catch {
            try? await destination.close()
            throw error
        }
    }

    /// A column of the target and how its values are carried.
    private struct Column {
        let name: String
        let isInteger: Bool
    }

    private enum Value: Sendable {
        case integer(Int64)
        case text(String)
        case null

        var bind: any SQLExpression {
            switch self {
            case .integer(let value): return SQLBind(value)
            case .text(let value): return SQLBind(value)
            case .null: return SQLLiteral.null
            }
        }

        /// The value in a form both sides write alike, for the checksum.
        func canonical(into data: inout Data) {
            switch self {
            case .integer(let value): data.append(contentsOf: Array("i\(value);".utf8))
            case .text(let value):
                data.append(contentsOf: Array("t\(value.utf8.count):".utf8))
                data.append(contentsOf: Array(value.utf8))
            case .null: data.append(contentsOf: Array("n;".utf8))
            }
        }
    }

    /// Count and checksum of a table's rows, whatever their order: the sum of each row's SHA-256 prefix.
    private struct Tally: Sendable {
        var rows = 0
        var sum: UInt64 = 0

        mutating func add(_ row: [Value]) {
            var data = Data()
            for value in row { value.canonical(into: &data) }
            let digest = SHA256.hash(data: data)
            let prefix = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            rows += 1
            sum = sum &+ prefix
        }

        var checksum: String { String(format: "%016llx", sum) }
    }

    private static func copy(
        _ source: String, into destination: OKRDatabase, logger: Logger, progress: @escaping @Sendable (String) -> Void
    ) async throws -> [Table] {
        let reader = try await SQLiteConnection.open(
            storage: .file(path: source), threadPool: .singleton, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any()
        ).get()
        do {
            _ = try await reader.query("PRAGMA busy_timeout = 10000").get()
            // One snapshot of the whole file, however long the copy takes.
            _ = try await reader.query("BEGIN").get()
            let tables = try await destination.sql.withSession { session in
                try await session.raw("BEGIN").run()
                do {
                    let tables = try await copyTables(from: reader, into: session, progress: progress)
                    try await session.raw("COMMIT").run()
                    return tables
                } catch {
                    try? await session.raw("ROLLBACK").run()
                    throw error
                }
            }
            _ = try? await reader.query("COMMIT").get()
            try await reader.close().get()
            return tables
        } catch {
            try? await reader.close().get()
            throw error
        }
    }

    private static func copyTables(
        from reader: SQLiteConnection, into session: any SQLDatabase, progress: @Sendable (String) -> Void
    ) async throws -> [Table] {
        let names = try await reader.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).get().compactMap { $0.column("name")?.string }.filter { $0 != "schema_migrations" }
        for name in names where try await session.raw("SELECT 1 AS one FROM \(ident: name) LIMIT 1").first() != nil {
            throw BackupError(
                "the target already holds data (table \(name)); okra copy only fills an empty database",
                vi: "nơi nhận đã có dữ liệu (bảng \(name)); okra copy chỉ điền vào cơ sở dữ liệu trống")
        }
        var copied: [Table] = []
        for name in try await dependencyOrder(names, reader: reader) {
            let columns = try await targetColumns(name, session: session)
            guard !columns.isEmpty else {
                throw BackupError("the target has no table \(name)", vi: "nơi nhận không có bảng \(name)")
            }
            let written = try await copyRows(of: name, columns: columns, from: reader, into: session)
            let read = try await tally(name, columns: columns, session: session)
            guard read.rows == written.rows, read.sum == written.sum else {
                throw BackupError(
                    "table \(name) did not arrive whole: \(written.rows) rows (checksum \(written.checksum)) "
                        + "written, \(read.rows) (checksum \(read.checksum)) read back; nothing was copied",
                    vi: "bảng \(name) không đến đủ: ghi \(written.rows) dòng (tổng kiểm \(written.checksum)), "
                        + "đọc lại \(read.rows) (tổng kiểm \(read.checksum)); chưa sao chép gì")
            }
            progress("\(name): \(written.rows) rows, checksum \(written.checksum)")
            copied.append(Table(name: name, rows: written.rows, checksum: written.checksum))
        }
        return copied
    }

    /// Tables in an order where every table comes after those it refers to.
    private static func dependencyOrder(_ names: [String], reader: SQLiteConnection) async throws -> [String] {
        var references: [String: Set<String>] = [:]
        for name in names {
            let keys = try await reader.query(
                "SELECT \"table\" AS target FROM pragma_foreign_key_list(?)", [.text(name)]
            )
            .get()
            references[name] = Set(keys.compactMap { $0.column("target")?.string }).subtracting([name])
        }
        var ordered: [String] = []
        var placed = Set<String>()
        while ordered.count < names.count {
            let ready = names.filter { !placed.contains($0) && references[$0, default: []].isSubset(of: placed) }
            guard !ready.isEmpty else {
                throw BackupError(
                    "the tables refer to each other in a cycle", vi: "các bảng tham chiếu lẫn nhau thành vòng")
            }
            ordered += ready
            placed.formUnion(ready)
        }
        return ordered
    }

    private static func targetColumns(_ table: String, session: any SQLDatabase) async throws -> [Column] {
        try await session.raw(
            """
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(bind: table) ORDER BY ordinal_position
            """
        ).all().map { row in
            Column(
                name: try row.decode(column: "column_name", as: String.self),
                isInteger: ["bigint", "integer", "smallint"].contains(
                    try row.decode(column: "data_type", as: String.self)))
        }
    }

    /// The source's value for a target column.
    private static func value(_ data: SQLiteData?, for column: Column, table: String) throws -> Value {
        switch data {
        case nil, .null?: return .null
        case .integer(let value)?:
            return column.isInteger ? .integer(Int64(value)) : .text(String(value))
        case .float(let value)?:
            guard column.isInteger, value == value.rounded(), let whole = Int64(exactly: value) else {
                return .text(String(value))
            }
            return .integer(whole)
        case .text(let text)?:
            guard column.isInteger else { return .text(text) }
            guard let number = Int64(text) else {
                throw BackupError(
                    "\(table).\(column.name) holds \"\(text)\" where a number belongs",
                    vi: "\(table).\(column.name) chứa \"\(text)\" ở chỗ cần một số")
            }
            return .integer(number)
        case .blob?:
            throw BackupError(
                "\(table).\(column.name) holds bytes; Okra's tables hold only numbers and text",
                vi: "\(table).\(column.name) chứa dữ liệu nhị phân; các bảng của Okra chỉ chứa số và văn bản")
        }
    }

    private static func copyRows(
        of table: String, columns: [Column], from reader: SQLiteConnection, into session: any SQLDatabase
    ) async throws -> Tally {
        var tally = Tally()
        // PostgreSQL takes at most 65,535 parameters in one statement.
        let batch = max(1, 30_000 / columns.count)
        let selfReferences = try await reader.query(
            "SELECT \"from\" AS source, \"to\" AS target FROM pragma_foreign_key_list(?) WHERE \"table\" = ?",
            [.text(table), .text(table)]
        ).get().compactMap { row -> (String, String)? in
            guard let source = row.column("source")?.string, let target = row.column("target")?.string else {
                return nil
            }
            return (source, target)
        }
        func write(_ rows: [[Value]]) async throws {
            guard !rows.isEmpty else { return }
            let insert = session.insert(into: SQLIdentifier(table)).columns(columns.map { SQLIdentifier($0.name) })
            for row in rows {
                insert.values(row.map(\.bind))
                tally.add(row)
            }
            try await insert.run()
        }
        let list = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let count = try await reader.query("SELECT count(*) AS n FROM \"\(table)\"").get().first?.column("n")?.integer
        if !selfReferences.isEmpty, (count ?? 0) <= 200_000 {
            // A row that refers to another of its table (a team's parent, a reply's comment) goes after it; a
            // team may have been moved under a newer one, so they are ordered in memory. Larger tables of the
            // kind (check-ins and their corrections) are append-only: the order of insertion is already right.
            let rows = try await reader.query("SELECT \(list) FROM \"\(table)\" ORDER BY rowid").get().map { row in
                try columns.map { try value(row.column($0.name), for: $0, table: table) }
            }
            for chunk in try referencedFirst(rows, columns: columns, references: selfReferences).chunked(batch) {
                try await write(Array(chunk))
            }
            return tally
        }
        var last: Int64 = .min
        while true {
            let page = try await reader.query(
                "SELECT rowid AS okra_rowid, \(list) FROM \"\(table)\" WHERE rowid > ? ORDER BY rowid LIMIT ?",
                [.integer(Int(last)), .integer(batch)]
            ).get()
            guard let end = page.last?.column("okra_rowid")?.integer else { break }
            try await write(
                page.map { row in try columns.map { try value(row.column($0.name), for: $0, table: table) } })
            last = Int64(end)
        }
        return tally
    }

    /// `rows` ordered so that each comes after the row of its table it refers to.
    private static func referencedFirst(
        _ rows: [[Value]], columns: [Column], references: [(String, String)]
    ) throws -> [[Value]] {
        let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
        let links = references.compactMap { source, target -> (Int, Int)? in
            guard let from = index[source], let to = index[target] else { return nil }
            return (from, to)
        }
        func key(_ value: Value) -> String? {
            switch value {
            case .integer(let number): return "i\(number)"
            case .text(let text): return "t" + text
            case .null: return nil
            }
        }
        var placed = Set<String>()
        var waiting = rows
        var ordered: [[Value]] = []
        ordered.reserveCapacity(rows.count)
        while !waiting.isEmpty {
            var next: [[Value]] = []
            for row in waiting {
                let ready = links.allSatisfy { from, to in
                    guard let wanted = key(row[from]) else { return true }
                    return placed.contains("\(to):" + wanted) || key(row[to]) == wanted
                }
                if ready {
                    ordered.append(row)
                    for (_, to) in links { if let own = key(row[to]) { placed.insert("\(to):" + own) } }
                } else {
                    next.append(row)
                }
            }
            guard next.count < waiting.count else {
                throw BackupError(
                    "rows refer to rows of their table that are not there",
                    vi: "có dòng tham chiếu tới dòng không có trong bảng của nó")
            }
            waiting = next
        }
        return ordered
    }

    /// The target table's rows as written, counted and summed the same way.
    private static func tally(_ table: String, columns: [Column], session: any SQLDatabase) async throws -> Tally {
        let tally = Mutex(Tally())
        let failure = Mutex<(any Error)?>(nil)
        let list = SQLRaw(columns.map { "\"\($0.name)\"" }.joined(separator: ", "))
        try await session.raw("SELECT \(list) FROM \(ident: table)").run { row in
            do {
                let values = try columns.map { column -> Value in
                    if try row.decodeNil(column: column.name) { return .null }
                    return column.isInteger
                        ? .integer(try row.decode(column: column.name, as: Int64.self))
                        : .text(try row.decode(column: column.name, as: String.self))
                }
                tally.withLock { $0.add(values) }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return tally.withLock { $0 }
    }
}

extension Array {
    fileprivate func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
