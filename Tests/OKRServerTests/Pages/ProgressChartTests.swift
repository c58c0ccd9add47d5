import Foundation
import OKRCore
import Testing

@testable import OKRServer

@Suite("The progress chart's numbers")
struct ProgressChartTests {
    @Test("Coordinates are written to a tenth as %.1f writes them, and never more than half a tenth away")
    func coordinates() {
        // Exact binary values (sixteenths), halves included: the same text as printf.
        for n in -2_000...12_000 {
            let value = Double(n) / 16
            #expect(ProgressChart.coordinate(value) == String(format: "%.1f", value) || value < 0 && value > -0.05)
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let value = Double.random(in: -50...700, using: &generator)
            let text = ProgressChart.coordinate(value)
            let parsed = Double(text) ?? .nan
            #expect(abs(parsed - value) <= 0.05 + 1e-9, "\(value) → \(text)")
            #expect(text.split(separator: ".").last?.count == 1, "\(text)")
        }
    }

    /// KRs without a plan share the working-day line, worked out once per cycle and calendar; a KR with a plan has
    /// its own. Both equal `ExpectedProgress.of` on every day drawn.
    @Test("The expected line is ExpectedProgress on each day drawn, with and without a plan")
    func expectedLine() throws {
        let cycle = try Cycle(
            id: "q", name: "Q", start: Day(iso: "2026-10-01")!, end: Day(iso: "2026-12-31")!, state: .active)
        let calendar = WorkingCalendar()
        let plain = try KeyResult(
            id: "kr-a", objectiveID: "o", title: LocalizedName(vi: "A"), kind: .increase, unit: .number, start: 0,
            target: 100, current: 40)
        let planned = try KeyResult(
            id: "kr-b", objectiveID: "o", title: LocalizedName(vi: "B"), kind: .increase, unit: .number, start: 0,
            target: 100, current: 40,
            plan: [
                PlannedValue(day: Day(iso: "2026-11-15")!, value: 80),
                PlannedValue(day: Day(iso: "2026-12-20")!, value: 90),
            ])
        for kr in [plain, planned, plain] {
            let chart = ProgressChart(kr, checkIns: [], cycle: cycle, calendar: calendar, title: "t")
            #expect(chart.expected.count >= 14)
            for point in chart.expected {
                #expect(point.progress == ExpectedProgress.of(kr, at: point.day, in: cycle, calendar: calendar).value)
            }
        }
        let a = ProgressChart(plain, checkIns: [], cycle: cycle, calendar: calendar, title: "a")
        let b = ProgressChart(planned, checkIns: [], cycle: cycle, calendar: calendar, title: "b")
        #expect(a.expected != b.expected)
        #expect(b.expected.contains { $0.day == Day(iso: "2026-11-15")! })
    }
}
