import Foundation
import Hummingbird
import NIOCore
import OKRCore
import OKRStore

/// The browser's settings routes for teams, people and API tokens. They make the changes the JSON API makes,
/// through the same store calls and with the same rules: admins change teams and people (everyone else reads),
/// and every signed-in person manages their own tokens. Each list loads in a fixed number of queries.
struct AdminController: Sendable {
    /// The web routes' plumbing (page, CSRF, sign-in redirect), shared so every page does it one way.
    let web: PageKit

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.settingsTeams, use: teams)
        routes.signedIn.post(.settingsTeams, use: createTeam)
        routes.signedIn.get(.settingsTeam(.key), use: team)
        routes.signedIn.post(.settingsTeam(.key), use: updateTeam)
        routes.signedIn.get(.settingsPeople, use: people)
        routes.signedIn.post(.settingsPeople, use: createPerson)
        routes.signedIn.get(.settingsPerson(.key), use: person)
        routes.signedIn.post(.settingsPerson(.key), use: updatePerson)
        routes.signedIn.post(.deactivatePerson(.key), use: deactivatePerson)
        routes.signedIn.post(.reactivatePerson(.key), use: reactivatePerson)
        routes.signedIn.get(.tokens, use: tokens)
        routes.signedIn.post(.tokens, use: createToken)
        routes.signedIn.post(.revokeToken(.key), use: revokeToken)
    }

    // MARK: Teams

    func teams(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let model = try await teamsPage(viewer, editing: nil, page)
        return web.html(TeamsSettingsPageView.render(page, model, saved: request.uri.queryParameters["saved"] != nil))
    }

    func createTeam(_ request: Request, context: SignedInContext) async throws -> Response {
        let admin = try await adminForm(request, context)
        guard case .ready(let submitted, let viewer, let page) = admin else { return admin.answer }
        var model = try await teamsPage(viewer, editing: nil, page)
        model.form = teamForm(submitted)
        guard let team = model.draft(id: TeamID(NewID.make("t")), language: page.language) else {
            return web.html(TeamsSettingsPageView.render(page, model), .unprocessableContent)
        }
        do {
            try await store.createTeam(team, actor: viewer.id)
        } catch let error as StoreError {
            model.notice = page.t(.adminStoreFailed, ["reason": error.description])
            return web.html(TeamsSettingsPageView.render(page, model), .unprocessableContent)
        }
        return .redirect(to: Route.settingsTeams.path(["saved": team.id.rawValue]), type: .normal)
    }

    func team(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        guard viewer.role == .admin else { throw PageError.forbidden(.adminForbidden) }
        let current = try await storedTeam(context)
        return web.html(TeamsSettingsPageView.render(page, try await teamsPage(viewer, editing: current, page)))
    }

    /// Changes a team as `PATCH /teams/{id}` does for an admin: a stale version is answered 409 with the input
    /// kept, a loop next to the parent.
    func updateTeam(_ request: Request, context: SignedInContext) async throws -> Response {
        let admin = try await adminForm(request, context)
        guard case .ready(let submitted, let viewer, let page) = admin else { return admin.answer }
        let current = try await storedTeam(context)
        var model = try await teamsPage(viewer, editing: current, page)
        model.form = teamForm(submitted)
        guard let team = model.draft(id: current.value.id, language: page.language) else {
            return web.html(TeamsSettingsPageView.render(page, model), .unprocessableContent)
        }
        do {
            _ = try await store.updateTeam(team, expectedVersion: Int(model.form.version) ?? 0, actor: viewer.id)
        } catch StoreError.conflict {
            model.notice = page.t(.adminConflict)
            return web.html(TeamsSettingsPageView.render(page, model), .conflict)
        } catch let error as StoreError {
            model.notice = page.t(.adminStoreFailed, ["reason": error.description])
            return web.html(TeamsSettingsPageView.render(page, model), .unprocessableContent)
        } catch let error as DomainError {
            model.errors["parent"] = error.message(page.language)
            return web.html(TeamsSettingsPageView.render(page, model), .unprocessableContent)
        }
        return .redirect(to: Route.settingsTeams.path(["saved": team.id.rawValue]), type: .normal)
    }

    private func teamsPage(_ viewer: Person, editing: Versioned<Team>?, _ page: Page) async throws
        -> TeamsSettingsPage
    {
        TeamsSettingsPage(
            teams: try await store.versionedTeams(), people: try await store.people(), viewer: viewer,
            editing: editing, language: page.language)
    }

    private func storedTeam(_ context: SignedInContext) async throws -> Versioned<Team> {
        guard let team = try await store.team(id: TeamID(try context.parameters.require("id"))) else {
            throw HTTPError(.notFound)
        }
        return team
    }

    private func teamForm(_ submitted: PageForm) -> TeamsSettingsPage.Form {
        TeamsSettingsPage.Form(
            name: submitted["name"] ?? "", nameEn: submitted["name_en"] ?? "", parent: submitted["parent"] ?? "",
            leads: Set(submitted.all("leads")), members: Set(submitted.all("members")),
            version: submitted["version"] ?? "")
    }

    // MARK: People

    func people(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let model = try await peoplePage(viewer, editing: nil, page)
        let query = request.uri.queryParameters
        let named = { (id: Substring?) in model.rows.first { $0.person.id.rawValue == id.map(String.init) }?.person.name
        }
        var flash: String?
        if let name = named(query["deactivated"]) {
            flash = page.t(.leaverDeactivated, ["name": name, "count": query["handed"].map(String.init) ?? "0"])
        } else if let name = named(query["reactivated"]) {
            flash = page.t(.leaverReactivated, ["name": name])
        }
        return web.html(
            PeopleSettingsPageView.render(page, model, saved: query["saved"] != nil, flash: flash))
    }

    /// Adds a person as `POST /users` does: nothing is saved unless every field is right.
    func createPerson(_ request: Request, context: SignedInContext) async throws -> Response {
        let admin = try await adminForm(request, context)
        guard case .ready(let submitted, let viewer, let page) = admin else { return admin.answer }
        var model = try await peoplePage(viewer, editing: nil, page)
        model.form = personForm(submitted)
        guard let person = model.draft(id: PersonID(NewID.make("p")), page: page) else {
            return web.html(PeopleSettingsPageView.render(page, model), .unprocessableContent)
        }
        let hash = model.form.password.isEmpty ? nil : try await web.hasher.hash(model.form.password)
        do {
            try await store.createPerson(person, passwordHash: hash, actor: viewer.id)
        } catch let error as StoreError {
            refused(error, &model, page)
            return web.html(PeopleSettingsPageView.render(page, model), .unprocessableContent)
        }
        return .redirect(to: Route.settingsPeople.path(["saved": person.id.rawValue]), type: .normal)
    }

    func person(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        guard viewer.role == .admin else { throw PageError.forbidden(.adminForbidden) }
        let current = try await storedPerson(context)
        return web.html(PeopleSettingsPageView.render(page, try await peoplePage(viewer, editing: current, page)))
    }

    /// Changes a person as `PATCH /users/{id}` does for an admin, a new password included when one is typed.
    func updatePerson(_ request: Request, context: SignedInContext) async throws -> Response {
        let admin = try await adminForm(request, context)
        guard case .ready(let submitted, let viewer, let page) = admin else { return admin.answer }
        let current = try await storedPerson(context)
        var model = try await peoplePage(viewer, editing: current, page)
        model.form = personForm(submitted)
        guard let after = model.draft(id: current.value.id, page: page) else {
            return web.html(PeopleSettingsPageView.render(page, model), .unprocessableContent)
        }
        let expected = Int(model.form.version) ?? 0
        if !model.form.password.isEmpty, after.id == viewer.id {
            // One's own password: the current one first, as the API asks it.
            let stored = try await store.passwordHash(person: viewer.id)
            let given = model.form.currentPassword
            var proven = true
            if let stored { proven = try await web.hasher.verify(given, against: stored) }
            if given.isEmpty || !proven {
                model.errors["current_password"] = page.t(
                    given.isEmpty ? .adminCurrentPasswordMissing : .adminCurrentPasswordWrong)
                return web.html(PeopleSettingsPageView.render(page, model), .unprocessableContent)
            }
        }
        let hash = model.form.password.isEmpty ? nil : try await web.hasher.hash(model.form.password)
        do {
            if after != current.value {
                _ = try await store.updatePerson(after, expectedVersion: expected, actor: viewer.id)
            } else if current.version != expected {
                throw StoreError.conflict(
                    entity: "person", id: after.id.rawValue, expected: expected, actual: current.version)
            }
            if let hash {
                let own = after.id == viewer.id
                try await store.setPassword(person: after.id, hash: hash, actor: viewer.id, revokingTokens: !own)
                try await web.persist.endSessions(of: after.id, keeping: own ? context.sessionID : nil)
            }
        } catch StoreError.conflict {
            model.notice = page.t(.adminConflict)
            return web.html(PeopleSettingsPageView.render(page, model), .conflict)
        } catch let error as StoreError {
            refused(error, &model, page)
            return web.html(PeopleSettingsPageView.render(page, model), .unprocessableContent)
        }
        return .redirect(to: Route.settingsPeople.path(["saved": after.id.rawValue]), type: .normal)
    }

    /// Someone left: as `PATCH /users/{id}` with `active: false` — not oneself, never the last active admin —
    /// their sessions end and their tokens are revoked; what they own in open cycles goes to the chosen person.
    func deactivatePerson(_ request: Request, context: SignedInContext) async throws -> Response {
        let admin = try await adminForm(request, context)
        guard case .ready(let submitted, let viewer, let page) = admin else { return admin.answer }
        let current = try await storedPerson(context)
        var model = try await peoplePage(viewer, editing: current, page)
        let heir = submitted["hand_over_to"].flatMap { $0.isEmpty ? nil : PersonID($0) }
        let people = model.rows.map(\.person)
        if current.value.id == viewer.id {
            model.notice = page.t(.leaverNotYourself)
        } else if current.value.role == .admin,
            !people.contains(where: { $0.role == .admin && $0.isActive && $0.id != current.value.id })
        {
            model.notice = page.t(.adminLastAdmin)
        } else if let heir, !people.contains(where: { $0.id == heir && $0.isActive && $0.id != current.value.id }) {
            model.errors["hand_over_to"] = page.t(.leaverHandOverUnknown)
        }
        guard model.notice == nil, model.errors.isEmpty else {
            return web.html(PeopleSettingsPageView.render(page, model), .unprocessableContent)
        }
        let handover = try await store.deactivatePerson(current.value.id, handingOverTo: heir, actor: viewer.id)
        try await web.persist.endSessions(of: current.value.id)
        return .redirect(
            to: Route.settingsPeople.path(["deactivated": current.value.id.rawValue, "handed": String(handover.count)]),
            type: .normal)
    }

    func reactivatePerson(_ request: Request, context: SignedInContext) async throws -> Response {
        let admin = try await adminForm(request, context)
        guard case .ready(_, let viewer, _) = admin else { return admin.answer }
        let current = try await storedPerson(context)
        try await store.reactivatePerson(current.value.id, actor: viewer.id)
        return .redirect(to: Route.settingsPeople.path(["reactivated": current.value.id.rawValue]), type: .normal)
    }

    private func peoplePage(_ viewer: Person, editing: Versioned<Person>?, _ page: Page) async throws
        -> PeopleSettingsPage
    {
        PeopleSettingsPage(
            people: try await store.people(), teams: try await store.teams(), viewer: viewer, editing: editing,
            language: page.language)
    }

    private func storedPerson(_ context: SignedInContext) async throws -> Versioned<Person> {
        guard let person = try await store.versionedPerson(id: PersonID(try context.parameters.require("id"))) else {
            throw HTTPError(.notFound)
        }
        return person
    }

    private func personForm(_ submitted: PageForm) -> PeopleSettingsPage.Form {
        PeopleSettingsPage.Form(
            name: submitted["name"] ?? "", email: submitted["email"] ?? "", role: submitted["role"] ?? "",
            teams: Set(submitted.all("teams")), language: submitted["language"] ?? "",
            password: submitted["password"] ?? "", currentPassword: submitted["current_password"] ?? "",
            version: submitted["version"] ?? "")
    }

    /// A refusal of the store on the person form: a taken e-mail next to the field, anything else above it.
    private func refused(_ error: StoreError, _ model: inout PeopleSettingsPage, _ page: Page) {
        if case .duplicate(_, let field) = error, field.contains("email") {
            model.errors["email"] = InvalidReason.duplicate.message(page.language)
        } else {
            model.notice = page.t(.adminStoreFailed, ["reason": error.description])
        }
    }

    // MARK: API tokens

    func tokens(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        return web.html(TokensSettingsPageView.render(page, try await tokensPage(viewer)))
    }

    /// Makes a token as `POST /tokens` does and answers with the page that shows its secret, this once: the
    /// answer is not a redirect, because the secret must not travel in a URL nor be kept to show again.
    func createToken(_ request: Request, context: SignedInContext) async throws -> Response {
        let submitted = context.postedForm
        let viewer = context.person
        let page = web.page(request, context)
        var model = try await tokensPage(viewer)
        model.form = TokensSettingsPage.Form(name: submitted["name"] ?? "", readOnly: submitted["read_only"] != nil)
        guard let name = model.checkedName(page.language) else {
            return web.html(TokensSettingsPageView.render(page, model), .unprocessableContent)
        }
        let before = Set(model.tokens.map(\.id))
        let secret = try await store.createAPIToken(person: viewer.id, name: name, readOnly: model.form.readOnly)
        var made = try await tokensPage(viewer)
        // The store hands back the secret alone; its record is the one that was not there before.
        guard let record = made.tokens.filter({ !before.contains($0.id) }).max(by: { $0.createdAt < $1.createdAt })
        else { throw HTTPError(.internalServerError) }
        made.created = TokensSettingsPage.Created(secret: secret, record: record)
        var response = web.html(TokensSettingsPageView.render(page, made), .created)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Revokes one of the caller's own tokens; anyone else's, or one already revoked, is not found.
    func revokeToken(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let id = try context.parameters.require("id")
        guard let token = try await store.apiTokens(person: viewer.id).first(where: { $0.id == id }),
            !token.isRevoked
        else { throw HTTPError(.notFound) }
        try await store.revokeAPIToken(id: token.id, actor: viewer.id)
        return .redirect(to: Route.tokens.path, type: .normal)
    }

    private func tokensPage(_ viewer: Person) async throws -> TokensSettingsPage {
        let timeZone = try await store.settings()?.timeZone ?? "Asia/Ho_Chi_Minh"
        return TokensSettingsPage(
            tokens: try await store.apiTokens(person: viewer.id), viewer: viewer, timeZone: timeZone)
    }

    // MARK: Answers and forms

    /// A form an admin posts: read, its CSRF token checked, its sender signed in and an admin — or the answer
    /// that says why not (to sign in, or 403).
    enum AdminForm {
        case ready(PageForm, Person, Page)
        case refused(Response)

        /// The refusal to send back; read only when the form is refused (`guard case .ready … else`).
        var answer: Response {
            guard case .refused(let response) = self else { preconditionFailure("a ready form has no refusal") }
            return response
        }
    }

    func adminForm(_ request: Request, _ context: SignedInContext) async throws -> AdminForm {
        let submitted = context.postedForm
        let viewer = context.person
        let page = web.page(request, context)
        guard viewer.role == .admin else { throw PageError.forbidden(.adminForbidden) }
        return .ready(submitted, viewer, page)
    }

}
