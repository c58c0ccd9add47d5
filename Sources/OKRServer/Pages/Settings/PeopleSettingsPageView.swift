import OKRCore

/// Renders the people settings: a table of everyone (it scrolls sideways on a phone), and for admins the form to
/// add a person below it, or the form of one person on their own page.
enum PeopleSettingsPageView {
    static func render(_ page: Page, _ model: PeopleSettingsPage, saved: Bool = false, flash: String? = nil) -> String {
        if let editing = model.editing { return renderEditor(page, model, editing.value) }
        let title = page.t(.adminPeopleTitle)
        return SettingsNav.frame(page, title: title, current: .settingsPeople) { html in
            if saved { html.element("p", [("class", "saved"), ("role", "status")], text: page.t(.adminSaved)) }
            if let flash { html.element("p", [("class", "saved"), ("role", "status"), ("id", "flash")], text: flash) }
            html.element("p", [("class", "muted")], text: page.t(model.mayEdit ? .adminPeopleLead : .adminReadOnly))
            html.element("section", [("class", "card"), ("aria-labelledby", "people-h")]) { html in
                html.element("h2", [("id", "people-h")], text: page.t(.adminEveryone, ["count": "\(model.rows.count)"]))
                table(page, model, &html)
            }
            guard model.mayEdit else { return }
            html.element("section", [("class", "card"), ("aria-labelledby", "new-person-h")]) { html in
                html.element("h2", [("id", "new-person-h")], text: page.t(.adminNewPerson))
                form(page, model, action: .settingsPeople, &html)
            }
        }
    }

    static func renderEditor(_ page: Page, _ model: PeopleSettingsPage, _ person: Person) -> String {
        let title = page.t(.adminEditPerson, ["name": person.name])
        return SettingsNav.frame(page, title: title, current: .settingsPeople) { html in
            html.element("p") { html in
                html.element("a", [("href", Route.settingsPeople.path)], text: page.t(.adminBackToPeople))
            }
            html.element("section", [("class", "card")]) { html in
                form(page, model, action: .settingsPerson(.id(person.id)), &html)
            }
            if !model.editingSelf {
                if person.isActive { resetLink(page, person, &html) }
                leaving(page, model, person, &html)
            }
        }
    }

    /// A link to set a new password, e-mailed to the person (or shown here when the server sends no e-mail).
    static func resetLink(_ page: Page, _ person: Person, _ html: inout HTML) {
        html.element("section", [("class", "card"), ("aria-labelledby", "reset-h")]) { html in
            html.element("h2", [("id", "reset-h")], text: page.t(.password))
            html.element(
                "form", [("method", "post"), ("action", Route.resetLink(.id(person.id)).path)]
            ) { html in
                Layout.csrfField(page, &html)
                html.element(
                    "button", [("type", "submit"), ("id", "send-reset-link")], text: page.t(.passwordResetAdminSend))
            }
        }
    }

    static func reactivate(_ page: Page, _ id: PersonID, _ html: inout HTML) {
        html.element("form", [("method", "post"), ("action", Route.reactivatePerson(.id(id)).path)]) { html in
            Layout.csrfField(page, &html)
            html.element("button", [("type", "submit"), ("id", "reactivate")], text: page.t(.leaverReactivate))
        }
    }

    /// Deactivating someone who left, with whom to hand their open OKRs to; or bringing them back.
    static func leaving(_ page: Page, _ model: PeopleSettingsPage, _ person: Person, _ html: inout HTML) {
        html.element("section", [("class", "card"), ("aria-labelledby", "leaving-h"), ("id", "leaving")]) { html in
            html.element("h2", [("id", "leaving-h")], text: page.t(.leaverTitle))
            let id = person.id
            guard person.isActive else {
                html.element("p", [("id", "deactivated-note")], text: page.t(.leaverDeactivatedNote))
                reactivate(page, id, &html)
                return
            }
            html.element("p", [("class", "muted")], text: page.t(.leaverLead))
            html.element(
                "form",
                [
                    ("method", "post"), ("action", Route.deactivatePerson(.id(id)).path),
                    ("class", "editor settings-form"),
                ]
            ) { html in
                Layout.csrfField(page, &html)
                let heirs = model.rows.map(\.person).filter { $0.isActive && $0.id != person.id }
                SettingsControls.select(
                    id: "hand_over_to", label: page.t(.leaverHandOver),
                    choices: [.init(value: "", label: page.t(.leaverNobody))]
                        + heirs.map { .init(value: $0.id.rawValue, label: "\($0.name) (\($0.email))") },
                    chosen: "", error: model.errors["hand_over_to"], hint: page.t(.leaverHandOverHint), &html)
                html.element("button", [("type", "submit"), ("id", "deactivate"), ("class", "danger")]) { html in
                    html.text(page.t(.leaverDeactivate, ["name": person.name]))
                }
            }
        }
    }

