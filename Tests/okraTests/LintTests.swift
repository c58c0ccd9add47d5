import Foundation
import OKRCore
import Testing

@testable import okra

/// `okra lint`: the core's quality findings for a file, placed at their lines, with exit codes 0, 1 and 2.
@Suite("okra lint")
struct LintTests {
    @Test("The README's example: the survey KR's condition and the KR without initiative are flagged")
    func example() throws {
        let report = LintReport(file: try OKRFileFixtures.parse(OKRFileFixtures.example))
        let found = report.entries.map {
            "\($0.objective.id) \($0.keyResultIndex.map(String.init) ?? "-") \($0.finding.code.rawValue)"
        }
        #expect(found.contains("mkt 1 validity_condition_not_met"))
        #expect(found.contains("mkt 1 key_result_without_initiative"))
        #expect(!found.contains("mkt 0 key_result_without_initiative"))
        #expect(report.entries.allSatisfy { $0.line == 21 })
        #expect(!report.hasErrors)
        let text = report.text(.en)
        #expect(text.contains("okr.yaml:21: warning validity_condition_not_met [mkt KR2]"))
        #expect(text.contains("8.6 but only 40 of 100 required responses"))
        #expect(text.hasSuffix("okr.yaml: 0 errors, 2 warnings, 0 info"))
    }

    @Test("The mission's published examples lint with only the survey's condition")
    func mission() throws {
        let report = LintReport(file: try OKRFileFixtures.parse(OKRFileFixtures.mission))
        #expect(report.entries.map(\.finding.code) == [.validityConditionNotMet])
        #expect(report.entries.first?.keyResultIndex == 2)
        #expect(report.entries.first?.objective.id == "sales")
    }

    @Test("A published KR without initiative, one KR only and no owner are errors")
    func errors() throws {
        let report = LintReport(
            file: try OKRFileFixtures.parse(
                """
                cycle: {name: Q, start: 2026-10-01, end: 2026-12-31}
                objectives:
                  - id: o
                    title: Tăng trưởng doanh thu
                    state: published
                    key_results:
                      - {title: "Tăng doanh thu từ 10 lên 12 tỷ", kind: increase, start: 10, target: 12}
                """))
        let codes = Set(report.entries.map(\.finding.code))
        #expect(codes == [.tooFewKeyResults, .objectiveWithoutOwner, .keyResultWithoutInitiative])
        #expect(report.entries.allSatisfy { $0.finding.severity == .error })
        #expect(report.hasErrors)
        let objectiveLevel = report.entries.filter { $0.keyResultIndex == nil }
        #expect(objectiveLevel.allSatisfy { $0.line == 3 })
        #expect(report.entries.first { $0.keyResultIndex == 0 }?.line == 7)
    }

    @Test("A KR without kind or target is reported as not measurable, not refused")
    func notMeasurable() throws {
        let report = LintReport(
            file: try OKRFileFixtures.parse(
                """
                cycle: {name: Q, start: 2026-10-01, end: 2026-12-31}
                objectives:
                  - id: o
                    title: Khách hàng hài lòng hơn
                    owner: Support
                    key_results:
                      - {title: "Khách hàng vui hơn", initiatives: [Khảo sát]}
                      - {title: "Tăng NPS từ 30", kind: increase, start: 30, initiatives: [Gọi lại]}
                """))
        let measurable = report.entries.filter { $0.finding.code == .keyResultNotMeasurable }
        #expect(measurable.map(\.keyResultIndex) == [0, 1])
        #expect(report.hasErrors)
    }

    @Test("Too many objectives for one owner counts the owner's objectives in the file")
    func ownerLoad() throws {
        let objectives = (1...6).map { n in
            """
              - id: o\(n)
                title: Cải thiện trải nghiệm số \(n)
                owner: Marketing
                key_results:
                  - {title: "Tăng MQL từ \(n) lên \(n + 10)", kind: increase, start: \(n), target: \(n + 10), initiatives: [A]}
                  - {title: "Giảm chi phí từ \(n + 10) xuống \(n)", kind: decrease, start: \(n + 10), target: \(n), initiatives: [B]}
            """
        }
        let text =
            "cycle: {name: Q, start: 2026-10-01, end: 2026-12-31}\nobjectives:\n" + objectives.joined(separator: "\n")
        let report = LintReport(file: try OKRFileFixtures.parse(text))
        #expect(report.entries.contains { $0.finding.code == .tooManyObjectivesForOwner })
    }

    @Test("okra lint --json prints the documented keys; exit 0 with warnings only")
    func binaryJSON() throws {
        let path = try OKRFileFixtures.write(OKRFileFixtures.example)
        let run = try OkraRun.okra(["lint", path, "--json", "--lang", "en"])
        #expect(run.status == 0, "\(run.stderr)")
        let findings = try #require(try run.json()["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        for finding in findings {
            for key in ["code", "severity", "objective", "key_result", "message", "hint"] {
                #expect(finding[key] != nil, "finding key \(key)")
            }
            #expect(finding["objective"] as? String == "mkt")
            #expect(finding["key_result"] as? Int == 1)
        }
        #expect(
            findings.map { $0["code"] as? String } == ["key_result_without_initiative", "validity_condition_not_met"])
        let message = try #require(findings.last?["message"] as? String)
        #expect(message.contains("8.6 but only 40 of 100 required responses"))
    }

    @Test("okra lint exits with 1 on an error-level finding, null key_result for the objective's own")
    func binaryErrors() throws {
        let path = try OKRFileFixtures.write(
            """
            cycle: {name: Q, start: 2026-10-01, end: 2026-12-31}
            objectives:
              - id: lonely
                title: Tăng trưởng doanh thu
                owner: Sales
                key_results:
                  - {title: "Tăng doanh thu từ 10 lên 12 tỷ", kind: increase, start: 10, target: 12, initiatives: [A]}
            """)
        let run = try OkraRun.okra(["lint", path, "--json"])
        #expect(run.status == 1)
        let findings = try #require(try run.json()["findings"] as? [[String: Any]])
        let tooFew = try #require(findings.first { $0["code"] as? String == "too_few_key_results" })
        #expect(tooFew["severity"] as? String == "error")
        #expect(tooFew["key_result"] is NSNull)
        let text = try OkraRun.okra(["lint", path], lang: "vi_VN.UTF-8")
        #expect(text.status == 1)
        #expect(text.stdout.contains("\(path):3: lỗi too_few_key_results [lonely]"))
    }

    @Test("okra lint exits with 2 on an unreadable file, naming line and field")
    func binaryUnreadable() throws {
        let path = try OKRFileFixtures.write(
            """
            cycle: {name: Q, start: 2026-10-01, end: 2026-12-31}
            objectives:
              - id: o
                title: T
                parent: nowhere
            """)
        let run = try OkraRun.okra(["lint", path], lang: "en_US.UTF-8")
        #expect(run.status == 2)
        #expect(run.stderr == "\(path):5: objectives[0].parent: no objective in the file has the id nowhere\n")
        let vietnamese = try OkraRun.okra(["lint", path])
        #expect(vietnamese.stderr.contains("không có mục tiêu nào có id nowhere trong tệp"))
    }
}
