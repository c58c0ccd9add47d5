import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// Data in and out (admins): `POST /imports` takes a file — people and teams, or OKRs — and `GET /exports` gives
/// the OKRs or the people back in the same layouts, so an export imported into an empty Okra gives the same
/// objectives, KRs, initiatives, alignment and check-in history.
struct ExchangeAPI: Sendable {
    let store: OKRStore

    /// Files up to 64 MB: a company's people, or every cycle of its OKRs with their check-ins.
    static let maxFileSize = 64 * 1_048_576

    enum Kind: String, CaseIterable {
        case okrs, people
    }

    func addRoutes(to api: APIBuilder) {
        api.schema("ImportReport", ImportReport.schema)
        let file = Schema.string(Schema.StringRules(format: "binary"))
        api.add(
            APIOperation(
                method: .post, path: "/imports", id: "createImport", tag: "Data",
                summary:
                    "Imports a file (admins): people and teams (CSV or XLSX), or OKRs (CSV or XLSX in the template's layout, the JSON of an export, or an OKR file in YAML). Nothing is written unless every row is valid (422 `import_refused` lists the rows); then all of it in one transaction. `dry_run=true` says what would be created and writes nothing. What is already there is left as it is.",
                query: [
                    .init(
                        name: "kind", schema: .values(of: Kind.self),
                        description: "What the file holds: `okrs` (default) or `people`."),
                    .init(name: "dry_run", schema: .boolean, description: "Say what would be created; write nothing."),
                    .init(
                        name: "cycle", schema: .identifier,
                        description: "The cycle for OKR rows that name none (default: the one active cycle)."),
                ],
                response: .ref("ImportReport"),
                bodyMedia: [
                    .init(type: "text/csv", schema: .string),
                    .init(type: "application/octet-stream", schema: file),
                    .init(type: OKRExport.Format.xlsx.contentType, schema: file),
                    .init(type: "application/json", schema: .anyObject),
                    .init(type: "application/yaml", schema: .string),
                ]), importFile)
        api.add(
            APIOperation(
                method: .get, path: "/exports", id: "getExport", tag: "Data",
                summary:
                    "Exports (admins) the OKRs of a cycle, or of every cycle, with their history (json, xlsx with a sheet of check-ins, csv, or the yaml OKR file), or the people and teams (csv, xlsx) in the layout imports read.",
                query: [
                    .init(
                        name: "kind", schema: .values(of: Kind.self),
                        description: "`okrs` (default) or `people`."),
                    .init(
                        name: "format", schema: .values(of: OKRExport.Format.self),
                        description: "json (default for OKRs), csv (default for people), xlsx or yaml."),
                    .init(name: "cycle", schema: .identifier, description: "One cycle's OKRs (default: every cycle)."),
                ],
                responseMedia: OKRExport.Format.allCases.map {
                    .init(type: $0.contentType.components(separatedBy: ";")[0], schema: $0 == .json ? .anyObject : file)
                }), export)
    }

    func importFile(_ call: APICall) async throws -> APIReply {
        guard Access(viewer: call.viewer, teams: []).isAdmin else { throw APIError.forbidden }
        let kind = try call.query("kind", as: Kind.self) ?? .okrs
        let dryRun = try call.queryFlag("dry_run")
        var cycle: CycleID?
        if let id = call.query("cycle") {
            guard try await store.cycle(id: CycleID(id)) != nil else {
                throw APIError.notFound(.cycle, id, field: "cycle")
            }
            cycle = CycleID(id)
        }
        let data = try await call.rawBody(limit: Self.maxFileSize)
        let language = call.language
        switch kind {
        case .people:
            let plan = try await PeopleImport.prepare(data, store: store, language: language)
            guard plan.isValid else { throw APIError.importRefused(plan.problems) }
            if !dryRun { try await plan.apply(store: store, actor: call.viewer.id) }
            return try .json(ImportReport(plan, applied: !dryRun))
        case .okrs:
            let plan = try await OKRImport.prepare(data, store: store, cycle: cycle, language: language)
            guard plan.isValid else { throw APIError.importRefused(plan.problems) }
            if !dryRun { try await plan.apply(store: store, actor: call.viewer.id) }
            return try .json(ImportReport(plan, applied: !dryRun))
        }
    }

    /// `?cycle=`: absent, or a well-formed id (an empty one is a 400, as the schema says).
    private func cycleParameter(_ call: APICall) throws -> CycleID? {
        guard let id = call.rawQuery("cycle") else { return nil }
        guard APIIdentifier.isWellFormed(id) else { throw APIError.invalidParameter("cycle") }
        return CycleID(id)
    }

    func export(_ call: APICall) async throws -> APIReply {
        guard Access(viewer: call.viewer, teams: []).isAdmin else { throw APIError.forbidden }
        let kind = try call.query("kind", as: Kind.self) ?? .okrs
        let format = try call.query("format", as: OKRExport.Format.self) ?? (kind == .okrs ? .json : .csv)
        let data: Data
        var name = kind.rawValue
        switch kind {
        case .people:
            guard format == .csv || format == .xlsx else {
                throw APIError.invalid("format", .notAllowedForKind(kind: "people"))
            }
            data = try await PeopleExport.data(store: store, format: format, language: call.language)
        case .okrs:
            var cycles: [CycleID]?
            if let id = try cycleParameter(call) {
                guard let cycle = try await store.cycle(id: id) else {
                    throw APIError.notFound(.cycle, id.rawValue, field: "cycle")
                }
                cycles = [cycle.value.id]
                name += "-" + Folding.fold(cycle.value.name).replacingOccurrences(of: " ", with: "-")
            }
            let exchange = try await OKRExport.exchange(store: store, cycles: cycles)
            data = try OKRExport.data(exchange, format: format, language: call.language)
        }
        let headers: HTTPFields = [
            .contentType: format.contentType,
            .contentDisposition: "attachment; filename=\"okra-\(name).\(format.rawValue)\"",
        ]
        return APIReply(status: .ok, body: ByteBuffer(bytes: data), headers: headers)
    }
}

/// What an import did, or would do on a dry run.
struct ImportReport: Encodable {
    let kind: String
    let applied: Bool
    let rows: Int
    let created: [String: Int]
    let changed: [String: Int]
    let unchanged: Int

    init(_ plan: OKRImport, applied: Bool) {
        kind = "okrs"
        self.applied = applied
        rows = plan.rows
        created = [
            "cycles": plan.newCycles.count, "objectives": plan.newObjectives.count,
            "key_results": plan.newKeyResults.count, "initiatives": plan.newInitiatives.count,
            "check_ins": plan.newCheckIns.count,
        ]
        changed = ["initiatives": plan.linkedInitiatives.count]
        unchanged = plan.unchanged
    }

    init(_ plan: PeopleImport, applied: Bool) {
        kind = "people"
        self.applied = applied
        rows = plan.rows
        created = ["teams": plan.newTeams.count, "people": plan.newPeople.count]
        changed = ["people": plan.changedPeople.count, "teams": plan.teamUpdates.count]
        unchanged = plan.unchanged
    }

    static let schema = Schema.object(
        [
            .required("kind", .oneOf(["okrs", "people"])),
            .required("applied", .boolean, "False on a dry run: nothing was written."),
            .required("rows", .integer, "The rows read (objectives, for a JSON export)."),
            .required("created", .anyObject, "How many of each were (or would be) created."),
            .required("changed", .anyObject, "How many of each were (or would be) changed."),
            .required("unchanged", .integer, "What the file holds that is already there."),
        ], additional: false)
}
