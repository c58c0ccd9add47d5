import Foundation
import OKRCore
import OKRStore

/// Every KR the caller owns, and every KR of the objectives they own, on one form: one value, confidence and
/// line why per KR, submitted at once. The model of `/check-in` and `/check-in/done`; numbers come from the
/// report's `Scorecard`, never recomputed here.
struct CheckInForm: Sendable {
    struct Row: Sendable {
        let keyResult: KeyResult
        let objective: Objective
        let score: Scorecard.KeyResultScore
        let lastCheckIn: CheckIn?
        /// The longer active cycle the KR belongs to (the year over the quarter); nil for the page's own cycle.
        var cycle: Cycle? = nil
    }

    /// What was typed for one KR, kept as typed so an error loses nothing.
    struct Entry: Sendable, Equatable {
        var value = ""
        var confidence = ""
        var note = ""
    }

    enum Field: String, Sendable {
        case value, confidence, note
    }

    let report: CycleReport
    let rows: [Row]
    var entries: [KeyResultID: Entry] = [:]
    /// Messages next to fields, by KR and field.
    var problems: [KeyResultID: [Field: String]] = [:]
    /// A message about the whole form (nothing entered).
    var formProblem: String?

    var problemCount: Int { problems.values.reduce(0) { $0 + $1.count } }

    /// The KRs the viewer owns or whose objective they own, that they may check in on: those of the cycle in
    /// the cycle's order, then those of the longer active cycles that hold it (the running year's), every one
    /// that runs now. Read through the owner indexes, never a whole cycle.
    static func build(_ report: CycleReport, viewer: Person) -> CheckInForm {
        let mine = Owner.person(viewer.id)
        var rows: [Row] = []
        let longer = report.longer.filter { $0.cycle.value.state == .active }.reversed()
        for (snapshot, cycle) in [(report.snapshot, nil)] + longer.map({ ($0, Optional($0.cycle.value)) }) {
            var objectives = Set(snapshot.objectives(ownedBy: mine))
            for kr in snapshot.keyResults(ownedBy: mine) {
                if let objective = snapshot.keyResult(kr)?.value.objectiveID { objectives.insert(objective) }
            }
            for id in snapshot.ordered(objectives) {
                guard let objective = snapshot.objective(id)?.value, report.access.canSee(objective) else { continue }
                for kr in snapshot.keyResults(of: id).map(\.value) {
                    guard kr.owner == mine || objective.owner == mine else { continue }
                    guard report.access.canCheckIn(kr, of: objective), let score = snapshot.score(kr.id) else {
                        continue
                    }
                    rows.append(
                        Row(
                            keyResult: kr, objective: objective, score: score,
                            lastCheckIn: snapshot.lastCheckIn(kr.id), cycle: cycle))
                }
            }
        }
        return CheckInForm(report: report, rows: rows)
    }

    /// The rows checked in today by the viewer: what `/check-in/done` shows.
    func checkedInToday(by viewer: PersonID) -> [Row] {
        rows.filter { $0.lastCheckIn?.day == report.today && $0.lastCheckIn?.authorID == viewer }
    }

    /// Reads the posted fields (`value.K`, `confidence.K`, `note.K`) and checks every row before anything is
    /// recorded: on any problem the form comes back whole, with the messages next to their fields.
    mutating func read(_ fields: [String: String], page: Page) -> [CheckInRecording] {
        var recordings: [CheckInRecording] = []
        for row in rows {
            let id = row.keyResult.id
            let entry = Entry(
                value: fields["value.\(id.rawValue)"] ?? "", confidence: fields["confidence.\(id.rawValue)"] ?? "",
                note: fields["note.\(id.rawValue)"] ?? "")
            entries[id] = entry
            if let recording = check(entry, row.keyResult, page: page) { recordings.append(recording) }
        }
        if problems.isEmpty, recordings.isEmpty { formProblem = page.t(.checkInNothing) }
        return problems.isEmpty && formProblem == nil ? recordings : []
    }

    /// Reads one row. The page reads the numbers as typed in either language; whether they are allowed — a
    /// milestone's 0 or 1, a confidence of 0–10, a note's length — is Core's to say, and each refusal is shown
    /// beside the field it names, all of a row's at once.
    private mutating func check(_ entry: Entry, _ kr: KeyResult, page: Page) -> CheckInRecording? {
        let typed = entry.value.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return nil }
        var found: [Field: String] = [:]
        let value = Self.number(typed)
        if let value {
            do {
                _ = try kr.recording(value)
            } catch {
                found[.value] =
                    kr.kind == .milestone
                    ? page.t(.checkInMilestoneRange)
                    : page.t(.checkInInvalid, ["reason": error.message(page.language)])
            }
        } else {
            found[.value] = page.t(.checkInNotNumber)
        }
        var confidence: Int?
        let confidenceText = entry.confidence.trimmingCharacters(in: .whitespaces)
        if !confidenceText.isEmpty {
            confidence = Int(confidenceText)
            if (try? Confidence(confidence ?? -1)) == nil { found[.confidence] = page.t(.checkInConfidenceRange) }
        }
        var note: String?
        do {
            note = try CheckIn.note(entry.note)
        } catch {
            found[.note] = page.t(.checkInNoteTooLong)
        }
        guard found.isEmpty, let value else {
            problems[kr.id] = found
            return nil
        }
        return CheckInRecording(keyResult: kr, value: value, confidence: confidence, note: note, day: report.today)
    }

    /// A number as people type it in either language (`TypedNumber`).
    static func number(_ text: String) -> Decimal? { TypedNumber.parse(text) }
}
