import Foundation
import OKRCore

/// How well confidence foretold the grades of one cycle: for the cycle as a whole, for each team and for each
/// person. Each graded KR with a stated confidence is one forecast, judged against its objective's success line
/// (committed at 1.0, aspirational at 0.7). The forecast belongs to the person who answers for the KR (its owner,
/// else its objective's owner when that is a person) and to the team whose objective it is (see `team(of:)`).
struct CycleCalibration: Sendable {
    let overall: Calibration?
    let teams: [(team: Team, calibration: Calibration)]
    let people: [(person: Person, calibration: Calibration)]

    /// The calibration of `report`'s cycle as its viewer may see it; `saved` are grades saved before the close
    /// (a closed cycle's report already holds them).
    init(_ report: CycleReport, saved: [KeyResultID: KeyResultGrade] = [:]) {
        var all: [Calibration.Forecast] = []
        var byTeam: [TeamID: [Calibration.Forecast]] = [:]
        var byPerson: [PersonID: [Calibration.Forecast]] = [:]
        for objective in report.visible.map(\.value) {
            let successAt = Calibration.Forecast.successLine(objective.kind)
            let objectivePerson: PersonID? = if case .person(let id) = objective.owner { id } else { nil }
            for keyResult in report.keyResults(of: objective.id).map(\.value) {
                let team = Self.team(of: keyResult, objective, report)
                guard let confidence = keyResult.confidence,
                    let grade = saved[keyResult.id] ?? report.score(keyResult.id)?.grade
                else { continue }
                let forecast = Calibration.Forecast(
                    subject: keyResult.id.rawValue, confidence: confidence, grade: grade.value, successAt: successAt)
                all.append(forecast)
                if let team { byTeam[team, default: []].append(forecast) }
                let person: PersonID? = if case .person(let id) = keyResult.owner { id } else { objectivePerson }
                if let person { byPerson[person, default: []].append(forecast) }
            }
        }
        overall = Calibration(all)
        teams = byTeam.compactMap { id, forecasts in
            guard let team = report.team(id), let calibration = Calibration(forecasts) else { return nil }
            return (team, calibration)
        }.sorted { $0.team.name.text(.en) < $1.team.name.text(.en) }
        people = byPerson.compactMap { id, forecasts in
            guard let person = report.person(id), let calibration = Calibration(forecasts) else { return nil }
            return (person, calibration)
        }.sorted { $0.person.name < $1.person.name }
    }

    /// The team a forecast counts for: the objective's team; a personal objective's owner's first team; for a
    /// company objective, the team (or the first team of the person) answering for the KR.
    static func team(of keyResult: KeyResult, _ objective: Objective, _ report: CycleReport) -> TeamID? {
        func team(_ owner: Owner?) -> TeamID? {
            switch owner {
            case .team(let id): id
            case .person(let id): report.person(id)?.teamIDs.first
            case .company, nil: nil
            }
        }
        return objective.owner == .company ? team(keyResult.owner) : team(objective.owner)
    }

    func calibration(of person: PersonID) -> Calibration? {
        people.first { $0.person.id == person }?.calibration
    }

    /// One person's calibration alone, from the KRs they answer for: what `people` would hold for them, at the
    /// cost of their own objectives and KRs instead of the whole cycle.
    static func of(_ person: PersonID, in report: CycleReport) -> Calibration? {
        var forecasts: [Calibration.Forecast] = []
        var seen = Set<KeyResultID>()
        func add(_ keyResult: KeyResult, _ objective: Objective) {
            guard seen.insert(keyResult.id).inserted, let confidence = keyResult.confidence,
                let grade = report.score(keyResult.id)?.grade
            else { return }
            let answers: PersonID? =
                if case .person(let id) = keyResult.owner { id } else if case .person(let id) = objective.owner {
                    id
                } else { nil }
            guard answers == person else { return }
            forecasts.append(
                Calibration.Forecast(
                    subject: keyResult.id.rawValue, confidence: confidence, grade: grade.value,
                    successAt: Calibration.Forecast.successLine(objective.kind)))
        }
        for objective in report.objectives(ownedBy: .person(person)).map(\.value) {
            for keyResult in report.keyResults(of: objective.id) { add(keyResult.value, objective) }
        }
        for id in report.snapshot.keyResults(ownedBy: .person(person)) {
            if let found = report.keyResult(id) { add(found.keyResult.value, found.objective.value) }
        }
        return Calibration(forecasts)
    }
}
