import Foundation
import Hummingbird
import HummingbirdTesting
import OKRServer
import Testing

@Suite("Switching language after a refused form")
struct LanguageSwitchTests {
    @Test("The switch on a page that answers a posted form goes back to the page the form was posted from")
    func backToTheForm() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            func post(referer: String?) async throws -> (HTTPResponse.Status, String) {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header]
                if let referer { headers[.referer] = referer }
                return try await client.execute(
                    uri: "/check-in", method: .post, headers: headers,
                    body: ByteBuffer(string: "csrf=\(cookies.csrf)")
                ) { ($0.status, String(buffer: $0.body)) }
            }
            let (refused, page) = try await post(referer: "http://127.0.0.1:8080/check-in?from=week")
            #expect(refused == .unprocessableContent)
            #expect(page.contains("name=\"back\" value=\"/check-in?from=week\""))
            let (_, withoutReferer) = try await post(referer: nil)
            #expect(withoutReferer.contains("name=\"back\" value=\"/\""))

            let switched = try await client.execute(
                uri: "/language", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(string: "to=en&back=%2Fcheck-in%3Ffrom%3Dweek&csrf=\(cookies.csrf)")
            ) { $0.headers[.location] }
            #expect(switched == "/check-in?from=week")
            let (status, english) = try await client.page("/check-in?from=week", cookies)
            #expect(status == .ok)
            #expect(english.contains("<html lang=\"en\">"))
            #expect(english.contains("action=\"/sign-out\""))
        }
        try await world.close()
    }
}
