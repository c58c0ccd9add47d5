import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Synchronization
import Testing

/// An API answer as a test reads it: status, headers and the body parsed as JSON.
struct APIAnswer: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    /// The body parsed as JSON (`nil` when empty or not JSON).
    var json: Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// The body as an object; a test fails on anything else.
    var object: [String: Any] { json as? [String: Any] ?? [:] }

    /// `data` of a list.
    var items: [[String: Any]] { object["data"] as? [[String: Any]] ?? [] }

    /// `error.code` of an error.
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
    var errorField: String? { (object["error"] as? [String: Any])?["field"] as? String }
    var errorMessage: String? { (object["error"] as? [String: Any])?["message"] as? String }
}

extension TestWorld {
    /// An API token for a demo person (`p-anh` is the admin, `p-ha` a lead, `p-nam` a member, `p-mai` a viewer).
    func token(_ person: String, readOnly: Bool = false) async throws -> String {
        try await store.createAPIToken(person: PersonID(person), name: "test", readOnly: readOnly)
    }
}

/// Encodes a JSON body from a dictionary literal.
func jsonBody(_ value: [String: Any]) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
}

extension TestClientProtocol {
    /// Calls the API with a bearer token and checks the answer against the OpenAPI document: its status must be
    /// documented for the operation and its body must fit the documented schema.
    @discardableResult
    func api(
        _ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil,
        headers extra: HTTPFields = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIAnswer {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil && headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let answer = try await execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            APIAnswer(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
        let document = try await openAPIDocument()
        let problems = document.check(method: method, uri: uri, answer: answer)
        #expect(
            problems.isEmpty, "\(method) \(uri) → \(answer.status.code): \(problems)", sourceLocation: sourceLocation)
        return answer
    }

    /// The served OpenAPI document, parsed once per process for each text served (every API call of every test
    /// checks against it, and parsing it is most of a test's work in a debug build).
    func openAPIDocument() async throws -> OpenAPIConformance {
        let text = try await execute(uri: "/openapi.json", method: .get) { String(buffer: $0.body) }
        if let parsed = parsedDocuments.withLock({ $0[text] }) { return parsed }
        let parsed = try OpenAPIConformance(text)
        parsedDocuments.withLock { $0[text] = parsed }
        return parsed
    }
}

private let parsedDocuments = Mutex<[String: OpenAPIConformance]>([:])
