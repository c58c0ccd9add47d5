import Foundation
import OKRCore
import OKRStore

/// A KR's last check-ins as a small line on its card: the values, oldest to newest, between the lowest and the
/// highest of them, its start and its target (so a line climbing towards the top is one nearing the target of an
/// increasing KR). The values are read for every KR of a page at once before the page is built (`prefetch`, one
/// read for those not yet kept) and kept by KR with the KR's version and its last check-in, in the read model's
/// generation (so another process's writes, or another store in the same process, never show a kept line). A check-in (a new
/// version whose last check-in is new) extends the kept line from the read model's last check-in, with no read;
/// building a card only looks them up (`points`), so a card costs no query.
enum Sparkline {
    /// How many check-ins the line shows at most.
    static let count = 8

    private struct Kept: Sendable {
        let version: Int
        let values: [Decimal]
        let last: CheckInID?
    }

    private struct Key: Hashable, Sendable {
        let generation: ReadModel.Generation
        let keyResult: KeyResultID
    }

    /// A few decimals per KR (about 200 bytes): every KR of a 5,000-person organization's cycle fits.
    private static let memo = BoundedMemo<Key, Kept>(limit: 40_000)

    /// The last values of `entry` at its version, oldest first; nil when they have not been read. The KR's last
    /// check-in as `report`'s read model has it brings a kept line one check-in behind up to date.
    static func points(_ entry: Versioned<KeyResult>, in report: CycleReport) -> [Decimal]? {
        let key = Key(generation: report.snapshot.generation, keyResult: entry.value.id)
        let last = report.lastCheckIn(entry.value.id)
        guard let kept = memo.kept(for: key) else { return nil }
        if kept.version == entry.version { return kept.values }
        // Another version: the same last check-in (the KR was edited), a correction of it, or one more.
        guard let last, let keptLast = kept.last else { return nil }
        var values = kept.values
        if last.id == keptLast {
            // Nothing new to draw.
        } else if last.supersedes == keptLast, !values.isEmpty {
            values[values.count - 1] = last.value
        } else {
            values = Array((values + [last.value]).suffix(count))
        }
        memo.keep(Kept(version: entry.version, values: values, last: last.id), for: key)
        return values
    }

    /// Reads and keeps the last values of those of `keyResults` not kept at their version, in one read.
    static func prefetch(_ keyResults: [Versioned<KeyResult>], report: CycleReport, store: OKRStore) async throws {
        let missing = keyResults.filter { points($0, in: report) == nil }
        guard !missing.isEmpty else { return }
        let histories = try await store.histories(keyResults: missing.map(\.value.id), recent: count)
        for entry in missing {
            let recent = histories[entry.value.id]?.recent ?? []
            memo.keep(
                Kept(version: entry.version, values: recent.reversed().map(\.value), last: recent.first?.id),
                for: Key(generation: report.snapshot.generation, keyResult: entry.value.id))
        }
    }

    /// The line as inline SVG with its values in words as its title; nothing for fewer than two check-ins.
    static func render(_ page: Page, _ kr: KeyResult, _ values: [Decimal], _ html: inout HTML) {
        guard values.count >= 2 else { return }
        let width = 80.0
        let height = 22.0
        let numbers = values.map { NSDecimalNumber(decimal: $0).doubleValue }
        let bounds = numbers + [kr.start, kr.target].compactMap { $0.map { NSDecimalNumber(decimal: $0).doubleValue } }
        let low = bounds.min() ?? 0
        let high = bounds.max() ?? 1
        let span = high - low
        let step = width / Double(numbers.count - 1)
        let points = numbers.enumerated().map { index, value in
            let y = span == 0 ? height / 2 : height - (value - low) / span * height
            return (Double(index) * step, y)
        }
        func coordinate(_ number: Double) -> String { String(format: "%.1f", number) }
        let title = page.t(
            .sparklineTitle,
            [
                "count": "\(values.count)",
                "values": values.map { NumberText.format($0, unit: kr.unit, page.language) }.joined(separator: " → "),
            ])
        html.open(
            "svg",
            [
                ("class", "sparkline"), ("viewBox", "-2 -2 \(Int(width) + 4) \(Int(height) + 4)"), ("role", "img"),
                ("aria-label", title), ("focusable", "false"),
            ])
        html.element("title", text: title)
        html.open(
            "polyline",
            [("points", points.map { "\(coordinate($0.0)),\(coordinate($0.1))" }.joined(separator: " "))])
        html.close("polyline")
        if let last = points.last {
            html.open("circle", [("cx", coordinate(last.0)), ("cy", coordinate(last.1)), ("r", "2")])
            html.close("circle")
        }
        html.close("svg")
    }
}
