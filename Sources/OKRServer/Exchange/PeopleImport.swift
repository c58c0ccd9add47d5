import Foundation
import OKRCore
import OKRStore

/// People and teams from a spreadsheet (CSV or XLSX), so that a whole company arrives in one step: one row per person
/// and team, with the columns e-mail, name, team (a path from the company down, `Kinh doanh/Miền Bắc`), and
/// optionally role (admin, lead, member, viewer) and lead (whether they lead that team). Headers may be in
/// Vietnamese or English, with or without diacritics; the delimiter is a comma, a semicolon or a tab.
///
/// `prepare` reads the file against the organization as it is and says what would be created, changed and
/// refused (by row and column, in the reader's language) without writing anything; `apply` writes all of it in
/// one change, only when nothing was refused. People are matched by e-mail and teams by their path, so importing
/// the same file twice changes nothing. A person keeps the teams they are in; the file adds memberships.
public struct PeopleImport: ImportPlan {
    public typealias Problem = ImportProblem

    public private(set) var problems: [Problem] = []
    /// Teams to create, each after its parent.
    public private(set) var newTeams: [Team] = []
    public private(set) var newPeople: [Person] = []
    /// People whose name or role changes, with their current version.
    public private(set) var changedPeople: [Versioned<Person>] = []
    /// Teams whose leads or members change, with their current version (1 for a team the import creates).
    public private(set) var teamUpdates: [Versioned<Team>] = []
    /// Rows that change nothing.
    public private(set) var unchanged = 0
    /// The rows read (the header excluded).
    public private(set) var rows = 0

    public func summary(_ language: Language) -> String {
        Strings.shipped.text(
            .importSummary, language,
            [
                "rows": String(rows), "teams": String(newTeams.count), "people": String(newPeople.count),
                "changed": String(changedPeople.count), "memberships": String(teamUpdates.count),
                "unchanged": String(unchanged),
            ])
    }
    public var changesAnything: Bool {
        !newTeams.isEmpty || !newPeople.isEmpty || !changedPeople.isEmpty || !teamUpdates.isEmpty
    }

    enum Column: SpreadsheetColumn {
        case email, name, team, role, lead

        /// Header words, folded (no diacritics, lower case).
        var headers: Set<String> {
            switch self {
            case .email: ["email", "e-mail", "mail", "thu dien tu", "dia chi email", "dia chi e-mail"]
            case .name: ["name", "full name", "ho ten", "ho va ten", "ten"]
            case .team: ["team", "team path", "nhom", "duong dan nhom", "phong ban"]
            case .role: ["role", "vai tro", "quyen"]
            case .lead: ["lead", "is lead", "leads", "truong nhom", "la truong nhom"]
            }
        }
    }

    /// Whether a spreadsheet holds people rather than OKRs: its first table names an e-mail and a team and no
    /// objective.
    public static func holdsPeople(_ data: Data) -> Bool {
        guard let table = try? SpreadsheetTable.read(data).first else { return false }
        let people = table.positions(of: Column.self)
        return people[.email] != nil && people[.team] != nil
            && table.positions(of: OKRSheet.Column.self)[.objective] == nil
    }

    /// Reads `data` against the organization in `store`; writes nothing.
    public static func prepare(_ data: Data, store: OKRStore, language: Language) async throws -> PeopleImport {
        let teams = try await store.versionedTeams()
        var existingPeople: [String: Versioned<Person>] = [:]
        for person in try await store.versionedPeople() { existingPeople[person.value.email.lowercased()] = person }
        var plan = PeopleImport()
        do {
            let tables = try SpreadsheetTable.read(data)
            plan.read(
                tables.first ?? SpreadsheetTable(header: [], rows: []), teams: teams, people: existingPeople,
                language: language)
        } catch {
            plan.problems.append(
                Problem(row: nil, message: Strings.shipped.text(.importUnreadable, language, ["reason": error.reason])))
        }
        return plan
    }

    /// Writes the plan in one change: all of it, or — when anything fails — none.
    public func apply(store: OKRStore, actor: PersonID?) async throws {
        precondition(isValid, "an import with problems is never applied")
        guard changesAnything else { return }
        try await store.inOneChange(actor: actor) {
            for team in newTeams {
                var bare = team
                bare.leadIDs = []
                bare.memberIDs = []
                try await store.createTeam(bare, actor: actor)
            }
            for person in newPeople { try await store.createPerson(person, passwordHash: nil, actor: actor) }
            for person in changedPeople {
                _ = try await store.updatePerson(person.value, expectedVersion: person.version, actor: actor)
            }
            for team in teamUpdates {
                _ = try await store.updateTeam(team.value, expectedVersion: team.version, actor: actor)
            }
        }
    }

