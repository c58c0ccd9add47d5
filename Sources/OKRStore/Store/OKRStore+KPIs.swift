import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    public func createKPI(_ kpi: KPI, actor: PersonID?) async throws {
        try await change("kpi", actor: actor) { tx in
            try await tx.requireReferences(
                [Reference("owner_team_id", table: "teams", id: kpi.ownerTeamID?.rawValue)], entity: "kpi")
            try await tx.run(
                """
                INSERT INTO kpis (id, name_vi, name_en, unit, direction, healthy, unhealthy, owner_team_id, version)
                VALUES (\(bind: kpi.id.rawValue), \(bind: kpi.name.vi), \(bind: kpi.name.en), \(bind: kpi.unit.description),
                    \(bind: kpi.direction.rawValue), \(bind: StoredValue.text(kpi.healthy)),
                    \(bind: StoredValue.text(kpi.unhealthy)), \(bind: kpi.ownerTeamID?.rawValue), 1)
                """)
            try await tx.audit("kpi", id: kpi.id.rawValue, action: "create", before: KPI?.none, after: kpi)
        }
    }

    /// Replaces a KPI's name, unit, direction, thresholds and owner if it is still at `expectedVersion`.
    public func updateKPI(_ kpi: KPI, expectedVersion: Int, actor: PersonID?) async throws -> Versioned<KPI> {
        try await change("kpi", actor: actor) { tx in
            guard let before = try await Loader(db: tx.db).kpis("m.id = \(bind: kpi.id.rawValue)").first else {
                throw StoreError.notFound(entity: "kpi", id: kpi.id.rawValue)
            }
            try await tx.requireReferences(
                [Reference("owner_team_id", table: "teams", id: kpi.ownerTeamID?.rawValue)], entity: "kpi")
            let version = try await tx.bumpVersion(
                table: "kpis", id: kpi.id.rawValue, expected: expectedVersion, entity: "kpi")
            try await tx.run(
                """
                UPDATE kpis SET name_vi = \(bind: kpi.name.vi), name_en = \(bind: kpi.name.en),
                    unit = \(bind: kpi.unit.description), direction = \(bind: kpi.direction.rawValue),
                    healthy = \(bind: StoredValue.text(kpi.healthy)), unhealthy = \(bind: StoredValue.text(kpi.unhealthy)),
                    owner_team_id = \(bind: kpi.ownerTeamID?.rawValue)
                WHERE id = \(bind: kpi.id.rawValue)
                """)
            try await tx.audit("kpi", id: kpi.id.rawValue, action: "update", before: before.value, after: kpi)
            return Versioned(value: kpi, version: version)
        }
    }

    /// All KPIs, by id.
    public func kpis() async throws -> [KPI] {
        try await read { try await $0.kpis(Loader.all).map(\.value) }
    }

    public func kpi(id: KPIID) async throws -> Versioned<KPI>? {
        try await read { try await $0.kpis("m.id = \(bind: id.rawValue)").first }
    }

    /// Records a KPI's value for a day; a second value for the same day replaces the first (and the audit
    /// event keeps the old one).
    public func recordKPIValue(_ value: KPIValue, actor: PersonID?) async throws {
        try await change("kpi_value", actor: actor) { tx in
            try await tx.requireReferences(
                [Reference("kpi_id", table: "kpis", id: value.kpiID.rawValue)], entity: "kpi_value")
            let before = try await Loader(db: tx.db).kpiValues(
                "v.kpi_id = \(bind: value.kpiID.rawValue) AND v.day = \(bind: value.day.iso)"
            ).first
            try await tx.run(
                """
                INSERT INTO kpi_values (kpi_id, day, value)
                VALUES (\(bind: value.kpiID.rawValue), \(bind: value.day.iso), \(bind: StoredValue.text(value.value)))
                ON CONFLICT (kpi_id, day) DO UPDATE SET value = excluded.value
                """)
            try await tx.audit(
                "kpi_value", id: "\(value.kpiID.rawValue)@\(value.day.iso)",
                action: before == nil ? "create" : "update",
                before: before, after: value)
            try await Self.feed(value, actor: actor, in: tx)
        }
    }

    /// The KRs fed by the KPI take its value as a check-in that names the KPI, when it is the KPI's latest (a value
    /// recorded for an earlier day fills in the KPI's history only) and falls within the KR's cycle while that
    /// cycle is active. The check-in is the recorder's; without one (a script of the operator's), the KR owner's.
    /// A KR whose latest check-in already is this value of this KPI on this day is left as it is.
    static func feed(_ value: KPIValue, actor: PersonID?, in tx: StoreTransaction) async throws {
        let kpi = value.kpiID.rawValue
        let latest = try await tx.rows("SELECT MAX(v.day) AS day FROM kpi_values v WHERE v.kpi_id = \(bind: kpi)")
        guard let day = try latest.first?.decode(column: "day", as: String?.self), day == value.day.iso else { return }
        let loader = Loader(db: tx.db)
        let fed = try await loader.keyResults("k.kpi_id = \(bind: kpi)")
        guard !fed.isEmpty else { return }
        let lastCheckIns = try await loader.lastCheckIns("k.kpi_id = \(bind: kpi)")
        let cycles = try await loader.cycles("c.state = 'active'")
        let settings = try await loader.settings()?.value
        for entry in fed {
            let kr = entry.value
            let cycle = try await tx.rows(
                "SELECT o.cycle_id FROM objectives o WHERE o.id = \(bind: kr.objectiveID.rawValue)")
            guard let cycleID = try cycle.first?.decode(column: "cycle_id", as: String.self),
                let active = cycles.first(where: { $0.value.id.rawValue == cycleID })?.value,
                active.start <= value.day,
                value.day <= active.end
                    // A KR whose kind cannot take the number (a milestone is 0 or 1) is not fed by it.
                    && (try? kr.recording(value.value)) != nil
            else { continue }
            if let last = lastCheckIns[kr.id], last.kpiID == value.kpiID, last.day == value.day,
                last.value == value.value
            {
                continue
            }
            var author = actor
            if author == nil, case .person(let owner) = kr.owner { author = owner }
            guard let author else { continue }
            let checkIn = try CheckIn(
                id: CheckInID(NewID.make()), keyResultID: kr.id, value: value.value, authorID: author,
                recordedAt: tx.now, day: value.day, weekStart: settings?.weekStart ?? .monday, kpiID: value.kpiID)
            _ = try await append(checkIn, in: tx)
        }
    }

    /// A KPI's history, oldest day first.
    public func kpiValues(kpi: KPIID) async throws -> [KPIValue] {
        try await read { try await $0.kpiValues("v.kpi_id = \(bind: kpi.rawValue)") }
    }

    /// Every KPI with its version, by id: one query whatever their number.
    public func versionedKPIs() async throws -> [Versioned<KPI>] {
        try await read { try await $0.kpis("1 = 1") }
    }

    /// Each KPI's latest value (the one of its latest day), by KPI: one query.
    public func latestKPIValues() async throws -> [KPIID: KPIValue] {
        let values = try await read {
            try await $0.kpiValues("v.day = (SELECT MAX(x.day) FROM kpi_values x WHERE x.kpi_id = v.kpi_id)")
        }
        return Dictionary(values.map { ($0.kpiID, $0) }, uniquingKeysWith: { _, latest in latest })
    }

    /// The KRs, of any cycle, that take their values from `kpi`.
    public func keyResults(fedBy kpi: KPIID) async throws -> [Versioned<KeyResult>] {
        try await read { try await $0.keyResults("k.kpi_id = \(bind: kpi.rawValue)") }
    }
}

