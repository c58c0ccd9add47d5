import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// KPIs and their values. Everyone signed in reads them; an admin or a lead of the owner team defines and
/// changes them; the owner team's people (and admins) record values, by hand or from a script with a token.
struct KPIsAPI: Sendable {
    let store: OKRStore
    let environment: AppEnvironment

    func addRoutes(to api: APIBuilder) {
        api.schema("KPI", KPIResource.schema)
        api.schema("KPIValue", KPIResource.ValueResource.schema)
        api.schema("KPIPage", ListPage<KPIResource>.schema(of: "KPI"))
        api.schema("KPIValuePage", ListPage<KPIResource.ValueResource>.schema(of: "KPIValue"))
        api.schema("KPICreate", KPIInput.schema(creating: true))
        api.schema("KPIUpdate", KPIInput.schema(creating: false))
        let tag = "KPIs"
        let example = ["id": "kpi-churn"]
        api.add(
            APIOperation(
                method: .get, path: "/kpis", id: "listKPIs", tag: tag,
                summary: "Every KPI, by id; read one for its version, latest value and health.",
                query: [.limit, .cursor],
                response: .ref("KPIPage")), list)
        api.add(
            APIOperation(
                method: .get, path: "/kpis/{id}", id: "getKPI", tag: tag,
                summary: "One KPI with its latest value and current health; its version is the ETag.",
                response: .ref("KPI"), examples: example), get)
        api.add(
            APIOperation(
                method: .post, path: "/kpis", id: "createKPI", tag: tag,
                summary: "Defines a KPI: an admin, or a lead of the owner team.", body: .ref("KPICreate"),
                success: .created, response: .ref("KPI")), create)
        api.add(
            APIOperation(
                method: .patch, path: "/kpis/{id}", id: "updateKPI", tag: tag,
                summary: "Changes a KPI: the members sent, at the version given (a stale one is 409).",
                body: .ref("KPIUpdate"), response: .ref("KPI"), examples: example), update)
        api.add(
            APIOperation(
                method: .get, path: "/kpis/{id}/values", id: "listKPIValues", tag: tag,
                summary: "A KPI's values, oldest day first, each with the health it gives.", query: [.limit, .cursor],
                response: .ref("KPIValuePage"), examples: example), values)
        api.add(
            APIOperation(
                method: .post, path: "/kpis/{id}/values", id: "recordKPIValue", tag: tag,
                summary: """
                    Records the value of a day (today or earlier); a second value for the same day replaces the \
                    first. An admin, or a lead or member of the owner team.
                    """,
                body: .object([
                    .required("day", .day, "The day the value is for; not in the future nor over ten years ago."),
                    .required("value", .number),
                ]), success: .created, response: .ref("KPIValue"), examples: example), record)
    }

    // MARK: Reading

    func list(_ call: APICall) async throws -> APIReply {
        let page = try call.page
        let kpis = try await store.kpis().sorted { $0.id < $1.id }
        return try .json(
            ListPage(kpis, key: { $0.id.rawValue }, page: page) { KPIResource($0, version: nil, history: nil) })
    }

    func get(_ call: APICall) async throws -> APIReply {
        let entry = try await kpi(call)
        let history = try await store.kpiValues(kpi: entry.value.id)
        return try .json(KPIResource(entry.value, version: entry.version, history: history), version: entry.version)
    }

    func values(_ call: APICall) async throws -> APIReply {
        let entry = try await kpi(call)
        let page = try call.page
        let history = try await store.kpiValues(kpi: entry.value.id)
        return try .json(
            ListPage(history, key: { $0.day.iso }, page: page) { KPIResource.ValueResource($0, of: entry.value) })
    }

    /// The KPI of the path; 404 when there is none.
    func kpi(_ call: APICall) async throws -> Versioned<KPI> {
        let id = try call.parameter("id")
        guard let entry = try await store.kpi(id: KPIID(id)) else { throw APIError.notFound(.kpi, id) }
        return entry
    }

    // MARK: Changing

    static func mayDefine(_ access: Access, owner: TeamID?) -> Bool { access.mayDefineKPI(ownedBy: owner) }

    func create(_ call: APICall) async throws -> APIReply {
        let input = try await call.body(KPIInput.self)
        let access = Access(viewer: call.viewer, teams: try await store.teams())
        let kpi = try input.created(id: NewID.make("kpi"))
        try await requireTeam(kpi.ownerTeamID)
        guard Self.mayDefine(access, owner: kpi.ownerTeamID) else { throw APIError.forbidden }
        try await store.createKPI(kpi, actor: call.viewer.id)
        guard let saved = try await store.kpi(id: kpi.id) else { throw APIError.notFound(.kpi, kpi.id.rawValue) }
        return try .json(
            KPIResource(saved.value, version: saved.version, history: []), status: .created, version: saved.version)
    }

