import Foundation

/// Small checks shared by the value types' initialisers, each throwing the field's `DomainError`.
enum Validate {
    /// Text with something other than spaces in it, at most `max` characters as sent (counted in Unicode code
    /// points, as JSON Schema's `maxLength` counts them), stored without its surrounding spaces.
    static func text(_ value: String, field: String, max: Int) throws(DomainError) -> String {
        guard value.unicodeScalars.count <= max else { throw .invalid(field: field, reason: .tooLong(max: max)) }
        let trimmed = trimmed(value)
        guard !trimmed.isEmpty else { throw .invalid(field: field, reason: .empty) }
        return trimmed
    }

    /// `value` without its surrounding spaces and line breaks; handed back as is when it has none at either end
    /// (all stored text, which is read back through these checks on every load).
    static func trimmed(_ value: String) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            if (0x21...0x7E).contains(scalar.value) { return false }
            return CharacterSet.whitespacesAndNewlines.contains(scalar)
        }
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last,
            !isSpace(first) && !isSpace(last)
        else { return value.trimmingCharacters(in: .whitespacesAndNewlines) }
        return value
    }

    static func optionalText(_ value: String?, field: String, max: Int) throws(DomainError) -> String? {
        guard let value else { return nil }
        guard value.unicodeScalars.count <= max else { throw .invalid(field: field, reason: .tooLong(max: max)) }
        let trimmed = trimmed(value)
        return trimmed.isEmpty ? nil : trimmed
    }

    @discardableResult
    static func finite(_ value: Decimal, field: String) throws(DomainError) -> Decimal {
        guard !value.isNaN, value.isFinite else { throw .invalid(field: field, reason: .notFinite) }
        return value
    }

    static func positive(_ value: Decimal, field: String) throws(DomainError) -> Decimal {
        try finite(value, field: field)
        guard value > 0 else { throw .invalid(field: field, reason: .notPositive) }
        return value
    }
}
