import Foundation
import Hummingbird
import Logging
import NIOCore
import OKRCore
import OKRStore

/// SCIM 2.0 provisioning (RFC 7643, 7644) at `/scim/v2`, so that a directory (Okta, Entra ID) creates, updates and
/// deactivates people and keeps the members of teams. Only a directory's SCIM token is accepted here, and it is
/// accepted nowhere else. Users are never deleted: a DELETE deactivates the person (their OKRs and history stay)
/// and hides them from SCIM. Every change is audited with the directory's name.
struct SCIMController: Sendable {
    let store: OKRStore
    let persist: SQLPersistDriver
    /// The address people open Okra at (`--public-url`), for `meta.location`; else the request's host.
    let publicURL: String?

    static let prefix = "/scim/v2"

    func addRoutes(to router: Router<OkraContext>) {
        let scim = router.group(RouterPath(Self.prefix))
        scim.get(
            "ServiceProviderConfig",
            use: handle { _, _, base in .json(SCIMDiscovery(base: base).serviceProviderConfig) })
        scim.get("ResourceTypes", use: handle { _, _, base in .list(SCIMDiscovery(base: base).resourceTypes) })
        scim.get(
            "ResourceTypes/:id",
            use: handle { _, context, base in
                try Self.one(SCIMDiscovery(base: base).resourceTypes, context, what: "resource type")
            })
        scim.get("Schemas", use: handle { _, _, base in .list(SCIMDiscovery(base: base).schemas) })
        scim.get(
            "Schemas/:id",
            use: handle { _, context, base in
                try Self.one(SCIMDiscovery(base: base).schemas, context, what: "schema")
            })
        // The discovery endpoints are read-only.
        for path in ["ServiceProviderConfig", "ResourceTypes", "Schemas"] {
            for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
                scim.on(
                    RouterPath(path), method: method,
                    use: handle { request, _, _ in
                        throw SCIMError(
                            status: .methodNotAllowed, scimType: nil, detail: "\(request.method) is not allowed here.")
                    })
            }
        }
        let users = SCIMUsers(store: store, persist: persist)
        let groups = SCIMGroups(store: store)
        let kinds: [(String, any SCIMEndpoint)] = [("Users", users), ("Groups", groups)]
        // A search over every resource type.
        scim.post(
            ".search",
            use: handle { request, context, base in
                let query = try SCIMQuery(try await Self.body(request, context))
                var resources: [SCIMJSON] = []
                for (_, kind) in kinds { resources += try await kind.all(base: base) }
                return query.page(resources)
            })
        for (path, kind) in kinds {
            scim.get(
                RouterPath(path),
                use: handle { request, _, base in
                    try SCIMQuery(request.uri.queryParameters).page(try await kind.all(base: base))
                })
            scim.post(
                RouterPath(path + "/.search"),
                use: handle { request, context, base in
                    try SCIMQuery(try await Self.body(request, context)).page(try await kind.all(base: base))
                })
            scim.post(
                RouterPath(path),
                use: handle { request, context, base, directory in
                    try await kind.create(try await Self.body(request, context), base: base, directory: directory)
                })
            scim.get(
                RouterPath(path + "/:id"),
                use: handle { request, context, base in
                    try await kind.read(
                        try context.parameters.require("id"), query: SCIMQuery(request.uri.queryParameters), base: base)
                })
            scim.put(
                RouterPath(path + "/:id"),
                use: handle { request, context, base, directory in
                    try await kind.replace(
                        try context.parameters.require("id"), with: try await Self.body(request, context), base: base,
                        directory: directory)
                })
            scim.patch(
                RouterPath(path + "/:id"),
                use: handle { request, context, base, directory in
                    let patch = try SCIMPatch(try await Self.body(request, context))
                    return try await kind.patch(
                        try context.parameters.require("id"), patch, base: base, directory: directory)
                })
            scim.delete(
                RouterPath(path + "/:id"),
                use: handle { _, context, _, directory in
                    try await kind.delete(try context.parameters.require("id"), directory: directory)
                })
        }
        // Anything else under /scim/v2 is a SCIM 404, in SCIM's error shape.
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            scim.on(
                "**", method: method,
                use: handle { request, _, _ in
                    throw SCIMError.notFound("\(request.uri.path) is not a SCIM endpoint.")
                })
        }
    }

    /// Where a directory reaches SCIM: `--public-url` when given, else the host the request came to.
    static func baseURL(_ request: Request, publicURL: String?) -> String {
        var root = publicURL ?? ""
        while root.hasSuffix("/") { root.removeLast() }
        if root.isEmpty { root = request.head.authority.map { "http://\($0)" } ?? "" }
        return root + prefix
    }

    /// A resource from a fixed list by its `id`.
    private static func one(_ resources: [SCIMJSON], _ context: OkraContext, what: String) throws -> SCIMReply {
        let id = try context.parameters.require("id")
        guard let found = resources.first(where: { $0["id"]?.stringValue == id }) else {
            throw SCIMError.notFound("No \(what) \(id).")
        }
        return .json(found)
    }

    /// The request's JSON body.
    private static func body(_ request: Request, _ context: OkraContext) async throws -> SCIMJSON {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return try SCIMJSON.parse(Data(buffer.readableBytesView))
    }

    private func handle(
        _ body: @escaping @Sendable (Request, OkraContext, String) async throws -> SCIMReply
    ) -> @Sendable (Request, OkraContext) async throws -> Response {
        handle { request, context, base, _ in try await body(request, context, base) }
    }

    /// Authenticates the directory by its bearer token, runs `body`, and answers every error in SCIM's shape.
    private func handle(
        _ body: @escaping @Sendable (Request, OkraContext, String, SCIMDirectory) async throws -> SCIMReply
    ) -> @Sendable (Request, OkraContext) async throws -> Response {
        { [store, publicURL] request, context in
            do {
                let header = request.headers[.authorization] ?? ""
                let parts = header.split(separator: " ", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "bearer",
                    let directory = try await store.scimDirectory(token: String(parts[1]))
                else { throw SCIMError.unauthorized }
                let base = Self.baseURL(request, publicURL: publicURL)
                return try await body(request, context, base, directory).response
            } catch {
                let scim = SCIMError.from(error)
                if scim.status == .internalServerError {
                    context.logger.error(
                        "SCIM request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
                }
                return scim.response()
            }
        }
    }
}

/// What a SCIM handler answers: a resource, a list, or nothing (204).
enum SCIMReply: Sendable {
    case json(SCIMJSON)
    case created(SCIMJSON)
    case noContent
    case page(SCIMJSON)

    static func list(_ resources: [SCIMJSON]) -> SCIMReply {
        .page(SCIMResources.list(resources, total: resources.count, startIndex: 1))
    }

    var response: Response {
        switch self {
        case .json(let value), .page(let value): return SCIMResponse.json(value)
        case .created(let value):
            return SCIMResponse.json(value, status: .created, location: value["meta"]?["location"]?.stringValue)
        case .noContent: return Response(status: .noContent)
        }
    }
}

extension SCIMError {
    /// Any error as a SCIM error: the store's refusals are the client's (4xx); only the unforeseen is a 500.
    static func from(_ error: any Error) -> SCIMError {
        switch error {
        case let error as SCIMError: return error
        case StoreError.duplicate(_, let field):
            return .uniqueness("Another resource already has this \(field == "email" ? "e-mail" : field).")
        case StoreError.notFound(let entity, let id): return .notFound("No \(entity) \(id).")
        case StoreError.invalidReference(_, let field): return .invalidValue("\(field) names something unknown.")
        case StoreError.conflict:
            return SCIMError(status: .conflict, scimType: nil, detail: "Changed meanwhile; retry.")
        case let error as DomainError: return .invalidValue(error.message(.en))
        case is NIOTooManyBytesError:
            return SCIMError(status: .contentTooLarge, scimType: nil, detail: "The body is too large.")
        case let error as HTTPError where (400..<500).contains(error.status.code):
            return SCIMError(status: error.status, scimType: nil, detail: error.body ?? "The request is not valid.")
        default:
            return SCIMError(
                status: .internalServerError, scimType: nil, detail: "Okra could not complete the request.")
        }
    }
}

/// The list parameters of a SCIM query (RFC 7644 §3.4.2), from the URL or from a `.search` body.
struct SCIMQuery: Sendable {
    var filter: SCIMFilter?
    var startIndex = 1
    var count = SCIMDiscovery.maxResults
    var attributes: [SCIMAttributePath] = []
    var excludedAttributes: [SCIMAttributePath] = []

    init(_ parameters: Hummingbird.Parameters) throws {
        try self.init { name in parameters[name[...]].map { .string(String($0)) } }
    }

    init(_ body: SCIMJSON) throws {
        try self.init { name in
            guard let value = body[name] else { return nil }
            if let list = value.arrayValue { return .string(list.compactMap(\.stringValue).joined(separator: ",")) }
            if case .number(let number) = value { return .string(String(Int(exactly: number) ?? -1)) }
            return value
        }
    }

    private init(_ value: (String) -> SCIMJSON?) throws {
        if let text = value("filter") {
            guard let filter = text.stringValue else { throw SCIMError.invalidFilter("filter must be a string.") }
            self.filter = try SCIMFilter.parse(filter)
        }
        func integer(_ name: String) throws -> Int? {
            guard let text = value(name)?.stringValue else { return nil }
            guard let number = Int(text) else { throw SCIMError.invalidValue("\(name) must be an integer.") }
            return number
        }
        startIndex = max(1, try integer("startIndex") ?? 1)
        count = min(SCIMDiscovery.maxResults, max(0, try integer("count") ?? SCIMDiscovery.maxResults))
        func paths(_ name: String) throws -> [SCIMAttributePath] {
            guard let text = value(name)?.stringValue else { return [] }
            do {
                return try text.split(separator: ",").map {
                    try SCIMAttributePath(String($0).trimmingCharacters(in: .whitespaces))
                }
            } catch { throw SCIMError.invalidValue("\(name) must list attribute names.") }
        }
        attributes = try paths("attributes")
        excludedAttributes = try paths("excludedAttributes")
    }

    /// The filtered resources, as the page asked for, each projected.
    func page(_ resources: [SCIMJSON]) -> SCIMReply {
        let matching = filter.map { filter in resources.filter { filter.matches($0) } } ?? resources
        let slice = matching.dropFirst(startIndex - 1).prefix(count).map { project($0) }
        return .page(SCIMResources.list(Array(slice), total: matching.count, startIndex: startIndex))
    }

    func project(_ resource: SCIMJSON) -> SCIMJSON {
        SCIMResources.project(resource, attributes: attributes, excluded: excludedAttributes)
    }
}

/// The operations of a SCIM resource endpoint (`/Users`, `/Groups`).
protocol SCIMEndpoint: Sendable {
    /// Every resource served, by id.
    func all(base: String) async throws -> [SCIMJSON]
    func read(_ id: String, query: SCIMQuery, base: String) async throws -> SCIMReply
    func create(_ body: SCIMJSON, base: String, directory: SCIMDirectory) async throws -> SCIMReply
    func replace(_ id: String, with body: SCIMJSON, base: String, directory: SCIMDirectory) async throws -> SCIMReply
    func patch(_ id: String, _ patch: SCIMPatch, base: String, directory: SCIMDirectory) async throws -> SCIMReply
    func delete(_ id: String, directory: SCIMDirectory) async throws -> SCIMReply
}
