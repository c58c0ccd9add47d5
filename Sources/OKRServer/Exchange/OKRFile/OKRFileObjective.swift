import Foundation
import OKRCore

/// One objective of an OKR file: the core's `Objective`, its key results, and where it was written.
public struct OKRFileObjective: Sendable {
    /// The id as written in the file (`mkt`); findings and JSON name the objective by it.
    public var id: String { objective.id.rawValue }
    /// The position in the file's `objectives` list, from 0.
    public let index: Int
    public let line: Int?
    public let objective: Objective
    /// The owner as written (`Marketing`), for display; the core sees `team:Marketing`.
    public let ownerName: String?
    /// In the order of the file.
    public let keyResults: [OKRFileKeyResult]

    /// Builds the objective at `index`; `known` holds every objective id of the file, for `parent`.
    static func read(
        _ node: OKRFileNode, index: Int, cycle: Cycle, known: Set<String>
    ) throws(OKRFileError) -> OKRFileObjective {
        let id = ObjectiveID(try node.required("id").text().trimmingCharacters(in: .whitespaces))
        let title = try node.required("title").text()
        let titleEn = try node.field("title_en")?.text()
        let description = try node.field("description")?.text()
        let ownerName = try node.field("owner")?.text().trimmingCharacters(in: .whitespaces)
        let kind = try node.field("kind")?.choice(Objective.Kind.self) ?? .committed
        let state = try node.field("state")?.choice(Objective.State.self) ?? .draft
        let source = try node.field("progress_source")?.choice(Objective.ProgressSource.self) ?? .keyResults
        var parents: [AlignmentLink] = []
        if let parentNode = try node.field("parent") {
            let parent = try parentNode.text().trimmingCharacters(in: .whitespaces)
            guard known.contains(parent) else {
                throw parentNode.problem(
                    "không có mục tiêu nào có id \(parent) trong tệp", "no objective in the file has the id \(parent)")
            }
            let weight = try node.field("weight")?.number() ?? 1
            do {
                parents.append(try AlignmentLink(to: .objective(ObjectiveID(parent)), weight: weight))
            } catch {
                throw node.placing(error)
            }
        }
        let objective: Objective
        do {
            objective = try Objective(
                id: id, cycleID: cycle.id, title: LocalizedName(vi: title, en: titleEn), description: description,
                owner: ownerName.flatMap(owner), kind: kind, state: state, parents: parents, progressSource: source)
        } catch {
            throw node.placing(error)
        }
        let keyResultNodes = try node.field("key_results")?.items() ?? []
        let keyResults = try keyResultNodes.enumerated().map { krIndex, krNode throws(OKRFileError) in
            try OKRFileKeyResult.read(krNode, index: krIndex, objectiveID: id, cycle: cycle)
        }
        return OKRFileObjective(
            index: index, line: node.line, objective: objective, ownerName: ownerName, keyResults: keyResults)
    }

    /// The objective as the quality checks read it, with each KR's initiatives counted.
    public var draft: QualityDraft {
        QualityDraft(
            title: objective.title.vi, titleEn: objective.title.en, owner: ownerName, kind: objective.kind,
            state: objective.state, keyResults: keyResults.map(\.draft))
    }

    /// `company`, `team:ID` and `person:ID` as the core reads them; any other name is a team's.
    private static func owner(_ name: String) -> Owner? {
        guard !name.isEmpty else { return nil }
        return Owner(name) ?? .team(TeamID(name))
    }
}
