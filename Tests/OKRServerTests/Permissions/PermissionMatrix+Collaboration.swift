import Foundation
import OKRCore

/// Weekly updates, dependency asks, comments and KPIs. What the columns mean for each:
/// - Weekly updates: listing reads a person's week — `own` the caller's, `other team` Lan's (Sales), `private`
///   Lan's week with a plan linked to her private objective (that plan is left out for those who may not see it,
///   but the list answers). Saving always writes the caller's own week; the column says what its plan is linked
///   to: the caller's objective, Sales' objective, Lan's private objective (hidden → 404). Viewers never write.
/// - Asks: reading and `done` concern an ask made by the caller's team (`own`, to Sales), by Sales (`other
///   team`), or about Lan's private objective (`private`); accept / decline / counter concern an ask made *of*
///   the caller's team (`own`, by Sales), of Sales (`other team`, by Engineering), or about the private objective
///   (`private`, made of the caller's team). Answering needs a lead of the team asked; `done`, a lead of the
///   asking team; asking, a member or lead of the asking team. An ask about a private objective is hidden (404)
///   from those who may not see the objective.
/// - Comments: on the caller's objective, Sales' objective, Lan's private objective (hidden → 404). Viewers read
///   but do not write (403).
/// - KPIs: owned by the caller's team (the company for the admin and the viewer, Marketing otherwise) or by
///   Sales. KPIs have no private variant. A lead of the owner team (or an admin) defines and changes them; its
///   members record values too.
extension PermissionMatrix {
    static let collaboration: [MatrixOperation] = weeklyUpdateRows + askRows + commentRows + kpiRows

    static let weeklyUpdateRows: [MatrixOperation] = [
        MatrixOperation("listWeeklyUpdates", admin: "AAA", lead: "AAA", member: "AAA", viewer: "AAA") {
            world, caller, target in
            let person = target == .own ? caller.rawValue : "p-lan"
            if target == .private { try await world.privateWeekOfLan() }
            return MatrixRequest(method: .get, uri: "/api/v1/weekly-updates?person=\(person)&week=2026-11-27")
        },
        MatrixOperation("saveWeeklyUpdate", admin: "AAA", lead: "AAH", member: "AAH", viewer: "FFH") {
            world, caller, target in
            // Replacing a week saved before takes its version, as a client that read it would send.
            let saved = try await world.world.store.versionedWeeklyUpdates(
                week: try Day(year: 2026, month: 11, day: 23), people: [PersonID(caller.rawValue)]
            ).first
            var body: [String: Any] = [
                "plans": [["text": "Đẩy mục tiêu này tiến lên", "objective_id": world.objective(target, for: caller)]],
                "mood": 4,
            ]
            if let saved { body["version"] = saved.version }
            return MatrixRequest(method: .put, uri: "/api/v1/weekly-updates/2026-11-27", body: jsonBody(body))
        },
    ]

