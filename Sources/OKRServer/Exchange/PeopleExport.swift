import Foundation
import OKRCore
import OKRStore

/// The organization's people and teams in the layout `PeopleImport` reads: one row per person and team they are
/// in (e-mail, name, the team's path, role, whether they lead it); someone in no team stands in the company's.
/// Importing the file into another Okra makes the same teams and people.
public enum PeopleExport {
    public static func sheet(store: OKRStore, language: Language) async throws -> XLSXSheet {
        let teams = try await store.versionedTeams().map(\.value)
        let people = try await store.versionedPeople().map(\.value).sorted { $0.email < $1.email }
        let paths = TeamPaths(teams)
        let byID = Dictionary(teams.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let root = teams.first { $0.parentID == nil }
        var rows: [[XLSXCell]] = [
            [PeopleImport.Column.email, .name, .team, .role, .lead].map {
                .text(PeopleImport.headerName($0, language))
            }
        ]
        for person in people {
            let teamIDs = person.teamIDs.isEmpty ? root.map { [$0.id] } ?? [] : person.teamIDs
            for teamID in teamIDs {
                let leads = byID[teamID]?.leadIDs.contains(person.id) ?? false
                rows.append([
                    .text(person.email), .text(person.name), .text(paths.path(of: teamID)),
                    .text(word(person.role, language)), leads ? .text(language == .vi ? "có" : "yes") : .empty,
                ])
            }
        }
        return XLSXSheet(name: language == .vi ? "Nhân sự" : "People", rows: rows)
    }

    /// The people as CSV or XLSX (`format` is one of those two).
    public static func data(store: OKRStore, format: OKRExport.Format, language: Language) async throws -> Data {
        let sheet = try await sheet(store: store, language: language)
        if format == .xlsx { return try XLSXWriter.write(XLSXWorkbook(sheets: [sheet])) }
        let text = sheet.rows.map { $0.map(\.text) }
        return SpreadsheetTable(header: text.first ?? [], rows: Array(text.dropFirst())).csvData()
    }

    static func word(_ role: Role, _ language: Language) -> String {
        guard language == .vi else { return role.rawValue }
        switch role {
        case .admin: return "quản trị"
        case .lead: return "trưởng nhóm"
        case .member: return "thành viên"
        case .viewer: return "người xem"
        }
    }
}
