import Foundation
import OKRCore
import OKRStore

/// The settings page of the organization's people: everyone with their e-mail, role, teams and language, and for
/// admins the form to add a person or change one — the same changes `PeopleAPI` makes (role, teams, language,
/// name, e-mail, a new password), with the same rules: a valid unique e-mail, a password of 10 to 200 characters,
/// teams that exist, and at least one admin left.
struct PeopleSettingsPage: Sendable {
    /// One person in the list, with the names of the teams they belong to and of those they lead.
    struct Row: Sendable {
        let person: Person
        let teams: [String]
        let leads: [String]
    }

    /// The form as typed. The password is never written back into the page.
    struct Form: Sendable, Equatable {
        var name = ""
        var email = ""
        var role = Role.member.rawValue
        var teams: Set<String> = []
        var language = ""
        var password = ""
        var currentPassword = ""
        var version = ""
    }

    let rows: [Row]
    /// Every team, in the tree's order: the choices of a person's teams.
    let teams: [(team: Team, depth: Int)]
    /// The person being changed; nil on the list page, whose form adds a person.
    let editing: Versioned<Person>?
    let mayEdit: Bool
    var form: Form
    var errors: [String: String] = [:]
    var notice: String?
    /// The admin edits their own entry: a new password there needs the current one.
    let editingSelf: Bool
    private let people: [Person]

    init(people: [Person], teams: [Team], viewer: Person, editing: Versioned<Person>?, language: Language) {
        self.people = people
        self.teams = TeamsSettingsPage.tree(teams, language: language).map { (team: $0.0, depth: $0.1) }
        let names = Dictionary(
            teams.map { ($0.id, $0.name.text(language)) }, uniquingKeysWith: { first, _ in first })
        rows = people.sorted { Folding.fold($0.name) < Folding.fold($1.name) }.map { person in
            Row(
                person: person, teams: person.teamIDs.compactMap { names[$0] }.sorted(),
                leads: teams.filter { $0.leadIDs.contains(person.id) }.map { $0.name.text(language) }.sorted())
        }
        self.editing = editing
        mayEdit = viewer.role == .admin
        editingSelf = editing?.value.id == viewer.id
        if let person = editing?.value {
            form = Form(
                name: person.name, email: person.email, role: person.role.rawValue,
                teams: Set(person.teamIDs.map(\.rawValue)), language: person.language?.rawValue ?? "",
                version: editing.map { String($0.version) } ?? "")
        } else {
            form = Form()
        }
    }

    /// The person the form describes, or nil with a message next to each field that is wrong. The password is
    /// checked here (10 to 200 characters; blank keeps it, or leaves a new person without one) and hashed by the
    /// caller, off the event loop.
    mutating func draft(id: PersonID, page: Page) -> Person? {
        errors = [:]
        let language = page.language
        let role = Role(rawValue: form.role)
        if role == nil { errors["role"] = InvalidReason.unknownValue(form.role).message(language) }
        var chosenLanguage: Language?
        if !form.language.isEmpty {
            chosenLanguage = Language(rawValue: form.language)
            if chosenLanguage == nil {
                errors["language"] = InvalidReason.unknownValue(form.language).message(language)
            }
        }
        let known = Set(teams.map(\.team.id.rawValue))
        if let unknown = form.teams.subtracting(known).sorted().first {
            errors["teams"] = InvalidReason.unknownValue(unknown).message(language)
        }
        let password = form.password
        if !password.isEmpty,
            !PasswordHasher.isAcceptable(password) || !(10...200).contains(password.unicodeScalars.count)
        {
            errors["password"] = page.t(.adminPasswordLength)
        }
        if let before = editing?.value, before.role == .admin, let role, role != .admin,
            !people.contains(where: { $0.role == .admin && $0.id != before.id })
        {
            errors["role"] = page.t(.adminLastAdmin)
        }
        var person: Person?
        do {
            person = try Person(
                id: id, name: form.name, email: form.email, role: role ?? .member,
                teamIDs: form.teams.sorted().map { TeamID($0) }, language: chosenLanguage,
                deactivatedAt: editing?.value.deactivatedAt)
        } catch {
            if case .invalid(let field, let reason) = error {
                errors[field == "email" ? "email" : "name"] = reason.message(language)
            }
        }
        if let person, people.contains(where: { $0.email == person.email && $0.id != id }) {
            errors["email"] = InvalidReason.duplicate.message(language)
        }
        guard errors.isEmpty else { return nil }
        return person
    }
}