    static let askRows: [MatrixOperation] = [
        MatrixOperation("listAsks", admin: "AAA", lead: "AAA", member: "AAA", viewer: "AAA") {
            world, caller, target in
            if target == .private {
                _ = try await world.ask(from: "sales", to: "marketing", about: MatrixWorld.privateObjective)
            }
            return MatrixRequest(method: .get, uri: "/api/v1/asks?team=\(world.team(target, for: caller))")
        },
        MatrixOperation("getAsk", admin: "AAA", lead: "AAH", member: "AAH", viewer: "AAH") {
            world, caller, target in
            let id = try await world.askMadeBy(target, caller)
            return MatrixRequest(method: .get, uri: "/api/v1/asks/\(id)")
        },
        MatrixOperation("createAsk", admin: "AAA", lead: "AFH", member: "AFH", viewer: "FFH") {
            world, caller, target in
            let from = world.team(target, for: caller)
            return MatrixRequest(
                method: .post, uri: "/api/v1/asks",
                body: jsonBody([
                    "id": world.newID("ask"), "from_team_id": from,
                    "to_team_id": from == "sales" ? "marketing" : "sales",
                    "objective_id": world.objective(target, for: caller), "need": "Chia sẻ danh sách khách hàng",
                    "due_by": "2026-12-15",
                ]))
        },
        MatrixOperation("acceptAsk", admin: "AAA", lead: "AFH", member: "FFH", viewer: "FFH") {
            world, caller, target in
            let id = try await world.askMadeOf(target, caller)
            return MatrixRequest(method: .post, uri: "/api/v1/asks/\(id)/accept", body: jsonBody(["version": 1]))
        },
        MatrixOperation("declineAsk", admin: "AAA", lead: "AFH", member: "FFH", viewer: "FFH") {
            world, caller, target in
            let id = try await world.askMadeOf(target, caller)
            return MatrixRequest(
                method: .post, uri: "/api/v1/asks/\(id)/decline",
                body: jsonBody(["reason": "Quý này không đủ người", "version": 1]))
        },
        MatrixOperation("counterAsk", admin: "AAA", lead: "AFH", member: "FFH", viewer: "FFH") {
            world, caller, target in
            let id = try await world.askMadeOf(target, caller)
            return MatrixRequest(
                method: .post, uri: "/api/v1/asks/\(id)/counter",
                body: jsonBody(["due": "2026-12-22", "scope": "Chỉ khách hàng miền Nam", "version": 1]))
        },
        MatrixOperation("completeAsk", admin: "AAA", lead: "AFH", member: "FFH", viewer: "FFH") {
            world, caller, target in
            let id = try await world.askMadeBy(target, caller, accepted: true)
            return MatrixRequest(method: .post, uri: "/api/v1/asks/\(id)/done", body: jsonBody(["version": 1]))
        },
    ]

    static let commentRows: [MatrixOperation] = [
        MatrixOperation("listComments", admin: "AAA", lead: "AAH", member: "AAH", viewer: "AAH") {
            world, caller, target in
            MatrixRequest(method: .get, uri: "/api/v1/comments?objective=\(world.objective(target, for: caller))")
        },
        MatrixOperation("createComment", admin: "AAA", lead: "AAH", member: "AAH", viewer: "FFH") {
            world, caller, target in
            MatrixRequest(
                method: .post, uri: "/api/v1/comments",
                body: jsonBody([
                    "subject": ["kind": "objective", "id": world.objective(target, for: caller)],
                    "body": "Mục tiêu này cần số liệu tuần trước?", "is_question": true,
                ]))
        },
    ]

    static let kpiRows: [MatrixOperation] = [
        MatrixOperation("listKPIs", admin: "AA-", lead: "AA-", member: "AA-", viewer: "AA-") { _, _, _ in
            MatrixRequest(method: .get, uri: "/api/v1/kpis")
        },
        MatrixOperation("getKPI", admin: "AA-", lead: "AA-", member: "AA-", viewer: "AA-") { world, caller, target in
            let id = try await world.kpi(ownedBy: world.team(target, for: caller))
            return MatrixRequest(method: .get, uri: "/api/v1/kpis/\(id)")
        },
        MatrixOperation("createKPI", admin: "AA-", lead: "AF-", member: "FF-", viewer: "FF-") { world, caller, target in
            MatrixRequest(
                method: .post, uri: "/api/v1/kpis",
                body: jsonBody([
                    "id": world.newID("kpi"), "name": "Số khách hàng mới mỗi tuần", "direction": "higher_is_better",
                    "healthy": 10, "unhealthy": 5, "owner_team_id": world.team(target, for: caller),
                ]))
        },
        MatrixOperation("updateKPI", admin: "AA-", lead: "AF-", member: "FF-", viewer: "FF-") { world, caller, target in
            let id = try await world.kpi(ownedBy: world.team(target, for: caller))
            return MatrixRequest(
                method: .patch, uri: "/api/v1/kpis/\(id)", body: jsonBody(["healthy": 12, "version": 1]))
        },
        MatrixOperation("listKPIValues", admin: "AA-", lead: "AA-", member: "AA-", viewer: "AA-") {
            world, caller, target in
            let id = try await world.kpi(ownedBy: world.team(target, for: caller))
            return MatrixRequest(method: .get, uri: "/api/v1/kpis/\(id)/values")
        },
        MatrixOperation("recordKPIValue", admin: "AA-", lead: "AF-", member: "AF-", viewer: "FF-") {
            world, caller, target in
            let id = try await world.kpi(ownedBy: world.team(target, for: caller))
            return MatrixRequest(
                method: .post, uri: "/api/v1/kpis/\(id)/values", body: jsonBody(["day": "2026-11-27", "value": 8]))
        },
    ]
}

