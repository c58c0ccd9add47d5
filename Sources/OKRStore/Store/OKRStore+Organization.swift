import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// The organization's settings; nil before the first save (a fresh database).
    public func settings() async throws -> OrganizationSettings? {
        try await read { try await $0.settings()?.value }
    }

    /// The settings with their version, for an edit form that must not overwrite someone else's change.
    public func versionedSettings() async throws -> Versioned<OrganizationSettings>? {
        try await read { try await $0.settings() }
    }

    /// Creates or replaces the settings (there is one row per organization).
    public func saveSettings(_ settings: OrganizationSettings, actor: PersonID?) async throws {
        try await change("settings", actor: actor) { tx in
            let before = try await Loader(db: tx.db).settings()
            let policy = StoredValue.policyColumns(settings.statusRules.policy)
            let holidays = StoredValue.days(settings.holidays)
            if before == nil {
                try await tx.run(
                    """
                    INSERT INTO organization_settings (id, name, time_zone, week_start, holidays,
                        observes_vietnamese_holidays, default_language, status_policy, policy_first, policy_second,
                        low_confidence_below, stale_after_days, max_objectives_per_owner, check_in_day, check_in_time,
                        version)
                    VALUES (1, \(bind: settings.name), \(bind: settings.timeZone), \(bind: settings.weekStart.rawValue),
                        \(bind: holidays), \(bind: StoredValue.flag(settings.observesVietnameseHolidays)),
                        \(bind: settings.defaultLanguage.rawValue), \(bind: policy.name), \(bind: policy.first),
                        \(bind: policy.second), \(bind: settings.statusRules.lowConfidenceBelow),
                        \(bind: settings.statusRules.staleAfterDays), \(bind: settings.maxObjectivesPerOwner),
                        \(bind: settings.checkInDay.rawValue), \(bind: settings.checkInTime), 1)
                    """)
            } else {
                try await tx.run(
                    """
                    UPDATE organization_settings SET name = \(bind: settings.name),
                        time_zone = \(bind: settings.timeZone), week_start = \(bind: settings.weekStart.rawValue),
                        holidays = \(bind: holidays),
                        observes_vietnamese_holidays = \(bind: StoredValue.flag(settings.observesVietnameseHolidays)),
                        default_language = \(bind: settings.defaultLanguage.rawValue),
                        status_policy = \(bind: policy.name), policy_first = \(bind: policy.first),
                        policy_second = \(bind: policy.second),
                        low_confidence_below = \(bind: settings.statusRules.lowConfidenceBelow),
                        stale_after_days = \(bind: settings.statusRules.staleAfterDays),
                        max_objectives_per_owner = \(bind: settings.maxObjectivesPerOwner),
                        check_in_day = \(bind: settings.checkInDay.rawValue),
                        check_in_time = \(bind: settings.checkInTime), version = version + 1
                    WHERE id = 1
                    """)
            }
            try await tx.audit(
                "settings", id: "1", action: before == nil ? "create" : "update", before: before?.value,
                after: settings)
        }
    }
}

extension Loader {
    func settings() async throws -> Versioned<OrganizationSettings>? {
        guard let raw = try await rows("SELECT * FROM organization_settings WHERE id = 1").first else { return nil }
        let row = try StoredRow(raw, entity: "settings")
        let holidaysText = try row.string("holidays")
        guard let holidays = StoredValue.days(holidaysText) else { throw row.corrupt("holidays: \(holidaysText)") }
        func weekday(_ column: String) throws -> Weekday {
            let value = try row.int(column)
            guard let day = Weekday(rawValue: value) else { throw row.corrupt("\(column): \(value)") }
            return day
        }
        let settings = try row.restore {
            try OrganizationSettings(
                name: try row.string("name"), timeZone: try row.string("time_zone"),
                weekStart: try weekday("week_start"), holidays: holidays,
                observesVietnameseHolidays: try row.bool("observes_vietnamese_holidays"),
                defaultLanguage: try row.enumeration("default_language", as: Language.self),
                statusRules: try row.statusRules(), maxObjectivesPerOwner: try row.int("max_objectives_per_owner"),
                checkInDay: try weekday("check_in_day"), checkInTime: try row.string("check_in_time"))
        }
        return Versioned(value: settings, version: try row.int("version"))
    }
}

extension OKRStore {
    /// The first run of an empty database: the organization's settings, its company (the root team, id `company`)
    /// and its first admin, who leads it — all in one change. Refused with `StoreError.duplicate` when the
    /// database already holds people or a company team (two first runs at once: only one creates the company).
    public func startOrganization(
        _ settings: OrganizationSettings, company: LocalizedName, admin: Person, passwordHash: String
    ) async throws {
        guard try await !holdsPeople() else { throw StoreError.duplicate(entity: "organization", field: "people") }
        let companyID = TeamID("company")
        try await inOneChange(actor: nil) {
            try await self.saveSettings(settings, actor: nil)
            try await self.createTeam(Team(id: companyID, name: company), actor: nil)
            var first = admin
            first.teamIDs = [companyID]
            try await self.createPerson(first, passwordHash: passwordHash, actor: nil)
            let team = try Team(id: companyID, name: company, leadIDs: [admin.id], memberIDs: [admin.id])
            _ = try await self.updateTeam(team, expectedVersion: 1, actor: nil)
        }
    }
}

extension OKRStore {
    /// Whether anyone exists yet (an empty database opens on its first run).
    public func holdsPeople() async throws -> Bool { try await BulkLoad(database).holdsPeople() }
}
