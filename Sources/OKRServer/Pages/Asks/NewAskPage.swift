import Foundation
import OKRCore
import OKRStore

/// "Ask another team for help": for an objective or KR of the asking team, which team is asked, what is
/// needed and by when. The model of `/asks/new`; what it offers and accepts follows the API's rules (a member
/// or lead asks for their own team, an admin for any; the help is for an objective or KR the asker can see).
struct NewAskPage: Sendable {
    /// An objective or KR the help may be for: `objective:<id>` or `key_result:<id>`.
    struct Choice: Sendable {
        let value: String
        let label: String
        let objectiveID: ObjectiveID
        let keyResultID: KeyResultID?
    }

    /// The form as typed.
    struct Entry: Sendable, Equatable {
        var about = ""
        var from = ""
        var to = ""
        var need = ""
        var due = ""
    }

    enum Field: String, Sendable {
        case about, from, to, need, due
    }

    /// The teams the viewer may ask for.
    let askingTeams: [Team]
    /// Every team that may be asked.
    let teams: [Team]
    let choices: [Choice]
    var entry: Entry
    var problems: [Field: String] = [:]

    /// The choices are the visible objectives (with their KRs) of the teams the viewer may ask for, plus the
    /// one asked for in the query; nothing is read beyond the report.
    static func build(_ report: CycleReport, viewer: Person, query: Entry, language: Language) -> NewAskPage {
        let access = report.access
        let teams = report.teams.sorted { $0.name.text(language) < $1.name.text(language) }
        let asking = teams.filter { access.canWrite && (access.leads($0.id) || viewer.teamIDs.contains($0.id)) }
        let askingIDs = Set(asking.map(\.id))
        var entry = query
        if entry.from.isEmpty {
            entry.from = (viewer.teamIDs.first { askingIDs.contains($0) } ?? asking.first?.id)?.rawValue ?? ""
        }
        var mine = Set(TeamMeeting.objectives(report, teams: askingIDs).map(\.id))
        // The objective asked for in the query, by itself or through one of its KRs.
        if let named = Self.named(entry.about, report: report) { mine.insert(named) }
        var choices: [Choice] = []
        for id in report.snapshot.ordered(mine) {
            guard let objective = report.objective(id)?.value else { continue }
            let value = "objective:" + objective.id.rawValue
            let krs = report.keyResults(of: objective.id).map(\.value)
            let named = entry.about == value || krs.contains { entry.about == "key_result:" + $0.id.rawValue }
            guard mine.contains(objective.id) || named else { continue }
            choices.append(
                Choice(
                    value: value, label: objective.title.text(language), objectiveID: objective.id, keyResultID: nil))
            for kr in krs {
                choices.append(
                    Choice(
                        value: "key_result:" + kr.id.rawValue, label: "— " + kr.title.text(language),
                        objectiveID: objective.id, keyResultID: kr.id))
            }
        }
        return NewAskPage(askingTeams: asking, teams: teams, choices: choices, entry: entry)
    }

    /// The objective that `about` (`objective:<id>` or `key_result:<id>`) names, if the viewer may see it.
    static func named(_ about: String, report: CycleReport) -> ObjectiveID? {
        if about.hasPrefix("objective:") {
            return report.objective(ObjectiveID(String(about.dropFirst("objective:".count))))?.value.id
        }
        if about.hasPrefix("key_result:") {
            return report.keyResult(KeyResultID(String(about.dropFirst("key_result:".count))))?.objective.value.id
        }
        return nil
    }

    /// Reads the posted form into an ask, or nil with a message next to each field that is wrong.
    mutating func read(_ posted: Entry, id: DependencyAskID, page: Page) -> DependencyAsk? {
        entry = posted
        problems = [:]
        let language = page.language
        let choice = choices.first { $0.value == posted.about }
        if choice == nil { problems[.about] = InvalidReason.required.message(language) }
        let from = askingTeams.first { $0.id.rawValue == posted.from }
        if from == nil { problems[.from] = InvalidReason.outOfRange.message(language) }
        let to = teams.first { $0.id.rawValue == posted.to }
        if to == nil { problems[.to] = InvalidReason.required.message(language) }
        // Whether the teams differ and the need is written and short enough, the core says.
        if let from, let to {
            do throws(DomainError) {
                try DependencyAsk.between(from.id, to.id)
            } catch {
                problems[.to] = page.t(.askSameTeam)
            }
        }
        var need = posted.need
        do throws(DomainError) {
            need = try DependencyAsk.need(posted.need)
        } catch {
            problems[.need] = Self.reason(error, language)
        }
        let due = Day(iso: posted.due.trimmingCharacters(in: .whitespaces))
        if due == nil { problems[.due] = page.t(.askBadDate) }
        guard problems.isEmpty, let choice, let from, let to, let due else { return nil }
        do {
            return try DependencyAsk(
                id: id, fromTeamID: from.id, toTeamID: to.id,
                objectiveID: choice.keyResultID == nil
                    ? choice.objectiveID : nil, keyResultID: choice.keyResultID, need: need, dueBy: due)
        } catch {
            switch error.field {
            case "to_team_id": problems[.to] = page.t(.askSameTeam)
            case "objective_id": problems[.about] = Self.reason(error, language)
            default: problems[.need] = Self.reason(error, language)
            }
            return nil
        }
    }

    /// The core's reason, for the message beside its field (which names the field already).
    static func reason(_ error: DomainError, _ language: Language) -> String {
        guard case .invalid(_, let reason) = error else { return error.message(language) }
        return reason.message(language)
    }
}
