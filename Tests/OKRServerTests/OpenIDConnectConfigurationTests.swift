import OKRCore
import OKRServer
import Testing

/// The operator's OpenID Connect settings are checked when the server starts, each problem named.
@Suite("OpenID Connect settings")
struct OpenIDConnectConfigurationTests {
    @Test("An https issuer loses its trailing slash; domains are trimmed, lower-cased, without '@'")
    func normalized() throws {
        let settings = try OpenIDConnectConfiguration(
            issuer: "https://id.example.com/realms/acme/", clientID: "okra", clientSecret: "s3cret",
            allowedDomains: " Acme.vn, @acme.com ")
        #expect(settings.issuer == "https://id.example.com/realms/acme")
        #expect(settings.discoveryURL == "https://id.example.com/realms/acme/.well-known/openid-configuration")
        #expect(settings.allowedDomains == ["acme.vn", "acme.com"])
        #expect(settings.defaultRole == .member)
    }

    @Test("Only people of the allowed domains are created; no domain given allows any")
    func domains() throws {
        let some = try OpenIDConnectConfiguration(
            issuer: "https://id.example.com", clientID: "okra", clientSecret: "s", allowedDomains: "acme.vn")
        #expect(some.allowsCreating(email: "lan@ACME.vn"))
        #expect(!some.allowsCreating(email: "lan@acme.vn.evil.com"))
        #expect(!some.allowsCreating(email: "lan@other.vn"))
        #expect(!some.allowsCreating(email: "acme.vn"))
        let any = try OpenIDConnectConfiguration(issuer: "https://id.example.com", clientID: "okra", clientSecret: "s")
        #expect(any.allowsCreating(email: "lan@other.vn"))
    }

    @Test("http is refused except on loopback; a missing client id or secret, an admin default role are named")
    func refused() throws {
        #expect(throws: OpenIDConnectConfigurationError.badIssuer("http://id.example.com")) {
            try OpenIDConnectConfiguration(issuer: "http://id.example.com", clientID: "okra", clientSecret: "s")
        }
        _ = try OpenIDConnectConfiguration(issuer: "http://127.0.0.1:9400", clientID: "okra", clientSecret: "s")
        #expect(throws: OpenIDConnectConfigurationError.badIssuer("id.example.com")) {
            try OpenIDConnectConfiguration(issuer: "id.example.com", clientID: "okra", clientSecret: "s")
        }
        #expect(throws: OpenIDConnectConfigurationError.missing("--oidc-client-secret")) {
            try OpenIDConnectConfiguration(issuer: "https://id.example.com", clientID: "okra", clientSecret: "")
        }
        #expect(throws: OpenIDConnectConfigurationError.badDefaultRole("admin")) {
            try OpenIDConnectConfiguration(
                issuer: "https://id.example.com", clientID: "okra", clientSecret: "s", defaultRole: "admin")
        }
        #expect(throws: OpenIDConnectConfigurationError.badDomain(" acme")) {
            try OpenIDConnectConfiguration(
                issuer: "https://id.example.com", clientID: "okra", clientSecret: "s", allowedDomains: "acme.vn, acme")
        }
    }

    @Test("The provider sends the browser back to the public URL's /sign-in/oidc/callback")
    func redirect() {
        #expect(
            OpenIDConnectConfiguration.redirectURI(publicURL: "https://okr.acme.vn/")
                == "https://okr.acme.vn/sign-in/oidc/callback")
    }
}
