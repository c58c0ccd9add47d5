import Foundation
import OKRCore
import OKRStore

/// The settings page of a person's own API tokens, as `TokensAPI` has them: every signed-in person lists, makes
/// and revokes their own (viewers included: their tokens can only read what they can). A token is shown once, on
/// the answer to the form that made it; the store keeps only its hash, so the page never can show it again.
struct TokensSettingsPage: Sendable {
    /// A token just made: its record and, this once, the secret.
    struct Created: Sendable {
        let secret: String
        let record: APITokenRecord
    }

    /// The form as typed.
    struct Form: Sendable, Equatable {
        var name = ""
        var readOnly = false
    }

    /// The caller's tokens, newest first, revoked ones included.
    let tokens: [APITokenRecord]
    /// Admins read a note that tokens are personal (they revoke others' through the API).
    let isAdmin: Bool
    /// The organization's time zone, for the days tokens were made and revoked.
    let timeZone: String
    var form = Form()
    var errors: [String: String] = [:]
    var created: Created?

    init(tokens: [APITokenRecord], viewer: Person, timeZone: String) {
        self.tokens = tokens.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        isAdmin = viewer.role == .admin
        self.timeZone = timeZone
    }

    /// The name the store will keep, or nil with the message next to the field (the store's own rule: 1 to 100
    /// characters once trimmed).
    mutating func checkedName(_ language: Language) -> String? {
        errors = [:]
        let (name, error) = Self.checkedName(form.name, language)
        errors["name"] = error
        return name
    }

    /// A token's name trimmed, or nil with why not (1 to 100 characters once trimmed); the SCIM tokens' page
    /// follows the same rule.
    static func checkedName(_ typed: String, _ language: Language) -> (name: String?, error: String?) {
        let name = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { return (nil, InvalidReason.empty.message(language)) }
        if name.count > 100 { return (nil, InvalidReason.tooLong(max: 100).message(language)) }
        return (name, nil)
    }

    /// The day of an instant in the organization's time zone, as people of the language write it.
    func day(_ date: Date, _ page: Page) -> String {
        page.day(AppEnvironment.day(of: date, in: timeZone))
    }
}
