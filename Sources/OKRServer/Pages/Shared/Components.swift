import Foundation
import OKRCore

/// Pieces shared by pages: progress bars, status chips with their explanation, KR values.
enum Components {
    /// A progress bar with the number as text and a tick at the expected progress.
    static func progressBar(_ page: Page, progress: Decimal, expected: Decimal?, label: String, _ html: inout HTML) {
        let clamped = progress.clampedToUnit
        let width = Self.wholePercent(clamped)
        let percent = page.percent(progress)
        html.element("div", [("class", "progress")]) { html in
            html.element(
                "div",
                [
                    ("class", "bar"), ("role", "progressbar"), ("aria-label", label),
                    ("aria-valuemin", "0"), ("aria-valuemax", "100"),
                    ("aria-valuenow", NumberText.format(clamped, .en, places: 0, scale: 2)),
                    ("aria-valuetext", percent),
                ]
            ) { html in
                html.open("span", [("class", "fill w-\(width)")])
                html.close("span")
                if let expected {
                    html.open(
                        "i",
                        [
                            ("class", "expected l-\(Self.wholePercent(expected.clampedToUnit))"),
                            ("title", page.t(.expectedAt, ["value": page.percent(expected)])),
                        ])
                    html.close("i")
                }
            }
            html.element("span", [("class", "pct")], text: percent)
        }
    }

    /// The cycle a page shows, chosen from a list (a GET form to `action`, sent on change by `okra.js`, with a
    /// button for browsers without it).
    static func cyclePicker(
        _ page: Page, action: String, cycles: [Cycle], chosen: CycleID, _ html: inout HTML
    ) {
        html.element("form", [("method", "get"), ("action", action), ("class", "cycle-picker")]) { html in
            html.element("label", [("for", "cycle")], text: page.t(.cycle))
            html.element("select", [("id", "cycle"), ("name", "cycle"), ("data-autosubmit", "")]) { html in
                for cycle in cycles {
                    let state = page.t(StringKey(cycleState: cycle.state))
                    html.element(
                        "option", [("value", cycle.id.rawValue), ("selected", cycle.id == chosen ? "" : nil)],
                        text: "\(cycle.name) · \(state)")
                }
            }
            html.element("button", [("type", "submit")], text: page.t(.show))
        }
    }

    /// "New objective" where one stands (My week, the company page, a team page with the team as owner, an
    /// objective with it as parent), for people who may write; the editor reads `query` to prefill itself.
    static func newObjectiveLink(
        _ page: Page, id: String, label: StringKey = .editorNewTitle, query: [(String, String)] = [],
        _ html: inout HTML
    ) {
        guard let person = page.person, person.role != .viewer else { return }
        let encoded = query.map { name, value in
            name + "=" + queryValue(value)
        }
        let href = Route.newObjective.path + (encoded.isEmpty ? "" : "?" + encoded.joined(separator: "&"))
        html.element("a", [("class", "button primary"), ("id", id), ("href", href)], text: "+ " + page.t(label))
    }

    /// What a query value keeps as is (RFC 3986's unreserved characters).
    static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    /// `value` percent-encoded for a query, keeping `unreserved`. Ids are plain ASCII and go through as they are
    /// (a page links every check-in it lists).
    static func queryValue(_ value: String) -> String {
        let plain = value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                true
            default: false
            }
        }
        return plain ? value : value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    /// A fraction in [0, 1] as the nearest whole percent, 0…100: the bar's width class (`Assets.percentClasses`).
    static func wholePercent(_ fraction: Decimal) -> Int {
        min(100, max(0, Percent.whole(fraction)))
    }

    /// The status as a chip with text (colour is never the only signal); its explanation opens on click,
    /// without JavaScript, through `<details>`.
    static func statusChip(
        _ page: Page, _ assessment: StatusAssessment, progress: Explanation, _ html: inout HTML
    ) {
        let status = assessment.status
        html.element("details", [("class", "status s-\(status.rawValue)")]) { html in
            html.element("summary", text: status.label.text(page.language))
            html.element("div", [("class", "why")]) { html in
                html.element("p", [("class", "why-title")], text: page.t(.whyThisStatus))
                html.element(
                    "p", [("class", "formula")], text: page.t(.progressIs) + ": " + progress.computation(page.language))
                html.element(
                    "p", [("class", "formula")],
                    text: page.t(.statusIs) + ": " + assessment.explanation.computation(page.language))
                if let policy = assessment.explanation.policy(page.language) {
                    html.element("p", [("class", "policy")], text: page.t(.policy) + ": " + policy)
                }
                html.element(
                    "p", [("class", "numbers")],
                    text: page.t(
                        .actualVsExpected,
                        ["actual": page.percent(assessment.actual), "expected": page.percent(assessment.expected)]))
                for note in assessment.explanation.notes(page.language) {
                    html.element("p", [("class", "note")], text: note)
                }
            }
        }
    }

    /// "130 / 150 MQL (from 100)", "≥ 8/10", "done" — the KR's value against its target, in the locale.
    static func valueText(_ page: Page, _ kr: KeyResult) -> String {
        let language = page.language
        func format(_ value: Decimal) -> String { NumberText.format(value, unit: kr.unit, language) }
        /// The bare number, for values shown next to one that carries the unit.
        func number(_ value: Decimal) -> String {
            if case .currency(_, let precision) = kr.unit {
                return NumberText.format(value, language, places: precision)
            }
            return NumberText.format(value, language, places: 2, trimZeros: true)
        }
        let current = kr.current.map(format) ?? "—"
        switch kr.kind {
        case .increase, .decrease:
            return page.t(
                .valueFromTo,
                [
                    "current": kr.current.map(number) ?? "—", "target": format(kr.target ?? 0),
                    "start": number(kr.start ?? 0),
                ])
        case .atLeast:
            return "\(current) (≥ \(format(kr.target ?? 0)))"
        case .atMost:
            return "\(current) (≤ \(format(kr.target ?? 0)))"
        case .range:
            return "\(current) (\(format(kr.target ?? 0)) – \(format(kr.targetHigh ?? 0)))"
        case .milestone:
            return kr.current == 1 ? page.t(.milestoneDone) : page.t(.milestoneNotDone)
        case .baseline:
            return kr.current == nil ? page.t(.baselineNotSet) : current
        }
    }

    /// Quality findings of OKR writing, each with its fix hint, in the page's language.
    static func findings(_ page: Page, _ findings: [QualityFinding], _ html: inout HTML) {
        guard !findings.isEmpty else { return }
        html.element("ul", [("class", "findings"), ("aria-label", page.t(.qualityFindings))]) { html in
            for finding in findings {
                html.element(
                    "li", [("class", "finding f-\(finding.severity.rawValue)"), ("data-code", finding.code.rawValue)]
                ) {
                    html in
                    html.element(
                        "strong", text: page.t(finding.severity == .error ? .severityError : .severityWarning) + ": ")
                    html.text(finding.message.text(page.language))
                    html.element("span", [("class", "hint")], text: " " + finding.hint.text(page.language))
                }
            }
        }
    }
}
