import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// The organization's settings: everyone signed in reads them (pages and scripts need the time zone and the
/// status rules); only admins change them.
struct SettingsAPI: Sendable {
    let store: OKRStore

    func addRoutes(to api: APIBuilder) {
        api.schema("Settings", SettingsResource.schema)
        api.schema("StatusRules", SettingsResource.StatusRulesResource.schema)
        api.add(
            APIOperation(
                method: .get, path: "/settings", id: "getSettings", tag: "Organization",
                summary: "The organization's settings: time zone, week, holidays, language, status rules, check-ins.",
                response: .ref("Settings")), get)
        api.add(
            APIOperation(
                method: .patch, path: "/settings", id: "updateSettings", tag: "Organization",
                summary: "Changes the settings (admins). Members left out stay as they are.",
                body: SettingsInput.schema, response: .ref("Settings")), update)
    }

    func get(_ call: APICall) async throws -> APIReply {
        guard let settings = try await store.versionedSettings() else { throw Self.missing }
        return try .json(
            SettingsResource(
                settings, gate: try await store.publishGate(), activation: try await store.activationGate()),
            version: settings.version)
    }

    func update(_ call: APICall) async throws -> APIReply {
        guard Access(viewer: call.viewer, teams: []).isAdmin else { throw APIError.forbidden }
        let input = try await call.body(SettingsInput.self)
        let expected = try call.expectedVersion(input.version)
        let current = try await store.versionedSettings()
        // The store replaces the one settings row without a version check, so the check is made here: a stale
        // version changes nothing. Before the first save the settings count as version 0.
        guard (current?.version ?? 0) == expected else {
            throw StoreError.conflict(entity: "settings", id: "settings", expected: expected, actual: current?.version)
        }
        let settings = try input.applied(to: current?.value)
        try await store.saveSettings(settings, actor: call.viewer.id)
        let previousGate = try await store.publishGate()
        let gate = input.appliedGate(to: previousGate)
        if gate != previousGate { try await store.savePublishGate(gate, actor: call.viewer.id) }
        let previousActivation = try await store.activationGate()
        let activation = input.appliedActivation(to: previousActivation)
        if activation != previousActivation { try await store.saveActivationGate(activation, actor: call.viewer.id) }
        guard let saved = try await store.versionedSettings() else { throw Self.missing }
        return try .json(SettingsResource(saved, gate: gate, activation: activation), version: saved.version)
    }

    /// A database that was never set up (`okra migrate` without `okra demo`) has no settings yet.
    static let missing = APIError.notFound(.record, "settings")
}

/// A change of settings; every member is optional and a missing one keeps its value.
struct SettingsInput: Decodable, Sendable {
    let name: String?
    let timeZone: String?
    let weekStart: String?
    let holidays: [Day]?
    let observesVietnameseHolidays: Bool?
    let defaultLanguage: Language?
    let statusRules: SettingsResource.StatusRulesInput?
    let maxObjectivesPerOwner: Int?
    let checkInDay: String?
    let checkInTime: String?
    let publishRequiresAnsweredQuestions: Bool?
    let publishRequiresNoErrors: Bool?
    let activationRequiresAnsweredQuestions: Bool?
    let activationRequiresAnsweredAsks: Bool?
    let version: Int?

    static let schema = Schema.object([
        .optional("name", .text(max: 200)),
        .optional(
            "time_zone", .string(.init(minLength: 1, maxLength: 64)), "An IANA time zone, e.g. `Asia/Ho_Chi_Minh`."),
        .optional("week_start", SettingsResource.weekdays), .optional("holidays", .array(.day)),
        .optional("observes_vietnamese_holidays", .boolean), .optional("default_language", .values(of: Language.self)),
        .optional("status_rules", SettingsResource.StatusRulesInput.schema),
        .optional("max_objectives_per_owner", .integer(minimum: 1, maximum: 50)),
        .optional("check_in_day", SettingsResource.weekdays),
        .optional("check_in_time", SettingsResource.clockTime, "`HH:MM`, 24-hour clock."),
        .optional("publish_requires_answered_questions", .boolean, "Gate publishing on answered questions."),
        .optional("publish_requires_no_errors", .boolean, "Gate publishing on no error-level quality finding."),
        .optional(
            "activation_requires_answered_questions", .boolean, "Gate starting a cycle on answered questions."),
        .optional(
            "activation_requires_answered_asks", .boolean, "Gate starting a cycle on answered dependency asks."),
        .required("version", .integer, APIOperation.versionDescription),
    ])

    /// The settings after this change, checked by the core. `current` is nil before the first save; a name
    /// is then required and the rest take the core's defaults.
    func applied(to current: OrganizationSettings?) throws -> OrganizationSettings {
        guard let name = name ?? current?.name else { throw APIError.invalid("name", .required) }
        let defaults = try current ?? OrganizationSettings(name: name)
        let zone = timeZone ?? defaults.timeZone
        guard Self.isKnown(timeZone: zone) else { throw APIError.invalid("time_zone", .unknownValue(zone)) }
        return try OrganizationSettings(
            name: name, timeZone: zone,
            weekStart: try Self.weekday(weekStart, field: "week_start") ?? defaults.weekStart,
            holidays: holidays ?? defaults.holidays,
            observesVietnameseHolidays: observesVietnameseHolidays ?? defaults.observesVietnameseHolidays,
            defaultLanguage: defaultLanguage ?? defaults.defaultLanguage,
            statusRules: try statusRules?.applied(to: defaults.statusRules, field: "status_rules")
                ?? defaults.statusRules,
            maxObjectivesPerOwner: maxObjectivesPerOwner ?? defaults.maxObjectivesPerOwner,
            checkInDay: try Self.weekday(checkInDay, field: "check_in_day") ?? defaults.checkInDay,
            checkInTime: checkInTime ?? defaults.checkInTime)
    }

    /// The publish gate after this change; members left out keep their values.
    func appliedGate(to current: PublishGate) -> PublishGate {
        PublishGate(
            requiresAnsweredQuestions: publishRequiresAnsweredQuestions ?? current.requiresAnsweredQuestions,
            requiresNoErrors: publishRequiresNoErrors ?? current.requiresNoErrors)
    }

    /// The activation gate after this change; members left out keep their values.
    func appliedActivation(to current: ActivationGate) -> ActivationGate {
        ActivationGate(
            requiresAnsweredQuestions: activationRequiresAnsweredQuestions ?? current.requiresAnsweredQuestions,
            requiresAnsweredAsks: activationRequiresAnsweredAsks ?? current.requiresAnsweredAsks)
    }

    /// A weekday by its exact API name (`monday`); anything else is refused naming `field`.
    static func weekday(_ name: String?, field: String) throws -> Weekday? {
        guard let name else { return nil }
        guard let day = Weekday.allCases.first(where: { $0.name == name }) else {
            throw APIError.invalid(field, .unknownValue(name))
        }
        return day
    }

    /// A zone of the IANA database as this system knows it (`UTC` included, which Foundation lists as `GMT`):
    /// the server turns instants into the organization's days with it, so a typo must not fall back silently.
    static func isKnown(timeZone: String) -> Bool {
        timeZone == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(timeZone)
    }
}
