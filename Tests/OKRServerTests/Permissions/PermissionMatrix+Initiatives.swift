import Foundation
import OKRCore

/// Initiatives, by the key result they drive: `own` is the caller's KR (`world.keyResult(.own, for:)`: the
/// company's MRR for the admin and the viewer, Marketing's AdWords KR for the lead, Nam's open-rate KR for the
/// member), `other team` is Sales' trial KR, `private` is Lan's private KR. Reading follows the KR's objective
/// (hidden → 404); adding or changing needs the right to edit the KR (viewers never write → 403).
extension PermissionMatrix {
    static let initiatives: [MatrixOperation] = [
        MatrixOperation("listInitiatives", admin: "AAA", lead: "AAH", member: "AAH", viewer: "AAH") {
            world, caller, target in
            MatrixRequest(method: .get, uri: "/api/v1/initiatives?key_result=\(world.keyResult(target, for: caller))")
        },
        MatrixOperation("getInitiative", admin: "AAA", lead: "AAH", member: "AAH", viewer: "AAH") {
            world, caller, target in
            let id = try await world.initiative(driving: world.keyResult(target, for: caller))
            return MatrixRequest(method: .get, uri: "/api/v1/initiatives/\(id)")
        },
        MatrixOperation("createInitiative", admin: "AAA", lead: "AFH", member: "AFH", viewer: "FFH") {
            world, caller, target in
            MatrixRequest(
                method: .post, uri: "/api/v1/initiatives",
                body: jsonBody([
                    "id": world.newID("i"), "title": "Thử nghiệm kênh mới",
                    "key_result_ids": [world.keyResult(target, for: caller)],
                ]))
        },
        MatrixOperation("updateInitiative", admin: "AAA", lead: "AFH", member: "AFH", viewer: "FFH") {
            world, caller, target in
            let id = try await world.initiative(driving: world.keyResult(target, for: caller))
            return MatrixRequest(
                method: .patch, uri: "/api/v1/initiatives/\(id)",
                body: jsonBody(["state": "in_progress", "version": 1]))
        },
    ]
}

extension MatrixWorld {
    /// A fresh initiative with no owner driving `keyResult`, so only the right to edit the KR decides.
    func initiative(driving keyResult: String) async throws -> String {
        let id = newID("i")
        try await world.store.createInitiative(
            try Initiative(
                id: InitiativeID(id), title: try LocalizedName(vi: "Sáng kiến thử"),
                keyResultIDs: [KeyResultID(keyResult)]), actor: nil)
        return id
    }
}
