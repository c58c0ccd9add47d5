import Foundation

/// What we want to improve this cycle: qualitative, inspiring, not a project.
public struct Objective: Hashable, Sendable, Codable, Identifiable {
    public let id: ObjectiveID
    public var cycleID: CycleID
    public var title: LocalizedName
    /// The "why" of the objective.
    public var description: String?
    /// Company, team or person; nil while drafting (a quality check flags it).
    public var owner: Owner?
    public var kind: Kind
    public var state: State
    public var visibility: Visibility
    /// Where this objective aligns to, each with a contribution weight.
    public var parents: [AlignmentLink]
    /// What drives the objective's progress: its own KRs, its aligned children, or both.
    public var progressSource: ProgressSource

    /// Committed: the team knows how to get there, 100% is expected.
    /// Aspirational: may not reach 100%, but drives growth (0.7 counts as success).
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case committed, aspirational
    }

    /// draft → in review → published → closed, or archived from any state.
    public enum State: String, Sendable, Codable, CaseIterable {
        case draft
        case inReview = "in_review"
        case published, closed, archived
    }

    public enum Visibility: String, Sendable, Codable, CaseIterable {
        /// Everyone in the organization.
        case organization
        /// Only the owner, their team's leads and admins.
        case `private`
    }

    public enum ProgressSource: String, Sendable, Codable, CaseIterable {
        case keyResults = "key_results"
        case children
        case both
    }

    public init(
        id: ObjectiveID, cycleID: CycleID, title: LocalizedName, description: String? = nil, owner: Owner?,
        kind: Kind = .committed, state: State = .draft, visibility: Visibility = .organization,
        parents: [AlignmentLink] = [], progressSource: ProgressSource = .keyResults
    ) throws(DomainError) {
        self.id = id
        self.cycleID = cycleID
        self.title = title
        self.description = try Validate.optionalText(description, field: "description", max: 4000)
        self.owner = owner
        self.kind = kind
        self.state = state
        self.visibility = visibility
        if parents.contains(where: { $0.target == .objective(id) }) {
            throw .alignmentCycle(path: [id.rawValue, id.rawValue])
        }
        if Set(parents.map(\.target)).count != parents.count {
            throw .invalid(field: "parents", reason: .duplicate)
        }
        self.parents = parents
        self.progressSource = progressSource
    }

    /// Whether the objective counts in the progress, status, health and grade of what it aligns to: only a
    /// published objective (or one closed with its cycle) does. A draft or one in review is a proposal, an
    /// archived one is gone; both show beside their parent and move nothing.
    public var countsInRollUp: Bool { state == .published || state == .closed }

    /// The next state in the drafting workflow; every other move is refused.
    public func moved(to next: State) throws(DomainError) -> Objective {
        let allowed: [State: [State]] = [
            .draft: [.inReview, .published, .archived],
            .inReview: [.draft, .published, .archived],
            .published: [.closed, .archived, .inReview],
            .closed: [.archived, .published],
            .archived: [.draft],
        ]
        guard allowed[state, default: []].contains(next) else {
            throw .transitionNotAllowed(entity: "objective", from: state.rawValue, to: next.rawValue)
        }
        var copy = self
        copy.state = next
        return copy
    }
}

/// Who owns an objective, a key result or an initiative.
public enum Owner: Hashable, Sendable, Codable, CustomStringConvertible {
    case company
    case team(TeamID)
    case person(PersonID)

    /// `company`, `team:ID` or `person:ID`.
    public var description: String {
        switch self {
        case .company: return "company"
        case .team(let id): return "team:\(id)"
        case .person(let id): return "person:\(id)"
        }
    }

    public init?(_ text: String) {
        if text == "company" {
            self = .company
        } else if text.hasPrefix("team:"), text.count > 5 {
            self = .team(TeamID(String(text.dropFirst(5))))
        } else if text.hasPrefix("person:"), text.count > 7 {
            self = .person(PersonID(String(text.dropFirst(7))))
        } else {
            return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let owner = Owner(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "owner: \(text)"))
        }
        self = owner
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An objective's alignment to a parent objective or key result, with how much it contributes.
public struct AlignmentLink: Hashable, Sendable, Codable {
    public let target: Target
    public let weight: Decimal

    public enum Target: Hashable, Sendable, Codable {
        case objective(ObjectiveID)
        case keyResult(KeyResultID)
    }

    public init(to target: Target, weight: Decimal = 1) throws(DomainError) {
        self.target = target
        self.weight = try Validate.positive(weight, field: "weight")
    }
}
