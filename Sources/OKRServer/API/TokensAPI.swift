import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// API tokens for scripts: everyone signed in lists, makes and revokes their own; an admin revokes anyone's
/// (a leaked token must be stoppable even when its owner is away). A token is shown once, when it is made.
struct TokensAPI: Sendable {
    let store: OKRStore

    func addRoutes(to api: APIBuilder) {
        api.schema("APIToken", APITokenResource.schema)
        api.schema("NewAPIToken", APITokenResource.Created.schema)
        api.schema("APITokenPage", ListPage<APITokenResource>.schema(of: "APIToken"))
        api.add(
            APIOperation(
                method: .get, path: "/tokens", id: "listTokens", tag: "Tokens",
                summary: "The caller's API tokens, revoked ones included, by id. Never the tokens themselves.",
                query: [.limit, .cursor], response: .ref("APITokenPage")), list)
        api.add(
            APIOperation(
                method: .post, path: "/tokens", id: "createToken", tag: "Tokens",
                summary: "Makes an API token for the caller and shows it, this once.", body: NewTokenInput.schema,
                success: .created, response: .ref("NewAPIToken")), create)
        api.add(
            APIOperation(
                method: .delete, path: "/tokens/{id}", id: "revokeToken", tag: "Tokens",
                summary: "Revokes a token: the caller's own, or anyone's for an admin. It stops working at once.",
                success: .noContent), revoke)
    }

    func list(_ call: APICall) async throws -> APIReply {
        let page = try call.page
        let tokens = try await store.apiTokens(person: call.viewer.id).sorted { $0.id < $1.id }
        return try .json(ListPage(tokens, key: \.id, page: page) { APITokenResource($0) })
    }

    func create(_ call: APICall) async throws -> APIReply {
        let input = try await call.body(NewTokenInput.self)
        let person = call.viewer.id
        let before = Set(try await store.apiTokens(person: person).map(\.id))
        let token = try await store.createAPIToken(person: person, name: input.name, readOnly: input.readOnly ?? false)
        // The store hands back the token alone; its record is the one that was not there before (the newest,
        // should the same person make two at the same moment).
        let made = try await store.apiTokens(person: person).filter { !before.contains($0.id) }
        guard let record = made.max(by: { $0.createdAt < $1.createdAt }) else { throw APIError.serverFailure }
        return try .json(APITokenResource.Created(token: token, apiToken: APITokenResource(record)), status: .created)
    }

    func revoke(_ call: APICall) async throws -> APIReply {
        let id = try call.parameter("id")
        guard let record = try await find(id, for: call.viewer), !record.isRevoked else {
            throw APIError.notFound(.token, id)
        }
        try await store.revokeAPIToken(id: id, actor: call.viewer.id)
        return .noContent
    }

    /// The token `id` if `viewer` may revoke it: one of their own, or for an admin anyone's. The store finds
    /// tokens by person only, so an admin's search for someone else's token reads each person's.
    private func find(_ id: String, for viewer: Person) async throws -> APITokenRecord? {
        if let own = try await store.apiTokens(person: viewer.id).first(where: { $0.id == id }) { return own }
        guard Access(viewer: viewer, teams: []).isAdmin else { return nil }
        for person in try await store.people() where person.id != viewer.id {
            if let found = try await store.apiTokens(person: person.id).first(where: { $0.id == id }) { return found }
        }
        return nil
    }
}

/// A new token: a name to recognise it by, and whether it may only read.
struct NewTokenInput: Decodable, Sendable {
    let name: String
    let readOnly: Bool?

    static let schema = Schema.object([
        .required("name", .text(max: 100), "What the token is for, e.g. `weekly report script`."),
        .optional("read_only", .boolean, "Default false."),
    ])
}
