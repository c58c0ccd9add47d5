import OKRCore

/// Renders the teams settings: the tree as nested lists (readable without styles, printable), and for admins
/// the form to add a team below the tree, or the form of one team on its own page.
enum TeamsSettingsPageView {
    static func render(_ page: Page, _ model: TeamsSettingsPage, saved: Bool = false) -> String {
        if let editing = model.editing { return renderEditor(page, model, editing.value) }
        let title = page.t(.adminTeamsTitle)
        return SettingsNav.frame(page, title: title, current: .settingsTeams) { html in
            if saved { html.element("p", [("class", "saved"), ("role", "status")], text: page.t(.adminSaved)) }
            html.element("p", [("class", "muted")], text: page.t(model.mayEdit ? .adminTeamsLead : .adminReadOnly))
            html.element("section", [("class", "card"), ("aria-labelledby", "team-tree-h")]) { html in
                html.element("h2", [("id", "team-tree-h")], text: page.t(.adminTeamTree))
                tree(page, model, &html)
            }
            guard model.mayEdit else { return }
            html.element("section", [("class", "card"), ("aria-labelledby", "new-team-h")]) { html in
                html.element("h2", [("id", "new-team-h")], text: page.t(.adminNewTeam))
                form(page, model, action: .settingsTeams, &html)
            }
        }
    }

    static func renderEditor(_ page: Page, _ model: TeamsSettingsPage, _ team: Team) -> String {
        let title = page.t(.adminEditTeam, ["name": team.name.text(page.language)])
        return SettingsNav.frame(page, title: title, current: .settingsTeams) { html in
            html.element("p") { html in
                html.element("a", [("href", Route.settingsTeams.path)], text: page.t(.adminBackToTeams))
            }
            html.element("section", [("class", "card")]) { html in
                form(page, model, action: .settingsTeam(.id(team.id)), &html)
            }
        }
    }

    /// The tree as nested `<ul>`s built from the rows' depths.
    static func tree(_ page: Page, _ model: TeamsSettingsPage, _ html: inout HTML) {
        var open = 0
        html.open("ul", [("class", "team-tree")])
        for (index, row) in model.rows.enumerated() {
            if index > 0 {
                if row.depth > open {
                    html.open("ul")
                } else {
                    html.close("li")
                    for _ in row.depth..<open { html.raw("</ul></li>") }
                }
            }
            open = row.depth
            let team = row.team
            html.open("li", [("id", "team-\(team.id.rawValue)")])
            html.element("a", [("class", "team-name"), ("href", Route.team(.id(team.id)).path)]) { html in
                html.text(team.name.text(page.language))
            }
            html.element("span", [("class", "team-facts muted")]) { html in
                let leads = row.leads.isEmpty ? page.t(.adminNoLead) : row.leads.joined(separator: ", ")
                html.text(" · " + page.t(.adminLeads) + ": " + leads)
                html.text(" · " + page.t(.adminMemberCount, ["count": String(team.memberIDs.count)]))
            }
            if model.mayEdit {
                html.text(" ")
                html.element(
                    "a",
                    [
                        ("class", "edit-team"), ("id", "edit-team-\(team.id.rawValue)"),
                        ("href", Route.settingsTeam(.id(team.id)).path),
                        ("aria-label", page.t(.adminEditTeam, ["name": team.name.text(page.language)])),
                    ],
                    text: page.t(.adminEdit)
                )
            }
        }
        if !model.rows.isEmpty {
            html.close("li")
            for _ in 0..<open { html.raw("</ul></li>") }
        }
        html.close("ul")
        if model.rows.isEmpty { html.element("p", [("class", "muted")], text: page.t(.adminNoTeams)) }
    }

    static func form(_ page: Page, _ model: TeamsSettingsPage, action: Route, _ html: inout HTML) {
        let errors = model.errors
        SettingsControls.notice(model.notice, invalid: !errors.isEmpty, page, &html)
        html.element("form", [("method", "post"), ("action", action.path), ("class", "editor settings-form")]) { html in
            Layout.csrfField(page, &html)
            if model.editing != nil {
                html.open("input", [("type", "hidden"), ("name", "version"), ("value", model.form.version)])
            }
            html.element("fieldset", [("class", "team-fields")]) { html in
                html.element("legend", text: page.t(.adminTeamDetails))
                SettingsControls.text(
                    id: "name", label: page.t(.adminTeamName), value: model.form.name, error: errors["name"],
                    required: true, &html)
                SettingsControls.text(
                    id: "name_en", label: page.t(.adminTeamNameEn), value: model.form.nameEn, error: errors["name_en"],
                    &html)
                if model.isRoot {
                    html.element("p", [("class", "muted")], text: page.t(.adminTeamIsRoot))
                } else {
                    let choices = model.parentChoices.map { row in
                        SettingsControls.Choice(
                            value: row.team.id.rawValue,
                            label: String(repeating: "— ", count: row.depth) + row.team.name.text(page.language))
                    }
                    SettingsControls.select(
                        id: "parent", label: page.t(.adminTeamParent), choices: choices, chosen: model.form.parent,
                        error: errors["parent"], &html)
                }
            }
            let people = model.people.map { SettingsControls.Choice(value: $0.id.rawValue, label: $0.name) }
            SettingsControls.checkboxes(
                name: "leads", legend: page.t(.adminLeads), choices: people, chosen: model.form.leads,
                error: errors["leads"], &html)
            SettingsControls.checkboxes(
                name: "members", legend: page.t(.adminMembers), choices: people, chosen: model.form.members,
                error: errors["members"], &html)
            html.element("button", [("type", "submit"), ("id", "save-team"), ("class", "primary")]) { html in
                html.text(page.t(model.editing == nil ? .adminAddTeam : .adminSave))
            }
        }
    }
}
