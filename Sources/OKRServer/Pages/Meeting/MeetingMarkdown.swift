import Foundation
import OKRCore

/// The weekly meeting as Markdown, for the team's notes or a chat: a heading per section, a list item per
/// line. Every text people typed is escaped (Markdown punctuation and HTML alike), so a problem that reads
/// `<script>` or `**urgent**` stays exactly that text wherever the Markdown is rendered.
enum MeetingMarkdown {
    static func render(_ page: Page, _ model: TeamMeeting) -> String {
        var lines: [String] = []
        let name = model.team.name.text(page.language)
        lines.append("# " + escape(page.t(.meetingTitle, ["team": name])))
        lines.append("")
        lines.append(
            escape(
                model.cycle.name + " · "
                    + page.t(.meetingWeek, ["start": page.day(model.week), "end": page.day(model.lastDay)])))
        for section in TeamMeeting.Section.allCases {
            lines.append("")
            lines += self.section(page, model, section)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func section(_ page: Page, _ model: TeamMeeting, _ section: TeamMeeting.Section) -> [String] {
        func block(_ title: StringKey, _ items: [String], empty: StringKey) -> [String] {
            ["## " + escape(page.t(title)), ""] + (items.isEmpty ? [escape(page.t(empty))] : items.map { "- " + $0 })
        }
        let language = page.language
        switch section {
        case .moves:
            return block(
                .meetingMoves,
                model.moves.map { move in
                    escape(move.keyResult.title.text(language)) + ": " + escape(MeetingPageView.values(page, move))
                        + " (" + escape(page.t(.meetingDelta, ["delta": MeetingPageView.delta(page, move)])) + "; "
                        + escape(page.t(.meetingMovedBy, ["people": move.people.joined(separator: ", ")])) + ")"
                }, empty: .meetingNoMoves)
        case .risks:
            return block(
                .meetingRisks,
                model.risks.map { risk in
                    let status = risk.score.status
                    return "**" + escape(status.status.label.text(language)) + "** "
                        + escape(risk.keyResult.title.text(language)) + " — "
                        + escape(Components.valueText(page, risk.keyResult)) + " — "
                        + escape(page.t(.statusIs) + ": " + status.explanation.computation(page.language))
                }, empty: .meetingNoRisks)
        case .problems:
            return block(.meetingProblems, model.problems.map(note), empty: .meetingNoProblems)
        case .unlinked:
            return block(.meetingUnlinked, model.unlinkedPlans.map(note), empty: .meetingNoUnlinked)
        case .asks:
            func asks(_ items: [TeamMeeting.Ask], incoming: Bool) -> [String] {
                items.map { item in
                    let team = page.t(incoming ? .weekAskFrom : .teamAskTo, ["team": item.otherTeam])
                    var line =
                        escape(item.ask.need) + " — " + escape(MyWeekView.askState(page, item.ask.state)) + " · "
                        + escape(team + " · " + item.about + " · " + page.t(.askDue, ["day": page.day(item.ask.dueBy)]))
                    if item.overdue { line += " · **" + escape(page.t(.askOverdue)) + "**" }
                    if let reason = item.ask.reason { line += " — " + escape(reason) }
                    return line
                }
            }
            return ["## " + escape(page.t(.meetingAsks)), ""]
                + block(.teamAsksIn, asks(model.asksIn, incoming: true), empty: .teamNoAsks).map(demoted)
                + [""]
                + block(.teamAsksOut, asks(model.asksOut, incoming: false), empty: .teamNoAsks).map(demoted)
        case .questions:
            return block(
                .meetingQuestions,
                model.questions.map {
                    escape($0.comment.body) + " — "
                        + escape(
                            $0.author + " · "
                                + page.t(.weekOnQuestion, ["title": $0.about]))
                }, empty: .meetingNoQuestions)
        }
    }

    static func note(_ note: TeamMeeting.Note) -> String {
        "**" + escape(note.person) + "**: " + escape(note.text)
    }

    /// `## x` becomes `### x`, for the sub-sections of asks.
    static func demoted(_ line: String) -> String {
        line.hasPrefix("## ") ? "#" + line : line
    }

    /// Text as Markdown shows it literally: line breaks become spaces (one list item stays one item), every
    /// character Markdown or HTML could read inline is backslash-escaped (CommonMark), and so is a start that
    /// would open a list or a quote ("- ", "+ ", "1. ").
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 8)
        var lastWasSpace = false
        var leadingDigits = true
        for character in text {
            if character.isNewline || character == "\t" {
                if !lastWasSpace { escaped.append(" ") }
                lastWasSpace = true
                leadingDigits = false
                continue
            }
            lastWasSpace = character == " "
            let atStart = escaped.isEmpty && (character == "-" || character == "+")
            let endsNumber = leadingDigits && !escaped.isEmpty && (character == "." || character == ")")
            if special.contains(character) || atStart || endsNumber { escaped.append("\\") }
            leadingDigits = leadingDigits && character.isASCII && character.isNumber
            escaped.append(character)
        }
        return escaped
    }

    static let special: Set<Character> = [
        "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "<", ">", "|", "~", "&",
    ]
}
