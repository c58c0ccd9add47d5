import Foundation
import OKRCore
import OKRStore

/// Drafting's endpoints: a cycle's direction brief belongs to the whole organization (one row, "own": the
/// active cycle). Everyone reads it; admins and the company's leads write it (in the demo the company's lead
/// is the admin, so Marketing's lead may not).
extension PermissionMatrix {
    static let drafting: [MatrixOperation] = [
        MatrixOperation("getDirectionBrief", admin: "A--", lead: "A--", member: "A--", viewer: "A--") { world, _, _ in
            let store = world.world.store
            if try await store.directionBrief(cycle: "2026-q4") == nil {
                _ = try await store.saveDirectionBrief(
                    try DirectionBrief(
                        cycleID: "2026-q4", body: "Tăng trưởng bền vững", authorID: nil, updatedAt: Date()),
                    expectedVersion: nil, actor: nil)
            }
            return MatrixRequest(method: .get, uri: "/api/v1/cycles/2026-q4/brief")
        },
        MatrixOperation("putDirectionBrief", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { world, _, _ in
            let version = try await world.world.store.directionBrief(cycle: "2026-q4")?.version
            let member = version.map { #", "version": \#($0)"# } ?? ""
            return MatrixRequest(
                method: .put, uri: "/api/v1/cycles/2026-q4/brief",
                body: #"{"body": "Khách hàng mới trước hết"\#(member)}"#)
        },
    ]
}
