import Foundation
import OKRCore

/// The alignment of a cycle in the shape people look for it: the company, then every team, then the people of
/// each team. Two readings of the same objectives come out of one pass over the overview:
/// - `nodes` and `edges`, the alignment tree laid out left to right for the server-drawn SVG (company objectives
///   at the left, what aligns to them to the right; a child aligned under two parents is drawn once, under its
///   first parent, with a dashed edge to the other). Personal objectives are drawn only while the cycle is small
///   (`peopleInlineLimit`): at thousands of objectives the picture would be too large to read or to send.
/// - `teams`, the company → teams → people outline that stays readable at any size: company and team objectives
///   always listed, people's objectives grouped per person under their team and collapsed until asked for.
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

    /// One objective as a line of the outline.
    struct Entry: Sendable {
        let id: ObjectiveID
        let title: String
        let owner: String
        let progress: Decimal
        let status: Status
        /// How many objectives align to this one.
        let aligned: Int
    }

    /// One person of a team with their objectives.
    struct PersonGroup: Sendable {
        let id: PersonID
        let name: String
        let objectives: [Entry]
    }

    /// A team (the first one is the company itself) with its own objectives and its people's.
    struct TeamGroup: Sendable {
        /// The anchor and the value of `?team=`: the overview section's id, e.g. `team-marketing`.
        let id: String
        let name: String
        let objectives: [Entry]
        let people: [PersonGroup]
        /// How many of all its objectives (its own and its people's) are in each status.
        let health: [Status: Int]
        /// The teams right below it that are folded (a large cycle), each opened by a link.
        let folded: [Overview.TeamSummary]

        var peopleObjectiveCount: Int { people.reduce(0) { $0 + $1.objectives.count } }
        var objectiveCount: Int { objectives.count + peopleObjectiveCount }
    }

    let cycle: Cycle
    let nodes: [Node]
    let roots: [ObjectiveID]
    let edges: [Edge]
    let teams: [TeamGroup]
    /// Every visible objective of the cycle, at all levels.
    let objectiveCount: Int
    /// Whether people's objectives are in the SVG and listed in every team (a small cycle) or only in the teams
    /// someone opened (`?team=`).
    let peopleInline: Bool

    /// Up to this many objectives everything is drawn and listed; beyond, people's objectives are sent only for
    /// the teams opened. Three hundred lines of outline stay well under 150 kB of HTML.
    static let peopleInlineLimit = 300

    /// Past this many company and team objectives the teams are folded too: the company and its top-level teams
    /// are shown, and a team opens on request (`?open=<id>`).
    static let teamsInlineLimit = 300

    static func teamsFold(_ visible: [Objective]) -> Bool {
        visible.lazy.filter { !isPersonal($0) }.count > teamsInlineLimit
    }

    static let columnWidth = 300
    static let rowHeight = 62
    static let boxWidth = 270
    static let boxHeight = 50

    init(overview: Overview, language: Language) {
        cycle = overview.cycle
        let all = overview.sections.flatMap(\.objectives)
        objectiveCount = all.count
        peopleInline = all.count <= Self.peopleInlineLimit
        let aligned = Dictionary(all.map { ($0.objective.id, $0.childCount) }, uniquingKeysWith: { a, _ in a })
        let drawn = peopleInline ? all : all.filter { !Self.isPersonal($0.objective) }
        (nodes, roots, edges) = Self.layout(drawn, language: language)

        func entry(_ card: Overview.ObjectiveCard) -> Entry {
            Entry(
                id: card.objective.id, title: card.objective.title.text(language), owner: card.owner,
                progress: card.score.progress.value, status: card.score.status.status,
                aligned: aligned[card.objective.id] ?? 0)
        }
        teams = overview.sections.map { section in
            var own: [Entry] = []
            var people: [PersonID: PersonGroup] = [:]
            var order: [PersonID] = []
            var health: [Status: Int] = [:]
            for card in section.objectives {
                if card.objective.countsInRollUp { health[card.score.status.status, default: 0] += 1 }
                guard case .person(let person) = card.objective.owner else {
                    own.append(entry(card))
                    continue
                }
                if people[person] == nil { order.append(person) }
                let group = people[person] ?? PersonGroup(id: person, name: card.owner, objectives: [])
                people[person] = PersonGroup(
                    id: person, name: group.name, objectives: group.objectives + [entry(card)])
            }
            let groups = order.compactMap { people[$0] }.sorted {
                ($0.name.lowercased(), $0.objectives[0].id.rawValue) < (
                    $1.name.lowercased(), $1.objectives[0].id.rawValue
                )
            }
            return TeamGroup(
                id: section.id, name: section.title, objectives: own, people: groups, health: health,
                folded: section.folded)
        }
    }

    static func isPersonal(_ objective: Objective) -> Bool {
        if case .person = objective.owner { return true }
        return false
    }

    /// Places the cards as a tree: depth is the column, rows follow a depth-first walk from each root.
    private static func layout(_ cards: [Overview.ObjectiveCard], language: Language) -> (
        [Node], [ObjectiveID], [Edge]
    ) {
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
        // An alignment cycle (A under B under A) has no root; its objectives still get a place.
        for card in cards where !placed.contains(card.objective.id) {
            roots.append(card.objective.id)
            place(card.objective.id, depth: 0)
        }
        return (nodes, roots, edges)
    }

    var width: Int { ((nodes.map(\.depth).max() ?? 0) + 1) * Self.columnWidth + 20 }
    var height: Int { max(1, nodes.count) * Self.rowHeight + 20 }
}
