import Foundation
import OKRCore
import OKRStore

/// The organization's settings as the API shows them: weekdays by name (`monday`), days as `YYYY-MM-DD`, and
/// the status rules spelled out flat (`{"policy": "ratio", "on_track": 0.95, "at_risk": 0.75, …}`) so a
/// script reads the thresholds without knowing how the core encodes its policies.
struct SettingsResource: Encodable, Sendable {
    let name: String
    let timeZone: String
    let weekStart: String
    let holidays: [Day]
    let observesVietnameseHolidays: Bool
    let defaultLanguage: String
    let statusRules: StatusRulesResource
    let maxObjectivesPerOwner: Int
    let checkInDay: String
    let checkInTime: String
    let publishRequiresAnsweredQuestions: Bool
    let publishRequiresNoErrors: Bool
    let activationRequiresAnsweredQuestions: Bool
    let activationRequiresAnsweredAsks: Bool
    let version: Int

    init(_ entry: Versioned<OrganizationSettings>, gate: PublishGate, activation: ActivationGate) {
        let settings = entry.value
        name = settings.name
        timeZone = settings.timeZone
        weekStart = settings.weekStart.name
        holidays = settings.holidays
        observesVietnameseHolidays = settings.observesVietnameseHolidays
        defaultLanguage = settings.defaultLanguage.rawValue
        statusRules = StatusRulesResource(settings.statusRules)
        maxObjectivesPerOwner = settings.maxObjectivesPerOwner
        checkInDay = settings.checkInDay.name
        checkInTime = settings.checkInTime
        publishRequiresAnsweredQuestions = gate.requiresAnsweredQuestions
        publishRequiresNoErrors = gate.requiresNoErrors
        activationRequiresAnsweredQuestions = activation.requiresAnsweredQuestions
        activationRequiresAnsweredAsks = activation.requiresAnsweredAsks
        version = entry.version
    }

    /// The weekdays by the names the API uses.
    static let weekdays = Schema.oneOf(Weekday.allCases.map(\.name))

    /// `HH:MM` on a 24-hour clock, as `OrganizationSettings` accepts it.
    static let clockTime = Schema.string(.init(pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$"))

    static let schema = Schema.object([
        .required("name", .string), .required("time_zone", .string, "An IANA time zone, e.g. `Asia/Ho_Chi_Minh`."),
        .required("week_start", weekdays), .required("holidays", .array(.day), "Days off besides the public holidays."),
        .required("observes_vietnamese_holidays", .boolean, "Whether Tết and the other public holidays are days off."),
        .required("default_language", .values(of: Language.self)),
        .required("status_rules", .ref("StatusRules"), "The rules a new cycle starts with."),
        .required("max_objectives_per_owner", .integer(minimum: 1, maximum: 50)),
        .required("check_in_day", weekdays), .required("check_in_time", clockTime, "Local time, `HH:MM`."),
        .required(
            "publish_requires_answered_questions", .boolean,
            "A draft is published only when every question on it (and on its key results) is answered."),
        .required(
            "publish_requires_no_errors", .boolean,
            "A draft is published only when no quality finding of error severity is left."),
        .required(
            "activation_requires_answered_questions", .boolean,
            "A planned cycle starts only when every question on its objectives and key results is answered."),
        .required(
            "activation_requires_answered_asks", .boolean,
            "A planned cycle starts only when every dependency ask made for it has its answer (accepted, declined, "
                + "or a counter-proposal answered)."),
        .required("version", .integer, "Send it back (or its ETag in If-Match) to change the settings."),
    ])

    /// Status rules, flat: the policy's name, its two thresholds, and what lowers a status.
    struct StatusRulesResource: Encodable, Sendable {
        let policy: String
        let onTrack: Decimal?
        let atRisk: Decimal
        let offTrack: Decimal?
        let lowConfidenceBelow: Int
        let staleAfterDays: Int

        init(_ rules: StatusRules) {
            policy = rules.policy.name
            switch rules.policy {
            case .ratio(let on, let risk), .weakest(let on, let risk):
                onTrack = on
                atRisk = risk
                offTrack = nil
            case .gap(let risk, let off):
                onTrack = nil
                atRisk = risk
                offTrack = off
            }
            lowConfidenceBelow = rules.lowConfidenceBelow
            staleAfterDays = rules.staleAfterDays
        }

        /// The names of the policies `StatusPolicy` knows.
        static let policies = Schema.oneOf(["ratio", "gap", "weakest"])

        static let schema = Schema.object([
            .required(
                "policy", policies,
                "`ratio` and `weakest`: on track when A ≥ on_track·E, at risk when A ≥ at_risk·E. `gap`: on track "
                    + "when E − A ≤ at_risk, at risk when E − A ≤ off_track."),
            .optional("on_track", .number(minimum: 0, maximum: 1), "`ratio` and `weakest` only."),
            .required("at_risk", .number(minimum: 0, maximum: 1)),
            .optional("off_track", .number(minimum: 0, maximum: 1), "`gap` only."),
            .required(
                "low_confidence_below", .integer(minimum: 0, maximum: 10),
                "A confidence below this lowers a status one step."),
            .required(
                "stale_after_days", .integer(minimum: 1, maximum: 366),
                "No check-in for this many days lowers a status one step."),
        ])
    }

    /// A change of status rules: every member optional. Thresholds left out keep their current values when the
    /// policy stays the same, and take the new policy's defaults when it changes.
    typealias StatusRulesInput = SettingsChange.Rules
}

extension SettingsChange.Rules {
    static let schema = Schema.object([
        .optional("policy", SettingsResource.StatusRulesResource.policies),
        .optional("on_track", .number(minimum: 0, maximum: 1), "`ratio` and `weakest` only; above at_risk."),
        .optional("at_risk", .number(minimum: 0, maximum: 1)),
        .optional("off_track", .number(minimum: 0, maximum: 1), "`gap` only; above at_risk."),
        .optional("low_confidence_below", .integer(minimum: 0, maximum: 10)),
        .optional("stale_after_days", .integer(minimum: 1, maximum: 366)),
    ])
}
