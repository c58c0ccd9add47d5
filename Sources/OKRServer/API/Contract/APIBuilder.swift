import Hummingbird
import OKRCore

/// Declares the API: each operation is added with its description and its handler, so the router and the
/// OpenAPI document come from the same place. Used only while the router is being built.
final class APIBuilder {
    let group: RouterGroup<OkraContext>
    private(set) var operations: [APIOperation] = []
    /// Named schemas for `#/components/schemas`.
    private(set) var schemas: [String: Schema] = [:]

    init(group: RouterGroup<OkraContext>) {
        self.group = group
    }

    /// Adds a named schema that operations refer to with `.ref(name)`.
    func schema(_ name: String, _ schema: Schema) {
        schemas[name] = schema
    }

    /// Adds an operation and the handler that answers it.
    func add(_ operation: APIOperation, _ handler: @escaping @Sendable (APICall) async throws -> APIReply) {
        operations.append(operation)
        group.on(RouterPath(operation.routerPath), method: operation.method) { request, context in
            let call = try APICall(request: request, context: context, operation: operation)
            return try await handler(call).response
        }
    }

    /// Declares every path with its methods, so `UndeclaredMethodMiddleware` answers any other method with 405.
    /// Call once, after every operation is added.
    func declareRoutes(in routes: DeclaredRoutes, prefix: String) {
        var declared: [String: [HTTPRequest.Method]] = [:]
        var order: [String] = []
        for operation in operations {
            if declared[operation.path] == nil { order.append(operation.path) }
            declared[operation.path, default: []].append(operation.method)
            if operation.method == .get { declared[operation.path, default: []].append(.head) }
        }
        let known: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete]
        for path in order {
            let methods = declared[path] ?? []
            routes.declare(path: prefix + path, methods: known.filter(methods.contains))
        }
    }
}
