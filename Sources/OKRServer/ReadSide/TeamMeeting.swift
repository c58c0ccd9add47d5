import Foundation
import OKRCore
import OKRStore

/// A team's weekly OKR meeting, built from the data of one team and one week (mission: "a 15-minute meeting
/// from one screen"): what moved, what is at risk and why, the problems raised, the plans that push no
/// objective, the asks in and out and the questions waiting. Statuses come from the cycle's `Scorecard`, as on
/// every other page; only what the viewer may see is in it.
struct TeamMeeting: Sendable {
    /// A KR whose value changed during the week.
    struct Move: Sendable {
        let keyResult: KeyResult
        let objective: Objective
        /// The value before the week (the last check-in before it, else the KR's start), nil when there was none.
        let from: Decimal?
        let to: Decimal
        /// Progress at `to` minus progress at `from`, as the core computes progress for any value.
        let progressDelta: Decimal
        /// Who checked in during the week.
        let people: [String]
    }

    /// A KR at risk or off track today, with the score that says why.
    struct Risk: Sendable {
        let keyResult: KeyResult
        let objective: Objective
        let score: Scorecard.KeyResultScore
    }

    /// A line someone wrote in their weekly update: a problem, or a plan linked to no objective.
    struct Note: Sendable {
        let person: String
        let text: String
    }

    struct Ask: Sendable {
        let ask: DependencyAsk
        /// The other team of the ask.
        let otherTeam: String
        /// The objective or KR the help is for.
        let about: String
        let overdue: Bool
        /// The initiative an accepted ask put into the providing team's plan.
        let initiative: Initiative?
    }

    struct Question: Sendable {
        let comment: Comment
        let author: String
        let about: String
    }

    /// The parts of the meeting, in the order it runs; present mode shows one at a time.
    enum Section: String, Sendable, CaseIterable {
        case moves, risks, problems, unlinked, asks, questions
    }

    let team: Team
    let cycle: Cycle
    /// The first day of the week.
    let week: Day
    let today: Day
    let moves: [Move]
    let risks: [Risk]
    let problems: [Note]
    let unlinkedPlans: [Note]
    let asksIn: [Ask]
    let asksOut: [Ask]
    let questions: [Question]

    var previousWeek: Day { week.adding(days: -7) }
    var nextWeek: Day { week.adding(days: 7) }
    var lastDay: Day { week.adding(days: 6) }

    /// The visible objectives of these teams as the team page shows them (the teams' and their members'
    /// personal ones).
    static func objectives(_ report: CycleReport, teams: Set<TeamID>) -> [Objective] {
        var found: [Versioned<Objective>] = []
        for id in teams {
            guard let team = report.team(id) else { continue }
            found += report.objectives(ofTeam: team)
            if team.isCompany {
                found += report.objectives(ownedBy: .company) + report.objectives(ownedBy: nil)
            }
        }
        let ids = Set(found.map(\.value.id))
        let byID = Dictionary(found.map { ($0.value.id, $0.value) }, uniquingKeysWith: { a, _ in a })
        return report.snapshot.ordered(ids).compactMap { byID[$0] }.filter { objective in
            Overview.sectionTeam(objective, report: report).map(teams.contains) ?? false
        }
    }

