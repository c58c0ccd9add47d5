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
        let saved = try await input.change.save(
            expectedVersion: try call.expectedVersion(input.version), store: store, actor: call.viewer.id)
        return try .json(
            SettingsResource(saved.settings, gate: saved.gate, activation: saved.activation),
            version: saved.settings.version)
    }

    /// A database that was never set up (`okra migrate` without `okra demo`) has no settings yet.
    static let missing = APIError.notFound(.record, "settings")
}

/// The body of `PATCH /api/v1/settings`: a `SettingsChange` (every member optional, a missing one keeps its value)
/// and the version it was read at.
struct SettingsInput: Decodable, Sendable {
    let change: SettingsChange
    let version: Int?

    private enum CodingKeys: String, CodingKey { case version }

    init(from decoder: any Decoder) throws {
        change = try SettingsChange(from: decoder)
        version = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Int.self, forKey: .version)
    }

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
}
