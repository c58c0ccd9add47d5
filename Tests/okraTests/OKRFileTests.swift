import Foundation
import OKRCore
import Testing

@testable import OKRServer
@testable import okra

/// Reading the OKR file: values exactly as written, and every unreadable file refused with its line and field.
@Suite("The OKR file")
struct OKRFileTests {
    @Test("The README's example reads into the core's values, 8.6 exactly 8.6")
    func example() throws {
        let file = try OKRFileFixtures.parse(OKRFileFixtures.example)
        #expect(file.cycle.name == "2026 Q4")
        #expect(file.cycle.start == Day(iso: "2026-10-01"))
        #expect(file.cycle.end == Day(iso: "2026-12-31"))
        #expect(file.cycle.statusRules.policy == .ratio)
        #expect(file.calendar.extraHolidays == [Day(iso: "2026-12-25")!])
        #expect(file.objectives.map(\.id) == ["company-growth", "mkt"])

        let mkt = file.objectives[1]
        #expect(mkt.objective.owner == .team("Marketing"))
        #expect(mkt.ownerName == "Marketing")
        #expect(mkt.objective.kind == .committed)
        #expect(mkt.objective.state == .draft)
        #expect(mkt.objective.parents == [try AlignmentLink(to: .objective("company-growth"))])
        #expect(mkt.line == 14)

        let email = try #require(mkt.keyResults[0].keyResult)
        #expect(email.kind == .increase)
        #expect((email.start, email.target, email.current) == (100, 150, 130))
        #expect(mkt.keyResults[0].initiatives == ["Newsletter mới"])
        #expect(mkt.keyResults[0].line == 20)

        let survey = try #require(mkt.keyResults[1].keyResult)
        #expect(survey.kind == .atLeast)
        #expect(survey.current == Decimal(string: "8.6")!)
        #expect(survey.condition == (try ValidityCondition(metric: "responses", minimum: 100, actual: 40)))
        #expect(mkt.keyResults[1].initiatives.isEmpty)

        let growth = file.objectives[0]
        #expect(growth.objective.owner == .company)
        #expect(growth.objective.kind == .aspirational)
        #expect(growth.objective.progressSource == .both)
        #expect(growth.objective.title.en == "Grow sustainably through better leads")
        #expect(growth.keyResults[1].keyResult?.unit == .percent)
        #expect(growth.keyResults[0].keyResult?.unit == .label("tỷ ₫"))
    }

    @Test("Every optional field of a KR and an objective is read")
    func optionalFields() throws {
        let file = try OKRFileFixtures.parse(
            """
            cycle: {name: Q1, start: 2027-01-01, end: 2027-03-31, state: planning}
            policy: gap
            objectives:
              - id: o
                title: Mục tiêu
                title_en: The objective
                state: in_review
                weight: 2
                progress_source: children
                unknown_field: ignored
                key_results:
                  - title: Giữ độ trễ trong khoảng
                    kind: range
                    unit: ms
                    target: 100
                    target_high: 250
                    current: 180
                    weight: 3
                    confidence: 7
                    last_check_in: 2027-02-01
                    grade: 0.8
                    grade_reason: gần đạt
                    owner_note: ignored too
                  - {title: "Doanh thu", kind: increase, unit: "currency:VND", start: 1e6, target: 2500000, current: 1250000}
            """)
        #expect(file.cycle.state == .planning)
        #expect(file.cycle.statusRules.policy == .gap)
        let objective = file.objectives[0]
        #expect(objective.objective.state == .inReview)
        #expect(objective.objective.progressSource == .children)
        #expect(objective.objective.owner == nil)
        let range = try #require(objective.keyResults[0].keyResult)
        #expect(range.kind == .range)
        #expect(range.unit == .label("ms"))
        #expect((range.target, range.targetHigh, range.weight) == (100, 250, 3))
        #expect(range.confidence == (try Confidence(7)))
        #expect(objective.keyResults[0].lastCheckIn == Day(iso: "2027-02-01"))
        #expect(objective.keyResults[0].grade?.value == Decimal(string: "0.8")!)
        #expect(objective.keyResults[0].grade?.reason == "gần đạt")
        let revenue = try #require(objective.keyResults[1].keyResult)
        #expect(revenue.unit == .currency(code: "VND", precision: 0))
        #expect(revenue.start == 1_000_000)
    }

