import Foundation
import OKRCore

/// Renders the alignment map: the server-drawn SVG tree (a title and words on every node, never colour alone),
/// then the company → teams → people outline. Company and team objectives are always listed; each team's people
/// sit in a `<details>` that starts closed. In a large cycle the people of a team are sent only once asked for,
/// through a link (`?team=<id>`) that works without JavaScript and opens that team on arrival.
enum AlignmentMapView {
    static func render(_ page: Page, _ map: AlignmentMap) -> String {
        let opened = openedTeams(page.path)
        return Layout.render(page, title: page.t(.mapTitle)) { html in
            html.element("div", [("class", "pagehead")]) { html in
                html.element("h1", text: page.t(.mapTitle) + " — " + map.cycle.name)
            }
            html.element("p", [("class", "muted")], text: page.t(.mapLead))
            html.element("section", [("class", "map")]) { html in
                svg(page, map, &html)
                if !map.peopleInline {
                    html.element(
                        "p", [("class", "muted")], text: page.t(.mapPeopleNotDrawn, ["count": "\(map.objectiveCount)"]))
                }
            }
            html.element("section", [("class", "map-tree card"), ("aria-labelledby", "map-teams")]) { html in
                html.element("h2", [("id", "map-teams")], text: page.t(.mapTeams))
                html.element("button", [("type", "button"), ("data-expand-all", "")], text: page.t(.mapExpandAll))
                html.element("ul", [("class", "map-teams")]) { html in
                    for team in map.teams {
                        self.team(page, team, inline: map.peopleInline, opened: opened.contains(team.id), &html)
                    }
                }
            }
        }
    }

