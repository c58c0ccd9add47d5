import Foundation
import OKRCore
import Yams

/// The OKR file (`docs/okr-file.md`) of an export, one YAML document per cycle: what `okra lint` and `okra score`
/// read, and `okra import okrs` reads back. Each objective's `id` is its id in Okra, its `parent` the id of the first
/// objective it aligns to (the file holds one parent), and each KR's `current` and `last_check_in` come from its
/// latest check-in; the check-in history itself travels in JSON and XLSX.
enum OKRFileWriter {
    static func yaml(_ exchange: OKRExchange) -> String {
        let documents = exchange.cycles.map { cycle in
            document(cycle, objectives: exchange.objectives.filter { $0.cycle == cycle.name })
        }
        return documents.compactMap { try? Yams.serialize(node: $0, allowUnicode: true, sortKeys: false) }
            .joined(separator: "---\n")
    }

    private static func document(_ cycle: OKRExchange.Cycle, objectives: [OKRExchange.Objective]) -> Node {
        var cycleFields: [(Node, Node)] = [
            ("name", Node(cycle.name)), ("start", plain(cycle.start.iso)), ("end", plain(cycle.end.iso)),
        ]
        if cycle.state != .active { cycleFields.append(("state", plain(cycle.state.rawValue))) }
        return mapping([
            ("cycle", mapping(cycleFields)),
            ("objectives", .sequence(.init(objectives.map(objective)))),
        ])
    }

    private static func objective(_ objective: OKRExchange.Objective) -> Node {
        var fields: [(Node, Node)] = [("id", Node(objective.id ?? "")), ("title", Node(objective.title))]
        if let en = objective.titleEn { fields.append(("title_en", Node(en))) }
        if let description = objective.description { fields.append(("description", Node(description))) }
        fields.append(("owner", Node(objective.owner)))
        fields.append(("kind", plain(objective.kind.rawValue)))
        fields.append(("state", plain(objective.state.rawValue)))
        if let parent = objective.parents.first {
            fields.append(("parent", Node(parent.objective)))
            if parent.weight != 1 { fields.append(("weight", plain(OKRSheet.number(parent.weight)))) }
        }
        if objective.progressSource != .keyResults {
            fields.append(("progress_source", plain(objective.progressSource.rawValue)))
        }
        fields.append(("key_results", .sequence(.init(objective.keyResults.map(keyResult)))))
        return mapping(fields)
    }

    private static func keyResult(_ keyResult: OKRExchange.KeyResult) -> Node {
        var fields: [(Node, Node)] = [("title", Node(keyResult.title))]
        if let en = keyResult.titleEn { fields.append(("title_en", Node(en))) }
        fields.append(("kind", plain(keyResult.kind.rawValue)))
        for (name, value) in [
            ("start", keyResult.start), ("target", keyResult.target), ("target_high", keyResult.targetHigh),
        ] {
            if let value { fields.append((Node(name), plain(OKRSheet.number(value)))) }
        }
        if keyResult.unit != .number { fields.append(("unit", Node(keyResult.unit.description))) }
        if keyResult.weight != 1 { fields.append(("weight", plain(OKRSheet.number(keyResult.weight)))) }
        if let latest = keyResult.checkIns.max(by: { ($0.day, $0.recordedAt) < ($1.day, $1.recordedAt) }) {
            fields.append(("current", plain(OKRSheet.number(latest.value))))
            if let confidence = latest.confidence { fields.append(("confidence", plain(String(confidence)))) }
            fields.append(("last_check_in", plain(latest.day.iso)))
        }
        if !keyResult.initiatives.isEmpty {
            fields.append(("initiatives", .sequence(.init(keyResult.initiatives.map { Node($0.title) }))))
        }
        return mapping(fields)
    }

    private static func mapping(_ pairs: [(Node, Node)]) -> Node { .mapping(.init(pairs)) }

    /// A number, date or word written as it is (a string `Node` of the same text would be quoted).
    private static func plain(_ text: String) -> Node { .scalar(.init(text, .implicit, .plain)) }
}
