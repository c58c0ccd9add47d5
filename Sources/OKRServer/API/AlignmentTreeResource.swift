import Foundation
import OKRCore
import OKRStore

/// The alignment tree of a cycle as one caller may see it: company objectives at the top, the team and personal
/// objectives aligned under them with their link weights, each with the numbers of the cycle's `Scorecard`.
///
/// The report holds only the objectives the caller may see, so a private objective is absent everywhere — as a
/// node, as a parent (what was aligned under it starts a tree of its own) and in `counts` and `progress`.
struct AlignmentTreeResource: Encodable, Sendable {
    let cycle: CycleResource
    /// The day the numbers are for.
    let day: Day
    /// The whole cycle's progress, each visible objective counted once however many parents it has.
    let progress: Decimal
    let counts: Counts
    let roots: [Node]

    /// How many visible objectives stand at each status, each counted once.
    struct Counts: Encodable, Sendable {
        let notStarted: Int
        let offTrack: Int
        let atRisk: Int
        let onTrack: Int
        let done: Int
        let total: Int

        init(_ statuses: [Status]) {
            notStarted = statuses.filter { $0 == .notStarted }.count
            offTrack = statuses.filter { $0 == .offTrack }.count
            atRisk = statuses.filter { $0 == .atRisk }.count
            onTrack = statuses.filter { $0 == .onTrack }.count
            done = statuses.filter { $0 == .done }.count
            total = statuses.count
        }

        static let schema = Schema.object([
            .required("not_started", .integer(minimum: 0, maximum: nil)),
            .required("off_track", .integer(minimum: 0, maximum: nil)),
            .required("at_risk", .integer(minimum: 0, maximum: nil)),
            .required("on_track", .integer(minimum: 0, maximum: nil)),
            .required("done", .integer(minimum: 0, maximum: nil)),
            .required("total", .integer(minimum: 0, maximum: nil), "Visible objectives in the cycle."),
        ])
    }

    /// Where in the organization an objective sits, which orders siblings: company, team, person, then
    /// objectives still without an owner.
    enum Level: String, Sendable, CaseIterable, Encodable {
        case company, team, person, unowned

        init(_ owner: Owner?) {
            switch owner {
            case .company: self = .company
            case .team: self = .team
            case .person: self = .person
            case nil: self = .unowned
            }
        }

        var rank: Int { Level.allCases.firstIndex(of: self) ?? 0 }
    }

    /// One objective of the tree and what is aligned under it.
    struct Node: Encodable, Sendable {
        let id: String
        let title: String
        let titleEn: String?
        let owner: String?
        let level: Level
        let kind: String
        let state: String
        let visibility: String
        let progress: Decimal
        let expected: Decimal
        let status: String
        /// The objective's grade, once the cycle is closed (from the saved KR grades).
        let grade: Decimal?
        /// How much of its parent this objective carries; absent at the top of a tree.
        let weight: Decimal?
        let children: [Node]

        static let schema = Schema.object([
            .required("id", .string), .required("title", .string, "In Vietnamese."), .optional("title_en", .string),
            .optional("owner", .string, "`company`, `team:<id>` or `person:<id>`."),
            .required("level", .values(of: Level.self)),
            .required("kind", .values(of: Objective.Kind.self)),
            .required("state", .values(of: Objective.State.self)),
            .required("visibility", .values(of: Objective.Visibility.self)),
            .required("progress", .number, "0 to 1, as the objective's own body shows it."),
            .required("expected", .number, "Where it should be on `day`, 0 to 1."),
            .required("status", .values(of: Status.self)),
            .optional("grade", .number(minimum: 0, maximum: 1), "Once the cycle is closed."),
            .optional("weight", .number, "The link's weight under the parent; absent at the top."),
            .required("children", .array(.ref("AlignmentNode")), "Aligned under this objective or one of its KRs."),
        ])
    }

    init(_ report: CycleReport) {
        let graded = report.cycle.state == .closed
        let visible = report.visible
        let shown = Set(visible.map(\.value.id))
        let objectives = Dictionary(visible.map { ($0.value.id, $0.value) }, uniquingKeysWith: { a, _ in a })
        let scorecard = report.snapshot.scorecard
        func order(_ ids: [ObjectiveID]) -> [ObjectiveID] {
            ids.compactMap { id in objectives[id].map { (id, Level($0.owner).rank) } }
                .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
        }
        // The alignment refuses loops, so the recursion ends; a child aligned twice appears under each parent.
        func node(_ id: ObjectiveID, weight: Decimal?) -> Node? {
            guard let objective = objectives[id], let score = report.score(id) else { return nil }
            var weights: [ObjectiveID: Decimal] = [:]
            for child in report.snapshot.children(of: id)
            where shown.contains(child.child) && weights[child.child] == nil {
                weights[child.child] = child.weight
            }
            return Node(
                id: id.rawValue, title: objective.title.vi, titleEn: objective.title.en,
                owner: objective.owner?.description, level: Level(objective.owner), kind: objective.kind.rawValue,
                state: objective.state.rawValue, visibility: objective.visibility.rawValue,
                progress: score.progress.value.rounded(4), expected: score.expected.rounded(4),
                status: score.status.status.rawValue, grade: graded ? score.grade.value : nil, weight: weight,
                children: order(Array(weights.keys)).compactMap { node($0, weight: weights[$0]) })
        }
        cycle = CycleResource(report.versionedCycle)
        day = report.today
        let counted = visible.filter(\.value.countsInRollUp)
        progress = scorecard.meanProgress(counted.map(\.value.id)).rounded(4)
        counts = Counts(counted.compactMap { report.score($0.value.id)?.status.status })
        // A tree starts at every objective aligned to nothing the caller can see.
        let roots = shown.filter { !scorecard.parents(of: $0).contains(where: shown.contains) }
        self.roots = order(Array(roots)).compactMap { node($0, weight: nil) }
    }

    static let schema = Schema.object([
        .required("cycle", .ref("Cycle")),
        .required("day", .day, "The day the numbers are for (today in the organization's time zone)."),
        .required("progress", .number, "The cycle's progress, each objective counted once."),
        .required("counts", Counts.schema),
        .required("roots", .array(.ref("AlignmentNode")), "Objectives aligned to nothing the caller can see."),
    ])
}

// The tree's nodes write their JSON by hand (thousands of them in a large cycle); the same members as `Encodable`.
extension AlignmentTreeResource.Node: APIJSONWritable {
    func write(to out: inout JSONOut) {
        out.object { out in
            out.field("id", id)
            out.field("title", title)
            out.field("title_en", titleEn)
            out.field("owner", owner)
            out.field("level", level.rawValue)
            out.field("kind", kind)
            out.field("state", state)
            out.field("visibility", visibility)
            out.field("progress", progress)
            out.field("expected", expected)
            out.field("status", status)
            out.field("grade", grade)
            out.field("weight", weight)
            out.field("children", children)
        }
    }
}
