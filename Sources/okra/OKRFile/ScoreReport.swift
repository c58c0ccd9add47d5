import Foundation
import OKRCore
import OKRServer

/// What `okra score` prints: for every objective and KR of a file, the progress, expected progress, status
/// and grade on a day, each with its explanation. Every number is read from the core's `Scorecard`; this type
/// only lays them out, as text in one language or as JSON.
struct ScoreReport {
    let file: OKRFile
    let day: Day
    let scorecard: Scorecard

    /// Scores `file` on `day`; throws when a KR is still a draft (no kind, start or target).
    init(file: OKRFile, at day: Day) throws(OKRFileError) {
        self.file = file
        self.day = day
        self.scorecard = try file.scorecard(at: day)
    }

    // MARK: Text

    func text(_ language: Language) -> String {
        let vi = language == .vi
        let cycle = file.cycle
        let line = ExpectedProgress.at(day, in: cycle, calendar: file.calendar)
        var lines = [
            "\(file.path) — \(cycle.name) (\(cycle.start.iso) → \(cycle.end.iso)), "
                + (vi ? "ngày \(day.iso) · chính sách " : "at \(day.iso) · policy ")
                + cycle.statusRules.policy.name,
            (vi ? "Tiến độ kỳ vọng theo ngày làm việc: " : "Expected progress by working days: ")
                + "\(Percent.text(line.value, language)) (\(line.explanation.text(language)))",
        ]
        for entry in file.objectives {
            guard let score = scorecard.objectives[entry.objective.id] else { continue }
            lines.append("")
            lines.append("[\(entry.id)] \(entry.objective.title.text(language))")
            var about = [kindName(entry.objective.kind, language)]
            if let owner = entry.ownerName { about.insert(owner, at: 0) }
            lines.append("  " + about.joined(separator: " · "))
            lines.append(
                "  "
                    + figures(
                        progress: score.progress.value, expected: score.expected, status: score.status.status,
                        grade: score.grade.value, language))
            lines.append(
                "  " + (vi ? "Vì sao: " : "Why: ") + explanation(score.progress.explanation, score.status, language))
            for kr in entry.keyResults {
                guard let id = kr.keyResult?.id, let krScore = scorecard.keyResults[id], let keyResult = kr.keyResult
                else { continue }
                lines.append("  KR\(kr.index + 1) \(keyResult.title.text(language))")
                lines.append(
                    "      "
                        + figures(
                            progress: krScore.progress.value, expected: krScore.expected.value,
                            status: krScore.status.status, grade: krScore.grade.value, language))
                lines.append(
                    "      " + (vi ? "Vì sao: " : "Why: ")
                        + explanation(krScore.progress.explanation, krScore.status, language))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func figures(
        progress: Decimal, expected: Decimal, status: Status, grade: Decimal, _ language: Language
    ) -> String {
        let vi = language == .vi
        return [
            (vi ? "Tiến độ " : "Progress ") + Percent.text(progress, language),
            (vi ? "kỳ vọng " : "expected ") + Percent.text(expected, language),
            status.label.text(language),
            (vi ? "điểm " : "grade ") + NumberText.format(grade, language, places: 2, trimZeros: true),
        ].joined(separator: " · ")
    }

    private func kindName(_ kind: Objective.Kind, _ language: Language) -> String {
        switch kind {
        case .committed: return language == .vi ? "cam kết" : "committed"
        case .aspirational: return language == .vi ? "khát vọng" : "aspirational"
        }
    }

    /// The progress computation, then the status with its policy and notes (a failing condition, a status
    /// lowered by low confidence or staleness).
    private func explanation(_ progress: Explanation, _ status: StatusAssessment, _ language: Language) -> String {
        progress.computation(language) + "; " + status.explanation.text(language)
    }

    // MARK: JSON

    /// `{"objectives": [{"id", "progress", "expected", "status", "explanation", "grade", "key_results": [...]}]}`
    /// with fractions (0.6, not 60) and explanations in `language`.
    func json(_ language: Language) -> JSONValue {
        let cycle = file.cycle
        let objectives: [JSONValue] = file.objectives.compactMap { entry in
            guard let score = scorecard.objectives[entry.objective.id] else { return nil }
            let keyResults: [JSONValue] = entry.keyResults.compactMap { kr in
                guard let keyResult = kr.keyResult, let krScore = scorecard.keyResults[keyResult.id] else {
                    return nil
                }
                return .object([
                    .init("index", .integer(kr.index)),
                    .init("title", .string(keyResult.title.text(language))),
                    .init("progress", .number(krScore.progress.value)),
                    .init("raw_progress", .number(krScore.progress.raw)),
                    .init("expected", .number(krScore.expected.value)),
                    .init("status", .string(krScore.status.status.rawValue)),
                    .init("explanation", .string(explanation(krScore.progress.explanation, krScore.status, language))),
                    .init("grade", .number(krScore.grade.value)),
                ])
            }
            return .object([
                .init("id", .string(entry.id)),
                .init("title", .string(entry.objective.title.text(language))),
                .init("owner", .text(entry.ownerName)),
                .init("kind", .string(entry.objective.kind.rawValue)),
                .init("progress", .number(score.progress.value)),
                .init("expected", .number(score.expected)),
                .init("status", .string(score.status.status.rawValue)),
                .init("explanation", .string(explanation(score.progress.explanation, score.status, language))),
                .init("grade", .number(score.grade.value)),
                .init("key_results", .array(keyResults)),
            ])
        }
        return .object([
            .init(
                "cycle",
                .object([
                    .init("name", .string(cycle.name)), .init("start", .string(cycle.start.iso)),
                    .init("end", .string(cycle.end.iso)), .init("policy", .string(cycle.statusRules.policy.name)),
                ])),
            .init("at", .string(day.iso)),
            .init("objectives", .array(objectives)),
        ])
    }
}
