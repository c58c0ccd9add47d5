import OKRCore
import OKRStore

/// Something a file says that cannot be imported: where, and why, in the reader's language.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible, Codable {
    /// The row of the spreadsheet (the header is row 1); nil for the file as a whole.
    public let row: Int?
    /// The column's letter and header (`C (owner)`), when one column is at fault.
    public let column: String?
    public let message: String

    public init(row: Int?, column: String? = nil, message: String) {
        self.row = row
        self.column = column
        self.message = message
    }

    public var description: String { message }
}

/// What an import would do, checked against the organization before anything is written: people and teams
/// (`PeopleImport`) or OKRs (`OKRImport`). The command line, the API and the data page drive both the same way.
public protocol ImportPlan: Sendable {
    /// Empty when the file can be imported.
    var problems: [ImportProblem] { get }
    var changesAnything: Bool { get }
    /// What would be created, changed and left as it is, in `language`.
    func summary(_ language: Language) -> String
    /// Writes everything in one change (only for a plan without problems).
    func apply(store: OKRStore, actor: PersonID?) async throws
}

extension ImportPlan {
    public var isValid: Bool { problems.isEmpty }
}
