import Foundation
import OKRCore

/// What every page knows: the language, who is looking, the CSRF token for its forms, and where it is.
public struct Page: Sendable {
    public let language: Language
    public let person: Person?
    public let csrfToken: String?
    /// The request path with its query, for the language switch to come back to.
    public let path: String
    public let strings: Strings
    /// What the previous action did, said at the top of this page.
    public var flash: Flash?

    public init(language: Language, person: Person?, csrfToken: String?, path: String, strings: Strings = .shipped) {
        self.language = language
        self.person = person
        self.csrfToken = csrfToken
        self.path = path
        self.strings = strings
    }

    public func t(_ key: StringKey, _ values: [String: String] = [:]) -> String {
        strings.text(key, language, values)
    }

    public func percent(_ fraction: Decimal) -> String { Percent.text(fraction, language) }

    /// A day as people of the language write it (`Formats.day`): 27/11/2026, Nov 27, 2026.
    public func day(_ day: Day) -> String { Formats.day(day, language) }

    /// A number as people of the language write it (`Formats.number`): 0,69, 0.69.
    public func number(_ value: Decimal, places: Int = 2) -> String { Formats.number(value, language, places: places) }

    /// A formula or a reason with plain numbers and ISO days, for reading (`Formats.formula`).
    public func formula(_ text: String) -> String { Formats.formula(text, language) }
}
