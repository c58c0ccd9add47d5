import Foundation
import OKRCore

/// Every user-visible string of the web UI, by key, in Vietnamese and English, read from the catalogs
/// `Resources/Strings/vi.json` and `en.json`. A test fails when a key is missing in either language.
public struct Strings: Sendable {
    public let tables: [Language: [String: String]]
    /// Whether these are the shipped catalogs: only then may rendered HTML be kept and shared between pages.
    private(set) var isShipped = false

    /// The catalogs shipped with the server.
    public static let shipped: Strings = {
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            guard
                let url = Bundle.module.url(
                    forResource: language.rawValue, withExtension: "json", subdirectory: "Resources/Strings"),
                let data = try? Data(contentsOf: url),
                let table = try? JSONDecoder().decode([String: String].self, from: data)
            else { continue }
            tables[language] = table
        }
        var strings = Strings(tables: tables)
        strings.isShipped = true
        return strings
    }()

    public init(tables: [Language: [String: String]]) {
        self.tables = tables
    }

    /// The string for `key`, with `{name}` placeholders filled in (and `{name|one|other}` plural forms chosen by
    /// the value of `name`). A missing key shows as the key itself, so
    /// a gap is visible rather than blank (and the catalog test catches it first).
    public func text(_ key: StringKey, _ language: Language, _ values: [String: String] = [:]) -> String {
        let template = tables[language]?[key.rawValue] ?? key.rawValue
        guard !values.isEmpty else { return template }
        return Self.fill(template, values)
    }

    /// `{name}` placeholders replaced in one pass over the template's bytes (no Foundation search per value, no
    /// grapheme breaking: pages fill thousands of them); an unknown `{…}` stays as written.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        let utf8 = template.utf8
        var out = ""
        out.reserveCapacity(utf8.count + 32)
        var copied = utf8.startIndex
        var index = utf8.startIndex
        while let open = utf8[index...].firstIndex(of: UInt8(ascii: "{")) {
            let afterOpen = utf8.index(after: open)
            guard let close = utf8[afterOpen...].firstIndex(of: UInt8(ascii: "}")) else { break }
            index = utf8.index(after: close)
            // Braces are ASCII, so these indices fall on character boundaries.
            let name = template[afterOpen..<close]
            let filled: String
            if let value = values[String(name)] {
                filled = value
            } else if let form = plural(name, values) {
                filled = form
            } else {
                continue
            }
            out += template[copied..<open]
            out += filled
            copied = index
        }
        out += template[copied...]
        return out
    }

    /// `{count|objective|objectives}`: the first form when the value of `count` is 1, else the second — English
    /// plurals (Vietnamese has none, so its templates never need one). Nil when the name has no forms or the
    /// value is missing.
    private static func plural(_ name: Substring, _ values: [String: String]) -> String? {
        let parts = name.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, let value = values[String(parts[0])] else { return nil }
        return String(value == "1" ? parts[1] : parts[2])
    }
}
