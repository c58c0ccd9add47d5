import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// A browser session as stored in the database (so several instances share it).
struct WebSession: Codable, Sendable {
    let personID: String
    let createdAt: Date
}

/// Reads the session cookie and the CSRF cookie, resolves who is asking and in which language.
///
/// CSRF uses the double-submit pattern: a random `okra_csrf` cookie (SameSite=Lax, HttpOnly) that every form
/// repeats in a hidden field; a POST whose field does not match is refused.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = OkraContext
    let store: OKRStore
    let persist: SQLPersistDriver
    let secureCookies: Bool

    static let sessionCookie = "okra_session"
    static let csrfCookie = "okra_csrf"
    static let languageCookie = "okra_lang"
    static let sessionLifetime: Duration = .seconds(14 * 24 * 3600)

    func handle(
        _ request: Request, context: OkraContext, next: (Request, OkraContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let id = request.cookies[Self.sessionCookie]?.value, Token.isWellFormed(id),
            let session = try await persist.get(key: Self.key(id), as: WebSession.self),
            let person = try await store.person(id: PersonID(session.personID)), person.isActive
        {
            context.person = person
            context.sessionID = id
        }
        let existingCSRF = request.cookies[Self.csrfCookie].map(\.value).flatMap { Token.isWellFormed($0) ? $0 : nil }
        context.csrfToken = existingCSRF ?? Token.random()
        let cookieLanguage = request.cookies[Self.languageCookie].flatMap { Language(rawValue: $0.value) }
        let fallback = Language.preferred(acceptLanguage: request.headers[.acceptLanguage], fallback: .vi)
        context.language = context.person?.language ?? cookieLanguage ?? fallback
        context.flash = request.cookies[Flash.cookie].flatMap { Flash(rawValue: $0.value) }
        var response = try await next(request, context)
        Flash.carry(&response, pending: context.flash, secure: secureCookies)
        if existingCSRF == nil, let token = context.csrfToken {
            response.setCookie(
                Cookie(
                    name: Self.csrfCookie, value: token, path: "/", secure: secureCookies, httpOnly: true,
                    sameSite: .lax))
        }
        return response
    }

    static func key(_ sessionID: String) -> String { "session." + sessionID }
}

/// Random tokens for sessions and CSRF: 32 bytes from the system's generator, as hex.
enum Token {
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef")
        var token = ""
        for _ in 0..<32 {
            let byte = UInt8.random(in: 0...255, using: &generator)
            token.append(hex[Int(byte >> 4)])
            token.append(hex[Int(byte & 0x0f)])
        }
        return token
    }

    static func isWellFormed(_ token: String) -> Bool {
        token.count == 64 && token.allSatisfy { $0.isHexDigit }
    }
}
