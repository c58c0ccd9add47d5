import AsyncHTTPClient
import Crypto
import Foundation
import JWTKit
import NIOCore
import NIOFoundationCompat

/// The company's identity provider as Okra talks to it: its discovery document, the address a browser is sent
/// to, the code exchange over the back channel, and the ID token checked against the provider's published keys.
///
/// The keys are fetched once and again only when a token names a key id not among them: a provider that
/// rotates its keys publishes the new one before signing with it, so one fetch finds it. The discovery document
/// is kept for an hour.
actor OpenIDConnectProvider {
    let configuration: OpenIDConnectConfiguration
    let redirectURI: String
    private let client: HTTPClient
    private var discovered: (document: Discovery, at: Date)?
    private var keys: JWTKeyCollection?
    private var keyIDs: Set<String> = []

    static let timeout: TimeAmount = .seconds(10)
    static let discoveryLifetime: TimeInterval = 3600
    /// How far the provider's clock may differ from ours for `exp` and `iat`.
    static let leeway: TimeInterval = 60

    init(configuration: OpenIDConnectConfiguration, redirectURI: String, client: HTTPClient = .shared) {
        self.configuration = configuration
        self.redirectURI = redirectURI
        self.client = client
    }

    /// The parts of the provider's discovery document Okra uses.
    struct Discovery: Decodable, Sendable {
        let issuer: String
        let authorizationEndpoint: String
        let tokenEndpoint: String
        let jwksURI: String
        let tokenEndpointAuthMethodsSupported: [String]?

        enum CodingKeys: String, CodingKey {
            case issuer
            case authorizationEndpoint = "authorization_endpoint"
            case tokenEndpoint = "token_endpoint"
            case jwksURI = "jwks_uri"
            case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        }
    }

    /// Who the provider says signed in, from a verified ID token.
    struct Identity: Sendable, Equatable {
        let subject: String
        let email: String?
        /// False only when the provider says the address is not verified.
        let emailVerified: Bool
        let name: String?
        let groups: [String]
        let locale: String?
    }

    /// Why a sign-in through the provider did not finish. Each is shown to the person as a sign-in error.
    enum Failure: Error, Equatable {
        /// The provider could not be reached or answered something that is not OpenID Connect.
        case unreachable(String)
        /// The provider refused the code (used already, expired, or not for this client).
        case codeRefused(String)
        /// The ID token is not one Okra may believe: its signature, issuer, audience, time or nonce.
        case badToken(String)
    }

    // MARK: The browser's way there

    /// Where the browser goes to sign in: the authorization endpoint with `state`, `nonce` and the PKCE S256
    /// challenge of `codeVerifier`.
    func authorizationURL(state: String, nonce: String, codeVerifier: String) async throws(Failure) -> String {
        let document = try await discovery()
        guard var url = URLComponents(string: document.authorizationEndpoint) else {
            throw .unreachable("the authorization endpoint \(document.authorizationEndpoint) is not a URL")
        }
        let query =
            (url.queryItems ?? []) + [
                URLQueryItem(name: "response_type", value: "code"),
                URLQueryItem(name: "client_id", value: configuration.clientID),
                URLQueryItem(name: "redirect_uri", value: redirectURI),
                URLQueryItem(name: "scope", value: "openid email profile"),
                URLQueryItem(name: "state", value: state),
                URLQueryItem(name: "nonce", value: nonce),
                URLQueryItem(name: "code_challenge", value: Self.challenge(codeVerifier)),
                URLQueryItem(name: "code_challenge_method", value: "S256"),
            ]
        url.percentEncodedQuery = query.map { item in
            Self.formEncoded(item.name) + "=" + Self.formEncoded(item.value ?? "")
        }.joined(separator: "&")
        guard let address = url.string else {
            throw .unreachable("the authorization endpoint \(document.authorizationEndpoint) is not a URL")
        }
        return address
    }

    /// The PKCE S256 challenge of a verifier: base64url of its SHA-256, without padding.
    static func challenge(_ verifier: String) -> String {
        Self.base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    // MARK: Back from the provider

    /// Exchanges `code` for tokens and returns who signed in, once the ID token's signature, issuer, audience,
    /// times and `nonce` are checked.
    func identity(code: String, codeVerifier: String, nonce: String, now: Date) async throws(Failure) -> Identity {
        let idToken = try await exchange(code: code, codeVerifier: codeVerifier)
        let claims = try await verified(idToken)
        guard claims.iss == configuration.issuer else {
            throw .badToken("the ID token was issued by \(claims.iss), not \(configuration.issuer)")
        }
        guard claims.aud.contains(configuration.clientID) else {
            throw .badToken("the ID token is not meant for this client")
        }
        if claims.aud.count > 1, claims.azp != configuration.clientID {
            throw .badToken("the ID token names several audiences but was not issued to this client")
        }
        guard claims.exp.addingTimeInterval(Self.leeway) > now else { throw .badToken("the ID token has expired") }
        if let issuedAt = claims.iat, issuedAt > now.addingTimeInterval(Self.leeway) {
            throw .badToken("the ID token was issued in the future")
        }
        guard claims.nonce == nonce else { throw .badToken("the ID token does not carry this sign-in's nonce") }
        guard !claims.sub.isEmpty else { throw .badToken("the ID token names no subject") }
        return Identity(
            subject: claims.sub, email: claims.email?.lowercased(), emailVerified: claims.emailVerified ?? true,
            name: claims.name ?? claims.preferredUsername, groups: claims.lists[configuration.groupsClaim] ?? [],
            locale: claims.locale)
    }

    private struct TokenResponse: Decodable {
        let idToken: String?

        enum CodingKeys: String, CodingKey { case idToken = "id_token" }
    }

    private struct TokenError: Decodable {
        let error: String?
        let errorDescription: String?

        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
        }
    }

    /// The token endpoint's ID token for `code`, the client authenticated with HTTP Basic unless the provider
    /// only takes the secret in the form.
    private func exchange(code: String, codeVerifier: String) async throws(Failure) -> String {
        let document = try await discovery()
        var form: [(String, String)] = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
            ("code_verifier", codeVerifier), ("client_id", configuration.clientID),
        ]
        var request = HTTPClientRequest(url: document.tokenEndpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        let methods = document.tokenEndpointAuthMethodsSupported ?? ["client_secret_basic"]
        if !methods.contains("client_secret_basic") && methods.contains("client_secret_post") {
            form.append(("client_secret", configuration.clientSecret))
        } else {
            let pair = Self.formEncoded(configuration.clientID) + ":" + Self.formEncoded(configuration.clientSecret)
            request.headers.add(name: "Authorization", value: "Basic " + Data(pair.utf8).base64EncodedString())
        }
        request.body = .bytes(ByteBuffer(string: form.map { $0 + "=" + Self.formEncoded($1) }.joined(separator: "&")))
        let (status, body) = try await send(request)
        guard (200..<300).contains(status) else {
            let refusal = try? JSONDecoder().decode(TokenError.self, from: body)
            throw .codeRefused(
                [refusal?.error, refusal?.errorDescription].compactMap { $0 }.joined(separator: ": ")
                    .nonEmpty ?? "HTTP \(status)")
        }
        guard let token = (try? JSONDecoder().decode(TokenResponse.self, from: body))?.idToken else {
            throw .unreachable("the token endpoint answered without an ID token")
        }
        return token
    }

    /// `application/x-www-form-urlencoded` for one value.
    static func formEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The ID token's claims once its signature checks out against the provider's keys. A key id not among
    /// the keys fetched before fetches them again (the provider rotated its keys); a token without a key id is
    /// tried against each key.
    private func verified(_ token: String) async throws(Failure) -> IDTokenClaims {
        let kid = Self.keyID(in: token)
        if keys == nil || kid.map({ !keyIDs.contains($0) }) == true {
            (keys, keyIDs) = try await fetchKeys()
        }
        if let kid, !keyIDs.contains(kid) {
            throw .badToken("the ID token is signed with a key the provider does not publish")
        }
        do {
            return try await keys!.verify(token, as: IDTokenClaims.self, iteratingKeys: kid == nil)
        } catch let error as JWTError {
            throw .badToken(Self.describe(error))
        } catch {
            throw .badToken("the ID token could not be read")
        }
    }

    /// The `kid` in a JWT's header, read before its signature is checked (only to choose the key).
    static func keyID(in token: String) -> String? {
        guard let header = token.split(separator: ".", omittingEmptySubsequences: false).first else { return nil }
        var text = header.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        struct Header: Decodable { let kid: String? }
        guard let data = Data(base64Encoded: text) else { return nil }
        return (try? JSONDecoder().decode(Header.self, from: data))?.kid
    }

    private static func describe(_ error: JWTError) -> String {
        switch error.errorType {
        case .signatureVerificationFailed: "the ID token's signature does not match the provider's key"
        case .unknownKID: "the ID token is signed with a key the provider does not publish"
        case .missingKIDHeader: "the ID token names no key"
        case .malformedToken: "the ID token is not a JWT"
        default: "the ID token was refused (\(error.reason ?? "\(error.errorType)"))"
        }
    }

    private func fetchKeys() async throws(Failure) -> (JWTKeyCollection, Set<String>) {
        let document = try await discovery()
        var request = HTTPClientRequest(url: document.jwksURI)
        request.headers.add(name: "Accept", value: "application/json")
        let (status, body) = try await send(request)
        guard status == 200, let jwks = try? JSONDecoder().decode(JWKS.self, from: body) else {
            throw .unreachable("the provider's keys at \(document.jwksURI) could not be read (HTTP \(status))")
        }
        let collection = JWTKeyCollection()
        var ids: Set<String> = []
        for key in jwks.keys {
            // A key of a kind Okra cannot use (an encryption key, say) is skipped, not fatal.
            guard (try? await collection.add(jwk: key)) != nil else { continue }
            if let kid = key.keyIdentifier?.string { ids.insert(kid) }
        }
        return (collection, ids)
    }

    private func discovery() async throws(Failure) -> Discovery {
        if let discovered, Date().timeIntervalSince(discovered.at) < Self.discoveryLifetime {
            return discovered.document
        }
        var request = HTTPClientRequest(url: configuration.discoveryURL)
        request.headers.add(name: "Accept", value: "application/json")
        let (status, body) = try await send(request)
        guard status == 200, let document = try? JSONDecoder().decode(Discovery.self, from: body) else {
            throw .unreachable("the discovery document at \(configuration.discoveryURL) could not be read")
        }
        let issuer = document.issuer.hasSuffix("/") ? String(document.issuer.dropLast()) : document.issuer
        guard issuer == configuration.issuer else {
            throw .unreachable("the provider calls itself \(document.issuer), not \(configuration.issuer)")
        }
        discovered = (document, Date())
        return document
    }

    private func send(_ request: HTTPClientRequest) async throws(Failure) -> (status: Int, body: Data) {
        do {
            let response = try await client.execute(request, timeout: Self.timeout)
            let body = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), Data(buffer: body))
        } catch {
            throw .unreachable("\(request.url) did not answer (\(error))")
        }
    }
}

