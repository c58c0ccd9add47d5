import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import OKRTestSupport
import Testing

@Suite("Password reset by e-mail, through a real SMTP server")
struct PasswordResetTests {
    static func router(
        _ world: TestWorld, smtpPort: Int?, passwordSignIn: PasswordSignIn = .everyone
    ) -> Router<OkraContext> {
        var configuration = ServerConfiguration(bcryptCost: 4)
        configuration.passwordSignIn = passwordSignIn
        if let smtpPort {
            configuration.smtp = SMTPConfiguration(
                host: "127.0.0.1", port: smtpPort, username: SMTPSink.user, password: SMTPSink.password,
                from: "okra@okr.example.vn")
        }
        configuration.publicURL = "https://okr.example.vn"
        return buildRouter(store: world.store, configuration: configuration, environment: AppEnvironment())
    }

    static func post(
        _ client: some TestClientProtocol, _ uri: String, _ cookies: BrowserCookies, _ fields: [(String, String)]
    ) async throws -> (HTTPResponse.Status, String, String?) {
        let body = ([("csrf", cookies.csrf)] + fields).map { "\($0.0)=\($0.1.formEncoded)" }.joined(separator: "&")
        return try await client.execute(
            uri: uri, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: body)
        ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
    }

    /// The link in the last e-mail to `address`.
    static func link(in sink: SMTPSink, to address: String) throws -> String? {
        guard let mail = try sink.received().last(where: { $0.rcptTos == [address] }),
            let range = mail.body.range(
                of: #"https://okr\.example\.vn/password/reset\?token=[0-9a-f]+"#, options: .regularExpression)
        else { return nil }
        return String(mail.body[range])
    }

    @Test("The same answer for any address; the link sets the password once; old sessions end; leavers get nothing")
    func resetByEmail() async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        let world = try await TestWorld.demo()
        try await Application(router: Self.router(world, smtpPort: sink.port)).test(.router) { client in
            let old = try await client.signIn("lan@okra.demo")
            var anonymous = try await client.execute(uri: "/password/forgot", method: .get) { BrowserCookies($0) }
            anonymous.values["okra_session"] = nil

            let (known, knownPage, _) = try await Self.post(
                client, "/password/forgot", anonymous, [("email", "LAN@okra.demo")])
            let (unknown, unknownPage, _) = try await Self.post(
                client, "/password/forgot", anonymous, [("email", "nobody@okra.demo")])
            #expect(known == .ok && unknown == .ok)
            let sentText = { (page: String) in page.range(of: "id=\"reset-sent\"") != nil }
            #expect(sentText(knownPage) && sentText(unknownPage))
            #expect(try sink.received().count == 1)
            let mail = try #require(try sink.received().first)
            #expect(mail.rcptTos == ["lan@okra.demo"] && mail.subject == "Okra: đặt lại mật khẩu")
            let link = try #require(try Self.link(in: sink, to: "lan@okra.demo"))
            let path = String(link.dropFirst("https://okr.example.vn".count))
            let token = String(path.split(separator: "=").last ?? "")

            let (formStatus, form) = try await client.page(path, anonymous)
            #expect(formStatus == .ok && form.contains("name=\"token\" value=\"\(token)\""))
            let (short, _, _) = try await Self.post(
                client, "/password/reset", anonymous, [("token", token), ("password", "short")])
            #expect(short == .unprocessableContent)
            let (done, _, location) = try await Self.post(
                client, "/password/reset", anonymous, [("token", token), ("password", "một-mật-khẩu-mới-2026")])
            #expect(done == .seeOther || done == .found)
            #expect(location == "/sign-in?reset=1")
            let (again, _, _) = try await Self.post(
                client, "/password/reset", anonymous, [("token", token), ("password", "lần-thứ-hai-2026")])
            #expect(again == .notFound)
            #expect(try await client.page(path, anonymous).0 == .notFound)

            // The old session is over; the new password signs in, the old one does not.
            try await client.execute(uri: "/", method: .get, headers: [.cookie: old.header]) { response in
                #expect(response.status == .seeOther || response.status == .found)
            }
            let signedIn = try await client.signIn("lan@okra.demo", password: "một-mật-khẩu-mới-2026")
            #expect(try await client.page("/", signedIn).0 == .ok)

            // A newer link replaces an older one; someone who left gets no link.
            _ = try await Self.post(client, "/password/forgot", anonymous, [("email", "nam@okra.demo")])
            let first = try #require(try Self.link(in: sink, to: "nam@okra.demo"))
            _ = try await Self.post(client, "/password/forgot", anonymous, [("email", "nam@okra.demo")])
            let second = try #require(try Self.link(in: sink, to: "nam@okra.demo"))
            #expect(first != second)
            #expect(try await client.page(String(first.dropFirst(22)), anonymous).0 == .notFound)
            try await world.store.deactivatePerson("p-nam", handingOverTo: nil, actor: nil)
            #expect(try await client.page(String(second.dropFirst(22)), anonymous).0 == .notFound)
            let before = try sink.received().count
            _ = try await Self.post(client, "/password/forgot", anonymous, [("email", "nam@okra.demo")])
            #expect(try sink.received().count == before)
        }
        try await world.close()
    }

    @Test("With passwords off, only a break-glass admin is sent a link; the answer is the same for everyone")
    func breakGlassOnly() async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        let world = try await TestWorld.demo()
        let router = Self.router(world, smtpPort: sink.port, passwordSignIn: .breakGlassOnly(["admin@okra.demo"]))
        try await Application(router: router).test(.router) { client in
            let anonymous = try await client.execute(uri: "/password/forgot", method: .get) { BrowserCookies($0) }
            let (member, memberPage, _) = try await Self.post(
                client, "/password/forgot", anonymous, [("email", "lan@okra.demo")])
            let (admin, adminPage, _) = try await Self.post(
                client, "/password/forgot", anonymous, [("email", "admin@okra.demo")])
            #expect(member == .ok && admin == .ok)
            #expect(memberPage.contains("id=\"reset-sent\"") && adminPage.contains("id=\"reset-sent\""))
            #expect(try sink.received().map(\.rcptTos) == [["admin@okra.demo"]])
        }
        try await world.close()
    }

    @Test("An admin sends a link from the person's settings; without e-mail the page shows it to pass on")
    func adminSendsLink() async throws {
        let world = try await TestWorld.demo()
        try await Application(router: Self.router(world, smtpPort: nil)).test(.router) { client in
            let admin = try await client.signIn(DemoOrganization.adminEmail)
            let (_, editor) = try await client.page("/settings/people/p-bao", admin)
            #expect(editor.contains("id=\"send-reset-link\""))
            let (status, page, _) = try await Self.post(client, "/settings/people/p-bao/reset-link", admin, [])
            #expect(status == .ok && page.contains("id=\"reset-link-sent\""))
            let link = try #require(
                page.range(
                    of: #"https://okr\.example\.vn/password/reset\?token=[0-9a-f]+"#, options: .regularExpression))
            let path = String(page[link].dropFirst("https://okr.example.vn".count))
            #expect(try await client.page(path, BrowserCookies()).0 == .ok)

            let member = try await client.signIn("nam@okra.demo")
            let (refused, _, _) = try await Self.post(client, "/settings/people/p-bao/reset-link", member, [])
            #expect(refused == .forbidden)
        }
        try await world.close()
    }
}
