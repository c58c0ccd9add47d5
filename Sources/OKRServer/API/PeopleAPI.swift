import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// People: everyone signed in may list and read them (owners, leads and authors are named everywhere);
/// admins add people and change anything about them; a person changes their own name, language and password.
///
/// A password changed by its owner needs the current one and ends their other browser sessions; one set by an
/// admin for someone else ends all of that person's sessions and revokes their API tokens.
struct PeopleAPI: Sendable {
    let store: OKRStore
    let hasher: PasswordHasher
    let persist: SQLPersistDriver

    func addRoutes(to api: APIBuilder) {
        api.schema("Person", PersonResource.schema)
        api.schema("PersonPage", ListPage<PersonResource>.schema(of: "Person"))
        api.add(
            APIOperation(
                method: .get, path: "/users", id: "listUsers", tag: "People",
                summary: "Everyone in the organization, by id.", query: [.limit, .cursor],
                response: .ref("PersonPage")), list)
        api.add(
            APIOperation(
                method: .get, path: "/users/{id}", id: "getUser", tag: "People", summary: "One person.",
                response: .ref("Person"), examples: ["id": "p-nam"]), read)
        api.add(
            APIOperation(
                method: .get, path: "/me", id: "getMe", tag: "People", summary: "The caller.",
                response: .ref("Person")), me)
        api.add(
            APIOperation(
                method: .post, path: "/users", id: "createUser", tag: "People",
                summary: "Adds a person (admins). With a password they can sign in to the web app.",
                body: NewPersonInput.schema, success: .created, response: .ref("Person")), create)
        api.add(
            APIOperation(
                method: .patch, path: "/users/{id}", id: "updateUser", tag: "People",
                summary:
                    "Changes a person. Admins change anything; a person changes their own name, language and password.",
                body: PersonChangeInput.schema, response: .ref("Person"),
                examples: ["id": "p-nam"]), update)
    }

    func list(_ call: APICall) async throws -> APIReply {
        let page = try call.page
        let people = try await store.people()
        return try .json(
            ListPage(people, key: { $0.id.rawValue }, page: page) { PersonResource($0, version: nil) })
    }

    func read(_ call: APICall) async throws -> APIReply {
        let id = try call.parameter("id")
        guard let person = try await store.versionedPerson(id: PersonID(id)) else {
            throw APIError.notFound(.person, id)
        }
        return try .json(PersonResource(person), version: person.version)
    }

    func me(_ call: APICall) async throws -> APIReply {
        guard let person = try await store.versionedPerson(id: call.viewer.id) else { throw APIError.unauthorized }
        return try .json(PersonResource(person), version: person.version)
    }

    func create(_ call: APICall) async throws -> APIReply {
        guard Access(viewer: call.viewer, teams: []).isAdmin else { throw APIError.forbidden }
        let input = try await call.body(NewPersonInput.self)
        if let id = input.id { try APIIdentifier.check(id, field: "id") }
        let id = input.id ?? NewID.make("p")
        let person = try Person(
            id: PersonID(id), name: input.name, email: input.email, role: input.role ?? .member,
            teamIDs: (input.teamIds ?? []).map { TeamID($0) }, language: input.language)
        let hash = try await hashed(input.password)
        try await store.createPerson(person, passwordHash: hash, actor: call.viewer.id)
        guard let created = try await store.versionedPerson(id: person.id) else {
            throw APIError.notFound(.person, id)
        }
        return try .json(PersonResource(created), status: .created, version: created.version)
    }

    func update(_ call: APICall) async throws -> APIReply {
        let id = try call.parameter("id")
        guard let current = try await store.versionedPerson(id: PersonID(id)) else {
            throw APIError.notFound(.person, id)
        }
        let access = Access(viewer: call.viewer, teams: [])
        guard access.isAdmin || call.viewer.id == current.value.id else { throw APIError.forbidden }
        let input = try await call.body(PersonChangeInput.self)
        let expected = try call.expectedVersion(input.version)
        let before = current.value
        let after = try Person(
            id: before.id, name: input.name ?? before.name, email: input.email ?? before.email,
            role: input.role ?? before.role, teamIDs: input.teamIds.map { $0.map { TeamID($0) } } ?? before.teamIDs,
            language: input.language ?? before.language, deactivatedAt: before.deactivatedAt)
        try await authorize(call.viewer, changing: before, to: after)
        try await checkLeaving(input, of: before, by: call.viewer)
        let ownPassword = input.password != nil && call.viewer.id == before.id
        if ownPassword { try await checkCurrentPassword(input.currentPassword, of: before.id) }
        let hash = try await hashed(input.password)
        if after != before {
            _ = try await store.updatePerson(after, expectedVersion: expected, actor: call.viewer.id)
        } else if current.version != expected {
            throw StoreError.conflict(entity: "person", id: id, expected: expected, actual: current.version)
        }
        if let hash {
            try await store.setPassword(
                person: before.id, hash: hash, actor: call.viewer.id, revokingTokens: !ownPassword)
            try await persist.endSessions(of: before.id, keeping: ownPassword ? call.context.sessionID : nil)
        }
        if input.active == false, before.isActive {
            try await store.deactivatePerson(
                before.id, handingOverTo: input.handOverTo.map { PersonID($0) }, actor: call.viewer.id)
            try await persist.endSessions(of: before.id)
        } else if input.active == true, !before.isActive {
            try await store.reactivatePerson(before.id, actor: call.viewer.id)
        }
        guard let saved = try await store.versionedPerson(id: before.id) else { throw APIError.notFound(.person, id) }
        return try .json(PersonResource(saved), version: saved.version)
    }

