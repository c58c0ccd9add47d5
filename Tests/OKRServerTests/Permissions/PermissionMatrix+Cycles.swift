import Foundation
import OKRCore

/// Cycles belong to the whole organization, so only the first column applies: `own` is a cycle as such (the
/// active `2026-q4`, or a fresh cycle the row creates); a cycle has no other team and no private variant (`-`).
/// Everyone reads cycles and the alignment tree; only admins plan, edit, activate, close and reopen them.
extension PermissionMatrix {
    static let cycles: [MatrixOperation] = [
        MatrixOperation("listCycles", admin: "A--", lead: "A--", member: "A--", viewer: "A--") { _, _, _ in
            MatrixRequest(method: .get, uri: "/api/v1/cycles")
        },
        MatrixOperation("getCycle", admin: "A--", lead: "A--", member: "A--", viewer: "A--") { _, _, _ in
            MatrixRequest(method: .get, uri: "/api/v1/cycles/2026-q4")
        },
        MatrixOperation("getCycleTree", admin: "A--", lead: "A--", member: "A--", viewer: "A--") { _, _, _ in
            MatrixRequest(method: .get, uri: "/api/v1/cycles/2026-q4/tree")
        },
        MatrixOperation("getCycleCalibration", admin: "A--", lead: "A--", member: "A--", viewer: "A--") { _, _, _ in
            MatrixRequest(method: .get, uri: "/api/v1/cycles/2026-q3/calibration")
        },
        MatrixOperation("createCycle", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { world, _, _ in
            MatrixRequest(
                method: .post, uri: "/api/v1/cycles",
                body: jsonBody(["id": world.newID("c"), "name": "2027 Q1", "start": "2027-01-01", "end": "2027-03-31"]))
        },
        MatrixOperation("updateCycle", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { world, _, _ in
            let id = try await world.plannedCycle()
            return MatrixRequest(
                method: .patch, uri: "/api/v1/cycles/\(id)",
                body: jsonBody(["name": "2027 Q1 (dời lịch)", "end": "2027-04-02", "version": 1]))
        },
        // Only one cycle is active at a time, so each row first takes the active one back to planning.
        MatrixOperation("activateCycle", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { world, _, _ in
            let store = world.world.store
            for entry in try await store.cycles() where entry.value.state == .active {
                _ = try await store.updateCycle(
                    try entry.value.moved(to: .planning), expectedVersion: entry.version, actor: nil)
            }
            return MatrixRequest(method: .post, uri: "/api/v1/cycles/\(try await world.plannedCycle())/activate")
        },
        MatrixOperation("closeCycle", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { world, _, _ in
            let id = try await world.plannedCycle(state: .active)
            return MatrixRequest(method: .post, uri: "/api/v1/cycles/\(id)/close", headers: [.ifMatch: "\"v1\""])
        },
        // Reopening makes the cycle active, so the active one first goes back to planning.
        MatrixOperation("reopenCycle", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { world, _, _ in
            let store = world.world.store
            for entry in try await store.cycles() where entry.value.state == .active {
                _ = try await store.updateCycle(
                    try entry.value.moved(to: .planning), expectedVersion: entry.version, actor: nil)
            }
            return MatrixRequest(
                method: .post, uri: "/api/v1/cycles/\(try await world.plannedCycle(state: .closed))/reopen")
        },
    ]
}

extension MatrixWorld {
    /// A fresh cycle in 2027 Q1 for one row to change, in `state`.
    func plannedCycle(state: Cycle.State = .planning) async throws -> String {
        let id = newID("c")
        try await world.store.createCycle(
            try Cycle(
                id: CycleID(id), name: "2027 Q1", start: Day(year: 2027, month: 1, day: 1),
                end: Day(year: 2027, month: 3, day: 31), state: state), actor: nil)
        return id
    }
}
