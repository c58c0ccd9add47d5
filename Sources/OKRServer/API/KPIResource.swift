import Foundation
import OKRCore
import OKRStore

/// A KPI as the API shows it: a business-health metric with its thresholds and, when read alone, its version,
/// latest value and the health that value gives (KPIs show the level of performance wanted; OKRs drive the
/// change). Lists leave those three out, so that a list stays one query whatever the number of KPIs.
struct KPIResource: Encodable, Sendable {
    let id: String
    let name: String
    let nameEn: String?
    let unit: String
    let direction: String
    let healthy: Decimal
    let unhealthy: Decimal
    let ownerTeamID: String?
    let version: Int?
    let latest: ValueResource?
    let health: String?

    /// `history` is the KPI's values, oldest first; `version` and `history` are nil in lists.
    init(_ kpi: KPI, version: Int?, history: [KPIValue]?) {
        id = kpi.id.rawValue
        name = kpi.name.vi
        nameEn = kpi.name.en
        unit = kpi.unit.description
        direction = kpi.direction.rawValue
        healthy = kpi.healthy
        unhealthy = kpi.unhealthy
        ownerTeamID = kpi.ownerTeamID?.rawValue
        self.version = version
        latest = history?.last.map { ValueResource($0, of: kpi) }
        health = latest?.health
    }

    /// One recorded value and the health it gives.
    struct ValueResource: Encodable, Sendable {
        let day: Day
        let value: Decimal
        let health: String

        init(_ value: KPIValue, of kpi: KPI) {
            day = value.day
            self.value = value.value
            health = kpi.health(of: value.value).rawValue
        }

        static let schema = Schema.object([
            .required("day", .day), .required("value", .number),
            .required("health", .values(of: KPI.Health.self), "From the KPI's thresholds, inclusive."),
        ])
    }

    static let schema = Schema.object([
        .required("id", .string), .required("name", .string, "In Vietnamese."), .optional("name_en", .string),
        .required("unit", .string, "`number`, `percent`, `currency:VND` or `label:<text>`."),
        .required("direction", .values(of: KPI.Direction.self)),
        .required("healthy", .number, "At or beyond this, the metric is healthy."),
        .required("unhealthy", .number, "At or beyond this the wrong way, unhealthy; between the two, watch."),
        .optional("owner_team_id", .string),
        .optional("version", .integer, "On a single KPI (and its ETag): send it back to change the KPI."),
        .optional("latest", .ref("KPIValue"), "The latest value; on a single KPI, not in lists."),
        .optional("health", .values(of: KPI.Health.self), "The health of the latest value."),
    ])
}