    /// Admins change anyone (but the organization keeps at least one admin); others only their own name,
    /// language and password. The e-mail is how a person signs in, so only an admin changes it.
    private func authorize(_ viewer: Person, changing before: Person, to after: Person) async throws {
        if Access(viewer: viewer, teams: []).isAdmin {
            if before.role == .admin && after.role != .admin {
                let admins = try await store.people().filter { $0.role == .admin && $0.id != before.id }
                if admins.isEmpty { throw APIError.invalid("role", .outOfRange) }
            }
            return
        }
        guard viewer.id == before.id, after.role == before.role, after.email == before.email,
            Set(after.teamIDs) == Set(before.teamIDs)
        else { throw APIError.forbidden }
    }

    /// Only an admin deactivates or brings back someone, never themselves, and the organization keeps an active
    /// admin; a successor is named only for a deactivation, and must be someone else who has not left.
    private func checkLeaving(_ input: PersonChangeInput, of person: Person, by viewer: Person) async throws {
        if let heir = input.handOverTo {
            guard input.active == false else {
                throw APIError.invalid("hand_over_to", .notAllowedForKind(kind: "active"))
            }
            try APIIdentifier.check(heir, field: "hand_over_to")
            guard heir != person.id.rawValue, let successor = try await store.person(id: PersonID(heir)),
                successor.isActive
            else { throw APIError.invalid("hand_over_to", .unknownValue(heir)) }
        }
        guard let active = input.active, active != person.isActive else { return }
        guard Access(viewer: viewer, teams: []).isAdmin else { throw APIError.forbidden }
        if !active {
            guard viewer.id != person.id else { throw APIError.invalid("active", .outOfRange) }
            if person.role == .admin {
                let others = try await store.people().filter { $0.role == .admin && $0.isActive && $0.id != person.id }
                if others.isEmpty { throw APIError.invalid("active", .outOfRange) }
            }
        }
    }

    /// A person changing their own password proves they know the current one (a stolen session is not enough).
    private func checkCurrentPassword(_ given: String?, of person: PersonID) async throws {
        guard let given else { throw APIError.invalid("current_password", .required) }
        guard let stored = try await store.passwordHash(person: person) else {
            _ = try await hasher.verifyNobody(given)
            return  // no password yet: there is nothing to prove
        }
        guard try await hasher.verify(given, against: stored) else {
            throw APIError.invalid("current_password", .doesNotMatch)
        }
    }

    /// A password as Okra accepts it (10 to 200 characters, counted both as people and as JSON Schema count
    /// them), hashed off the event loop.
    private func hashed(_ password: String?) async throws -> String? {
        guard let password else { return nil }
        guard PasswordHasher.isAcceptable(password), (10...200).contains(password.unicodeScalars.count) else {
            throw APIError.invalid("password", .outOfRange)
        }
        return try await hasher.hash(password)
    }
}

/// A new person. The role defaults to `member`; without a password the person cannot sign in to the web app
/// (API tokens still work).
struct NewPersonInput: Decodable, Sendable {
    let id: String?
    let name: String
    let email: String
    let role: Role?
    let teamIds: [String]?
    let language: Language?
    let password: String?

    static let schema = Schema.object([
        .optional("id", .identifier, "Chosen by the client, else generated."), .required("name", .text(max: 200)),
        .required("email", PersonChangeInput.email), .optional("role", .values(of: Role.self)),
        .optional("team_ids", .array(.string), "Teams the person joins as a member."),
        .optional("language", .values(of: Language.self)),
        .optional("password", PersonChangeInput.password),
    ])
}

/// A change of a person; members left out stay as they are.
struct PersonChangeInput: Decodable, Sendable {
    let name: String?
    let email: String?
    let role: Role?
    let teamIds: [String]?
    let language: Language?
    let password: String?
    let currentPassword: String?
    let active: Bool?
    let handOverTo: String?
    let version: Int?

    static let email = Schema.string(.init(format: "email", minLength: 3, maxLength: 254))
    static let password = Schema.string(.init(minLength: 10, maxLength: 200))

    static let schema = Schema.object([
        .optional("name", .text(max: 200)), .optional("email", email, "Admins only."),
        .optional("role", .values(of: Role.self), "Admins only."),
        .optional("team_ids", .array(.string), "Admins only: replaces the teams the person belongs to."),
        .optional("language", .values(of: Language.self)), .optional("password", password),
        .optional(
            "current_password", .string(.init(maxLength: 200)),
            "Required when a person changes their own password. Their other sessions end; a password an admin "
                + "sets for someone else ends all of that person's sessions and revokes their API tokens."),
        .optional(
            "active", .boolean,
            "Admins only. False deactivates a person who left (their sessions and API tokens stop working at once; "
                + "their OKRs and history stay); true brings them back."),
        .optional(
            "hand_over_to", .identifier,
            "With `active: false`: the person who takes over what the leaver owns in open cycles (objectives, KRs, "
                + "initiatives not done)."),
        .required("version", .integer, APIOperation.versionDescription),
    ])
}