/// The claims of an ID token Okra reads. `lists` holds every claim that is a list of strings (or one string),
/// so the groups claim can have any name.
struct IDTokenClaims: JWTPayload {
    let iss: String
    let sub: String
    let aud: [String]
    let exp: Date
    let iat: Date?
    let nonce: String?
    let azp: String?
    let email: String?
    let emailVerified: Bool?
    let name: String?
    let preferredUsername: String?
    let locale: String?
    let lists: [String: [String]]

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        func string(_ name: String) -> String? {
            try? container.decodeIfPresent(String.self, forKey: Key(stringValue: name))
        }
        func seconds(_ name: String) -> Date? {
            (try? container.decodeIfPresent(Double.self, forKey: Key(stringValue: name)))
                .flatMap { $0 }.map { Date(timeIntervalSince1970: $0) }
        }
        guard let iss = string("iss"), let sub = string("sub"), let exp = seconds("exp") else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "iss, sub and exp are required"))
        }
        self.iss = iss
        self.sub = sub
        self.exp = exp
        iat = seconds("iat")
        nonce = string("nonce")
        azp = string("azp")
        email = string("email")
        // Some providers send `"email_verified": "true"`.
        if let flag = try? container.decodeIfPresent(Bool.self, forKey: Key(stringValue: "email_verified")) {
            emailVerified = flag
        } else {
            emailVerified = string("email_verified").map { $0.lowercased() == "true" }
        }
        name = string("name")
        preferredUsername = string("preferred_username")
        locale = string("locale")
        var lists: [String: [String]] = [:]
        for key in container.allKeys {
            if let many = try? container.decode([String].self, forKey: key) {
                lists[key.stringValue] = many
            } else if let one = try? container.decode(String.self, forKey: key) {
                lists[key.stringValue] = [one]
            }
        }
        self.lists = lists
        aud = lists["aud"] ?? []
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(iss, forKey: Key(stringValue: "iss"))
        try container.encode(sub, forKey: Key(stringValue: "sub"))
        try container.encode(aud, forKey: Key(stringValue: "aud"))
        try container.encode(exp.timeIntervalSince1970, forKey: Key(stringValue: "exp"))
    }

    /// The signature is checked by the key collection; the claims by `OpenIDConnectProvider.identity`, which
    /// knows the issuer, the client and the nonce.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
