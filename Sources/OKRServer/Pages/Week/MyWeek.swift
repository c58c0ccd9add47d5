import Foundation
import OKRCore
import OKRStore

/// "My week", the home page: the KRs I own with their last value and status, my weekly update, the questions
/// and asks waiting for me, and what has gone stale. The model of `/` (its view only renders).
struct MyWeek: Sendable {
    /// A KR with no check-in for this many days is stale.
    static let staleAfterDays = 14

    struct Question: Sendable {
        let comment: Comment
        let author: String
        /// The title of the objective or KR it is asked on.
        let about: String
    }

    struct Ask: Sendable {
        let ask: DependencyAsk
        /// The other team: the asking one for an ask to my team, the one asked for an ask of my team.
        let fromTeam: String
        let about: String
        /// Asked of my team (else asked by it: a counter-proposal to accept, a decline, or overdue).
        var incoming = true
    }

    struct Stale: Sendable {
        let row: CheckInForm.Row
        /// Days since the last check-in, or nil when there never was one.
        let days: Int?
    }

    /// What the weekly-update form holds: as saved, or as typed when saving failed.
    struct UpdateEntry: Sendable, Equatable {
        var plans = ""
        var progress = ""
        var problems = ""
        /// "1" to "5", or empty for no answer.
        var mood = ""
    }

    enum UpdateField: String, Sendable {
        case plans, progress, problems, mood
    }

    let keyResults: CheckInForm
    let week: Day
    let update: WeeklyUpdate?
    /// The saved update's version, sent back with the form so that a save never replaces one made since.
    let version: Int?
    var entry: UpdateEntry
    var problems: [UpdateField: String] = [:]
    let questions: [Question]
    let asks: [Ask]
    let stale: [Stale]
    /// Titles of the objectives and KRs the viewer can see, for the links of plans.
    let titles: [String: String]

    var cycle: Cycle { keyResults.report.cycle }

    /// Loads everything but the report in three queries (none while only check-ins were committed since the
    /// viewer last opened the page). Only the viewer's own objectives and KRs (and, for a lead, those of the
    /// teams they lead) are read from the cycle.
    static func load(
        _ report: CycleReport, viewer: Person, store: OKRStore, language: Language
    ) async throws -> MyWeek {
        let form = CheckInForm.build(report, viewer: viewer)
        let week = report.today.startOfWeek(report.weekStart)
        let subjects = questionSubjects(report, form: form, viewer: viewer, language: language)
        let model = store.readModel
        let key = Key(
            generation: model.generation, viewer: viewer.id, week: week, subjects: subjects.map(\.0),
            teams: viewer.teamIDs)
        let read = try await memo.value(for: key, model: model) {
            Read(
                saved: try await store.versionedWeeklyUpdates(week: week, people: [viewer.id]).first,
                comments: try await store.comments(subjects: key.subjects),
                asks: try await store.asks(teams: viewer.teamIDs).map(\.value))
        }
        let saved = read.saved
        let update = saved?.value
        var titles: [String: String] = [:]
        for plan in update?.plans ?? [] {
            if let id = plan.keyResultID, let found = report.keyResult(id) {
                titles[id.rawValue] = found.keyResult.value.title.text(language)
            } else if let id = plan.objectiveID, let found = report.objective(id) {
                titles[id.rawValue] = found.value.title.text(language)
            }
        }

        var questions: [Question] = []
        let subjectTitles = Dictionary(subjects, uniquingKeysWith: { first, _ in first })
        let bySubject = Dictionary(grouping: read.comments, by: \.subject)
        for (subject, _) in subjects {
            let open = Comment.openQuestions(bySubject[subject] ?? [])
            for comment in open where comment.authorID != viewer.id {
                questions.append(
                    Question(
                        comment: comment, author: report.name(comment.authorID), about: subjectTitles[subject] ?? ""))
            }
        }

        let myTeams = Set(viewer.teamIDs)
        // Asks on objectives or KRs the viewer cannot see in this cycle are left out, as in the API.
        let asks =
            read.asks
            .filter { ask in
                let open = ask.state == .requested || ask.state == .countered
                let news = ask.state == .countered || ask.state == .declined || ask.isOverdue(on: report.today)
                // An ask past its date stays in both leads' weeks until it is done, accepted or not.
                let late = ask.isOverdue(on: report.today)
                return (myTeams.contains(ask.toTeamID) && (open || late)) || (myTeams.contains(ask.fromTeamID) && news)
            }
            .compactMap { ask -> Ask? in
                let about =
                    ask.keyResultID.flatMap { report.keyResult($0)?.keyResult.value.title.text(language) }
                    ?? ask.objectiveID.flatMap { report.objective($0)?.value.title.text(language) }
                guard let about else { return nil }
                let incoming = myTeams.contains(ask.toTeamID)
                let other = incoming ? ask.fromTeamID : ask.toTeamID
                return Ask(
                    ask: ask, fromTeam: report.team(other)?.name.text(language) ?? other.rawValue, about: about,
                    incoming: incoming)
            }

        let stale = form.rows.compactMap { row -> Stale? in
            guard let last = row.lastCheckIn else { return Stale(row: row, days: nil) }
            let days = last.day.days(to: report.today)
            return days >= staleAfterDays ? Stale(row: row, days: days) : nil
        }
        return MyWeek(
            keyResults: form, week: week, update: update, version: saved?.version, entry: entry(of: update),
            questions: questions, asks: asks,
            stale: stale, titles: titles)
    }