    // MARK: Reading

    private struct Entry {
        let row: Int
        let email: String
        let name: String
        let path: [String]
        let role: Role?
        let leads: Bool
    }

    private mutating func read(
        _ table: SpreadsheetTable, teams: [Versioned<Team>], people: [String: Versioned<Person>], language: Language
    ) {
        func say(_ key: StringKey, _ values: [String: String] = [:]) -> String {
            Strings.shipped.text(key, language, values)
        }
        let positions = table.positions(of: Column.self)
        for column in [Column.email, .name, .team] where positions[column] == nil {
            problems.append(
                Problem(row: nil, message: say(.importMissingColumn, ["column": Self.headerName(column, language)])))
        }
        guard problems.isEmpty else { return }
        guard let root = teams.first(where: { $0.value.parentID == nil }) else {
            problems.append(Problem(row: nil, message: say(.importNoCompany)))
            return
        }

        var entries: [Entry] = []
        var firstRow: [String: Entry] = [:]
        for (offset, cells) in table.rows.enumerated() {
            let row = offset + 2
            func cell(_ column: Column) -> String {
                guard let index = positions[column], index < cells.count else { return "" }
                return cells[index].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            func refuse(_ column: Column, _ key: StringKey, _ values: [String: String] = [:]) {
                let letter = SpreadsheetTable.letter(positions[column] ?? 0)
                let place = ["row": String(row), "column": letter + " (" + Self.headerName(column, language) + ")"]
                problems.append(
                    Problem(row: row, column: place["column"], message: say(key, place.merging(values) { $1 })))
            }
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            rows += 1
            let email = cell(.email).lowercased()
            let name = cell(.name).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let path = cell(.team).split(separator: "/", omittingEmptySubsequences: false).map {
                $0.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
            var valid = true
            if !EmailAddress.isPlausible(email) {
                refuse(.email, .importEmail, ["value": cell(.email)])
                valid = false
            }
            if name.isEmpty || name.count > 200 {
                refuse(.name, .importName)
                valid = false
            }
            if path.contains(where: { $0.isEmpty || $0.count > 200 }) {
                refuse(.team, .importTeam, ["value": cell(.team)])
                valid = false
            }
            let role = Self.role(cell(.role))
            if role == nil, !cell(.role).isEmpty {
                refuse(.role, .importRole, ["value": cell(.role)])
                valid = false
            }
            let leads = Self.flag(cell(.lead))
            if leads == nil {
                refuse(.lead, .importLead, ["value": cell(.lead)])
                valid = false
            }
            guard valid, let leads else { continue }
            let entry = Entry(
                row: row, email: email, name: name, path: path, role: role ?? nil, leads: leads)
            if let first = firstRow[email] {
                // One person on several rows (several teams) must be the same person on each.
                if first.name != entry.name || (first.role != nil && entry.role != nil && first.role != entry.role) {
                    refuse(.email, .importDuplicate, ["value": email, "first": String(first.row)])
                    continue
                }
            } else {
                firstRow[email] = entry
            }
            entries.append(entry)
        }
        guard problems.isEmpty else { return }
        plan(entries, root: root.value, teams: teams, people: people)
    }

    // MARK: Planning

    private mutating func plan(
        _ entries: [Entry], root: Team, teams: [Versioned<Team>], people: [String: Versioned<Person>]
    ) {
        var byID = Dictionary(uniqueKeysWithValues: teams.map { ($0.value.id, $0) })
        var children: [TeamID?: [TeamID]] = [:]
        for team in teams { children[team.value.parentID, default: []].append(team.value.id) }
        var takenIDs = Set(byID.keys.map(\.rawValue))

        /// The team at `path` under the company, planned when it does not exist yet.
        func team(at path: [String]) -> TeamID {
            var segments = path
            if let first = segments.first, Self.sameName(first, root.name) { segments.removeFirst() }
            var parent = root.id
            var walked: [String] = []
            for segment in segments {
                walked.append(segment)
                let named = children[parent, default: []].first { id in
                    byID[id].map { Self.sameName(segment, $0.value.name) } ?? false
                }
                if let found = named {
                    parent = found
                    continue
                }
                let id = Self.newTeamID(walked, taken: &takenIDs)
                // A name read from a file is valid text (checked above); a failure here would be a bug.
                guard let name = try? LocalizedName(vi: segment),
                    let created = try? Team(id: id, name: name, parentID: parent)
                else { return parent }
                newTeams.append(created)
                byID[id] = Versioned(value: created, version: 1)
                children[parent, default: []].append(id)
                parent = id
            }
            return parent
        }

        var members: [TeamID: Set<PersonID>] = [:]
        var leads: [TeamID: Set<PersonID>] = [:]
        var fileTeams: [String: [TeamID]] = [:]
        var planned: [String: Person] = [:]
        var order: [String] = []
        for entry in entries {
            let teamID = team(at: entry.path)
            if planned[entry.email] == nil {
                order.append(entry.email)
                if let existing = people[entry.email]?.value {
                    var person = existing
                    person.name = entry.name
                    person.role = entry.role ?? existing.role
                    planned[entry.email] = person
                } else if let person = try? Person(
                    id: PersonID(NewID.make("p")), name: entry.name, email: entry.email,
                    role: entry.role ?? (entry.leads ? .lead : .member))
                {
                    planned[entry.email] = person
                }
            }
            guard let person = planned[entry.email] else { continue }
            if entry.role == nil, entry.leads, people[entry.email] == nil, person.role < .lead {
                planned[entry.email]?.role = .lead
            }
            fileTeams[entry.email, default: []].append(teamID)
            members[teamID, default: []].insert(person.id)
            if entry.leads { leads[teamID, default: []].insert(person.id) }
        }
        for email in order {
            guard var person = planned[email] else { continue }
            let teamsOfFile = fileTeams[email, default: []]
            if let existing = people[email] {
                person.teamIDs = existing.value.teamIDs + teamsOfFile.filter { !existing.value.teamIDs.contains($0) }
                if person.name != existing.value.name || person.role != existing.value.role {
                    changedPeople.append(Versioned(value: person, version: existing.version))
                } else {
                    unchanged += 1
                }
            } else {
                person.teamIDs = Array(Set(teamsOfFile)).sorted { $0.rawValue < $1.rawValue }
                newPeople.append(person)
            }
        }
        for id in Set(members.keys).union(leads.keys).sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let current = byID[id] else { continue }
            var team = current.value
            let newLeads = leads[id, default: []].filter { !team.leadIDs.contains($0) }
            let newMembers = members[id, default: []].filter { !team.memberIDs.contains($0) }
            guard !newLeads.isEmpty || !newMembers.isEmpty else { continue }
            team.leadIDs += newLeads.sorted { $0.rawValue < $1.rawValue }
            team.memberIDs += newMembers.sorted { $0.rawValue < $1.rawValue }
            teamUpdates.append(Versioned(value: team, version: current.version))
        }
    }

    // MARK: Words

    static func sameName(_ text: String, _ name: LocalizedName) -> Bool {
        let key = text.lowercased()
        return name.vi.lowercased() == key || name.en?.lowercased() == key
    }

    /// `t-kinh-doanh-mien-bac` for `Kinh doanh/Miền Bắc`, made unique.
    static func newTeamID(_ path: [String], taken: inout Set<String>) -> TeamID {
        let folded = Folding.fold(path.joined(separator: " "))
        var slug = ""
        for character in folded {
            if character.isASCII, character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        slug = String(slug.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(50))
        var id = "t-" + (slug.isEmpty ? "team" : slug)
        var n = 2
        while taken.contains(id) {
            id = "t-\(slug)-\(n)"
            n += 1
        }
        taken.insert(id)
        return TeamID(id)
    }

    /// Nil for an empty cell (the role stays, or is member), `.some(nil)` never: an unknown word is nil too, and
    /// the caller tells the two apart by the cell.
    static func role(_ text: String) -> Role? {
        switch Folding.fold(text) {
        case "admin", "administrator", "quan tri", "quan tri vien": .admin
        case "lead", "team lead", "truong nhom": .lead
        case "member", "thanh vien": .member
        case "viewer", "nguoi xem": .viewer
        default: nil
        }
    }

    /// Whether a cell says yes; nil for a word that says neither.
    static func flag(_ text: String) -> Bool? {
        switch Folding.fold(text) {
        case "", "no", "n", "false", "0", "khong", "k": false
        case "yes", "y", "true", "1", "x", "co", "lead", "truong nhom": true
        default: nil
        }
    }

    static func headerName(_ column: Column, _ language: Language) -> String {
        switch (column, language) {
        case (.email, _): "e-mail"
        case (.name, .vi): "họ tên"
        case (.name, .en): "name"
        case (.team, .vi): "nhóm"
        case (.team, .en): "team"
        case (.role, .vi): "vai trò"
        case (.role, .en): "role"
        case (.lead, .vi): "trưởng nhóm"
        case (.lead, .en): "lead"
        }
    }
}
