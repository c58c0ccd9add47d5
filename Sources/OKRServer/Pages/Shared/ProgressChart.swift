import Foundation
import OKRCore
import OKRStore

/// A KR's progress over its cycle as an SVG line chart: the actual line through its check-ins against the
/// expected line (the KR's own plan, or the working-day line). Numbers come from `OKRCore` — each check-in's
/// check-in through `progressValue(at:)` (its validity condition included) and `ExpectedProgress.fraction` — so the
/// chart and the status agree.
/// The SVG has a `<title>` and a `<desc>` that says the same in words, for screen readers and print.
struct ProgressChart: Sendable {
    struct Point: Sendable, Equatable {
        let day: Day
        /// Progress 0…1 (values beyond the target are drawn at the top).
        let progress: Decimal
    }

    let id: String
    let title: String
    let start: Day
    let end: Day
    let actual: [Point]
    let expected: [Point]

    /// What a KR's chart is drawn from: the KR, its weekly check-ins, its cycle and the working calendar.
    struct Source: Sendable {
        let keyResult: KeyResult
        /// The KR's version and the read model's generation its check-ins were read in: a check-in or an edit
        /// is another version, so two sources of one KR at one version draw the same chart.
        let version: Int
        let generation: ReadModel.Generation
        let checkIns: [CheckIn]
        let cycle: Cycle
        let calendar: WorkingCalendar

        func drawsTheSameChart(as other: Source) -> Bool {
            keyResult.id == other.keyResult.id && version == other.version && cycle == other.cycle
                && calendar == other.calendar
        }
    }

    private struct Rendered: Hashable, Sendable {
        let generation: ReadModel.Generation
        let keyResult: KeyResultID
        let language: Language
    }

    /// Charts already drawn, by KR and language, each kept with its source: about 3 KB each (at most 10 MB).
    private static let rendered = BoundedMemo<Rendered, (source: Source, html: String)>(limit: 3_000)

    /// The chart of `source` as HTML: drawn the first time, and again only when its KR, check-ins, cycle or
    /// calendar changed (most KRs do not change between two requests of their objective's page).
    static func html(_ source: Source, _ page: Page, day: (Day) -> String) -> String {
        func draw() -> String {
            var html = HTML(capacity: 4_096)
            ProgressChart(
                source.keyResult, checkIns: source.checkIns, cycle: source.cycle, calendar: source.calendar,
                title: source.keyResult.title.text(page.language)
            ).render(page, day: day, &html)
            return html.finish()
        }
        guard page.strings.isShipped else { return draw() }
        return rendered.value(
            for: Rendered(generation: source.generation, keyResult: source.keyResult.id, language: page.language),
            isCurrent: { $0.source.drawsTheSameChart(as: source) }, make: { (source, draw()) }
        ).html
    }

    /// The chart of `keyResult` with its effective check-ins, the expected line sampled weekly up to the end.
    init(
        _ keyResult: KeyResult, checkIns: [CheckIn], cycle: Cycle, calendar: WorkingCalendar, title: String
    ) {
        id = "chart-" + keyResult.id.rawValue
        self.title = title
        start = cycle.start
        end = cycle.end
        actual = checkIns.filter { cycle.contains($0.day) }.map {
            Point(day: $0.day, progress: keyResult.progressValue(at: $0))
        }
        guard !keyResult.plan.isEmpty, keyResult.start != nil else {
            // Without a plan every KR of the cycle has the same line: the working-day line, worked out once.
            expected = Self.workingDayLines.value(for: WorkingDayLine(cycle: cycle, calendar: calendar)) {
                Self.expected(keyResult, cycle: cycle, calendar: calendar)
            }
            return
        }
        expected = Self.expected(keyResult, cycle: cycle, calendar: calendar)
    }

    /// The expected line sampled weekly up to the end, and on each of the KR's plan days.
    private static func expected(_ keyResult: KeyResult, cycle: Cycle, calendar: WorkingCalendar) -> [Point] {
        var days = Array(stride(from: 0, to: cycle.start.days(to: cycle.end), by: 7)).map {
            cycle.start.adding(days: $0)
        }
        days.append(cycle.end)
        days += keyResult.plan.map(\.day).filter { cycle.contains($0) }
        return Set(days).sorted().map { day in
            Point(day: day, progress: ExpectedProgress.fraction(of: keyResult, at: day, in: cycle, calendar: calendar))
        }
    }

    private struct WorkingDayLine: Hashable, Sendable {
        let cycle: Cycle
        let calendar: WorkingCalendar
    }

    private static let workingDayLines = BoundedMemo<WorkingDayLine, [Point]>(limit: 64)

    static let width = 640
    static let height = 220
    static let left = 48
    static let right = 16
    static let top = 14
    static let bottom = 40