    /// What My week reads from the database beside the read model, kept while only check-ins are committed
    /// (`RevisionMemo`): a check-in changes none of it, and every other commit (an update saved, a question
    /// asked or answered, an ask sent) makes the next request read again.
    private struct Read: Sendable {
        let saved: Versioned<WeeklyUpdate>?
        let comments: [Comment]
        let asks: [DependencyAsk]
    }

    private struct Key: Hashable, Sendable {
        let generation: ReadModel.Generation
        let viewer: PersonID
        let week: Day
        let subjects: [Comment.Subject]
        let teams: [TeamID]
    }

    /// One entry per person who opened the page lately, of a few kilobytes each.
    private static let memo = RevisionMemo<Key, Read>(limit: 5_000)

    /// Where questions for the viewer may wait, with the title of each: the objectives and KRs they own and,
    /// for a lead, those of the teams they lead.
    private static func questionSubjects(
        _ report: CycleReport, form: CheckInForm, viewer: Person, language: Language
    ) -> [(Comment.Subject, String)] {
        var subjects: [(Comment.Subject, String)] = []
        for objective in report.objectives(ownedBy: .person(viewer.id)).map(\.value) {
            subjects.append((.objective(objective.id), objective.title.text(language)))
        }
        for row in form.rows {
            subjects.append((.keyResult(row.keyResult.id), row.keyResult.title.text(language)))
        }
        // A lead also answers for the team: open questions on the objectives of the teams they lead (and those
        // teams' KRs) wait for them too.
        if viewer.role == .lead, let tree = report.organization.tree {
            let mine = Set(subjects.map(\.0))
            for team in tree.teams.values.sorted(by: { $0.id < $1.id }) where report.access.leads(team.id) {
                for objective in report.objectives(ownedBy: .team(team.id)).map(\.value) {
                    if !mine.contains(.objective(objective.id)) {
                        subjects.append((.objective(objective.id), objective.title.text(language)))
                    }
                    for kr in report.keyResults(of: objective.id) where !mine.contains(.keyResult(kr.value.id)) {
                        subjects.append((.keyResult(kr.value.id), kr.value.title.text(language)))
                    }
                }
            }
        }
        return subjects
    }

    /// How many empty plan rows the form offers after those written.
    static let emptyPlanRows = 3

