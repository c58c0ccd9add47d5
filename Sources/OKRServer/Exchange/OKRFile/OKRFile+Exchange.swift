import Foundation
import OKRCore

extension OKRFile {
    /// The file's OKRs as `okra import okrs` brings them in: each objective matched by its owner and title (the
    /// file's ids are its own names, not Okra's), its owner by name (`company`, a team's path or name, `team:ID`,
    /// `person:ID`), its parent by the parent's title. The
    /// file's `current` values are not check-ins (a check-in has an author and a day): they stay in the file.
    /// Throws at the first KR still missing its kind, start or target: it cannot be stored.
    public func exchange() throws(OKRFileError) -> OKRExchange {
        let titles = Dictionary(
            self.objectives.map { ($0.objective.id, $0.objective.title.vi) }, uniquingKeysWith: { a, _ in a })
        var objectives: [OKRExchange.Objective] = []
        for entry in self.objectives {
            let objective = entry.objective
            var keyResults: [OKRExchange.KeyResult] = []
            for item in entry.keyResults {
                if let incomplete = item.incomplete { throw incomplete }
                guard let keyResult = item.keyResult else { continue }
                keyResults.append(
                    OKRExchange.KeyResult(
                        id: nil, title: keyResult.title.vi, titleEn: keyResult.title.en, kind: keyResult.kind,
                        unit: keyResult.unit, start: keyResult.start, target: keyResult.target,
                        targetHigh: keyResult.targetHigh, weight: keyResult.weight,
                        initiatives: item.initiatives.map {
                            OKRExchange.Initiative(
                                id: nil, title: $0, state: .planned, link: nil, due: nil, row: item.line)
                        },
                        checkIns: [], row: item.line))
            }
            objectives.append(
                OKRExchange.Objective(
                    id: nil, cycle: cycle.name, title: objective.title.vi,
                    titleEn: objective.title.en, description: objective.description,
                    owner: entry.ownerName ?? "", kind: objective.kind, state: objective.state,
                    visibility: objective.visibility, progressSource: objective.progressSource,
                    parents: objective.parents.compactMap { link in
                        guard case .objective(let parent) = link.target else { return nil }
                        return OKRExchange.Parent(objective: titles[parent] ?? parent.rawValue, weight: link.weight)
                    },
                    keyResults: keyResults, row: entry.line))
        }
        return OKRExchange(
            cycles: [.init(name: cycle.name, start: cycle.start, end: cycle.end, state: cycle.state)],
            objectives: objectives)
    }
}
