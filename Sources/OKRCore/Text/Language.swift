import Foundation

/// The two languages Okra speaks. Every user-visible sentence the core produces exists in both.
public enum Language: String, Sendable, Codable, CaseIterable {
    case vi
    case en

    /// Picks the best language from an HTTP `Accept-Language` header, defaulting to `fallback`. The first of
    /// equally weighted languages wins.
    public static func preferred(acceptLanguage header: String?, fallback: Language = .vi) -> Language {
        guard let header else { return fallback }
        var best: (Language, Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";")
            let tag = pieces.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            let primary = String(tag.prefix(while: { $0 != "-" && $0 != "_" }))
            guard let language = Language(rawValue: primary) else { continue }
            var quality = 1.0
            if pieces.count > 1, let q = pieces[1].split(separator: "=").last,
                let value = Double(q.trimmingCharacters(in: .whitespaces))
            {
                quality = value
            }
            // q=0 means "not acceptable" (RFC 9110, 12.4.2).
            guard quality > 0 else { continue }
            if best == nil || quality > best!.1 { best = (language, quality) }
        }
        return best?.0 ?? fallback
    }
}

/// A sentence in both languages.
public struct LocalizedText: Hashable, Sendable, Codable {
    public let vi: String
    public let en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .vi ? vi : en }
}