    /// The plan rows of the page's form (`plan-N-text`, and `plan-N-link` naming a KR or an objective) as the
    /// plan lines the form reads: a linked plan starting with `[id]`.
    static func plans(fromRows fields: [String: String]) -> String {
        let rows = fields.keys.compactMap { key -> Int? in
            guard key.hasPrefix("plan-"), key.hasSuffix("-text") else { return nil }
            return Int(key.dropFirst(5).dropLast(5))
        }.sorted()
        return rows.compactMap { row -> String? in
            let text = (fields["plan-\(row)-text"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            let link = (fields["plan-\(row)-link"] ?? "").trimmingCharacters(in: .whitespaces)
            return link.isEmpty ? text : "[\(link)] \(text)"
        }.joined(separator: "\n")
    }

    /// The form's plans as rows: each line's text and the id it links to ("" when none).
    var planRows: [(text: String, link: String)] {
        entry.plans.split(whereSeparator: \.isNewline).map { line -> (text: String, link: String) in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("["), let close = text.firstIndex(of: "]") else { return (text, "") }
            let id = String(text[text.index(after: text.startIndex)..<close]).trimmingCharacters(in: .whitespaces)
            return (String(text[text.index(after: close)...]).trimmingCharacters(in: .whitespaces), id)
        }.filter { !$0.text.isEmpty || !$0.link.isEmpty }
    }

    /// What a plan may link to: the viewer's KRs, then their objectives, by title (a saved link to anything else
    /// the viewer can see is kept as it is).
    func planLinks(_ language: Language) -> [(value: String, label: String)] {
        var links: [(value: String, label: String)] = []
        var objectives: [Objective] = []
        for row in keyResults.rows {
            links.append((row.keyResult.id.rawValue, row.keyResult.title.text(language)))
            if !objectives.contains(where: { $0.id == row.objective.id }) { objectives.append(row.objective) }
        }
        for objective in objectives { links.append((objective.id.rawValue, objective.title.text(language))) }
        for row in planRows where !row.link.isEmpty && !links.contains(where: { $0.value == row.link }) {
            links.append((row.link, titles[row.link] ?? row.link))
        }
        return links
    }

    /// The saved update as the form shows it: one plan per line, a linked plan starting with `[id]`.
    static func entry(of update: WeeklyUpdate?) -> UpdateEntry {
        guard let update else { return UpdateEntry() }
        let plans = update.plans.map { plan -> String in
            if let id = plan.keyResultID?.rawValue ?? plan.objectiveID?.rawValue { return "[\(id)] \(plan.text)" }
            return plan.text
        }
        return UpdateEntry(
            plans: plans.joined(separator: "\n"), progress: update.progress ?? "", problems: update.problems ?? "",
            mood: update.mood.map(String.init) ?? "")
    }

    /// Reads the posted update. A plan line may start with `[id]` of an objective or KR the viewer can see, which
    /// links it; an unknown id, too many plans or too long a text is a message next to its field.
    mutating func read(_ fields: [String: String], viewer: PersonID, page: Page) -> WeeklyUpdate? {
        entry = UpdateEntry(
            plans: fields["plans"] ?? Self.plans(fromRows: fields), progress: fields["progress"] ?? "",
            problems: fields["problems"] ?? "",
            // A form without the mood control (an older page) leaves the saved mood as it was.
            mood: fields["mood"].map { $0.trimmingCharacters(in: .whitespaces) } ?? update?.mood.map(String.init) ?? "")
        problems = [:]
        let report = keyResults.report
        let done = Set(update?.plans.filter(\.done).map(\.text) ?? [])
        var plans: [PlanItem] = []
        for line in entry.plans.split(whereSeparator: \.isNewline) {
            var text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            var objectiveID: ObjectiveID?
            var keyResultID: KeyResultID?
            if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
                let id = String(text[text.index(after: text.startIndex)..<close]).trimmingCharacters(in: .whitespaces)
                text = String(text[text.index(after: close)...]).trimmingCharacters(in: .whitespaces)
                if report.keyResult(KeyResultID(id)) != nil {
                    keyResultID = KeyResultID(id)
                } else if report.objective(ObjectiveID(id)) != nil {
                    objectiveID = ObjectiveID(id)
                } else {
                    problems[.plans] = page.t(.weekUnknownKeyResult, ["id": id])
                    continue
                }
            }
            do {
                plans.append(
                    try PlanItem(
                        text: text, objectiveID: objectiveID, keyResultID: keyResultID, done: done.contains(text)))
            } catch {
                problems[.plans] = Self.message(error, page)
            }
        }
        let progress = entry.progress.trimmingCharacters(in: .whitespacesAndNewlines)
        let problemsText = entry.problems.trimmingCharacters(in: .whitespacesAndNewlines)
        // The mood is typed as a number; whether it is one the core allows, the core says.
        let mood = Int(entry.mood)
        if !entry.mood.isEmpty && mood == nil { problems[.mood] = page.t(.weekMoodInvalid) }
        guard problems.isEmpty else { return nil }
        do {
            return try WeeklyUpdate(
                id: update?.id ?? WeeklyUpdateID(NewID.make("wu")), personID: viewer, week: week, plans: plans,
                progress: progress.isEmpty ? nil : progress, problems: problemsText.isEmpty ? nil : problemsText,
                mood: entry.mood.isEmpty ? nil : mood)
        } catch {
            let field: UpdateField =
                switch error.field {
                case "progress": .progress
                case "problems": .problems
                case "mood": .mood
                default: .plans
                }
            problems[field] = Self.message(error, page)
            return nil
        }
    }

    /// The core's refusal of a weekly update, in the words the form uses.
    static func message(_ error: DomainError, _ page: Page) -> String {
        switch error {
        case .invalid("plans", .outOfRange): page.t(.weekTooManyPlans, ["max": "50"])
        case .invalid("mood", _): page.t(.weekMoodInvalid)
        case .invalid(_, .tooLong(let max)): page.t(.weekTooLong, ["max": String(max)])
        default: error.message(page.language)
        }
    }
}
