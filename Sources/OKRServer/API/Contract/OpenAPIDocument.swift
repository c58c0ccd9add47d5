import HTTPTypes

/// The OpenAPI 3.1 document of the JSON API, assembled from the operations the router serves and the schemas
/// they name. `/openapi.json` serves it; `openapi.json` at the top of the repository is the same document, and
/// a test fails when the two differ.
enum OpenAPIDocument {
    static let prefix = "/api/v1"

    static func build(operations: [APIOperation], schemas: [String: Schema]) -> JSONValue {
        var paths: [String: [JSONValue.Member]] = [:]
        var order: [String] = []
        for operation in operations {
            let path = prefix + operation.path
            if paths[path] == nil { order.append(path) }
            paths[path, default: []].append(.init(operation.method.rawValue.lowercased(), describe(operation)))
        }
        var allSchemas = schemas
        allSchemas["Error"] = errorSchema
        return .object([
            .init("openapi", "3.1.0"),
            .init(
                "info",
                .object([
                    .init("title", "Okra API"),
                    .init("version", "1.0.0"),
                    .init(
                        "description",
                        .string(
                            """
                            The JSON API of Okra, a self-hosted OKR platform. Send an API token as \
                            `Authorization: Bearer <token>` (`okra token create`). Progress, expected progress, \
                            status and their explanation are computed by the server. Lists are paginated with \
                            `limit` and `cursor`; updates carry the version they change (`If-Match` or `version`), \
                            and a stale one gets 409. Every error has the shape \
                            `{"error": {"code", "message", "field"}}`.
                            """)),
                ])),
            .init("security", .array([.object([.init("bearerAuth", .array([]))])])),
            .init("paths", .object(order.map { .init($0, .object(paths[$0] ?? [])) })),
            .init(
                "components",
                .object([
                    .init(
                        "securitySchemes",
                        .object([
                            .init("bearerAuth", .object([.init("type", "http"), .init("scheme", "bearer")]))
                        ])),
                    .init("schemas", .object(allSchemas.keys.sorted().map { .init($0, allSchemas[$0]!.json) })),
                    .init(
                        "responses",
                        .object([
                            .init(
                                "Error",
                                .object([
                                    .init("description", "The request was refused; nothing was changed."),
                                    .init("content", jsonContent(.ref("Error"))),
                                ]))
                        ])),
                ])),
        ])
    }

    static func describe(_ operation: APIOperation) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("operationId", .string(operation.id)),
            .init("tags", .array([.string(operation.tag)])),
            .init("summary", .string(operation.summary)),
        ]
        var parameters: [JSONValue] = operation.pathParameters.map { name in
            var parameter: [JSONValue.Member] = [
                .init("name", .string(name)), .init("in", "path"), .init("required", .bool(true)),
                .init("schema", Schema.string.json),
            ]
            if let example = operation.examples[name] { parameter.append(.init("example", .string(example))) }
            return .object(parameter)
        }
        parameters += operation.query.map { parameter(in: "query", $0) }
        parameters += operation.headers.map { parameter(in: "header", $0) }
        if !parameters.isEmpty { members.append(.init("parameters", .array(parameters))) }
        if !operation.bodyMedia.isEmpty {
            members.append(
                .init(
                    "requestBody",
                    .object([.init("required", .bool(true)), .init("content", content(operation.bodyMedia))])))
        } else if let body = operation.body {
            members.append(
                .init("requestBody", .object([.init("required", .bool(true)), .init("content", jsonContent(body))])))
        }
        var responses: [JSONValue.Member] = []
        var success: [JSONValue.Member] = [.init("description", .string(operation.success.reasonPhrase))]
        if !operation.responseMedia.isEmpty {
            success.append(.init("content", content(operation.responseMedia)))
        } else if let response = operation.response {
            success.append(.init("content", jsonContent(response)))
        }
        responses.append(.init(String(operation.success.code), .object(success)))
        for status in APIOperation.errorStatuses {
            responses.append(
                .init(String(status.code), .object([.init("$ref", "#/components/responses/Error")])))
        }
        members.append(.init("responses", .object(responses)))
        return .object(members)
    }

    static func parameter(in location: String, _ parameter: APIOperation.Parameter) -> JSONValue {
        .object([
            .init("name", .string(parameter.name)), .init("in", .string(location)),
            .init("required", .bool(parameter.required)), .init("description", .string(parameter.description)),
            .init("schema", parameter.schema.json),
        ])
    }

    static func content(_ media: [APIOperation.Media]) -> JSONValue {
        .object(media.map { .init($0.type, .object([.init("schema", $0.schema.json)])) })
    }

    static func jsonContent(_ schema: Schema) -> JSONValue {
        .object([.init("application/json", .object([.init("schema", schema.json)]))])
    }

    /// `{"error": {"code", "message", "field"}}`.
    static let errorSchema = Schema.object(
        [
            .required(
                "error",
                .object([
                    .required("code", .string, "Stable, for programs: `validation_failed`, `not_found`, …"),
                    .required("message", .string, "For people, in the caller's language."),
                    .optional("field", .string, "The member, parameter or header at fault."),
                    .optional(
                        "request_id", .string,
                        "The request's id, as in its `X-Request-Id` header and the server's log line: quote it to the operator."
                    ),
                    .optional(
                        "problems",
                        .array(
                            .object([
                                .optional("row", .integer, "The spreadsheet's row (the header is row 1)."),
                                .optional("column", .string, "The column's letter and header."),
                                .required("message", .string),
                            ])),
                        "An import's refusals (`import_refused`), each where it is and why."),
                ]))
        ])
}
