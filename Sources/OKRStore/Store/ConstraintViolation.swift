import PostgresNIO
import SQLiteKit

/// A constraint the database refused a change for, read the same way from SQLite and PostgreSQL errors.
enum ConstraintViolation: Equatable {
    /// A unique key is taken; `columns` are the key's columns.
    case unique(columns: [String])
    /// A reference points nowhere; the column when the database says which (PostgreSQL does, SQLite does not).
    case foreignKey(column: String?)

    init?(_ error: any Error) {
        if let error = error as? SQLiteError {
            self.init(sqlite: error)
        } else if let error = error as? PSQLError {
            self.init(postgres: error)
        } else {
            return nil
        }
    }

    /// SQLite: "UNIQUE constraint failed: people.email" or "FOREIGN KEY constraint failed".
    private init?(sqlite error: SQLiteError) {
        let message = error.message
        if let range = message.range(of: "UNIQUE constraint failed: ") {
            let columns = message[range.upperBound...].split(separator: ",").map {
                String($0.split(separator: ".").last ?? $0).trimmingCharacters(in: .whitespaces)
            }
            self = .unique(columns: columns)
        } else if message.contains("FOREIGN KEY constraint failed") {
            self = .foreignKey(column: nil)
        } else {
            return nil
        }
    }

    /// PostgreSQL: SQLSTATE 23505 / 23503, with the columns in the detail "Key (email)=(…) already exists."
    private init?(postgres error: PSQLError) {
        guard let state = error.serverInfo?[.sqlState] else { return nil }
        let detail = error.serverInfo?[.detail] ?? ""
        var columns: [String] = []
        if let open = detail.range(of: "Key ("),
            let close = detail.range(of: ")=", range: open.upperBound..<detail.endIndex)
        {
            columns = detail[open.upperBound..<close.lowerBound].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
        }
        switch state {
        case "23505": self = .unique(columns: columns)
        case "23503": self = .foreignKey(column: columns.first)
        default: return nil
        }
    }

    /// The store's error for this violation while changing `entity`.
    func storeError(entity: String) -> StoreError {
        switch self {
        case .unique(let columns):
            return .duplicate(entity: entity, field: columns.isEmpty ? "id" : columns.joined(separator: ","))
        case .foreignKey(let column):
            return .invalidReference(entity: entity, field: column ?? "reference")
        }
    }
}
