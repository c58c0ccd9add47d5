import Foundation
import OKRCore
import Testing

@testable import okra

/// `okra score`: the core's numbers for every objective and KR of a file, as text and as exact JSON.
@Suite("okra score")
struct ScoreTests {
    let day = Day(iso: "2026-11-16")!

    @Test("The README's example: the email KR is at 0.6, the survey KR at 0 for want of responses")
    func example() throws {
        let report = try ScoreReport(file: OKRFileFixtures.parse(OKRFileFixtures.example), at: day)
        let json = report.json(.en).rendered()
        let mkt = try #require(report.scorecard.objectives["mkt"])
        #expect(mkt.keyResults.map(\.progress.value) == [Decimal(string: "0.6")!, 0])
        #expect(mkt.progress.value == Decimal(string: "0.3")!)
        #expect(json.contains("\"progress\": 0.6,"))
        #expect(!json.contains("0.59999"))
        let text = report.text(.en)
        #expect(text.contains("KR1 Tăng MQL qua email từ 100 lên 150"))
        #expect(text.contains("Progress 60% · expected 50% · On track · grade 0.6"))
        #expect(text.contains("(130 − 100) / (150 − 100) = 0.6"))
        #expect(text.contains("Not met: 8.6 but only 40 of 100 required responses"))
    }

    @Test("The mission's Marketing objective at 125 / 85 / 50 is 2/3, written 0.6667")
    func marketing() throws {
        let report = try ScoreReport(file: OKRFileFixtures.parse(OKRFileFixtures.mission), at: day)
        let marketing = try #require(report.scorecard.objectives["marketing"])
        #expect(marketing.keyResults.map(\.progress.value) == [Decimal(string: "0.5")!, Decimal(string: "0.5")!, 1])
        #expect(marketing.progress.value == Decimal(2) / Decimal(3))
        let objective = try #require(objectiveJSON(report, "marketing"))
        #expect(objective.contains("\"progress\": 0.6667,"))
        #expect(report.text(.vi).contains("Tiến độ 67%"))
    }

    @Test("The mission's Sales objective: trial-to-paid at 26% is 40%, the survey not met on 40 responses")
    func sales() throws {
        let report = try ScoreReport(file: OKRFileFixtures.parse(OKRFileFixtures.mission), at: day)
        let sales = try #require(report.scorecard.objectives["sales"])
        let progress = sales.keyResults.map(\.progress.value)
        #expect(progress[0] == Decimal(string: "0.4")!)
        #expect(progress[1] == Decimal(16) / Decimal(31))
        #expect(progress[2] == 0)
        #expect(sales.keyResults[2].progress.isMet == false)
        let objective = try #require(objectiveJSON(report, "sales"))
        #expect(objective.contains("\"progress\": 0.4,"))
        #expect(objective.contains("\"progress\": 0.5161,"))
        #expect(report.text(.en).contains("Not met: 8.6/10 but only 40 of 100 required responses"))
    }

    @Test("Expected progress counts working days, without the file's holidays")
    func expectedProgress() throws {
        let file = try OKRFileFixtures.parse(OKRFileFixtures.example)
        let report = try ScoreReport(file: file, at: day)
        let line = ExpectedProgress.at(day, in: file.cycle, calendar: file.calendar)
        #expect(file.calendar.isWorkingDay(Day(iso: "2026-12-25")!) == false)
        #expect(report.scorecard.keyResults["mkt[0]"]?.expected.value == line.value)
        #expect(report.text(.en).contains("Expected progress by working days: \(Percent.text(line.value, .en))"))
    }

    @Test("okra score --json prints the documented keys, with fractions")
    func binaryJSON() throws {
        let path = try OKRFileFixtures.write(OKRFileFixtures.mission)
        let run = try OkraRun.okra(["score", path, "--at", "2026-11-16", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try run.json()
        let objectives = try #require(json["objectives"] as? [[String: Any]])
        #expect(objectives.map { $0["id"] as? String } == ["marketing", "sales"])
        for objective in objectives {
            for key in ["id", "progress", "expected", "status", "explanation", "grade", "key_results"] {
                #expect(objective[key] != nil, "objective key \(key)")
            }
            let keyResults = try #require(objective["key_results"] as? [[String: Any]])
            #expect(keyResults.count == 3)
            for keyResult in keyResults {
                for key in ["title", "progress", "status", "explanation", "grade"] {
                    #expect(keyResult[key] != nil, "key result key \(key)")
                }
            }
        }
        #expect(run.stdout.contains("\"progress\": 0.6667,"))
        #expect(run.stdout.contains("\"status\": \"on_track\"") || run.stdout.contains("\"status\": \"at_risk\""))
    }

    @Test("okra score prints percentages, the status and the why in the chosen language")
    func binaryText() throws {
        let path = try OKRFileFixtures.write(OKRFileFixtures.example)
        let english = try OkraRun.okra(["score", path, "--at", "2026-11-16"], lang: "en_US.UTF-8")
        #expect(english.status == 0)
        #expect(english.stdout.contains("Progress 60% · expected 50% · On track"))
        #expect(english.stdout.contains("Why: (130 − 100) / (150 − 100) = 0.6"))
        let vietnamese = try OkraRun.okra(["score", path, "--at", "2026-11-16"], lang: "C.UTF-8")
        #expect(vietnamese.stdout.contains("Tiến độ 60% · kỳ vọng 50% · Đúng tiến độ"))
        let chosen = try OkraRun.okra(["score", path, "--at", "2026-11-16", "--lang", "vi"], lang: "en_US.UTF-8")
        #expect(chosen.stdout.contains("Vì sao: (130 − 100) / (150 − 100) = 0,6"))
        let today = try OkraRun.okra(["score", path])
        #expect(today.status == 0)
    }

    @Test("An unreadable file exits with 2 and names the line and field")
    func unreadable() throws {
        let broken = OKRFileFixtures.example.replacingOccurrences(of: "target: 150,", with: "target: lots,")
        let path = try OKRFileFixtures.write(broken)
        let run = try OkraRun.okra(["score", path, "--lang", "en"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "\(path):20: objectives[1].key_results[0].target: must be a number\n")
        let missing = try OkraRun.okra(["score", path + ".missing", "--lang", "en"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the file"))
    }

    @Test("A KR still without its target cannot be scored: exit 2 at its line")
    func draftKeyResult() throws {
        let path = try OKRFileFixtures.write(
            """
            cycle: {name: Q, start: 2026-10-01, end: 2026-12-31}
            objectives:
              - id: o
                title: T
                owner: Lan
                key_results:
                  - {title: "Tăng MQL từ 100", kind: increase, start: 100}
            """)
        let run = try OkraRun.okra(["score", path, "--lang", "en"])
        #expect(run.status == 2)
        #expect(run.stderr == "\(path):7: objectives[0].key_results[0].target: is required\n")
    }

    /// The JSON text of one objective of the report, as printed.
    private func objectiveJSON(_ report: ScoreReport, _ id: String) -> String? {
        guard case .object(let members) = report.json(.en),
            case .array(let objectives) = members.first(where: { $0.key == "objectives" })?.value
        else { return nil }
        return objectives.first { objective in
            guard case .object(let fields) = objective else { return false }
            return fields.first { $0.key == "id" }?.value == .string(id)
        }?.rendered()
    }
}
