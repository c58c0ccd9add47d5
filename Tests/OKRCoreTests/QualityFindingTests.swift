import Foundation
import Testing

@testable import OKRCore

/// The shape the CLI, the API and the UI rely on: stable codes, a severity order, findings sorted the same
/// way every time, and a JSON form.
@Suite("Quality: findings")
struct QualityFindingTests {
    /// Much wrong at once: a task for an objective, no owner, an activity, a missing start, a doubted KR.
    static let messy = QualityDraft(
        title: "Triển khai CRM mới", owner: nil, kind: .committed, state: .published,
        keyResults: [
            KeyResultDraft(title: "Hoàn thành 3 dự án", kind: .milestone, confidence: QualityFixture.confidence(2)),
            KeyResultDraft(title: "Tăng doanh thu", kind: .increase, target: 10, initiativeCount: 1),
        ])

    @Test("Errors come first, then warnings, each by element (objective, then KRs in order), then by code")
    func order() {
        let findings = QualityCheck.findings(for: Self.messy)
        let shape = findings.map { "\($0.severity.rawValue) \($0.target) \($0.code.rawValue)" }
        #expect(
            shape == [
                "error objective objective_without_owner",
                "error keyResult(index: 0) key_result_without_initiative",
                "error keyResult(index: 1) key_result_not_measurable",
                "warning objective objective_reads_as_task",
                "warning keyResult(index: 0) committed_objective_low_confidence",
                "warning keyResult(index: 0) key_result_is_activity",
            ])
    }

    @Test("The same draft always gives the same findings")
    func deterministic() {
        let first = QualityCheck.findings(for: Self.messy)
        for _ in 0..<20 { #expect(QualityCheck.findings(for: Self.messy) == first) }
    }

    @Test("Every message and hint exists in Vietnamese and in English, and they differ")
    func bilingual() {
        for finding in QualityCheck.findings(for: Self.messy) {
            #expect(!finding.message.vi.isEmpty && !finding.message.en.isEmpty)
            #expect(finding.message.vi != finding.message.en, "\(finding.code)")
            #expect(finding.hint.vi != finding.hint.en, "\(finding.code)")
        }
    }

    @Test("Severities are ordered by gravity: info < warning < error")
    func severityOrder() {
        #expect(QualitySeverity.info < .warning)
        #expect(QualitySeverity.warning < .error)
        #expect(QualitySeverity.allCases.sorted() == [.info, .warning, .error])
    }

    @Test("Codes are stable snake_case names")
    func codes() {
        #expect(
            QualityCode.allCases.map(\.rawValue) == [
                "too_few_key_results", "too_many_key_results", "key_result_not_measurable", "key_result_is_activity",
                "key_result_without_initiative", "validity_condition_not_met", "objective_without_owner",
                "too_many_objectives_for_owner", "committed_objective_low_confidence", "objective_title_too_long",
                "objective_reads_as_task",
            ])
    }

    @Test("A finding travels as JSON: code, severity, target element and index, both languages")
    func json() throws {
        let finding = try #require(QualityCheck.findings(for: Self.messy).first { $0.target == .keyResult(index: 1) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let object = try #require(
            JSONSerialization.jsonObject(with: try encoder.encode(finding)) as? [String: Any])
        #expect(object["code"] as? String == "key_result_not_measurable")
        #expect(object["severity"] as? String == "error")
        let target = try #require(object["target"] as? [String: Any])
        #expect(target["element"] as? String == "key_result")
        #expect(target["index"] as? Int == 1)
        let message = try #require(object["message"] as? [String: String])
        #expect(message["en"] == "KR2 “Tăng doanh thu” is of kind “increase” but has no start value.")
        #expect(message["vi"] == "KR2 “Tăng doanh thu” thuộc loại “tăng” nhưng chưa có giá trị bắt đầu.")
        #expect(try JSONDecoder().decode(QualityFinding.self, from: encoder.encode(finding)) == finding)
    }

    @Test("A target that is not an objective or a KR with an index is refused")
    func badTarget() {
        for json in [
            #"{"element":"initiative"}"#, #"{"element":"key_result"}"#, #"{"element":"key_result","index":-1}"#,
        ] {
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(QualityFinding.Target.self, from: Data(json.utf8))
            }
        }
        #expect(
            (try? JSONDecoder().decode(QualityFinding.Target.self, from: Data(#"{"element":"objective"}"#.utf8)))
                == .objective)
    }

    @Test("A draft goes to the API and back unchanged")
    func draftJSON() throws {
        let data = try JSONEncoder().encode(Self.messy)
        #expect(try JSONDecoder().decode(QualityDraft.self, from: data) == Self.messy)
    }

    @Test("Publishing is gated on the errors: the same draft checked as published blocks when a KR has no initiative")
    func gate() {
        var draft = QualityFixture.objective(
            "Cải thiện các kênh quảng cáo",
            keyResults: QualityFixture.vietnameseKeyResults.map {
                var kr = $0
                kr.initiativeCount = 0
                return kr
            })
        #expect(QualityCheck.findings(for: draft).filter(\.blocksPublishing).isEmpty)
        draft.state = .published
        #expect(QualityCheck.findings(for: draft).filter(\.blocksPublishing).count == 3)
    }
}
