import Foundation
import OKRCore

/// Objectives, key results and check-ins. Own / other team / private are the caller's objective (the
/// admin's company objective, Marketing's for its lead, Nam's own for the member, the company's for the viewer)
/// or one of its KRs, Sales' objective or KR, and Lan's private objective or its KR.
extension PermissionMatrix {
    static let objectives: [MatrixOperation] = [
        // Lists answer everyone; what is in them is tested by the privacy tests.
        MatrixOperation("listObjectives", admin: "AAA", lead: "AAA", member: "AAA", viewer: "AAA") {
            world, caller, target in
            MatrixRequest(method: .get, uri: "/api/v1/objectives?owner=\(world.objectiveOwner(target, caller))")
        },
        // Creating for an owner: oneself, one's team (a lead), another team, a private objective of Lan's.
        MatrixOperation("createObjective", admin: "AAA", lead: "AFF", member: "AFF", viewer: "FFF") {
            world, caller, target in
            var body: [String: Any] = [
                "cycle_id": "2026-q4", "title": "Mục tiêu thử", "owner": world.objectiveOwner(target, caller),
            ]
            if target == .private { body["visibility"] = "private" }
            if caller == .viewer && target == .own { body["owner"] = "person:p-mai" }
            return MatrixRequest(method: .post, uri: "/api/v1/objectives", body: jsonBody(body))
        },
        MatrixOperation("getObjective", admin: "AAA", lead: "AAH", member: "AAH", viewer: "AAH") {
            world, caller, target in
            MatrixRequest(method: .get, uri: "/api/v1/objectives/\(world.objective(target, for: caller))")
        },
        MatrixOperation("updateObjective", admin: "AAA", lead: "AFH", member: "AFH", viewer: "FFH") {
            world, caller, target in
            let id = world.objective(target, for: caller)
            let version = try await world.world.store.objective(id: ObjectiveID(id))?.version ?? 1
            return MatrixRequest(
                method: .patch, uri: "/api/v1/objectives/\(id)",
                body: jsonBody(["title_en": "Checked by the matrix", "version": version]))
        },
        MatrixOperation("listObjectiveFindings", admin: "AAA", lead: "AAH", member: "AAH", viewer: "AAH") {
            world, caller, target in
            MatrixRequest(method: .get, uri: "/api/v1/objectives/\(world.objective(target, for: caller))/findings")
        },
        MatrixOperation("getRetrospective", admin: "AAA", lead: "AAH", member: "AAH", viewer: "AAH") {
            world, caller, target in
            MatrixRequest(method: .get, uri: "/api/v1/objectives/\(world.objective(target, for: caller))/retrospective")
        },
        MatrixOperation("writeRetrospective", admin: "AAA", lead: "AFH", member: "AFH", viewer: "FFH") {
            world, caller, target in
            MatrixRequest(
                method: .put, uri: "/api/v1/objectives/\(world.objective(target, for: caller))/retrospective",
                body: jsonBody(["learned": "Checked by the matrix"]))
        },
        // The closed June's copy of the row's objective, into the running quarter.
        MatrixOperation("carryOverObjective", admin: "AAA", lead: "AFH", member: "AFH", viewer: "FFH") {
            world, caller, target in
            MatrixRequest(
                method: .post, uri: "/api/v1/objectives/\(world.objective(target, for: caller))-past/carry-over",
                body: jsonBody(["cycle_id": "2026-q4"]))
        },
    ]

    static let keyResults: [MatrixOperation] = [
        MatrixOperation("createKeyResult", admin: "AAA", lead: "AFH", member: "AFH", viewer: "FFH") {
            world, caller, target in
            MatrixRequest(
                method: .post, uri: "/api/v1/objectives/\(world.objective(target, for: caller))/key-results",
                body: jsonBody(["title": "Tăng từ 0 lên 10", "kind": "increase", "start": 0, "target": 10]))
        },
        MatrixOperation("getKeyResult", admin: "AAA", lead: "AAH", member: "AAH", viewer: "AAH") {
            world, caller, target in
            MatrixRequest(method: .get, uri: "/api/v1/key-results/\(world.keyResult(target, for: caller))")
        },
        MatrixOperation("updateKeyResult", admin: "AAA", lead: "AFH", member: "AFH", viewer: "FFH") {
            world, caller, target in
            let id = world.keyResult(target, for: caller)
            let version = try await world.world.store.keyResult(id: KeyResultID(id))?.version ?? 1
            return MatrixRequest(
                method: .patch, uri: "/api/v1/key-results/\(id)",
                body: jsonBody(["title_en": "Checked by the matrix", "version": version]))
        },
        MatrixOperation("gradeKeyResult", admin: "AAA", lead: "AFH", member: "AFH", viewer: "FFH") {
            world, caller, target in
            MatrixRequest(
                method: .put, uri: "/api/v1/key-results/\(world.keyResult(target, for: caller))/grade",
                body: jsonBody(["grade": 0.5, "reason": "Checked by the matrix"]))
        },
        MatrixOperation("createCheckIn", admin: "AAA", lead: "AFH", member: "AFH", viewer: "FFH") {
            world, caller, target in
            MatrixRequest(
                method: .post, uri: "/api/v1/key-results/\(world.keyResult(target, for: caller))/check-ins",
                body: jsonBody(["value": 1, "confidence": 6]))
        },
        MatrixOperation("listCheckIns", admin: "AAA", lead: "AAH", member: "AAH", viewer: "AAH") {
            world, caller, target in
            MatrixRequest(method: .get, uri: "/api/v1/key-results/\(world.keyResult(target, for: caller))/check-ins")
        },
    ]
}

extension MatrixWorld {
    /// The owner that selects (or, for a new objective, names) the row's objective.
    func objectiveOwner(_ target: Target, _ caller: Caller) -> String {
        switch target {
        case .own: return caller == .lead ? "team:marketing" : caller == .member ? "person:p-nam" : "company"
        case .otherTeam: return "team:sales"
        case .private: return "person:p-lan"
        }
    }
}