    @Test("A value that is not a number names its line and field")
    func notANumber() throws {
        let error = try #require(
            OKRFileFixtures.refusal(
                """
                cycle: {name: "2026 Q4", start: 2026-10-01, end: 2026-12-31}
                objectives:
                  - id: mkt
                    title: Cải thiện các kênh quảng cáo
                    owner: Marketing
                    key_results:
                      - {title: "Tăng MQL", kind: increase, start: 100, target: 150abc}
                """))
        #expect(error.line == 7)
        #expect(error.field == "objectives[0].key_results[0].target")
        #expect(error.text(.en) == "okr.yaml:7: objectives[0].key_results[0].target: must be a number")
        #expect(error.text(.vi) == "okr.yaml:7: objectives[0].key_results[0].target: phải là một số")
    }

    @Test("A parent that names no objective in the file is refused at the parent")
    func unknownParent() throws {
        let error = try #require(
            OKRFileFixtures.refusal(
                """
                cycle: {name: "2026 Q4", start: 2026-10-01, end: 2026-12-31}
                objectives:
                  - id: mkt
                    title: Cải thiện các kênh quảng cáo
                    parent: company-growth
                """))
        #expect(error.line == 5)
        #expect(error.field == "objectives[0].parent")
        #expect(error.reason.en == "no objective in the file has the id company-growth")
    }

    @Test("Two objectives with the same id are refused at the second")
    func duplicateID() throws {
        let error = try #require(
            OKRFileFixtures.refusal(
                """
                cycle: {name: "2026 Q4", start: 2026-10-01, end: 2026-12-31}
                objectives:
                  - {id: mkt, title: Một}
                  - {id: sales, title: Hai}
                  - {id: mkt, title: Ba}
                """))
        #expect(error.line == 5)
        #expect(error.field == "objectives[2].id")
    }

    @Test("Alignment that loops is refused, naming the loop")
    func alignmentLoop() throws {
        let error = try #require(
            OKRFileFixtures.refusal(
                """
                cycle: {name: "2026 Q4", start: 2026-10-01, end: 2026-12-31}
                objectives:
                  - {id: a, title: Một, parent: c}
                  - {id: b, title: Hai, parent: a}
                  - {id: c, title: Ba, parent: b}
                """))
        #expect(error.field?.hasSuffix(".parent") == true)
        #expect(error.reason.en.hasPrefix("Alignment links form a loop:"))
        #expect(error.line != nil)
        let own = try #require(
            OKRFileFixtures.refusal(
                """
                cycle: {name: "2026 Q4", start: 2026-10-01, end: 2026-12-31}
                objectives:
                  - {id: a, title: Một, parent: a}
                """))
        #expect(own.field == "objectives[0].parent")
        #expect(own.line == 3)
    }

    @Test("The core's validation is reported at the KR's line: a target equal to its start")
    func domainError() throws {
        let error = try #require(
            OKRFileFixtures.refusal(
                """
                cycle: {name: "2026 Q4", start: 2026-10-01, end: 2026-12-31}
                objectives:
                  - id: mkt
                    title: Cải thiện các kênh quảng cáo
                    key_results:
                      - {title: "Tăng MQL", kind: increase, start: 100, target: 150, current: 120}
                      - title: Giữ MQL
                        kind: increase
                        start: 100
                        target: 100
                """))
        #expect(error.line == 10)
        #expect(error.field == "objectives[0].key_results[1].target")
        #expect(error.reason.en == "target must differ from the start value")
    }

    @Test("Values the core refuses: a confidence of 11, a cycle ending before it starts, an unknown kind")
    func refusedValues() throws {
        let confidence = try #require(
            OKRFileFixtures.refusal(
                """
                cycle: {name: Q, start: 2026-10-01, end: 2026-12-31}
                objectives:
                  - id: o
                    title: T
                    key_results:
                      - {title: K, kind: milestone, confidence: 11}
                """))
        #expect(confidence.field == "objectives[0].key_results[0].confidence")
        #expect(confidence.line == 6)
        let cycle = try #require(
            OKRFileFixtures.refusal(
                """
                cycle:
                  name: Q
                  start: 2026-12-31
                  end: 2026-10-01
                objectives: []
                """))
        #expect(cycle.field == "cycle.end")
        #expect(cycle.line == 4)
        let kind = try #require(
            OKRFileFixtures.refusal(
                """
                cycle: {name: Q, start: 2026-10-01, end: 2026-12-31}
                objectives:
                  - id: o
                    title: T
                    kind: ambitious
                """))
        #expect(kind.field == "objectives[0].kind")
        #expect(kind.reason.en == "must be one of: committed | aspirational")
        let date = try #require(
            OKRFileFixtures.refusal("cycle: {name: Q, start: 2026-02-30, end: 2026-12-31}\nobjectives: []"))
        #expect(date.field == "cycle.start")
        #expect(date.reason.en == "must be a date written YYYY-MM-DD")
    }

    @Test("Broken YAML, a missing section and a missing file are refused with where they are")
    func unreadable() throws {
        let syntax = try #require(
            OKRFileFixtures.refusal(
                """
                cycle: {name: Q, start: 2026-10-01, end: 2026-12-31}
                objectives:
                  - id: o
                    title: "unterminated
                """))
        #expect(syntax.line != nil)
        #expect(syntax.reason.en.hasPrefix("invalid YAML"))
        let missing = try #require(OKRFileFixtures.refusal("objectives: []"))
        #expect(missing.field == "cycle")
        #expect(missing.text(.en) == "okr.yaml:1: cycle: is required")
        let list = try #require(
            OKRFileFixtures.refusal("cycle: {name: Q, start: 2026-10-01, end: 2026-12-31}\nobjectives: 3"))
        #expect(list.text(.en) == "okr.yaml:2: objectives: must be a list")
        let empty = try #require(OKRFileFixtures.refusal(""))
        #expect(empty.field == nil)
        #expect(throws: OKRFileError.self) { try OKRFile.read("/nonexistent/okr.yaml") }
    }

    @Test("A KR without its kind or target is a draft: lint can read it, score refuses it")
    func incompleteKeyResult() throws {
        let file = try OKRFileFixtures.parse(
            """
            cycle: {name: Q, start: 2026-10-01, end: 2026-12-31}
            objectives:
              - id: o
                title: T
                key_results:
                  - {title: "Khách hàng hài lòng hơn"}
                  - {title: "Tăng MQL từ 100", kind: increase, start: 100}
            """)
        let keyResults = file.objectives[0].keyResults
        #expect(keyResults.allSatisfy { $0.keyResult == nil })
        #expect(keyResults[0].draft.kind == nil)
        #expect(keyResults[1].draft.kind == .increase)
        #expect(keyResults[0].incomplete?.text(.en) == "okr.yaml:6: objectives[0].key_results[0].kind: is required")
        #expect(keyResults[1].incomplete?.field == "objectives[0].key_results[1].target")
        #expect(throws: OKRFileError.self) { try file.scorecard(at: Day(iso: "2026-11-01")!) }
    }

    @Test("A grade changed from the proposal needs its reason")
    func gradeReason() throws {
        let error = try #require(
            OKRFileFixtures.refusal(
                """
                cycle: {name: Q, start: 2026-10-01, end: 2026-12-31}
                objectives:
                  - id: o
                    title: T
                    key_results:
                      - title: K
                        kind: increase
                        start: 0
                        target: 10
                        current: 5
                        grade: 0.9
                """))
        #expect(error.field == "objectives[0].key_results[0].grade_reason")
        #expect(error.line == 11)
    }

    @Test("Numbers are decimal literals only: 12abc is not 12")
    func decimalLiterals() {
        for text in ["150", "-2.5", "+3", "8.6", ".5", "5.", "1e6", "2.5E-3"] {
            #expect(OKRFileNode.isDecimalLiteral(text), "\(text)")
        }
        for text in ["12abc", "", ".", "1e", "e5", "1.2.3", "0x10", "1_000", ".inf", "NaN", "--1"] {
            #expect(!OKRFileNode.isDecimalLiteral(text), "\(text)")
        }
    }
}
