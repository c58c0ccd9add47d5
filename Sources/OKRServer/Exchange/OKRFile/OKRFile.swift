import Foundation
import OKRCore
import Yams

/// An OKR file: one cycle's objectives and key results written in YAML, read without any server or database
/// (`okra lint`, `okra score`). The format is documented in `docs/okr-file.md`.
///
/// Reading is strict where a wrong value would change a number (every number, date and kind is checked, and
/// the core's own validation runs on every value) and lenient elsewhere (unknown fields are ignored).
public struct OKRFile {
    /// The path as given, used in messages.
    public let path: String
    public let cycle: Cycle
    /// Weekends, the Vietnamese public holidays and the file's own `holidays`.
    public let calendar: WorkingCalendar
    /// In the order of the file.
    public let objectives: [OKRFileObjective]

    /// Reads and parses the file at `path`.
    public static func read(_ path: String) throws(OKRFileError) -> OKRFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw OKRFileError(
                file: path, line: nil, field: nil,
                reason: LocalizedText(vi: "không đọc được tệp", en: "cannot read the file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw OKRFileError(
                file: path, line: nil, field: nil,
                reason: LocalizedText(vi: "tệp không phải văn bản UTF-8", en: "the file is not UTF-8 text"))
        }
        return try parse(text, file: path)
    }

    /// Parses the YAML `text`; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(OKRFileError) -> OKRFile {
        let root = try compose(text, file: file)
        let cycleNode = try root.required("cycle")
        var rules = StatusRules()
        if let policyNode = try root.field("policy") {
            let name = try policyNode.text()
            guard let policy = StatusPolicy.named(name) else {
                throw policyNode.problem(
                    "phải là một trong: ratio | gap | weakest", "must be one of: ratio | gap | weakest")
            }
            rules.policy = policy
        }
        let cycle = try readCycle(cycleNode, rules: rules)
        let holidays = try root.field("holidays")?.items().map { node throws(OKRFileError) in try node.day() } ?? []
        let objectiveNodes = try root.required("objectives").items()
        let ids = try objectiveIDs(objectiveNodes)
        let objectives = try objectiveNodes.enumerated().map { index, node throws(OKRFileError) in
            try OKRFileObjective.read(node, index: index, cycle: cycle, known: ids)
        }
        try rejectAlignmentLoops(objectives, nodes: objectiveNodes, file: file)
        return OKRFile(
            path: file, cycle: cycle, calendar: WorkingCalendar(extraHolidays: Set(holidays)), objectives: objectives)
    }

    /// The KRs complete enough to be scored, in file order.
    public var keyResults: [KeyResult] { objectives.flatMap(\.keyResults).compactMap(\.keyResult) }

    /// The core's scorecard of the file on `day`, with each KR's last check-in and the grades written in the
    /// file. Throws at the first KR that is still a draft (no kind, start or target): it has no score.
    public func scorecard(at day: Day) throws(OKRFileError) -> Scorecard {
        let entries = objectives.flatMap(\.keyResults)
        if let incomplete = entries.lazy.compactMap(\.incomplete).first { throw incomplete }
        var lastCheckIns: [KeyResultID: Day] = [:]
        var grades: [KeyResultID: KeyResultGrade] = [:]
        for entry in entries {
            guard let id = entry.keyResult?.id else { continue }
            lastCheckIns[id] = entry.lastCheckIn
            grades[id] = entry.grade
        }
        do {
            return try Scorecard(
                cycle: cycle, objectives: objectives.map(\.objective), keyResults: keyResults,
                lastCheckIns: lastCheckIns, grades: grades, today: day, calendar: calendar)
        } catch {
            throw OKRFileError(file: path, line: nil, field: nil, domain: error)
        }
    }

    // MARK: Reading

    private static func compose(_ text: String, file: String) throws(OKRFileError) -> OKRFileNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw OKRFileError(
                file: file, line: nil, field: nil,
                reason: LocalizedText(vi: "YAML không hợp lệ: \(error)", en: "invalid YAML: \(error)"))
        }
        guard let node, node.mapping != nil else {
            throw OKRFileError(
                file: file, line: node?.mark?.line, field: nil,
                reason: LocalizedText(
                    vi: "tệp phải là một bảng có cycle và objectives",
                    en: "the file must be a mapping with cycle and objectives"))
        }
        return OKRFileNode(node: node, path: "", file: file)
    }

    private static func syntaxError(_ error: YamlError, file: String) -> OKRFileError {
        let line: Int?
        let problem: String
        switch error {
        case .scanner(_, let what, let mark, _), .parser(_, let what, let mark, _), .composer(_, let what, let mark, _):
            line = mark.line
            problem = what
        case .duplicatedKeysInMapping(let duplicates, let context):
            return OKRFileError(
                file: file, line: context.mark.line, field: duplicates.joined(separator: ", "),
                reason: LocalizedText(vi: "khóa bị lặp lại", en: "duplicate key"))
        default:
            line = nil
            problem = "\(error)"
        }
        return OKRFileError(
            file: file, line: line, field: nil,
            reason: LocalizedText(vi: "YAML không hợp lệ: \(problem)", en: "invalid YAML: \(problem)"))
    }

    private static func readCycle(_ node: OKRFileNode, rules: StatusRules) throws(OKRFileError) -> Cycle {
        let name = try node.required("name").text()
        let start = try node.required("start").day()
        let end = try node.required("end").day()
        let state = try node.field("state")?.choice(Cycle.State.self) ?? .active
        let slug = name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: "-")
        do {
            return try Cycle(
                id: CycleID(slug.isEmpty ? "cycle" : slug), name: name, start: start, end: end, state: state,
                statusRules: rules)
        } catch {
            throw node.placing(error)
        }
    }

    /// Every objective's id, checked for duplicates, so `parent` can refer to objectives written later.
    private static func objectiveIDs(_ nodes: [OKRFileNode]) throws(OKRFileError) -> Set<String> {
        var ids = Set<String>()
        for node in nodes {
            let idNode = try node.required("id")
            let id = try idNode.text().trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw idNode.problem("không được để trống", "must not be empty") }
            guard ids.insert(id).inserted else {
                throw idNode.problem("bị trùng: \(id)", "is a duplicate: \(id)")
            }
        }
        return ids
    }

    /// The core refuses alignment links that loop; the error is placed at the `parent` of the first objective
    /// in the loop.
    private static func rejectAlignmentLoops(
        _ objectives: [OKRFileObjective], nodes: [OKRFileNode], file: String
    ) throws(OKRFileError) {
        do {
            _ = try Alignment(
                objectives: objectives.map(\.objective),
                keyResults: objectives.flatMap(\.keyResults).compactMap(\.keyResult))
        } catch {
            var at = nodes.first
            if case .alignmentCycle(let path) = error, let first = path.first,
                let index = objectives.firstIndex(where: { $0.objective.id.rawValue == first })
            {
                at = nodes[index]
            }
            guard let at else { throw OKRFileError(file: file, line: nil, field: nil, domain: error) }
            throw at.placing(error)
        }
    }
}
