import Foundation

/// Small checks shared by the value types' initialisers, each throwing the field's `DomainError`.
enum Validate {
    static func text(_ value: String, field: String, max: Int) throws(DomainError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalid(field: field, reason: .empty) }
        guard trimmed.count <= max else { throw .invalid(field: field, reason: .tooLong(max: max)) }
        return trimmed
    }

    static func optionalText(_ value: String?, field: String, max: Int) throws(DomainError) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        guard trimmed.count <= max else { throw .invalid(field: field, reason: .tooLong(max: max)) }
        return trimmed
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
