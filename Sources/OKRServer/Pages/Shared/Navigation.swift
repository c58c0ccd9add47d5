import Foundation
import OKRCore

/// The links that make the organization navigable: every team and person shown is a link to its page, and pages
/// say where they sit (company → team → objective).
enum Navigation {
    /// The page of an owner: the company page, a team's page, a person's page.
    static func href(of owner: Owner?) -> String? {
        switch owner {
        case .company: return Route.company.path
        case .team(let id): return Route.team(.id(id)).path
        case .person(let id): return Route.person(.id(id)).path
        case nil: return nil
        }
    }

    /// An owner's name as a link to its page (the name alone when there is none).
    /// A person carries their initials avatar in front of the name.
    static func ownerLink(_ owner: Owner?, name: String, _ html: inout HTML) {
        if case .person = owner, let href = href(of: owner) {
            html.element("a", [("class", "owner person"), ("href", href)]) { html in
                Avatar.render(name, &html)
                html.element("span", [("class", "person-name")], text: name)
            }
        } else if let href = href(of: owner) {
            html.element("a", [("class", "owner"), ("href", href)], text: name)
        } else {
            html.element("span", [("class", "owner")], text: name)
        }
    }

    static func teamLink(_ page: Page, _ team: Team, _ html: inout HTML) {
        html.element("a", [("href", Route.team(.id(team.id)).path)], text: team.name.text(page.language))
    }

    static func personLink(_ id: PersonID, name: String, _ html: inout HTML) {
        html.element("a", [("href", Route.person(.id(id)).path)], text: name)
    }

    /// Where a page sits, from the company down; the last step is the page itself.
    static func breadcrumbs(_ page: Page, _ trail: [(label: String, href: String?)], _ html: inout HTML) {
        html.element("nav", [("class", "breadcrumbs"), ("aria-label", page.t(.breadcrumbs))]) { html in
            html.element("ol") { html in
                for (index, step) in trail.enumerated() {
                    html.element("li") { html in
                        if let href = step.href, index < trail.count - 1 {
                            html.element("a", [("href", href)], text: step.label)
                        } else {
                            html.element("span", [("aria-current", "page")], text: step.label)
                        }
                    }
                }
            }
        }
    }

    /// The company, then the teams from the top down to `team` (included).
    static func trail(to team: TeamID?, _ report: CycleReport, _ language: Language) -> [(label: String, href: String?)]
    {
        var teams: [Team] = []
        var next = team
        while let id = next, let found = report.team(id), !teams.contains(where: { $0.id == id }) {
            teams.insert(found, at: 0)
            next = found.parentID
        }
        let company = report.organization.company
        var trail: [(label: String, href: String?)] = [
            (company?.name.text(language) ?? Strings.shipped.text(.navCompany, language), Route.company.path)
        ]
        for found in teams where !found.isCompany {
            trail.append((found.name.text(language), Route.team(.id(found.id)).path))
        }
        return trail
    }
}
