import Foundation
import OKRCore
import OKRStore

/// A change of the organization's settings, made the same way by the settings pages and `PATCH /api/v1/settings`:
/// every member is optional and one left out keeps its value; the core checks the result; the settings, the publish
/// gate and the activation gate are saved in one change, at the version the person read, or not at all.
struct SettingsChange: Sendable, Decodable {
    /// A change of the status rules (the organization's, or a cycle's own).
    struct Rules: Sendable, Decodable {
        var policy: String?
        var onTrack: Decimal?
        var atRisk: Decimal?
        var offTrack: Decimal?
        var lowConfidenceBelow: Int?
        var staleAfterDays: Int?

        /// `current` changed as this says, checked by the core; a refusal names the member under `field`
        /// (`status_rules.on_track`).
        func applied(to current: StatusRules, field: String) throws -> StatusRules {
            let name = policy ?? current.policy.name
            guard let named = StatusPolicy.named(name) else {
                throw DomainError.invalid(field: "\(field).policy", reason: .unknownValue(name))
            }
            let base = name == current.policy.name ? current.policy : named
            let chosen: StatusPolicy
            switch base {
            case .ratio(let on, let risk), .weakest(let on, let risk):
                if offTrack != nil {
                    throw DomainError.invalid(field: "\(field).off_track", reason: .notAllowedForKind(kind: name))
                }
                let onTrack = self.onTrack ?? on
                let atRisk = self.atRisk ?? risk
                chosen =
                    name == "ratio"
                    ? .ratio(onTrack: onTrack, atRisk: atRisk) : .weakest(onTrack: onTrack, atRisk: atRisk)
            case .gap(let risk, let off):
                if onTrack != nil {
                    throw DomainError.invalid(field: "\(field).on_track", reason: .notAllowedForKind(kind: name))
                }
                chosen = .gap(atRisk: atRisk ?? risk, offTrack: offTrack ?? off)
            }
            let rules = StatusRules(
                policy: chosen, lowConfidenceBelow: lowConfidenceBelow ?? current.lowConfidenceBelow,
                staleAfterDays: staleAfterDays ?? current.staleAfterDays)
            do {
                return try rules.validated()
            } catch {
                guard case .invalid(let member, let reason) = error else { throw error }
                let plain = member.hasPrefix("policy.") ? String(member.dropFirst("policy.".count)) : member
                throw DomainError.invalid(field: "\(field).\(plain)", reason: reason)
            }
        }
    }

    var name: String?
    /// An IANA time zone (`Asia/Ho_Chi_Minh`).
    var timeZone: String?
    /// A weekday by its name (`monday`).
    var weekStart: String?
    var holidays: [Day]?
    var observesVietnameseHolidays: Bool?
    var defaultLanguage: Language?
    var statusRules: Rules?
    var maxObjectivesPerOwner: Int?
    var checkInDay: String?
    /// `HH:MM`, 24-hour clock.
    var checkInTime: String?
    var publishRequiresAnsweredQuestions: Bool?
    var publishRequiresNoErrors: Bool?
    var activationRequiresAnsweredQuestions: Bool?
    var activationRequiresAnsweredAsks: Bool?

    /// What a save wrote.
    struct Saved: Sendable {
        let settings: Versioned<OrganizationSettings>
        let gate: PublishGate
        let activation: ActivationGate
    }

    /// Saves the change over the settings read at `expectedVersion` (before the first save they count as
    /// version 0): a stale version is a conflict, a refused member a `DomainError` naming it, and either saves
    /// nothing.
    func save(expectedVersion: Int, store: OKRStore, actor: PersonID) async throws -> Saved {
        let (gate, activation) = try await store.inOneChange(actor: actor) {
            let current = try await store.versionedSettings()
            // The store replaces the one settings row without a version check, so the check is made here.
            guard (current?.version ?? 0) == expectedVersion else {
                throw StoreError.conflict(
                    entity: "settings", id: "settings", expected: expectedVersion, actual: current?.version)
            }
            let settings = try applied(to: current?.value)
            let previousGate = try await store.publishGate()
            let gate = appliedGate(to: previousGate)
            let previousActivation = try await store.activationGate()
            let activation = appliedActivation(to: previousActivation)
            try await store.saveSettings(settings, actor: actor)
            if gate != previousGate { try await store.savePublishGate(gate, actor: actor) }
            if activation != previousActivation { try await store.saveActivationGate(activation, actor: actor) }
            return (gate, activation)
        }
        guard let saved = try await store.versionedSettings() else {
            throw StoreError.notFound(entity: "settings", id: "settings")
        }
        return Saved(settings: saved, gate: gate, activation: activation)
    }

    /// The settings after this change, checked by the core. `current` is nil before the first save; a name
    /// is then required and the rest take the core's defaults.
    func applied(to current: OrganizationSettings?) throws -> OrganizationSettings {
        guard let name = name ?? current?.name else { throw DomainError.invalid(field: "name", reason: .required) }
        let defaults = try current ?? OrganizationSettings(name: name)
        let zone = timeZone ?? defaults.timeZone
        guard Self.isKnown(timeZone: zone) else {
            throw DomainError.invalid(field: "time_zone", reason: .unknownValue(zone))
        }
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

    /// A weekday by its exact name (`monday`); anything else is refused naming `field`.
    static func weekday(_ name: String?, field: String) throws -> Weekday? {
        guard let name else { return nil }
        guard let day = Weekday.allCases.first(where: { $0.name == name }) else {
            throw DomainError.invalid(field: field, reason: .unknownValue(name))
        }
        return day
    }

    /// A zone of the IANA database as this system knows it (`UTC` included, which Foundation lists as `GMT`):
    /// the server turns instants into the organization's days with it, so a typo must not fall back silently.
    static func isKnown(timeZone: String) -> Bool {
        timeZone == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(timeZone)
    }
}
