import OKRCore

/// Why an OKR file could not be read: where (file, line, field) and what is wrong, in both languages.
///
/// The rendering follows the compilers' convention, `okr.yaml:7: objectives[0].key_results[0].target: must be
/// a number`, so editors and people find the spot at once.
public struct OKRFileError: Error, Equatable, Sendable {
    /// The path as the user gave it.
    public let file: String
    /// The line in the file, from 1; nil when the problem is the file as a whole.
    public let line: Int?
    /// The path of the offending field, e.g. `objectives[0].key_results[1].target`.
    public let field: String?
    public let reason: LocalizedText

    init(file: String, line: Int?, field: String?, reason: LocalizedText) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// A validation error of the core, placed at the field it names.
    init(file: String, line: Int?, field: String?, domain error: DomainError) {
        let reason: LocalizedText
        if case .invalid(_, let why) = error {
            reason = LocalizedText(vi: why.message(.vi), en: why.message(.en))
        } else {
            reason = LocalizedText(vi: error.message(.vi), en: error.message(.en))
        }
        self.init(file: file, line: line, field: field, reason: reason)
    }

    /// `file:line: field: reason`, leaving out the parts that are unknown.
    public func text(_ language: Language) -> String {
        var place = file
        if let line { place += ":\(line)" }
        if let field { place += ": \(field)" }
        return place + ": " + reason.text(language)
    }
}