    func update(_ call: APICall) async throws -> APIReply {
        let entry = try await kpi(call)
        let input = try await call.body(KPIInput.self)
        let version = try call.expectedVersion(input.version)
        let access = Access(viewer: call.viewer, teams: try await store.teams())
        let changed = try input.applied(to: entry.value)
        try await requireTeam(changed.ownerTeamID)
        guard Self.mayDefine(access, owner: entry.value.ownerTeamID),
            Self.mayDefine(access, owner: changed.ownerTeamID)
        else { throw APIError.forbidden }
        let saved = try await store.updateKPI(changed, expectedVersion: version, actor: call.viewer.id)
        let history = try await store.kpiValues(kpi: saved.value.id)
        return try .json(KPIResource(saved.value, version: saved.version, history: history), version: saved.version)
    }

    /// The body of `POST /kpis/{id}/values`.
    struct NewValue: Decodable, Sendable {
        var day: Day
        var value: Decimal
    }

    func record(_ call: APICall) async throws -> APIReply {
        let entry = try await kpi(call)
        let input = try await call.body(NewValue.self)
        let access = Access(viewer: call.viewer, teams: try await store.teams())
        guard access.mayRecordValue(of: entry.value) else { throw APIError.forbidden }
        let today = environment.today(in: try await store.settings()?.timeZone ?? "Asia/Ho_Chi_Minh")
        let value = try KPIValue.recorded(kpiID: entry.value.id, day: input.day, value: input.value, today: today)
        try await store.recordKPIValue(value, actor: call.viewer.id)
        return try .json(KPIResource.ValueResource(value, of: entry.value), status: .created)
    }

    /// An owner team named by the body must exist (404 naming `owner_team_id`).
    func requireTeam(_ id: TeamID?) async throws {
        guard let id else { return }
        guard try await store.team(id: id) != nil else {
            throw APIError.notFound(.team, id.rawValue, field: "owner_team_id")
        }
    }
}

/// The body of `POST /kpis` and `PATCH /kpis/{id}`. On a PATCH every member is optional and an absent one is
/// left as it is; an empty `name_en` or `owner_team_id` clears it.
struct KPIInput: Decodable, Sendable {
    var id: String?
    var name: String?
    var nameEn: String?
    var unit: String?
    var direction: KPI.Direction?
    var healthy: Decimal?
    var unhealthy: Decimal?
    var ownerTeamId: String?
    var version: Int?

    func created(id generated: String) throws -> KPI {
        if let id { try APIIdentifier.check(id, field: "id") }
        guard let name else { throw APIError.invalid("name", .required) }
        guard let direction else { throw APIError.invalid("direction", .required) }
        guard let healthy else { throw APIError.invalid("healthy", .required) }
        guard let unhealthy else { throw APIError.invalid("unhealthy", .required) }
        return try KPI(
            id: KPIID(id ?? generated), name: Self.name(vi: name, en: nameEn),
            unit: MeasureUnit.parse(unit ?? "number"),
            direction: direction, healthy: healthy, unhealthy: unhealthy,
            ownerTeamID: ownerTeamId.flatMap { $0.isEmpty ? nil : TeamID($0) })
    }

    func applied(to kpi: KPI) throws -> KPI {
        try KPI(
            id: kpi.id, name: Self.name(vi: name ?? kpi.name.vi, en: nameEn ?? kpi.name.en ?? ""),
            unit: try unit.map { try MeasureUnit.parse($0) } ?? kpi.unit, direction: direction ?? kpi.direction,
            healthy: healthy ?? kpi.healthy, unhealthy: unhealthy ?? kpi.unhealthy,
            ownerTeamID: ownerTeamId.map { $0.isEmpty ? nil : TeamID($0) } ?? kpi.ownerTeamID)
    }

    /// The name in both languages; the domain's names call these members `title`, the API's KPIs `name`.
    static func name(vi: String, en: String?) throws -> LocalizedName {
        do {
            return try LocalizedName(vi: vi, en: en)
        } catch .invalid(let field, let reason) {
            throw APIError.invalid(field == "title" ? "name" : "name_en", reason)
        } catch {
            throw APIError.from(error)
        }
    }

    static func schema(creating: Bool) -> Schema {
        var properties: [Schema.Property] = [
            creating ? .required("name", .text(max: 300), "In Vietnamese.") : .optional("name", .text(max: 300)),
            .optional("name_en", .string(.init(maxLength: 300)), "In English; empty clears it."),
            .optional("unit", .string, "`number` (default), `percent`, `currency:VND` or a label."),
            creating
                ? .required("direction", .values(of: KPI.Direction.self))
                : .optional("direction", .values(of: KPI.Direction.self)),
            creating
                ? .required("healthy", .number, "At or beyond this, healthy.")
                : .optional("healthy", .number),
            creating
                ? .required("unhealthy", .number, "At or beyond this the wrong way, unhealthy.")
                : .optional("unhealthy", .number),
            .optional("owner_team_id", .string, creating ? "The team that owns it." : "Empty clears it (admins only)."),
        ]
        if creating {
            properties.insert(.optional("id", .identifier, "Chosen by the client; generated when absent."), at: 0)
        } else {
            properties.append(.required("version", .integer, APIOperation.versionDescription))
        }
        return .object(properties)
    }
}
