import Foundation
import OKRCore

/// Every user-visible string of the web UI, by key, in Vietnamese and English, read from the catalogs
/// `Resources/Strings/vi.json` and `en.json`. A test fails when a key is missing in either language.
public struct Strings: Sendable {
    public let tables: [Language: [String: String]]

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
        return Strings(tables: tables)
    }()

    public init(tables: [Language: [String: String]]) {
        self.tables = tables
    }

    /// The string for `key`, with `{name}` placeholders filled in. A missing key shows as the key itself, so
    /// a gap is visible rather than blank (and the catalog test catches it first).
    public func text(_ key: StringKey, _ language: Language, _ values: [String: String] = [:]) -> String {
        let template = tables[language]?[key.rawValue] ?? key.rawValue
        guard !values.isEmpty else { return template }
        return Self.fill(template, values)
    }

    /// `{name}` placeholders replaced in one pass over the template (no Foundation search per value: pages
    /// fill thousands of them); an unknown `{…}` stays as written.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        out.reserveCapacity(template.utf8.count + 32)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else {
                rest = rest[open...]
                break
            }
            let name = String(rest[afterOpen..<close])
            if let value = values[name] {
                out += value
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }
}
