import ArgumentParser
import OKRCore

extension Language {
    /// The language of a command's human output: `--lang` when given, else the one `LANG` names
    /// (`en_US.UTF-8` is English), else Vietnamese, the product's first language.
    static func chosen(_ flag: String?, environment: [String: String]) throws -> Language {
        if let flag {
            guard let language = Language(rawValue: flag.lowercased()) else {
                throw ValidationError("--lang must be vi or en, not \(flag)")
            }
            return language
        }
        let tag = (environment["LANG"] ?? "").lowercased()
        let primary = String(tag.prefix { $0.isLetter })
        return Language(rawValue: primary) ?? .vi
    }
}