    func x(_ day: Day) -> Double {
        let span = max(1, start.days(to: end))
        let plot = Double(Self.width - Self.left - Self.right)
        return Double(Self.left) + plot * Double(start.days(to: day)) / Double(span)
    }

    func y(_ progress: Decimal) -> Double {
        let clamped =
            NumberText.exact(progress.clampedToUnit, places: 6, scale: 0).map { Double($0.rounded) / 1_000_000 }
            ?? NSDecimalNumber(decimal: progress.clampedToUnit).doubleValue
        let plot = Double(Self.height - Self.top - Self.bottom)
        return Double(Self.top) + plot * (1 - clamped)
    }

    /// A coordinate to a tenth, as `%.1f` writes it (without going through `String(format:)`, a twelfth of an
    /// objective page).
    static func coordinate(_ value: Double) -> String {
        let tenths = (value * 10).rounded(.toNearestOrEven)
        guard tenths.isFinite, abs(tenths) < 1e15 else { return String(format: "%.1f", value) }
        let whole = Int(tenths)
        let magnitude = abs(whole)
        return (whole < 0 ? "-" : "") + String(magnitude / 10) + "." + String(magnitude % 10)
    }

    func path(_ points: [Point]) -> String {
        points.map { "\(Self.coordinate(x($0.day))),\(Self.coordinate(y($0.progress)))" }.joined(separator: " ")
    }

    func render(_ page: Page, day: (Day) -> String, _ html: inout HTML) {
        let titleID = id + "-title"
        let descID = id + "-desc"
        html.element(
            "svg",
            [
                ("class", "progress-chart"), ("viewBox", "0 0 \(Self.width) \(Self.height)"), ("role", "img"),
                ("aria-labelledby", titleID + " " + descID), ("xmlns", "http://www.w3.org/2000/svg"),
            ]
        ) { html in
            html.element("title", [("id", titleID)], text: title)
            html.element("desc", [("id", descID)], text: description(page, day: day))
            axes(page, day: day, &html)
            html.open("polyline", [("class", "expected"), ("points", path(expected))])
            html.close("polyline")
            if actual.count > 1 {
                html.open("polyline", [("class", "actual"), ("points", path(actual))])
                html.close("polyline")
            }
            for point in actual {
                html.element(
                    "circle",
                    [
                        ("class", "point"), ("cx", Self.coordinate(x(point.day))),
                        ("cy", Self.coordinate(y(point.progress))), ("r", "4"),
                    ]
                ) { html in
                    html.element("title", text: day(point.day) + ": " + page.percent(point.progress))
                }
            }
        }
    }

    /// The chart in words: what the lines are, and each check-in's progress.
    func description(_ page: Page, day: (Day) -> String) -> String {
        let points = actual.map { day($0.day) + " " + page.percent($0.progress) }
        let history = points.isEmpty ? page.t(.objectiveNoCheckIns) : points.joined(separator: "; ")
        return page.t(.objectiveChartDescription, ["start": day(start), "end": day(end), "history": history])
    }

    private func axes(_ page: Page, day: (Day) -> String, _ html: inout HTML) {
        let bottomY = Self.coordinate(y(0))
        let rightX = Self.coordinate(Double(Self.width - Self.right))
        let leftX = Self.coordinate(Double(Self.left))
        for fraction in [Decimal(0), Decimal(string: "0.5") ?? 0, 1] {
            let lineY = Self.coordinate(y(fraction))
            html.open(
                "line",
                [
                    ("class", fraction == 0 ? "axis" : "grid"), ("x1", leftX), ("x2", rightX), ("y1", lineY),
                    ("y2", lineY),
                ])
            html.close("line")
            html.element(
                "text",
                [
                    ("x", Self.coordinate(Double(Self.left - 6))), ("y", lineY), ("text-anchor", "end"),
                    ("dominant-baseline", "middle"),
                ],
                text: page.percent(fraction))
        }
        html.open(
            "line", [("class", "axis"), ("x1", leftX), ("x2", leftX), ("y1", Self.coordinate(y(1))), ("y2", bottomY)])
        html.close("line")
        let labelY = Self.coordinate(Double(Self.height - Self.bottom + 16))
        html.element("text", [("x", leftX), ("y", labelY), ("text-anchor", "start")], text: day(start))
        html.element("text", [("x", rightX), ("y", labelY), ("text-anchor", "end")], text: day(end))
        html.element(
            "text",
            [
                ("x", Self.coordinate(Double(Self.width) / 2)), ("y", Self.coordinate(Double(Self.height - 4))),
                ("text-anchor", "middle"),
            ],
            text: page.t(.objectiveChartLegend))
    }
}
