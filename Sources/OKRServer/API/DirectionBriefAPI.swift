import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// A cycle's direction brief: leadership's top-down half of drafting in two directions. Everyone signed in
/// reads it; admins, and the leads of the company (the root team), write it.
struct DirectionBriefAPI: Sendable {
    let store: OKRStore
    let environment: AppEnvironment

    func addRoutes(to api: APIBuilder) {
        api.schema("DirectionBrief", DirectionBriefResource.schema)
        api.schema("DirectionBriefInput", DirectionBriefResource.Input.schema)
        let example = ["id": "2026-q4"]
        api.add(
            APIOperation(
                method: .get, path: "/cycles/{id}/brief", id: "getDirectionBrief", tag: "Cycles",
                summary:
                    "The cycle's direction brief; 404 while leadership has not written one. Its version is the ETag.",
                response: .ref("DirectionBrief"), examples: example), get)
        api.add(
            APIOperation(
                method: .put, path: "/cycles/{id}/brief", id: "putDirectionBrief", tag: "Cycles",
                summary:
                    "Writes the cycle's direction brief (admins and the company's leads). The first one is written "
                    + "without a version; a later one replaces the version named (a stale one is 409).",
                body: .ref("DirectionBriefInput"), response: .ref("DirectionBrief"), examples: example), put)
    }

    func get(_ call: APICall) async throws -> APIReply {
        let cycle = try await existingCycle(call)
        guard let brief = try await store.directionBrief(cycle: cycle) else {
            throw APIError.notFound(.record, "\(cycle.rawValue)/brief")
        }
        return try .json(DirectionBriefResource(brief), version: brief.version)
    }

    func put(_ call: APICall) async throws -> APIReply {
        let cycle = try await existingCycle(call)
        guard Access(viewer: call.viewer, teams: try await store.teams()).mayWriteDirection else {
            throw APIError.forbidden
        }
        let input = try await call.body(DirectionBriefResource.Input.self)
        let current = try await store.directionBrief(cycle: cycle)
        // The first brief needs no version (or 0); replacing one names it, like every other update.
        let expected: Int?
        if current == nil && call.request.headers[.ifMatch] == nil && (input.version ?? 0) == 0 {
            expected = nil
        } else {
            expected = try call.expectedVersion(input.version)
        }
        let brief = try DirectionBrief(
            cycleID: cycle, body: input.body, bodyEn: input.bodyEn, themes: input.themes ?? [],
            authorID: call.viewer.id, updatedAt: environment.now())
        let saved = try await store.saveDirectionBrief(brief, expectedVersion: expected, actor: call.viewer.id)
        return try .json(DirectionBriefResource(saved), version: saved.version)
    }

    func existingCycle(_ call: APICall) async throws -> CycleID {
        let id = try call.parameter("id")
        guard try await store.cycle(id: CycleID(id)) != nil else { throw APIError.notFound(.cycle, id) }
        return CycleID(id)
    }
}
