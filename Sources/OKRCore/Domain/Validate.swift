import Foundation

/// Small checks shared by the value types' initialisers, each throwing the field's `DomainError`.
enum Validate {
    /// Text with something other than spaces in it, at most `max` characters as sent (counted in Unicode code
    /// points, as JSON Schema's `maxLength` counts them), stored without its surrounding spaces.
    static func text(_ value: String, field: String, max: Int) throws(DomainError) -> String {
        guard value.unicodeScalars.count <= max else { throw .invalid(field: field, reason: .tooLong(max: max)) }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalid(field: field, reason: .empty) }
        return trimmed
    }

    static func optionalText(_ value: String?, field: String, max: Int) throws(DomainError) -> String? {
        guard let value else { return nil }
        guard value.unicodeScalars.count <= max else { throw .invalid(field: field, reason: .tooLong(max: max)) }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
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