    static func table(_ page: Page, _ model: PeopleSettingsPage, _ html: inout HTML) {
        html.element("div", [("class", "table-scroll")]) { html in
            html.element("table", [("class", "history people")]) { html in
                html.element("thead") { html in
                    html.element("tr") { html in
                        for key in [StringKey.adminName, .email, .adminRole, .adminTeams, .adminLanguage] {
                            html.element("th", [("scope", "col")], text: page.t(key))
                        }
                        if model.mayEdit {
                            html.element("th", [("scope", "col")]) { html in
                                html.element("span", [("class", "visually-hidden")], text: page.t(.adminEdit))
                            }
                        }
                    }
                }
                html.element("tbody") { html in
                    for row in model.rows { self.row(page, row, mayEdit: model.mayEdit, &html) }
                }
            }
        }
    }

    static func row(_ page: Page, _ row: PeopleSettingsPage.Row, mayEdit: Bool, _ html: inout HTML) {
        let person = row.person
        html.element(
            "tr", [("id", "person-\(person.id.rawValue)"), ("class", person.isActive ? nil : "deactivated")]
        ) { html in
            html.element("th", [("scope", "row")]) { html in
                html.text(person.name)
                if !person.isActive {
                    html.text(" ")
                    html.element("span", [("class", "badge")], text: page.t(.leaverBadge))
                }
            }
            html.element("td", text: person.email)
            html.element(
                "td", [("class", "role"), ("data-role", person.role.rawValue)], text: roleLabel(page, person.role))
            html.element("td") { html in
                var parts = row.teams
                parts += row.leads.map { page.t(.adminLeadOf, ["team": $0]) }
                html.text(parts.isEmpty ? "—" : parts.joined(separator: ", "))
            }
            html.element("td", text: person.language.map { languageLabel(page, $0) } ?? page.t(.adminLanguageUnset))
            if mayEdit {
                html.element("td") { html in
                    html.element(
                        "a",
                        [
                            ("id", "edit-person-\(person.id.rawValue)"),
                            ("href", Route.settingsPerson(.id(person.id)).path),
                            ("aria-label", page.t(.adminEditPerson, ["name": person.name])),
                        ], text: page.t(.adminEdit))
                }
            }
        }
    }

    static func form(_ page: Page, _ model: PeopleSettingsPage, action: Route, _ html: inout HTML) {
        let errors = model.errors
        let form = model.form
        SettingsControls.notice(model.notice, invalid: !errors.isEmpty, page, &html)
        html.element("form", [("method", "post"), ("action", action.path), ("class", "editor settings-form")]) { html in
            Layout.csrfField(page, &html)
            if model.editing != nil {
                html.open("input", [("type", "hidden"), ("name", "version"), ("value", form.version)])
            }
            html.element("fieldset", [("class", "person-fields")]) { html in
                html.element("legend", text: page.t(.adminPersonDetails))
                SettingsControls.text(
                    id: "name", label: page.t(.adminName), value: form.name, error: errors["name"], required: true,
                    maxLength: 200, autocomplete: "off", &html)
                SettingsControls.text(
                    id: "email", label: page.t(.email), value: form.email, error: errors["email"], type: "email",
                    required: true, maxLength: 254, autocomplete: "off", &html)
                SettingsControls.select(
                    id: "role", label: page.t(.adminRole),
                    choices: Role.allCases.reversed().map { .init(value: $0.rawValue, label: roleLabel(page, $0)) },
                    chosen: form.role, error: errors["role"], hint: page.t(.adminRoleHint), &html)
                SettingsControls.select(
                    id: "language", label: page.t(.adminLanguage),
                    choices: [.init(value: "", label: page.t(.adminLanguageUnset))]
                        + Language.allCases.map { .init(value: $0.rawValue, label: languageLabel(page, $0)) },
                    chosen: form.language, error: errors["language"], &html)
                SettingsControls.text(
                    id: "password", label: page.t(model.editing == nil ? .adminPassword : .adminNewPassword),
                    value: "", error: errors["password"],
                    hint: page.t(model.editing == nil ? .adminPasswordHint : .adminNewPasswordHint), type: "password",
                    maxLength: 200, autocomplete: "new-password", &html)
                if model.editingSelf {
                    SettingsControls.text(
                        id: "current_password", label: page.t(.adminCurrentPassword), value: "",
                        error: errors["current_password"], hint: page.t(.adminCurrentPasswordHint),
                        type: "password", maxLength: 200, autocomplete: "current-password", &html)
                }
            }
            SettingsControls.checkboxes(
                name: "teams", legend: page.t(.adminTeams),
                choices: model.teams.map { entry in
                    .init(
                        value: entry.team.id.rawValue,
                        label: String(repeating: "— ", count: entry.depth) + entry.team.name.text(page.language))
                }, chosen: form.teams, error: errors["teams"], &html)
            html.element("button", [("type", "submit"), ("id", "save-person"), ("class", "primary")]) { html in
                html.text(page.t(model.editing == nil ? .adminAddPerson : .adminSave))
            }
        }
    }

    static func roleLabel(_ page: Page, _ role: Role) -> String {
        switch role {
        case .admin: return page.t(.adminRoleAdmin)
        case .lead: return page.t(.adminRoleLead)
        case .member: return page.t(.adminRoleMember)
        case .viewer: return page.t(.adminRoleViewer)
        }
    }

    static func languageLabel(_ page: Page, _ language: Language) -> String {
        language == .vi ? "Tiếng Việt" : "English"
    }
}
