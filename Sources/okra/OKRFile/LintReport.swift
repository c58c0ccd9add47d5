import Foundation
import OKRCore
import OKRServer

/// What `okra lint` prints: the core's quality findings for every objective of a file, each placed at the
/// line of the objective or KR it is about. The findings come only from `QualityCheck`.
struct LintReport {
    /// One finding with the objective it belongs to and where that element is written.
    struct Entry {
        let objective: OKRFileObjective
        let finding: QualityFinding
        let line: Int?

        /// The KR's index from 0, or nil for a finding about the objective itself.
        var keyResultIndex: Int? {
            if case .keyResult(let index) = finding.target { return index }
            return nil
        }
    }

    let file: OKRFile
    /// Objectives in file order; within one, the order `QualityCheck` gives (errors first).
    let entries: [Entry]

    init(file: OKRFile) {
        self.file = file
        var owners: [String: Int] = [:]
        for entry in file.objectives {
            guard let owner = entry.ownerName, !owner.isEmpty else { continue }
            owners[owner, default: 0] += 1
        }
        var entries: [Entry] = []
        for objective in file.objectives {
            let others = objective.ownerName.map { (owners[$0] ?? 1) - 1 } ?? 0
            let findings = QualityCheck.findings(
                for: objective.draft, context: QualityContext(otherObjectivesOfOwner: others))
            for finding in findings {
                var line = objective.line
                if case .keyResult(let index) = finding.target, objective.keyResults.indices.contains(index) {
                    line = objective.keyResults[index].line
                }
                entries.append(Entry(objective: objective, finding: finding, line: line))
            }
        }
        self.entries = entries
    }

    /// Whether any finding is an error: `okra lint` then exits with 1.
    var hasErrors: Bool { entries.contains { $0.finding.severity == .error } }

    // MARK: Text

    /// `okr.yaml:9: warning key_result_without_initiative: …` and the hint below, then a count.
    func text(_ language: Language) -> String {
        var lines: [String] = []
        for entry in entries {
            var place = file.path
            if let line = entry.line { place += ":\(line)" }
            var element = "[\(entry.objective.id)"
            if let index = entry.keyResultIndex { element += " KR\(index + 1)" }
            element += "]"
            lines.append(
                "\(place): \(severityName(entry.finding.severity, language)) \(entry.finding.code.rawValue) "
                    + "\(element) \(entry.finding.message.text(language))")
            lines.append("    → " + entry.finding.hint.text(language))
        }
        lines.append(summary(language))
        return lines.joined(separator: "\n")
    }

    private func summary(_ language: Language) -> String {
        let vi = language == .vi
        guard !entries.isEmpty else {
            return "\(file.path): " + (vi ? "không có vấn đề nào" : "no findings")
        }
        let counts = QualitySeverity.allCases.reversed().map { severity in
            (severity, entries.filter { $0.finding.severity == severity }.count)
        }
        let parts = counts.map { severity, count in
            switch (severity, vi) {
            case (.error, true): return "\(count) lỗi"
            case (.warning, true): return "\(count) cảnh báo"
            case (.info, true): return "\(count) lưu ý"
            case (.error, false): return count == 1 ? "1 error" : "\(count) errors"
            case (.warning, false): return count == 1 ? "1 warning" : "\(count) warnings"
            case (.info, false): return "\(count) info"
            }
        }
        return "\(file.path): " + parts.joined(separator: ", ")
    }

    private func severityName(_ severity: QualitySeverity, _ language: Language) -> String {
        guard language == .vi else { return severity.rawValue }
        switch severity {
        case .error: return "lỗi"
        case .warning: return "cảnh báo"
        case .info: return "lưu ý"
        }
    }

    // MARK: JSON

    /// `{"findings": [{"code", "severity", "objective", "key_result", "message", "hint", "line"}]}`, the
    /// message and hint in `language`.
    func json(_ language: Language) -> JSONValue {
        .object([
            .init(
                "findings",
                .array(
                    entries.map { entry in
                        .object([
                            .init("code", .string(entry.finding.code.rawValue)),
                            .init("severity", .string(entry.finding.severity.rawValue)),
                            .init("objective", .string(entry.objective.id)),
                            .init("key_result", entry.keyResultIndex.map(JSONValue.integer) ?? .null),
                            .init("message", .string(entry.finding.message.text(language))),
                            .init("hint", .string(entry.finding.hint.text(language))),
                            .init("line", entry.line.map(JSONValue.integer) ?? .null),
                        ])
                    }))
        ])
    }
}
