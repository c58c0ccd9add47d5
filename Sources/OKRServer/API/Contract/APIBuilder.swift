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

    /// The methods HTTP defines that a path may answer.
    static let knownMethods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options, .trace]

    /// Answers every method a path does not declare with `405 Method Not Allowed` and its `Allow` header,
    /// rather than a misleading 404. Call once, after every operation is added.
    func answerUndeclaredMethods() {
        var declared: [String: [HTTPRequest.Method]] = [:]
        var order: [String] = []
        for operation in operations {
            if declared[operation.routerPath] == nil { order.append(operation.routerPath) }
            declared[operation.routerPath, default: []].append(operation.method)
            if operation.method == .get { declared[operation.routerPath, default: []].append(.head) }
        }
        for path in order {
            let allowed = Self.knownMethods.filter { declared[path]?.contains($0) ?? false }
            for method in Self.knownMethods where !allowed.contains(method) {
                group.on(RouterPath(path), method: method) { request, _ -> Response in
                    throw APIError.methodNotAllowed(request.method, allowed: allowed)
                }
            }
        }
    }
}
