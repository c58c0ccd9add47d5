import Foundation
import Hummingbird
import NIOCore
import OKRCore
import OKRStore

/// The browser's routes for one objective: its page, the editor to create or change it with its KRs, the
/// live quality findings of the form as it stands, and comments. Permissions come from `Access` only.
struct ObjectiveController: Sendable {
    /// The web routes' plumbing (page, forms, CSRF, sign-in redirect), shared so every page does it one way.
    let web: PageKit

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.newObjective, use: newForm)
        routes.signedIn.post(.newObjective, use: create)
        routes.signedIn.post(.checkObjective, use: check)
        routes.signedIn.get(.objectiveOptions, use: options)
        routes.signedIn.get(.editObjective(.key), use: editForm)
        routes.signedIn.post(.editObjective(.key), use: update)
        routes.signedIn.get(.objective(.key), use: show)
        routes.signedIn.post(.objectiveComments(.key), use: comment)
        routes.signedIn.post(.retrospective(.key), use: writeRetrospective)
        routes.signedIn.post(.carryOver(.key), use: carryOver)
    }

    // MARK: The objective's page

    func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let (entry, report) = try await visibleObjective(try context.parameters.require("id"), viewer: viewer)
        guard
            let model = try await ObjectivePage.load(
                entry.value, report: report, store: store, viewer: viewer, language: page.language)
        else { throw HTTPError(.notFound) }
        let workflow = try await ObjectiveWorkflow.load(entry, report: report, viewer: viewer, store: store)
        // `?comment=<check-in id>`: a row's link, which opens that check-in's comment form.
        var comment = ObjectivePageView.CommentDraft()
        if let checkIn = request.uri.queryParameters.get("comment"), !checkIn.isEmpty {
            comment.form = .checkIn(CheckInID(checkIn))
        }
        return web.html(ObjectivePageView.render(page, model, comment: comment, workflow: workflow))
    }

    struct CommentForm: Decodable {
        let body: String?
        let question: String?
        /// `key_result:ID` or `check_in:ID` of this objective; absent or empty for the objective itself.
        let subject: String?
        /// The open question this answers, on the same subject.
        let answers: String?
    }

    /// Adds a comment, a question or an answer, on the objective, one of its KRs or one of their check-ins,
    /// through the same store call as the API; viewers may not. A subject that is not this objective's is not
    /// found; an answer to a question that is not open on that subject is refused next to its text box.
    func comment(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try context.decodeForm(CommentForm.self)
        let viewer = context.person
        let page = web.page(request, context)
        let (entry, report) = try await visibleObjective(try context.parameters.require("id"), viewer: viewer)
        let access = report.access
        guard access.canComment(on: entry.value) else { throw PageError.forbidden(.editorForbidden) }
        let named = form.subject ?? ""
        let subject: Comment.Subject
        if named.isEmpty {
            subject = .objective(entry.value.id)
        } else if named.hasPrefix("key_result:") {
            subject = .keyResult(KeyResultID(String(named.dropFirst("key_result:".count))))
        } else if named.hasPrefix("check_in:") {
            subject = .checkIn(CheckInID(String(named.dropFirst("check_in:".count))))
        } else {
            throw HTTPError(.notFound)
        }
        guard try await ObjectivePage.holds(subject, objective: entry.value, report: report, store: store) else {
            throw HTTPError(.notFound)
        }
        let question = form.answers.flatMap { $0.isEmpty ? nil : CommentID($0) }
        var draft = ObjectivePageView.CommentDraft(
            body: form.body ?? "", isQuestion: question == nil && form.question != nil)
        switch (subject, question) {
        case (_, let question?): draft.form = .answer(question, on: subject)
        case (.keyResult(let id), nil): draft.form = .keyResult(id)
        case (.checkIn(let id), nil): draft.form = .checkIn(id)
        default: draft.form = .objective
        }
        func failed(_ message: String) async throws -> Response {
            var failed = draft
            failed.error = message
            guard
                let model = try await ObjectivePage.load(
                    entry.value, report: report, store: store, viewer: viewer, language: page.language)
            else { throw HTTPError(.notFound) }
            return web.html(ObjectivePageView.render(page, model, comment: failed), .unprocessableContent)
        }
        if let refused = try await CommentPosting.add(
            draft, on: subject, answering: question, by: viewer, store: store, page: page, now: web.environment.now())
        {
            return try await failed(refused)
        }
        let anchor =
            switch subject {
            case .keyResult(let id): "kr-" + id.rawValue
            case .checkIn(let id): "checkin-" + id.rawValue
            case .objective, .weeklyUpdate, .directionBrief: "comments"
            }
        return Flash.commentAdded.redirect(to: Route.objective(.id(entry.value.id)).path + "#\(anchor)")
    }

    // MARK: The editor

    func newForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let query = request.uri.queryParameters
        guard let report = try await report(viewer, cycle: query["cycle"].map(String.init)) else {
            return noCycle(page)
        }
        let access = report.access
        guard access.canWrite else { throw PageError.forbidden(.editorForbidden) }
        var fields = [
            "kind": "committed", "visibility": "organization", "cycle": report.cycle.id.rawValue,
            "progress_source": Objective.ProgressSource.keyResults.rawValue,
        ]
        // Created from where one stands: `?owner=team:<id>` (a team page) and `?parent=<objective id>` (an
        // objective's "add an aligned objective"), each used only if allowed.
        if let parent = query["parent"].map(String.init), report.objective(ObjectiveID(parent)) != nil {
            fields["parent-0"] = ObjectiveEditor.parentValue(.objective(ObjectiveID(parent)))
            fields["weight-0"] = "1"
        }
        var editor = editor(page, report, access, mode: .creating, form: .init(fields: fields))
        let mine = Owner.person(viewer.id).description
        let asked = query["owner"].map(String.init)
        fields["owner"] =
            if let asked, editor.owners.contains(where: { $0.value == asked }) {
                asked
            } else if editor.owners.contains(where: { $0.value == mine }) { mine } else {
                editor.owners.first?.value ?? ""
            }
        for row in 0..<ObjectiveEditor.minimumRows { fields["kr-\(row)-kind"] = KeyResult.Kind.increase.rawValue }
        editor.form = .init(fields: fields)
        editor.findings = findings(editor, report, page.language)
        return web.html(ObjectiveEditorView.render(page, editor))
    }

    func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let fields = context.postedForm.fields
        let viewer = context.person
        let page = web.page(request, context)
        guard let report = try await report(viewer, cycle: fields["cycle"]) else { return noCycle(page) }
        let access = report.access
        guard access.canWrite else { throw PageError.forbidden(.editorForbidden) }
        var editor = editor(page, report, access, mode: .creating, form: .init(fields: fields))
        if let move = fields["move"], !move.isEmpty { return moved(page, editor, report, move) }
        if let template = fields["template"].flatMap(KeyResultTemplate.named) {
            return templated(page, editor, report, template)
        }
        guard
            let draft = editor.validate(
                page: page, access: access, cycles: report.cycles, objectiveID: ObjectiveID(NewID.make("o")),
                existing: nil, newID: { NewID.make("kr") })
        else { return failed(page, editor, report) }
        // The objective and its KRs commit together: a KR the store refuses saves nothing.
        let created: Versioned<Objective>
        do {
            created = try await saving(viewer).create(draft.change)
        } catch let error as StoreError {
            editor.notice = page.t(.editorStoreFailed, ["reason": error.description])
            return failed(page, editor, report)
        } catch let error as DomainError {
            // A link that cannot count (another cycle's parent, a loop), found when saving.
            editor.notice = error.message(page.language)
            return failed(page, editor, report)
        }
        return try await afterSave(created.value.id, then: fields["then"], viewer: viewer)
    }

    func editForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let (entry, report) = try await visibleObjective(try context.parameters.require("id"), viewer: viewer)
        let access = report.access
        guard access.canEdit(entry.value) else { throw PageError.forbidden(.editorForbidden) }
        let keyResults = report.keyResults(of: entry.value.id)
        let initiatives = storedInitiatives(report, keyResults.map(\.value))
        var form = ObjectiveEditor.fields(
            of: entry, keyResults: keyResults, initiatives: initiatives, language: page.language)
        for row in keyResults.count..<max(keyResults.count, ObjectiveEditor.minimumRows) {
            form.fields["kr-\(row)-kind"] = KeyResult.Kind.increase.rawValue
        }
        var editor = editor(
            page, report, access, mode: .editing(entry.value.id, state: entry.value.state), form: form)
        editor.stored = keyResults.map(\.value)
        editor.storedInitiatives = initiatives
        editor.findings = findings(editor, report, page.language)
        if request.uri.queryParameters["publish"] != nil, entry.value.state == .draft || entry.value.state == .inReview
        {
            let reasons = try await ObjectiveTransition(store: store).blockingReasons(entry.value, report: report)
            if !reasons.isEmpty { editor.publishBlocked = reasons }
        }
        return web.html(ObjectiveEditorView.render(page, editor))
    }

    func update(_ request: Request, context: SignedInContext) async throws -> Response {
        let fields = context.postedForm.fields
        let viewer = context.person
        let page = web.page(request, context)
        let (entry, report) = try await visibleObjective(try context.parameters.require("id"), viewer: viewer)
        let access = report.access
        guard access.canEdit(entry.value) else { throw PageError.forbidden(.editorForbidden) }
        var editor = editor(
            page, report, access, mode: .editing(entry.value.id, state: entry.value.state), form: .init(fields: fields))
        editor.stored = report.keyResults(of: entry.value.id).map(\.value)
        editor.storedInitiatives = storedInitiatives(report, editor.stored)
        if let move = fields["move"], !move.isEmpty { return moved(page, editor, report, move) }
        if let template = fields["template"].flatMap(KeyResultTemplate.named) {
            return templated(page, editor, report, template)
        }
        guard
            let draft = editor.validate(
                page: page, access: access, cycles: report.cycles, objectiveID: entry.value.id, existing: entry.value,
                newID: { NewID.make("kr") })
        else { return failed(page, editor, report) }
        do {
            // The objective, its KRs and the KRs removed commit together: a stale version anywhere saves nothing.
            let expectedVersion = Int(fields["version"] ?? "") ?? -1
            try await saving(viewer).update(draft.change, expectedVersion: expectedVersion)
        } catch StoreError.conflict {
            editor.notice = page.t(.editorConflict)
            return failed(page, editor, report, status: .conflict)
        } catch let error as StoreError {
            editor.notice = page.t(.editorStoreFailed, ["reason": error.description])
            return failed(page, editor, report)
        } catch let error as DomainError {
            editor.notice = error.message(page.language)
            return failed(page, editor, report)
        }
        return try await afterSave(entry.value.id, then: fields["then"], viewer: viewer)
    }

    /// After a save: the objective's page; or, for "save and submit" / "save and publish", the move made the way
    /// the objective page makes it — and when the publish gate holds, the editor again saying why, each reason
    /// linking to its field. The save stands either way.
    func afterSave(_ id: ObjectiveID, then: String?, viewer: Person) async throws -> Response {
        let page = Route.objective(.id(id)).path
        guard let then, !then.isEmpty else { return Flash.objectiveSaved.redirect(to: page) }
        guard let to = Objective.State(rawValue: then), to == .published || to == .inReview else {
            throw HTTPError(.badRequest, message: "then: expected in_review or published")
        }
        let (entry, report) = try await visibleObjective(id.rawValue, viewer: viewer)
        guard let moved = try? entry.value.moved(to: to), entry.value.state != to else {
            return Flash.objectiveSaved.redirect(to: page + "#workflow")
        }
        switch try await ObjectiveTransition(store: store).refusal(
            entry.value, becoming: moved, access: report.access, report: report)
        {
        case .blocked: return .redirect(to: Route.editObjective(.id(id)).path(["publish": to.rawValue]), type: .normal)
        case .forbidden: return Flash.objectiveSaved.redirect(to: page + "#workflow")
        case nil:
            do {
                _ = try await store.updateObjective(moved, expectedVersion: entry.version, actor: viewer.id)
            } catch StoreError.conflict {
                // Someone moved it meanwhile: its page shows where it now stands.
                return Flash.objectiveSaved.redirect(to: page + "#workflow")
            }
            return (to == .published ? Flash.objectivePublished : .objectiveSubmitted).redirect(to: page + "#workflow")
        }
    }

    /// The moves the editor offers as "save and …" buttons: publish for those who may, else submit for review.
    func moves(_ access: Access, mode: ObjectiveEditor.Mode, objective: Objective?) -> [Objective.State] {
        let mayLead = access.viewer.role == .admin || access.viewer.role == .lead
        switch mode {
        case .creating:
            return access.canWrite ? [mayLead ? .published : .inReview] : []
        case .editing(_, let state):
            guard let objective, state == .draft || state == .inReview else { return [] }
            if ObjectiveTransition.mayPublish(objective, access: access) { return [.published] }
            return state == .draft && access.canEdit(objective) ? [.inReview] : []
        }
    }

    /// The editor's save, as `viewer`, stamping initiatives with today.
    func saving(_ viewer: Person) async throws -> ObjectiveSaving {
        ObjectiveSaving(store: store, actor: viewer.id, today: try await web.environment.today(of: store))
    }

    /// The stored initiatives of each KR, for the editor's rows.
    func storedInitiatives(_ report: CycleReport, _ keyResults: [KeyResult]) -> [KeyResultID: [Versioned<Initiative>]] {
        var initiatives: [KeyResultID: [Versioned<Initiative>]] = [:]
        for keyResult in keyResults { initiatives[keyResult.id] = report.initiatives(of: keyResult.id) }
        return initiatives
    }

    /// `POST /objectives/check`: the findings section for the form as it stands, for okra.js to swap in.
    func check(_ request: Request, context: SignedInContext) async throws -> Response {
        let fields = context.postedForm.fields
        let viewer = context.person
        let page = web.page(request, context)
        var mode = ObjectiveEditor.Mode.creating
        var stored: [KeyResult] = []
        var cycle = fields["cycle"]
        if let id = fields["objective"], !id.isEmpty {
            let (entry, report) = try await visibleObjective(id, viewer: viewer)
            mode = .editing(entry.value.id, state: entry.value.state)
            stored = report.keyResults(of: entry.value.id).map(\.value)
            if cycle == nil { cycle = entry.value.cycleID.rawValue }
        }
        guard let report = try await report(viewer, cycle: cycle) else { return noCycle(page) }
        let access = report.access
        guard access.canWrite else { throw PageError.forbidden(.editorForbidden) }
        var editor = editor(page, report, access, mode: mode, form: .init(fields: fields))
        editor.stored = stored
        editor.storedInitiatives = storedInitiatives(report, stored)
        editor.findings = findings(editor, report, page.language)
        var html = HTML()
        ObjectiveEditorView.findingsSection(page, editor, &html)
        return web.html(html.finish())
    }

    // MARK: Loading

    /// The objective `id` with the report of its cycle, when the viewer may see it; 404 otherwise.
    func visibleObjective(_ id: String, viewer: Person) async throws -> (Versioned<Objective>, CycleReport) {
        let visible = Visible(store: store, viewer: viewer, environment: web.environment)
        guard let found = try await visible.objective(ObjectiveID(id)) else { throw HTTPError(.notFound) }
        return found
    }

    /// The report of `cycle` (the active one when absent or unknown); nil when no cycle exists yet.
    func report(_ viewer: Person, cycle: String?) async throws -> CycleReport? {
        try await web.report(viewer, cycle: cycle)
    }

    /// The editor for `form`, with the owners offered and the open cycles. The owners offered are bounded whatever
    /// the organization's size: the company, the teams, the viewer and the people of the viewer's teams, and the
    /// owner the form names; anyone else the viewer may assign is found with the owner search (`options`).
    func editor(
        _ page: Page, _ report: CycleReport, _ access: Access, mode: ObjectiveEditor.Mode, form: ObjectiveEditor.Form
    ) -> ObjectiveEditor {
        var candidates: [Owner] = [.company] + report.teams.filter { !$0.isCompany }.map { .team($0.id) }
        let mine = Set(access.viewer.teamIDs)
        for person in report.organization.activePeople
        where person.id == access.viewer.id || !mine.isDisjoint(with: person.teamIDs) {
            candidates.append(.person(person.id))
        }
        if let named = Owner(form["owner"]), !candidates.contains(named) { candidates.append(named) }
        let owners = candidates.filter { mayOwn($0, report, access, current: form["owner"]) }.map {
            ownerChoice(page, report, $0)
        }
        let cycles = report.cycles.filter { $0.state != .closed || $0.id.rawValue == form["cycle"] }.map {
            ObjectiveEditor.Choice(value: $0.id.rawValue, label: $0.name)
        }
        var editor = ObjectiveEditor(form: form, mode: mode, owners: owners, cycles: cycles)
        editor.parentChoices = parentChoices(page, report, access, form: form, mode: mode)
        (editor.keyResultOwners, editor.assignableKeyResultOwners) = keyResultOwners(page, report, access, form: form)
        editor.moves = moves(access, mode: mode, objective: mode.objectiveID.flatMap { report.objective($0)?.value })
        return editor
    }

    /// Who may answer for a KR, bounded like the owners: blank (the objective's owner), the viewer, the people of
    /// the viewer's teams and of the team that owns the objective, and whoever the form names; with those of them
    /// the viewer may give a KR to.
    func keyResultOwners(_ page: Page, _ report: CycleReport, _ access: Access, form: ObjectiveEditor.Form)
        -> ([ObjectiveEditor.Choice], Set<String>)
    {
        var teams = Set(access.viewer.teamIDs)
        if case .team(let id) = Owner(form["owner"]) { teams.insert(id) }
        var people = [access.viewer.id]
        for person in report.organization.activePeople
        where person.id != access.viewer.id && !teams.isDisjoint(with: person.teamIDs) {
            people.append(person.id)
        }
        for (key, value) in form.fields where key.hasPrefix("kr-") && key.hasSuffix("-owner") {
            if case .person(let id) = Owner(value), !people.contains(id), report.person(id) != nil {
                people.append(id)
            }
        }
        let choices =
            [ObjectiveEditor.Choice(value: "", label: page.t(.editorKrOwnerObjective))]
            + people.map { ObjectiveEditor.Choice(value: Owner.person($0).description, label: report.name($0)) }
        let assignable = Set(
            people.filter { report.person($0)?.isActive == true && access.mayAssign(.person($0)) }.map {
                Owner.person($0).description
            })
        return (choices, assignable)
    }

    /// Whether the viewer may give an objective of the cycle to `owner`: a team or a person that exists (someone
    /// who left only as the owner the objective already has), that the viewer may assign and then edit.
    func mayOwn(_ owner: Owner, _ report: CycleReport, _ access: Access, current: String) -> Bool {
        switch owner {
        case .company: break
        case .team(let id): guard report.team(id) != nil else { return false }
        case .person(let id):
            guard let person = report.person(id), person.isActive || current == owner.description else { return false }
        }
        guard access.mayAssign(owner),
            let probe = try? Objective(
                id: ObjectiveID("probe"), cycleID: report.cycle.id, title: LocalizedName(vi: "probe"), owner: owner)
        else { return false }
        return access.canEdit(probe)
    }

    func ownerChoice(_ page: Page, _ report: CycleReport, _ owner: Owner) -> ObjectiveEditor.Choice {
        let label =
            switch owner {
            case .company: page.t(.editorOwnerCompany)
            case .team(let id): page.t(.editorOwnerTeams) + ": " + (report.team(id)?.name.text(page.language) ?? "")
            case .person(let id): page.t(.editorOwnerPeople) + ": " + report.name(id)
            }
        return ObjectiveEditor.Choice(value: owner.description, label: label)
    }

    /// How many matches a search of owners or parents answers: enough to find one by a few letters of its name.
    static let searchLimit = 20

    /// `GET /objectives/options?for=owner|parent&q=…`: the `<option>`s matching `q` (folded: no diacritics, any
    /// case) that okra.js puts into the owner's or a parent's list. Owners are the teams and people the viewer may
    /// give an objective to; parents are the objectives and KRs of the cycle the viewer may see, but not the
    /// objective being edited (`objective=`).
    func options(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        let query = request.uri.queryParameters
        let words = Folding.fold(query["q"].map(String.init) ?? "")
        guard let report = try await report(viewer, cycle: query["cycle"].map(String.init)) else {
            throw HTTPError(.notFound)
        }
        let access = report.access
        guard access.canWrite else { throw PageError.forbidden(.errorForbidden) }
        func matches(_ text: String) -> Bool { words.isEmpty || Folding.fold(text).contains(words) }
        var choices: [ObjectiveEditor.Choice] = []
        switch query["for"].map(String.init) {
        case "owner":
            var owners: [Owner] = []
            if matches(page.t(.editorOwnerCompany)) { owners.append(.company) }
            for team in report.teams where !team.isCompany && matches(team.name.vi + " " + (team.name.en ?? "")) {
                owners.append(.team(team.id))
            }
            for person in report.organization.activePeople where matches(person.name + " " + person.email) {
                owners.append(.person(person.id))
            }
            for owner in owners where mayOwn(owner, report, access, current: "") {
                choices.append(ownerChoice(page, report, owner))
                if choices.count == Self.searchLimit { break }
            }
        case "parent":
            let own = query["objective"].map { ObjectiveID(String($0)) }
            for entry in report.visible where entry.value.id != own && entry.value.state != .archived {
                let objective = entry.value
                if matches(objective.title.vi + " " + (objective.title.en ?? "")) {
                    choices.append(parentChoice(page, report, objective))
                }
                for kr in report.keyResults(of: objective.id) where matches(kr.value.title.vi) {
                    choices.append(
                        .init(
                            value: ObjectiveEditor.parentValue(.keyResult(kr.value.id)),
                            label: page.t(.editorParentKeyResult) + ": " + kr.value.title.text(page.language)))
                }
                if choices.count >= Self.searchLimit { break }
            }
        default:
            throw HTTPError(.badRequest, message: "for: expected owner or parent")
        }
        var html = HTML()
        for choice in choices.prefix(Self.searchLimit) {
            html.element("option", [("value", choice.value)], text: choice.label)
        }
        return web.html(html.finish())
    }

    private func parentChoice(_ page: Page, _ report: CycleReport, _ objective: Objective) -> ObjectiveEditor.Choice {
        ObjectiveEditor.Choice(
            value: ObjectiveEditor.parentValue(.objective(objective.id)),
            label: ownerName(page, report, objective.owner) + ": " + objective.title.text(page.language))
    }

    /// What an objective may align to, bounded whatever the organization's size: the cycle's company objectives and
    /// the objectives of the teams the person belongs to and of the teams above them (the level above is where a
    /// team's or a person's objective aligns), the same in the longer cycles that hold this one (a quarter's
    /// objective aligns to its year's), and whatever the form already names, if the person may see it.
    func parentChoices(
        _ page: Page, _ report: CycleReport, _ access: Access, form: ObjectiveEditor.Form, mode: ObjectiveEditor.Mode
    ) -> [ObjectiveEditor.Choice] {
        var teams: [TeamID] = []
        for start in access.viewer.teamIDs {
            var next: TeamID? = start
            while let id = next, !teams.contains(id), let team = report.team(id) {
                teams.append(id)
                next = team.parentID
            }
        }
        var candidates = report.objectives(ownedBy: .company)
        for team in teams { candidates += report.objectives(ownedBy: .team(team)) }
        // The same owners' objectives in the longer cycles that hold this one (the year over its quarter).
        var longer: [(objective: Versioned<Objective>, cycle: Cycle)] = []
        for held in report.longer {
            for owner in [Owner.company] + teams.map({ .team($0) }) {
                for id in held.objectives(ownedBy: owner) {
                    guard let entry = held.objective(id), report.access.canSee(entry.value) else { continue }
                    longer.append((entry, held.cycle.value))
                }
            }
        }
        var seen = Set(candidates.map(\.value.id))
        var linkedKeyResults: [KeyResultID] = []
        for (key, value) in form.fields where key.hasPrefix("parent-") {
            if value.hasPrefix("objective:") {
                let id = ObjectiveID(String(value.dropFirst(10)))
                if !seen.contains(id), let entry = report.objective(id) {
                    candidates.append(entry)
                    seen.insert(id)
                } else if !seen.contains(id), !longer.contains(where: { $0.objective.value.id == id }),
                    let found = report.longerObjective(id)
                {
                    longer.append(found)
                }
            } else if value.hasPrefix("key_result:") {
                linkedKeyResults.append(KeyResultID(String(value.dropFirst(11))))
            }
        }
        let own = mode.objectiveID
        var choices = candidates.filter { $0.value.id != own && $0.value.state != .archived }.map {
            parentChoice(page, report, $0.value)
        }
        for (objective, cycle) in longer where objective.value.state != .archived {
            let choice = parentChoice(page, report, objective.value)
            choices.append(.init(value: choice.value, label: cycle.name + " · " + choice.label))
        }
        for id in linkedKeyResults.sorted() {
            guard let found = report.keyResult(id) ?? report.longerKeyResult(id).map({ ($0.keyResult, $0.objective) })
            else { continue }
            choices.append(
                .init(
                    value: ObjectiveEditor.parentValue(.keyResult(id)),
                    label: page.t(.editorParentKeyResult) + ": " + found.keyResult.value.title.text(page.language)))
        }
        return choices
    }

    private func ownerName(_ page: Page, _ report: CycleReport, _ owner: Owner?) -> String {
        switch owner {
        case .company: return page.t(.editorOwnerCompany)
        case .team(let id): return report.team(id)?.name.text(page.language) ?? id.rawValue
        case .person(let id): return report.name(id)
        case nil: return "—"
        }
    }

    /// The findings of the editor's form, with how many other objectives its owner has in the cycle.
    func findings(_ editor: ObjectiveEditor, _ report: CycleReport, _ language: Language) -> [QualityFinding] {
        var initiatives: [KeyResultID: Int] = [:]
        for keyResult in editor.stored {
            initiatives[keyResult.id] =
                report.initiatives(of: keyResult.id).filter { $0.value.state != .dropped }.count
        }
        let owner = editor.form["owner"]
        var others =
            Owner(owner).map { report.objectiveCount(of: $0) } ?? (owner.isEmpty ? report.objectiveCount(of: nil) : 0)
        if let id = editor.objectiveID,
            let stored = report.snapshot.objective(id)?.value,
            stored.owner?.description == owner
        {
            others -= 1
        }
        return QualityCheck.findings(
            for: editor.qualityDraft(initiatives: initiatives, language: language),
            context: QualityContext(
                otherObjectivesOfOwner: others, maxObjectivesPerOwner: report.settings?.maxObjectivesPerOwner ?? 5))
    }

    // MARK: Answers

    func failed(
        _ page: Page, _ editor: ObjectiveEditor, _ report: CycleReport,
        status: HTTPResponse.Status = .unprocessableContent
    ) -> Response {
        var editor = editor
        editor.findings = findings(editor, report, page.language)
        return web.html(ObjectiveEditorView.render(page, editor), status)
    }

    /// The editor again with one KR row moved up or down, nothing saved.
    func moved(_ page: Page, _ editor: ObjectiveEditor, _ report: CycleReport, _ move: String) -> Response {
        var editor = editor
        editor.form = editor.form.moving(move)
        editor.findings = findings(editor, report, page.language)
        return web.html(ObjectiveEditorView.render(page, editor))
    }

    /// After a template button: the form with the template in an empty KR row, nothing saved.
    func templated(
        _ page: Page, _ editor: ObjectiveEditor, _ report: CycleReport, _ template: KeyResultTemplate
    ) -> Response {
        var editor = editor
        editor.form = editor.form.applying(template, page)
        editor.findings = findings(editor, report, page.language)
        return web.html(ObjectiveEditorView.render(page, editor))
    }

    func noCycle(_ page: Page) -> Response {
        web.html(Layout.render(page, title: page.t(.editorNewTitle)) { $0.element("p", text: page.t(.editorNoCycle)) })
    }
}
