import Foundation
import OKRCore
import OKRStore

/// The KPIs as one person sees them: every KPI with its latest value and the health that value gives, and one KPI
/// with its history, its thresholds and the KRs it feeds. KPIs measure the health of what runs; OKRs the change
/// one wants — the pages say so in the guide's words.
struct KPIList: Sendable {
    struct Row: Sendable {
        let kpi: KPI
        let owner: Team?
        let latest: KPIValue?
        var health: KPI.Health? { latest.map { kpi.health(of: $0.value) } }
    }

    let rows: [Row]
    /// Whether the viewer may define a KPI at all (an admin, or a lead of some team).
    let mayDefine: Bool

    /// Two queries whatever the number of KPIs: the KPIs, and each one's latest value.
    static func load(store: OKRStore, access: Access, teams: [Team]) async throws -> KPIList {
        let kpis = try await store.versionedKPIs().map(\.value)
        let latest = try await store.latestKPIValues()
        let byID = Dictionary(teams.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = kpis.map { kpi in
            Row(kpi: kpi, owner: kpi.ownerTeamID.flatMap { byID[$0] }, latest: latest[kpi.id])
        }
        let mayDefine = access.isAdmin || teams.contains { access.mayDefineKPI(ownedBy: $0.id) }
        return KPIList(rows: rows, mayDefine: mayDefine)
    }
}

/// One KPI: its definition, its values oldest first, and the KRs of the cycle that it feeds and the viewer sees.
struct KPIDetail: Sendable {
    struct FedKeyResult: Sendable {
        let keyResult: KeyResult
        let objective: Objective
    }

    let kpi: Versioned<KPI>
    let owner: Team?
    let values: [KPIValue]
    let feeds: [FedKeyResult]
    let mayEdit: Bool
    let mayRecord: Bool
    let today: Day
    /// The value form as typed, and the message beside each of its fields, after a refused value.
    var typed: [String: String] = [:]
    var errors: [String: String] = [:]

    var latest: KPIValue? { values.last }

    static func load(_ id: KPIID, store: OKRStore, report: CycleReport?, access: Access, today: Day) async throws
        -> KPIDetail?
    {
        guard let kpi = try await store.kpi(id: id) else { return nil }
        let values = try await store.kpiValues(kpi: id)
        var feeds: [FedKeyResult] = []
        if let report {
            for kr in try await store.keyResults(fedBy: id) {
                guard let found = report.keyResult(kr.value.id) else { continue }
                feeds.append(FedKeyResult(keyResult: found.keyResult.value, objective: found.objective.value))
            }
        }
        return KPIDetail(
            kpi: kpi, owner: kpi.value.ownerTeamID.flatMap { id in report?.team(id) }, values: values, feeds: feeds,
            mayEdit: access.mayDefineKPI(ownedBy: kpi.value.ownerTeamID),
            mayRecord: access.mayRecordValue(of: kpi.value),
            today: today)
    }
}

/// The form that defines or changes a KPI, kept as typed, with the message beside each field that failed.
struct KPIForm: Sendable {
    var fields: [String: String]
    var errors: [String: String] = [:]
    /// The KPI being changed, with the version the form was read at; nil for a new one.
    let editing: Versioned<KPI>?
    /// The teams the viewer may give a KPI to (value: team id; "" for none, offered to admins).
    let owners: [(value: String, label: String)]

    subscript(_ name: String) -> String { fields[name] ?? "" }

    static func fields(of kpi: Versioned<KPI>, _ language: Language) -> [String: String] {
        let value = kpi.value
        return [
            "name": value.name.vi, "name_en": value.name.en ?? "",
            "unit": ObjectiveEditor.unitText(value.unit), "direction": value.direction.rawValue,
            "healthy": ObjectiveEditor.plain(value.healthy, language),
            "unhealthy": ObjectiveEditor.plain(value.unhealthy, language),
            "owner": value.ownerTeamID?.rawValue ?? "", "version": String(kpi.version),
        ]
    }

    /// The KPI the form describes, through the domain's validating initialiser; nil with messages by field.
    mutating func validated(id: KPIID, access: Access, language: Language) -> KPI? {
        errors = [:]
        func number(_ name: String) -> Decimal? {
            guard let value = ObjectiveEditor.number(self[name], language), let value else {
                errors[name] = InvalidReason.notFinite.message(language)
                return nil
            }
            return value
        }
        let healthy = number("healthy")
        let unhealthy = number("unhealthy")
        let direction = KPI.Direction(rawValue: self["direction"])
        if direction == nil { errors["direction"] = InvalidReason.unknownValue(self["direction"]).message(language) }
        let owner = self["owner"].isEmpty ? nil : TeamID(self["owner"])
        if !owners.contains(where: { $0.value == self["owner"] }) || !access.mayDefineKPI(ownedBy: owner) {
            errors["owner"] = InvalidReason.unknownValue(self["owner"]).message(language)
        }
        let unit: MeasureUnit
        do {
            unit = try MeasureUnit.parse(self["unit"].trimmingCharacters(in: .whitespaces))
        } catch {
            errors["unit"] = error.message(language)
            return nil
        }
        guard let healthy, let unhealthy, let direction, errors.isEmpty else { return nil }
        do {
            let nameEn = self["name_en"].trimmingCharacters(in: .whitespaces)
            return try KPI(
                id: id, name: LocalizedName(vi: self["name"], en: nameEn.isEmpty ? nil : nameEn), unit: unit,
                direction: direction, healthy: healthy, unhealthy: unhealthy, ownerTeamID: owner)
        } catch {
            if case .invalid(let field, let reason) = error {
                errors[["name", "name_en", "healthy", "unhealthy"].contains(field) ? field : "name"] =
                    reason.message(language)
            }
            return nil
        }
    }
}