    /// Builds the meeting from the report plus three queries: the week's updates of the team's people, the
    /// team's asks, and the comments on its objectives and KRs.
    static func load(
        _ report: CycleReport, team: Team, week: Day, store: OKRStore, language: Language
    ) async throws -> TeamMeeting {
        let objectives = objectives(report, teams: [team.id])
        let names = { (id: PersonID) in report.name(id) }
        let history = try await store.week(
            from: week, keyResults: objectives.flatMap { report.keyResults(of: $0.id).map(\.value.id) })

        var moves: [Move] = []
        var risks: [Risk] = []
        var subjects: [Comment.Subject] = []
        var about: [Comment.Subject: String] = [:]
        for objective in objectives {
            subjects.append(.objective(objective.id))
            about[.objective(objective.id)] = objective.title.text(language)
            for kr in report.keyResults(of: objective.id).map(\.value) {
                subjects.append(.keyResult(kr.id))
                about[.keyResult(kr.id)] = kr.title.text(language)
                let moved = history[kr.id]
                if let move = move(kr, objective, before: moved?.before, during: moved?.during ?? [], names: names) {
                    moves.append(move)
                }
                if let score = report.score(kr.id),
                    score.status.status == .atRisk || score.status.status == .offTrack
                {
                    risks.append(Risk(keyResult: kr, objective: objective, score: score))
                }
            }
        }
        // Off track before at risk: the meeting starts with what needs it most.
        risks.sort { ($0.score.status.status == .offTrack ? 0 : 1) < ($1.score.status.status == .offTrack ? 0 : 1) }

        var people: [PersonID] = []
        for id in team.leadIDs + team.memberIDs where !people.contains(id) { people.append(id) }
        var problems: [Note] = []
        var unlinked: [Note] = []
        for update in try await store.weeklyUpdates(week: week, people: people) {
            let person = names(update.personID)
            if let text = update.problems { problems.append(Note(person: person, text: text)) }
            for plan in update.unlinkedPlans { unlinked.append(Note(person: person, text: plan.text)) }
        }

        let asks = try await store.asks(team: team.id).map(\.value).filter { $0.state != .done }
        let initiatives = try await store.initiatives(asks: asks.filter { $0.state == .accepted }.map(\.id))
        var asksIn: [Ask] = []
        var asksOut: [Ask] = []
        for ask in asks {
            // Asks on objectives or KRs the viewer cannot see are left out, as in the API.
            guard let title = title(ask, report: report, language: language) else { continue }
            let incoming = ask.toTeamID == team.id
            let other = incoming ? ask.fromTeamID : ask.toTeamID
            let item = Ask(
                ask: ask, otherTeam: report.team(other)?.name.text(language) ?? other.rawValue, about: title,
                overdue: ask.isOverdue(on: report.today), initiative: initiatives[ask.id])
            if incoming { asksIn.append(item) } else { asksOut.append(item) }
        }

        var questions: [Question] = []
        let bySubject = Dictionary(grouping: try await store.comments(subjects: subjects), by: \.subject)
        for subject in subjects {
            for comment in Comment.openQuestions(bySubject[subject] ?? []) {
                questions.append(
                    Question(
                        comment: comment, author: names(comment.authorID),
                        about: about[subject] ?? ""))
            }
        }
        return TeamMeeting(
            team: team, cycle: report.cycle, week: week, today: report.today, moves: moves, risks: risks,
            problems: problems, unlinkedPlans: unlinked, asksIn: asksIn, asksOut: asksOut, questions: questions)
    }

    /// How a KR moved during the week: from the value it had before the week to its last value in it, or nil
    /// when nobody checked in that week or the value stayed where it was.
    static func move(
        _ kr: KeyResult, _ objective: Objective, before: CheckIn?, during: [CheckIn], names: (PersonID) -> String
    ) -> Move? {
        guard let last = during.last else { return nil }
        let from = before?.value ?? kr.start
        guard from != last.value else { return nil }
        // Each end as it was then, its validity condition included (the headline's guarded number).
        let before = before.map { kr.progress(at: $0).value } ?? from.map { kr.progress(ifValueWere: $0) } ?? 0
        var people: [String] = []
        for checkIn in during {
            let name = names(checkIn.authorID)
            if !people.contains(name) { people.append(name) }
        }
        return Move(
            keyResult: kr, objective: objective, from: from, to: last.value,
            progressDelta: kr.progress(at: last).value - before, people: people)
    }

    /// What an ask is about, as the viewer may see it: its KR's title, else its objective's; nil when hidden.
    static func title(_ ask: DependencyAsk, report: CycleReport, language: Language) -> String? {
        ask.keyResultID.flatMap { report.keyResult($0)?.keyResult.value.title.text(language) }
            ?? ask.objectiveID.flatMap { report.objective($0)?.value.title.text(language) }
    }
}
