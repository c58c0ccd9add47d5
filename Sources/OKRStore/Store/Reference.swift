import OKRCore

/// Ids a change points at, by the field that holds them and the table they must exist in.
struct Reference: Sendable {
    let field: String
    let table: String
    /// The table's key column.
    let column: String
    let ids: [String]

    init(_ field: String, table: String, column: String = "id", ids: [String]) {
        self.field = field
        self.table = table
        self.column = column
        self.ids = ids
    }

    init(_ field: String, table: String, column: String = "id", id: String?) {
        self.init(field, table: table, column: column, ids: id.map { [$0] } ?? [])
    }

    /// The team or person an owner names; the company needs no row.
    static func owner(_ owner: Owner?, field: String = "owner") -> Reference {
        switch owner {
        case .team(let id): return Reference(field, table: "teams", id: id.rawValue)
        case .person(let id): return Reference(field, table: "people", id: id.rawValue)
        case .company, .none: return Reference(field, table: "teams", ids: [])
        }
    }
}
