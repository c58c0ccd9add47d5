import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("The API's contract: errors, media types, sizes, methods, tokens, the OpenAPI document")
struct ContractTests {
    @Test("A method a path does not declare is 405 with an Allow header, in the error shape")
    func methodNotAllowed() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        try await world.test { client in
            let answer = try await client.api(.delete, "/api/v1/objectives/o-mkt-mql", token: token)
            #expect(answer.status == .methodNotAllowed)
            #expect(answer.headers[.allow] == "GET, HEAD, PATCH")
            #expect(answer.errorCode == "method_not_allowed")
            let put = try await client.api(.put, "/api/v1/objectives", token: token, body: "{}")
            #expect(put.headers[.allow] == "GET, HEAD, POST")
            let unknown = try await client.api(.get, "/api/v1/nothing-here", token: token)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
        }
        try await world.close()
    }

    @Test("Bodies: not JSON is 415, broken JSON 400, too large 413, a wrong type 422 naming the field")
    func bodies() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        try await world.test { client in
            let form = try await client.api(
                .post, "/api/v1/objectives", token: token, body: "title=x",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
            for broken in ["{", "", "{\"title\": }", "nul"] {
                let answer = try await client.api(.post, "/api/v1/objectives", token: token, body: broken)
                #expect(answer.status == .badRequest, "\(broken)")
                #expect(answer.errorCode == "malformed_json")
            }
            for notObject in ["[]", "42", "\"x\"", "null"] {
                let answer = try await client.api(.post, "/api/v1/objectives", token: token, body: notObject)
                #expect((400...422).contains(answer.status.code), "\(notObject): \(answer.status)")
            }
            let big = "{\"cycle_id\": \"2026-q4\", \"title\": \"" + String(repeating: "x", count: 1_100_000) + "\"}"
            let tooLarge = try await client.api(.post, "/api/v1/objectives", token: token, body: big)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.errorCode == "payload_too_large")
            let wrongType = try await client.api(
                .post, "/api/v1/objectives", token: token, body: #"{"cycle_id": "2026-q4", "title": ["x"]}"#)
            #expect(wrongType.status == .unprocessableContent)
            #expect(wrongType.errorField == "title")
            let nested = try await client.api(
                .post, "/api/v1/objectives", token: token,
                body: #"{"cycle_id": "2026-q4", "title": "x", "parents": [{"objective_id": 5}]}"#)
            #expect(nested.errorField == "parents.0.objective_id")
        }
        try await world.close()
    }

    @Test("Tokens: read-only tokens read but never write; a browser session writes only with its CSRF header")
    func tokensAndSessions() async throws {
        let world = try await TestWorld.demo()
        let readOnly = try await world.token("p-anh", readOnly: true)
        try await world.test { client in
            let read = try await client.api(.get, "/api/v1/objectives", token: readOnly)
            #expect(read.status == .ok)
            let write = try await client.api(
                .post, "/api/v1/objectives", token: readOnly, body: jsonBody(["cycle_id": "2026-q4", "title": "X"]))
            #expect(write.status == .forbidden)
            #expect(write.errorCode == "read_only_token")
            let cookies = try await client.signIn(DemoOrganization.adminEmail)
            let body = jsonBody(["cycle_id": "2026-q4", "title": "Từ trình duyệt"])
            let withoutHeader = try await client.api(
                .post, "/api/v1/objectives", token: nil, body: body, headers: [.cookie: cookies.header])
            #expect(withoutHeader.status == .forbidden)
            #expect(withoutHeader.errorCode == "csrf_failed")
            let withHeader = try await client.api(
                .post, "/api/v1/objectives", token: nil, body: body,
                headers: [.cookie: cookies.header, APIAuthMiddleware.csrfHeader: cookies.csrf])
            #expect(withHeader.status == .created)
        }
        try await world.close()
    }

    @Test("Error messages follow the caller's language")
    func languages() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let english = try await client.api(
                .get, "/api/v1/objectives", token: nil, headers: [.acceptLanguage: "en-US,en;q=0.9"])
            #expect(english.errorMessage?.hasPrefix("Sign in or send an API token") == true)
            let vietnamese = try await client.api(
                .get, "/api/v1/objectives", token: nil, headers: [.acceptLanguage: "vi"])
            #expect(vietnamese.errorMessage?.hasPrefix("Hãy đăng nhập") == true)
        }
        try await world.close()
    }

    @Test("openapi.json in the repository is the document the server serves")
    func committedDocument() async throws {
        let world = try await TestWorld.demo()
        let served = try await world.test { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
        }
        try await world.close()
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("openapi.json")
        if ProcessInfo.processInfo.environment["OKRA_WRITE_OPENAPI"] == "1" {
            try served.write(to: file, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(
            committed == served,
            "openapi.json is out of date: run OKRA_WRITE_OPENAPI=1 swift test --filter ContractTests/committedDocument")
        let document = try OpenAPIConformance(served)
        #expect(document.document["openapi"]?.string == "3.1.0")
        var ids: [String] = []
        for (_, item) in document.paths {
            for (_, operation) in item.members {
                ids.append(operation["operationId"]?.string ?? "")
                #expect(operation["responses"]?["401"] != nil)
            }
        }
        #expect(Set(ids).count == ids.count, "operationIds are unique")
    }
}
