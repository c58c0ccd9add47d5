import Foundation
import OKRCore

extension PermissionMatrix {
    static let objectives: [MatrixOperation] = [
        MatrixOperation("listObjectives", admin: "AAA", lead: "AAA", member: "AAA", viewer: "AAA") {
            world, caller, target in
            MatrixRequest(method: .get, uri: "/api/v1/objectives?owner=\(world.objectiveOwner(target, caller))")
        }
    ]
}

extension MatrixWorld {
    /// The owner filter that selects the row's objective.
    func objectiveOwner(_ target: Target, _ caller: Caller) -> String {
        switch target {
        case .own: return caller == .lead ? "team:marketing" : caller == .member ? "person:p-nam" : "company"
        case .otherTeam: return "team:sales"
        case .private: return "person:p-lan"
        }
    }
}
