import Foundation
import OKRCore
import OKRStore

/// The organization's settings as a form: what is stored, or what was typed when a save was refused, with a
/// message next to each refused field. The form is read into the `SettingsChange` that `PATCH /api/v1/settings`
/// also makes and saves, so the page refuses exactly what the API refuses. The model of `/settings`.
struct OrganizationSettingsPage: Sendable {
    let entry: Versioned<OrganizationSettings>
    /// What publishing a draft waits for (`PublishGate`), stored beside the settings.
    let gate: PublishGate
    /// What starting a planned cycle waits for (`ActivationGate`).
    let activation: ActivationGate
    /// Whether the viewer may change the settings (admins); others read them.
    let canChange: Bool
    var fields: [String: String]
    var errors: [String: String] = [:]
    /// A line above the form: saved, or why nothing was saved.
    var notice: String?
    var noticeIsError = false

    var settings: OrganizationSettings { entry.value }

    init(
        entry: Versioned<OrganizationSettings>, gate: PublishGate, activation: ActivationGate, canChange: Bool,
        language: Language
    ) {
        self.entry = entry
        self.gate = gate
        self.activation = activation
        self.canChange = canChange
        self.fields = Self.fields(of: entry, gate: gate, activation: activation, language: language)
    }

    /// The publish gate's switches, by form field.
    static let gateSwitches: [(field: String, key: StringKey)] = [
        ("publish_requires_answered_questions", .draftingGateQuestions),
        ("publish_requires_no_errors", .draftingGateErrors),
    ]

    /// The activation gate's switches, by form field.
    static let activationSwitches: [(field: String, key: StringKey)] = [
        ("activation_requires_answered_questions", .settingsActivationGateQuestions),
        ("activation_requires_answered_asks", .settingsActivationGateAsks),
    ]

    subscript(_ name: String) -> String { fields[name] ?? "" }

    /// The thresholds' form fields by the policy's threshold each shows.
    static let thresholds = ["on_track", "at_risk", "off_track"]

    /// The form's fields for the settings as stored; numbers in the page's language (0,95 in Vietnamese).
    static func fields(
        of entry: Versioned<OrganizationSettings>, gate: PublishGate, activation: ActivationGate, language: Language
    ) -> [String: String] {
        let settings = entry.value
        let rules = SettingsResource.StatusRulesResource(settings.statusRules)
        var fields = [
            "name": settings.name, "time_zone": settings.timeZone, "week_start": settings.weekStart.name,
            "default_language": settings.defaultLanguage.rawValue, "check_in_day": settings.checkInDay.name,
            "check_in_time": settings.checkInTime, "max_objectives_per_owner": String(settings.maxObjectivesPerOwner),
            "policy": rules.policy, "low_confidence_below": String(rules.lowConfidenceBelow),
            "stale_after_days": String(rules.staleAfterDays), "version": String(entry.version),
        ]
        if settings.observesVietnameseHolidays { fields["observes_vietnamese_holidays"] = "on" }
        if gate.requiresAnsweredQuestions { fields["publish_requires_answered_questions"] = "on" }
        if gate.requiresNoErrors { fields["publish_requires_no_errors"] = "on" }
        if activation.requiresAnsweredQuestions { fields["activation_requires_answered_questions"] = "on" }
        if activation.requiresAnsweredAsks { fields["activation_requires_answered_asks"] = "on" }
        for (name, value) in zip(thresholds, [rules.onTrack, rules.atRisk, rules.offTrack]) {
            fields[name] = value.map { NumberText.format($0, language, places: 4, trimZeros: true) } ?? ""
        }
        return fields
    }

    /// The change the form asks for, or nil with a message next to each field that is not a number.
    ///
    /// Only the thresholds of the chosen policy are read (a ratio has no off-track threshold). When the policy
    /// changes, a threshold still showing the old policy's value is left out, so it takes the new policy's
    /// default rather than a number meant for another rule.
    mutating func change(_ page: Page) -> SettingsChange? {
        let rules = SettingsResource.StatusRulesResource(settings.statusRules)
        let policy = self["policy"]
        let stored: [String: Decimal?] = [
            "on_track": rules.onTrack, "at_risk": rules.atRisk, "off_track": rules.offTrack,
        ]
        var numbers: [String: Decimal] = [:]
        let used = policy == "gap" ? ["at_risk", "off_track"] : ["on_track", "at_risk"]
        for name in used {
            let text = self[name].trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            guard let value = CheckInForm.number(text) else {
                errors[name] = page.t(.settingsNotNumber)
                continue
            }
            if policy != rules.policy, let old = stored[name] ?? nil, old == value { continue }
            numbers[name] = value
        }
        var integers: [String: Int] = [:]
        for name in ["max_objectives_per_owner", "low_confidence_below", "stale_after_days"] {
            let text = self[name].trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            guard let value = Int(text) else {
                errors[name] = page.t(.settingsNotWholeNumber)
                continue
            }
            integers[name] = value
        }
        let language = Language(rawValue: self["default_language"])
        if language == nil {
            errors["default_language"] = InvalidReason.unknownValue(self["default_language"]).message(page.language)
        }
        guard errors.isEmpty else { return nil }
        return SettingsChange(
            name: self["name"], timeZone: self["time_zone"], weekStart: self["week_start"],
            observesVietnameseHolidays: fields["observes_vietnamese_holidays"] != nil, defaultLanguage: language,
            statusRules: SettingsChange.Rules(
                policy: policy, onTrack: numbers["on_track"], atRisk: numbers["at_risk"],
                offTrack: numbers["off_track"], lowConfidenceBelow: integers["low_confidence_below"],
                staleAfterDays: integers["stale_after_days"]),
            maxObjectivesPerOwner: integers["max_objectives_per_owner"], checkInDay: self["check_in_day"],
            checkInTime: self["check_in_time"],
            publishRequiresAnsweredQuestions: fields["publish_requires_answered_questions"] != nil,
            publishRequiresNoErrors: fields["publish_requires_no_errors"] != nil,
            activationRequiresAnsweredQuestions: fields["activation_requires_answered_questions"] != nil,
            activationRequiresAnsweredAsks: fields["activation_requires_answered_asks"] != nil)
    }

    /// Records why the core or the API refused the settings, next to the field it names (`status_rules.at_risk`
    /// is the form's `at_risk`).
    mutating func refused(_ error: any Error, _ page: Page) {
        var field = "name"
        var message = page.t(.settingsInvalid)
        switch error {
        case DomainError.invalid(let name, let reason):
            field = name
            message = reason.message(page.language)
        case let error as APIError:
            field = error.field ?? field
            message = error.message(page.language)
        case let error as DomainError:
            message = error.message(page.language)
        default:
            break
        }
        for prefix in ["status_rules.", "policy."] where field.hasPrefix(prefix) {
            field = String(field.dropFirst(prefix.count))
        }
        errors[field] = message
    }
}