extension MatrixWorld {
    /// A fresh ask, in the requested state or already accepted.
    func ask(from: String, to: String, about objective: String, accepted: Bool = false) async throws -> String {
        let id = newID("ask")
        var ask = try DependencyAsk(
            id: DependencyAskID(id), fromTeamID: TeamID(from), toTeamID: TeamID(to),
            objectiveID: ObjectiveID(objective),
            need: "Hỗ trợ số liệu khách hàng", dueBy: try Day(year: 2026, month: 12, day: 15))
        if accepted { ask = try ask.accepted() }
        try await world.store.createAsk(ask, actor: nil)
        return id
    }

    /// An ask made by the caller's team (to Sales), by Sales (to Engineering), or by Sales about the private
    /// objective.
    func askMadeBy(_ target: Target, _ caller: Caller, accepted: Bool = false) async throws -> String {
        switch target {
        case .own:
            return try await ask(
                from: team(.own, for: caller), to: "sales", about: objective(.own, for: caller), accepted: accepted)
        case .otherTeam:
            return try await ask(from: "sales", to: "engineering", about: "o-sales-nurture", accepted: accepted)
        case .private:
            return try await ask(from: "sales", to: "engineering", about: Self.privateObjective, accepted: accepted)
        }
    }

    /// An ask made of the caller's team (by Sales), of Sales (by Engineering), or of the caller's team about the
    /// private objective.
    func askMadeOf(_ target: Target, _ caller: Caller) async throws -> String {
        switch target {
        case .own: return try await ask(from: "sales", to: team(.own, for: caller), about: "o-sales-nurture")
        case .otherTeam: return try await ask(from: "engineering", to: "sales", about: "o-company-growth")
        case .private: return try await ask(from: "sales", to: team(.own, for: caller), about: Self.privateObjective)
        }
    }

    /// A fresh KPI owned by `team`: higher is better, healthy from 10, unhealthy at 5 or below.
    func kpi(ownedBy team: String) async throws -> String {
        let id = newID("kpi")
        try await world.store.createKPI(
            try KPI(
                id: KPIID(id), name: try LocalizedName(vi: "Số khách hàng mới"), direction: .higherIsBetter,
                healthy: 10,
                unhealthy: 5, ownerTeamID: TeamID(team)), actor: nil)
        return id
    }

    /// Lan's week with one plan linked to her private objective.
    func privateWeekOfLan() async throws {
        let week = try Day(year: 2026, month: 11, day: 23)
        try await world.store.saveWeeklyUpdate(
            try WeeklyUpdate(
                id: WeeklyUpdateID("wu-p-lan-\(week.iso)"), personID: "p-lan", week: week,
                plans: [try PlanItem(text: "Soạn điều khoản hợp đồng", objectiveID: ObjectiveID(Self.privateObjective))]
            ),
            expectedVersion: try await world.store.versionedWeeklyUpdates(week: week, people: ["p-lan"]).first?.version,
            actor: "p-lan")
    }
}