extension Loader {
    func kpis(_ filter: SQLQueryString) async throws -> [Versioned<KPI>] {
        let found = try await rows("SELECT m.* FROM kpis m WHERE \(filter)")
        return try found.map { raw in
            let row = try StoredRow(raw, entity: "kpi")
            let unitText = try row.string("unit")
            let kpi = try row.restore {
                try KPI(
                    id: KPIID(row.id), name: try row.name(), unit: try MeasureUnit.parse(unitText),
                    direction: try row.enumeration("direction", as: KPI.Direction.self),
                    healthy: try row.decimal("healthy"), unhealthy: try row.decimal("unhealthy"),
                    ownerTeamID: try row.optionalString("owner_team_id").map { TeamID($0) })
            }
            return Versioned(value: kpi, version: try row.int("version"))
        }.sorted { $0.value.id < $1.value.id }
    }

    func kpiValues(_ filter: SQLQueryString) async throws -> [KPIValue] {
        let found = try await rows("SELECT v.* FROM kpi_values v WHERE \(filter) ORDER BY v.kpi_id, v.day")
        return try found.map { raw in
            let row = try StoredRow(raw, entity: "kpi_value", idColumn: "kpi_id")
            return try row.restore {
                try KPIValue(kpiID: KPIID(row.id), day: try row.day("day"), value: try row.decimal("value"))
            }
        }
    }
}
