import Foundation
import OKRCore

/// The alignment of a cycle as a tree laid out left to right: company objectives at the left, the team and
/// personal objectives aligned to them to the right, each node coloured by status and labelled with its
/// progress and status in words. A child aligned under two parents is drawn once, under its first parent,
/// with a dashed edge to the other.
struct AlignmentMap: Sendable {
    struct Node: Sendable {
        let id: ObjectiveID
        let title: String
        let owner: String
        let progress: Decimal
        let status: Status
        let depth: Int
        let row: Int
        let children: [ObjectiveID]
    }

    struct Edge: Sendable {
        let from: ObjectiveID
        let to: ObjectiveID
        let primary: Bool
    }

    let cycle: Cycle
    let nodes: [Node]
    let roots: [ObjectiveID]
    let edges: [Edge]

    static let columnWidth = 300
    static let rowHeight = 62
    static let boxWidth = 270
    static let boxHeight = 50

    init(overview: Overview, language: Language) {
        cycle = overview.cycle
        let cards = overview.sections.flatMap(\.objectives)
        let byID = Dictionary(cards.map { ($0.objective.id, $0) }, uniquingKeysWith: { a, _ in a })
        let krOwner = Dictionary(
            cards.flatMap { card in card.keyResults.map { ($0.keyResult.id, card.objective.id) } },
            uniquingKeysWith: { a, _ in a })
        func parents(of card: Overview.ObjectiveCard) -> [ObjectiveID] {
            card.objective.parents.compactMap { link in
                switch link.target {
                case .objective(let id): return byID[id] == nil ? nil : id
                case .keyResult(let id): return krOwner[id]
                }
            }
        }
        var primaryChildren: [ObjectiveID: [ObjectiveID]] = [:]
        var edges: [Edge] = []
        var roots: [ObjectiveID] = []
        for card in cards {
            let ps = parents(of: card)
            if let first = ps.first {
                primaryChildren[first, default: []].append(card.objective.id)
                edges.append(Edge(from: first, to: card.objective.id, primary: true))
                for other in ps.dropFirst() where other != first {
                    edges.append(Edge(from: other, to: card.objective.id, primary: false))
                }
            } else {
                roots.append(card.objective.id)
            }
        }
        var nodes: [Node] = []
        var row = 0
        var placed = Set<ObjectiveID>()
        func place(_ id: ObjectiveID, depth: Int) {
            guard let card = byID[id], placed.insert(id).inserted else { return }
            let children = primaryChildren[id] ?? []
            nodes.append(
                Node(
                    id: id, title: card.objective.title.text(language), owner: card.owner,
                    progress: card.score.progress.value, status: card.score.status.status, depth: depth, row: row,
                    children: children))
            row += 1
            for child in children { place(child, depth: depth + 1) }
        }
        for root in roots { place(root, depth: 0) }
        self.nodes = nodes
        self.roots = roots
        self.edges = edges
    }

    var width: Int { ((nodes.map(\.depth).max() ?? 0) + 1) * Self.columnWidth + 20 }
    var height: Int { max(1, nodes.count) * Self.rowHeight + 20 }
}

/// Renders the map as server-drawn SVG (with a title and text on every node) and, below it, the same tree as
/// nested collapsible lists for keyboards and screen readers. Team and personal levels start collapsed.
enum AlignmentMapView {
    static func render(_ page: Page, _ map: AlignmentMap) -> String {
        Layout.render(page, title: page.t(.mapTitle)) { html in
            html.element("div", [("class", "pagehead")]) { html in
                html.element("h1", text: page.t(.mapTitle) + " — " + map.cycle.name)
            }
            html.element("p", [("class", "muted")], text: page.t(.mapLead))
            html.element("section", [("class", "map")]) { html in
                svg(page, map, &html)
            }
            html.element("section", [("class", "map-tree card")]) { html in
                html.element("button", [("type", "button"), ("data-expand-all", "")], text: page.t(.mapExpandAll))
                let byID = Dictionary(map.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                html.element("ul") { html in
                    for root in map.roots { if let node = byID[root] { tree(page, node, byID, &html) } }
                }
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

    static func tree(
        _ page: Page, _ node: AlignmentMap.Node, _ nodes: [ObjectiveID: AlignmentMap.Node], _ html: inout HTML
    ) {
        html.element("li") { html in
            let label =
                "\(node.title) — \(node.owner) · \(page.percent(node.progress)) · \(node.status.label.text(page.language))"
            if node.children.isEmpty {
                html.element("a", [("href", "/objectives/\(node.id.rawValue)")], text: label)
                return
            }
            html.element("details", [("open", node.depth == 0 ? "" : nil)]) { html in
                html.element("summary") { html in
                    html.text(label)
                    html.element(
                        "span", [("class", "muted")],
                        text: " (" + page.t(.mapChildren, ["count": "\(node.children.count)"]) + ")")
                }
                html.element(
                    "a", [("class", "open-objective"), ("href", "/objectives/\(node.id.rawValue)")], text: node.title)
                html.element("ul") { html in
                    for child in node.children { if let c = nodes[child] { tree(page, c, nodes, &html) } }
                }
            }
        }
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

    static func shortened(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
