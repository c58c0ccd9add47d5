import Foundation
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// Views on their own: each rendered from a model built here, with no store and no request, and checked for what
/// it must hold. A view turns a model into HTML and nothing else, so this is all it takes to see it.
@Suite("Views rendered from models")
struct ViewTests {
    static let nam = try! Person(id: "p-nam", name: "Nam <Ng>", email: "nam@okra.demo", role: .member)

    static func page(_ language: Language = .vi, person: Person? = nam) -> Page {
        Page(language: language, person: person, csrfToken: "token-1", path: "/settings/tokens")
    }

    @Test("The sign-in form: the error beside it, the way back kept, the provider's button with the escaped path")
    func signIn() {
        let options = SignInOptions(providerName: "Entra ID", passwordSignIn: .everyone)
        let html = SignInView.render(
            Self.page(person: nil), options, email: "a\"b@x.vn", error: "Sai mật khẩu", next: "/teams/sales?x=1&y=2")
        #expect(html.contains("Sai mật khẩu"))
        #expect(html.contains("value=\"a&quot;b@x.vn\""))
        #expect(html.contains("name=\"next\" value=\"/teams/sales?x=1&amp;y=2\""))
        #expect(html.contains("href=\"/sign-in/oidc?next=/teams/sales%3Fx%3D1%26y%3D2\""))
        #expect(html.contains("Entra ID"))
        #expect(html.contains("name=\"csrf\" value=\"token-1\""))
        // No one is signed in: no sign-out form.
        #expect(!html.contains("action=\"/sign-out\""))
    }

    @Test("Tokens: a new one's secret shown once, revoked ones marked, an error by its field, names escaped")
    func tokens() {
        let made = Date(timeIntervalSince1970: 1_795_000_000)
        let kept = APITokenRecord(
            id: "t-1", personID: "p-nam", name: "<b>CI</b>", readOnly: true, createdAt: made, revokedAt: nil)
        let revoked = APITokenRecord(
            id: "t-2", personID: "p-nam", name: "Cũ", readOnly: false, createdAt: made.addingTimeInterval(-86_400),
            revokedAt: made)
        var model = TokensSettingsPage(tokens: [revoked, kept], viewer: Self.nam, timeZone: "Asia/Ho_Chi_Minh")
        model.created = TokensSettingsPage.Created(secret: "okra_secret_123", record: kept)
        model.errors = ["name": "Hãy đặt tên cho token"]
        let html = TokensSettingsPageView.render(Self.page(), model)
        #expect(html.components(separatedBy: "okra_secret_123").count == 2, "the secret once")
        #expect(html.contains("&lt;b&gt;CI&lt;/b&gt;") && !html.contains("<b>CI</b>"))
        #expect(html.contains("Hãy đặt tên cho token"))
        #expect(html.contains("action=\"/settings/tokens/t-1/revoke\""))
        #expect(!html.contains("action=\"/settings/tokens/t-2/revoke\""), "a revoked token has nothing to revoke")
        // Newest first.
        let first = html.range(of: "&lt;b&gt;CI")!.lowerBound
        let second = html.range(of: "Cũ")!.lowerBound
        #expect(first < second)
    }

    @Test("Notifications: each links to its subject, text escaped, when shown; mark all read only while one is unread")
    func notifications() throws {
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        let unread = try InAppNotification(
            id: "n-1", personID: "p-nam", kind: .mention, subject: .objective("o-nam-email"), actorID: "p-ha",
            excerpt: "<script>x</script>", source: "comment:c-1", createdAt: at)
        let read = try InAppNotification(
            id: "n-2", personID: "p-nam", kind: .mention, subject: .objective("o-mkt-mql"), actorID: "p-ha",
            source: "comment:c-2", createdAt: at.addingTimeInterval(-60), readAt: at)
        let model = NotificationsPage(
            items: [
                .init(
                    notification: unread, text: "Hà nhắc đến bạn <i>", link: "/objectives/o-nam-email",
                    when: "2026-11-27 15:00"),
                .init(notification: read, text: "Hà hỏi", link: "/objectives/o-mkt-mql", when: "2026-11-27 14:59"),
            ], unread: 1)
        let html = NotificationsPageView.render(Self.page(), model)
        #expect(html.contains("href=\"/objectives/o-nam-email\""))
        #expect(html.contains("href=\"/objectives/o-mkt-mql\""))
        #expect(html.contains("Hà nhắc đến bạn &lt;i&gt;"))
        #expect(!html.contains("<script>x</script>"))
        #expect(html.contains("2026-11-27 15:00"))
        #expect(html.contains("action=\"/notifications/read\""), "mark all read while one is unread")
        let allRead = NotificationsPageView.render(Self.page(), NotificationsPage(items: model.items, unread: 0))
        #expect(!allRead.contains("action=\"/notifications/read\""))
    }
}