    static func team(_ page: Page, _ team: AlignmentMap.TeamGroup, inline: Bool, opened: Bool, _ html: inout HTML) {
        html.element("li", [("class", "map-team"), ("id", team.id)]) { html in
            html.element("h3") { html in
                // The section's id is `team-<team id>`: the team's page.
                if team.id.hasPrefix("team-") {
                    html.element(
                        "a", [("href", Route.team(.id(.init(String(team.id.dropFirst("team-".count))))).path)],
                        text: team.name)
                } else {
                    html.text(team.name)
                }
            }
            health(page, team, &html)
            OverviewView.folded(page, title: team.name, team.folded, &html)
            if !team.objectives.isEmpty {
                html.element("ul", [("class", "map-entries")]) { html in
                    for entry in team.objectives { self.entry(page, entry, &html) }
                }
            }
            guard !team.people.isEmpty else { return }
            html.element("details", [("class", "map-people"), ("open", opened ? "" : nil)]) { html in
                html.element(
                    "summary",
                    text: page.t(
                        .mapPeople, ["people": "\(team.people.count)", "count": "\(team.peopleObjectiveCount)"]))
                guard inline || opened else {
                    html.element(
                        "a", [("class", "map-show-people"), ("href", teamLink(page.path, team.id))],
                        text: page.t(.mapShowPeople, ["people": "\(team.people.count)"]))
                    return
                }
                html.element("ul", [("class", "map-persons")]) { html in
                    for person in team.people {
                        html.element("li", [("class", "map-person")]) { html in
                            html.element(
                                "a", [("class", "map-person-name"), ("href", Route.person(.id(person.id)).path)],
                                text: person.name)
                            html.element("ul", [("class", "map-entries")]) { html in
                                for entry in person.objectives { self.entry(page, entry, &html) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// "5 objectives: 3 on track · 2 at risk", with a stacked bar of the same counts (the words carry it).
    static func health(_ page: Page, _ team: AlignmentMap.TeamGroup, _ html: inout HTML) {
        let counts = Status.allCases.compactMap { status in team.health[status].map { (status, $0) } }
        html.element("p", [("class", "map-health")]) { html in
            let total = max(1, team.objectiveCount)
            html.open(
                "svg",
                [
                    ("class", "map-stack"), ("width", "120"), ("height", "10"), ("viewBox", "0 0 120 10"),
                    ("aria-hidden", "true"), ("focusable", "false"),
                ])
            var x = 0
            for (status, count) in counts {
                let width = count * 120 / total
                html.open(
                    "rect",
                    [("x", "\(x)"), ("width", "\(width)"), ("height", "10"), ("fill", stroke(status))])
                html.close("rect")
                x += width
            }
            html.close("svg")
            let words = counts.map { "\($0.1) \($0.0.label.text(page.language))" }.joined(separator: " · ")
            html.text(" " + page.t(.mapObjectivesCount, ["count": "\(team.objectiveCount)"]) + ": " + words)
        }
    }

    /// One objective as a line: its title (a link), a small server-drawn bar, the percentage and the status in
    /// words.
    static func entry(_ page: Page, _ entry: AlignmentMap.Entry, _ html: inout HTML) {
        html.element("li", [("class", "map-entry s-\(entry.status.rawValue)")]) { html in
            html.element("a", [("href", Route.objective(.id(entry.id)).path)], text: entry.title)
            html.raw(" ")
            let width = NumberText.format(entry.progress.clampedToUnit * 60, .en, places: 1, trimZeros: true)
            html.open(
                "svg",
                [
                    ("class", "map-bar"), ("width", "60"), ("height", "8"), ("viewBox", "0 0 60 8"),
                    ("aria-hidden", "true"), ("focusable", "false"),
                ])
            html.open("rect", [("class", "track"), ("width", "60"), ("height", "8"), ("rx", "2")])
            html.close("rect")
            html.open("rect", [("width", width), ("height", "8"), ("rx", "2"), ("fill", stroke(entry.status))])
            html.close("rect")
            html.close("svg")
            html.text(" \(page.percent(entry.progress)) · ")
            html.element("span", [("class", "map-status")], text: entry.status.label.text(page.language))
            if entry.aligned > 0 {
                html.element(
                    "span", [("class", "muted")], text: " (" + page.t(.mapChildren, ["count": "\(entry.aligned)"]) + ")"
                )
            }
        }
    }

    static func svg(_ page: Page, _ map: AlignmentMap, _ html: inout HTML) {
        let position = Dictionary(map.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        html.open(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(map.width) \(map.height)"),
                ("role", "img"), ("aria-labelledby", "map-title"),
            ])
        html.element("title", [("id", "map-title")], text: page.t(.mapTitle) + " — " + map.cycle.name)
        for edge in map.edges {
            guard let from = position[edge.from], let to = position[edge.to] else { continue }
            let x1 = 10 + from.depth * AlignmentMap.columnWidth + AlignmentMap.boxWidth
            let y1 = 10 + from.row * AlignmentMap.rowHeight + AlignmentMap.boxHeight / 2
            let x2 = 10 + to.depth * AlignmentMap.columnWidth
            let y2 = 10 + to.row * AlignmentMap.rowHeight + AlignmentMap.boxHeight / 2
            let mid = (x1 + x2) / 2
            html.open(
                "path",
                [
                    ("class", "edge"), ("d", "M\(x1),\(y1) C\(mid),\(y1) \(mid),\(y2) \(x2),\(y2)"),
                    ("stroke-dasharray", edge.primary ? nil : "4 3"),
                ])
            html.close("path")
        }
        for node in map.nodes {
            let x = 10 + node.depth * AlignmentMap.columnWidth
            let y = 10 + node.row * AlignmentMap.rowHeight
            html.element("g", [("class", "node s-\(node.status.rawValue)"), ("transform", "translate(\(x),\(y))")]) {
                html in
                html.element("title", text: "\(node.title) — \(node.owner)")
                html.open(
                    "rect",
                    [
                        ("width", "\(AlignmentMap.boxWidth)"), ("height", "\(AlignmentMap.boxHeight)"), ("rx", "8"),
                        ("fill", fill(node.status)),
                    ])
                html.close("rect")
                html.element("text", [("x", "8"), ("y", "19")], text: shortened(node.title, 40))
                html.element(
                    "text", [("x", "8"), ("y", "38")],
                    text:
                        "\(page.percent(node.progress)) · \(node.status.label.text(page.language)) · \(shortened(node.owner, 18))"
                )
            }
        }
        html.close("svg")
    }

    /// The teams whose people were asked for: every `team=` of the page's query.
    static func openedTeams(_ path: String) -> Set<String> {
        Set((URLComponents(string: path)?.queryItems ?? []).filter { $0.name == "team" }.compactMap(\.value))
    }

    /// The same page (its cycle kept) with `team` opened, landing on it.
    static func teamLink(_ path: String, _ team: String) -> String {
        var components = URLComponents(string: path) ?? URLComponents()
        var items = (components.queryItems ?? []).filter { $0.name != "team" || $0.value == team }
        if !items.contains(where: { $0.name == "team" }) { items.append(URLQueryItem(name: "team", value: team)) }
        components.queryItems = items
        components.fragment = team
        return (components.path.isEmpty ? Route.map.path : components.path) + "?"
            + (components.percentEncodedQuery ?? "")
            + "#" + team
    }

    static func fill(_ status: Status) -> String {
        switch status {
        case .onTrack: return "#dafbe1"
        case .atRisk: return "#fff1c2"
        case .offTrack: return "#ffe1e1"
        case .done: return "#ddf4ff"
        case .notStarted: return "#eaeef2"
        }
    }

    /// Darker tones for the small bars, which are read against white.
    static func stroke(_ status: Status) -> String {
        switch status {
        case .onTrack: return "#1a7f37"
        case .atRisk: return "#9a6700"
        case .offTrack: return "#cf222e"
        case .done: return "#0969da"
        case .notStarted: return "#6e7781"
        }
    }

    static func shortened(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
