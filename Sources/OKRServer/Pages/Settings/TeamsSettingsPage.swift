import Foundation
import OKRCore
import OKRStore

/// The settings page of the organization's teams: the tree (company → departments → squads) with each team's
/// leads and member count, and for admins the form to add a team or change one. The form keeps what was typed,
/// so a refused save loses nothing; the rules are the API's (one root, no loops, people and parents that exist).
struct TeamsSettingsPage: Sendable {
    /// One team in the tree, at its depth below the company.
    struct Row: Sendable {
        let team: Team
        let depth: Int
        let leads: [String]
    }

    /// The form as typed: names, the parent's id, the ids of the people ticked as leads and members, and the
    /// version it was read at (editing only).
    struct Form: Sendable, Equatable {
        var name = ""
        var nameEn = ""
        var parent = ""
        var leads: Set<String> = []
        var members: Set<String> = []
        var version = ""
    }

    let rows: [Row]
    /// Everyone, by name: the choices for leads and members.
    let people: [Person]
    /// The team being changed; nil on the list page, whose form adds a team.
    let editing: Versioned<Team>?
    let mayEdit: Bool
    var form: Form
    /// Messages by the id of the control they belong to.
    var errors: [String: String] = [:]
    /// A message about the whole form: a stale version, a refusal of the store.
    var notice: String?
    private let teams: [Team]

    init(teams: [Versioned<Team>], people: [Person], viewer: Person, editing: Versioned<Team>?, language: Language) {
        let values = teams.map(\.value)
        self.teams = values
        let names = Dictionary(people.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        rows = Self.tree(values, language: language).map { team, depth in
            Row(team: team, depth: depth, leads: team.leadIDs.compactMap { names[$0] }.sorted())
        }
        // Someone who left is offered only where they already are (unticking them is how they leave the team).
        let current = Set((editing?.value.leadIDs ?? []) + (editing?.value.memberIDs ?? []))
        self.people = people.filter { $0.isActive || current.contains($0.id) }
            .sorted { Folding.fold($0.name) < Folding.fold($1.name) }
        self.editing = editing
        mayEdit = viewer.role == .admin
        if let team = editing?.value {
            form = Form(
                name: team.name.vi, nameEn: team.name.en ?? "", parent: team.parentID?.rawValue ?? "",
                leads: Set(team.leadIDs.map(\.rawValue)), members: Set(team.memberIDs.map(\.rawValue)),
                version: editing.map { String($0.version) } ?? "")
        } else {
            form = Form(parent: values.first(where: \.isCompany)?.id.rawValue ?? "")
        }
    }

    /// Teams depth first from the root, siblings by name; teams the walk cannot reach (a broken parent) last.
    static func tree(_ teams: [Team], language: Language) -> [(Team, Int)] {
        let ids = Set(teams.map(\.id))
        var children: [TeamID?: [Team]] = [:]
        for team in teams {
            let parent = team.parentID.flatMap { ids.contains($0) ? $0 : nil }
            children[parent, default: []].append(team)
        }
        var ordered: [(Team, Int)] = []
        var seen: Set<TeamID> = []
        func visit(_ parent: TeamID?, depth: Int) {
            let below = (children[parent] ?? []).sorted {
                Folding.fold($0.name.text(language)) < Folding.fold($1.name.text(language))
            }
            for team in below where !seen.contains(team.id) {
                seen.insert(team.id)
                ordered.append((team, depth))
                visit(team.id, depth: depth + 1)
            }
        }
        visit(nil, depth: 0)
        for team in teams where !seen.contains(team.id) { ordered.append((team, 0)) }
        return ordered
    }

    /// Whether the team of the form is the root: the company being edited, or the first team of an organization
    /// that has none yet. The root has no parent and cannot be given one; every other team needs one.
    var isRoot: Bool {
        guard let editing else { return !teams.contains(where: \.isCompany) }
        return editing.value.isCompany
    }

    /// The teams that may be the parent: every team but the one being edited and those below it (a loop).
    var parentChoices: [Row] {
        guard let edited = editing?.value.id else { return rows }
        return rows.filter { row in !Self.ancestry(of: row.team.id, in: teams).contains(edited) }
    }

    /// `id` and every team above it, as far as the parents go (stopping at a loop).
    static func ancestry(of id: TeamID, in teams: [Team]) -> [TeamID] {
        let parents = Dictionary(teams.map { ($0.id, $0.parentID) }, uniquingKeysWith: { first, _ in first })
        var chain: [TeamID] = []
        var cursor: TeamID? = id
        while let current = cursor, !chain.contains(current) {
            chain.append(current)
            cursor = parents[current] ?? nil
        }
        return chain
    }

    /// The team the form describes, or nil with a message next to each field that is wrong.
    mutating func draft(id: TeamID, language: Language) -> Team? {
        errors = [:]
        let known = Set(people.map(\.id.rawValue))
        var name: LocalizedName?
        do {
            name = try LocalizedName(vi: form.name, en: form.nameEn)
        } catch {
            if case .invalid(let field, let reason) = error {
                errors[field == "title" ? "name" : "name_en"] = reason.message(language)
            }
        }
        var parent: TeamID?
        if !isRoot {
            let chosen = form.parent.trimmingCharacters(in: .whitespaces)
            if chosen.isEmpty {
                errors["parent"] = InvalidReason.required.message(language)
            } else if !teams.contains(where: { $0.id.rawValue == chosen }) {
                errors["parent"] = InvalidReason.unknownValue(chosen).message(language)
            } else if Self.ancestry(of: TeamID(chosen), in: teams).contains(id) {
                errors["parent"] = DomainError.alignmentCycle(
                    path: ([id] + Self.ancestry(of: TeamID(chosen), in: teams).prefix { $0 != id } + [id])
                        .map(\.rawValue)
                ).message(language)
            } else {
                parent = TeamID(chosen)
            }
        }
        for (field, ids) in [("leads", form.leads), ("members", form.members)] {
            if let unknown = ids.subtracting(known).sorted().first {
                errors[field] = InvalidReason.unknownValue(unknown).message(language)
            }
        }
        guard errors.isEmpty, let name else { return nil }
        do {
            return try Team(
                id: id, name: name, parentID: parent, leadIDs: form.leads.sorted().map { PersonID($0) },
                memberIDs: form.members.sorted().map { PersonID($0) })
        } catch {
            errors["parent"] = error.message(language)
            return nil
        }
    }
}
