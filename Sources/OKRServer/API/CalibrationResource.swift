import Foundation
import OKRCore

/// How well confidence foretold the grades of a closed cycle, for the cycle, each team and each person (as the
/// caller may see the objectives): the Brier score of the last confidence stated against the final grade, with
/// success at 1.0 for committed objectives and 0.7 for aspirational ones.
struct CalibrationResource: Encodable, Sendable {
    let cycle: String
    let overall: Figures?
    let teams: [Subject]
    let people: [Subject]

    struct Figures: Encodable, Sendable {
        let forecasts: Int
        let brierScore: Decimal
        let meanConfidence: Decimal
        let successRate: Decimal
        let verdict: String

        init(_ calibration: Calibration) {
            forecasts = calibration.forecasts
            brierScore = calibration.brierScore
            meanConfidence = calibration.meanConfidence
            successRate = calibration.successRate
            verdict = calibration.verdict.rawValue
        }

        static let schema = Schema.object([
            .required("forecasts", .integer(minimum: 1, maximum: nil), "Graded key results with a confidence."),
            .required(
                "brier_score", .number(minimum: 0, maximum: 1),
                "Σ (p − o)² / n: 0 is perfect foresight, 0.25 what always saying 5/10 earns."),
            .required("mean_confidence", .number(minimum: 0, maximum: 1), "Mean stated probability of success."),
            .required("success_rate", .number(minimum: 0, maximum: 1), "Share of key results that succeeded."),
            .required("verdict", .values(of: Calibration.Verdict.self)),
        ])
    }

    struct Subject: Encodable, Sendable {
        let id: String
        let name: String
        let calibration: Figures

        static let schema = Schema.object([
            .required("id", .string), .required("name", .string), .required("calibration", .ref("CalibrationFigures")),
        ])
    }

    init(_ breakdown: CycleCalibration, cycle: Cycle, language: Language) {
        self.cycle = cycle.id.rawValue
        overall = breakdown.overall.map(Figures.init)
        teams = breakdown.teams.map {
            Subject(id: $0.team.id.rawValue, name: $0.team.name.text(language), calibration: Figures($0.calibration))
        }
        people = breakdown.people.map {
            Subject(id: $0.person.id.rawValue, name: $0.person.name, calibration: Figures($0.calibration))
        }
    }

    static let schema = Schema.object([
        .required("cycle", .string),
        .required(
            "overall", .nullable(.ref("CalibrationFigures")), "Null when no graded key result had a confidence."),
        .required("teams", .array(.ref("CalibrationSubject")), "Per team whose objectives hold a forecast."),
        .required(
            "people", .array(.ref("CalibrationSubject")),
            "Per person who answers for a forecast: the key result's owner, else its objective's owner."),
    ])
}
