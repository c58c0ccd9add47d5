import Foundation
import OKRCore
import SQLKit

/// A row read back from the database, with the entity and id to blame when a column is not what it should be.
struct StoredRow {
    let row: any SQLRow
    let entity: String
    let id: String

    init(_ row: any SQLRow, entity: String, idColumn: String = "id") throws {
        self.row = row
        self.entity = entity
        self.id = (try? row.decode(column: idColumn, as: String.self)) ?? "?"
    }

    func string(_ column: String) throws -> String {
        guard let value = try optionalString(column) else { throw corrupt("\(column) is missing") }
        return value
    }

    // Optional columns are read as "null?" then as the plain type: decoding an `Optional` goes through the
    // drivers' generic `Decodable` path (a tenth of the objective page, reading its check-ins), the plain type
    // straight from the column's value.
    func optionalString(_ column: String) throws -> String? {
        do {
            if try row.decodeNil(column: column) { return nil }
            return try row.decode(column: column, as: String.self)
        } catch {
            throw corrupt("\(column) is not text")
        }
    }

    func int(_ column: String) throws -> Int {
        guard let value = try optionalInt(column) else { throw corrupt("\(column) is missing") }
        return value
    }

    func optionalInt(_ column: String) throws -> Int? {
        do {
            if try row.decodeNil(column: column) { return nil }
            return try row.decode(column: column, as: Int.self)
        } catch {
            throw corrupt("\(column) is not an integer")
        }
    }

    func bool(_ column: String) throws -> Bool { try int(column) != 0 }

    func decimal(_ column: String) throws -> Decimal {
        guard let value = try optionalDecimal(column) else { throw corrupt("\(column) is missing") }
        return value
    }

    func optionalDecimal(_ column: String) throws -> Decimal? {
        guard let text = try optionalString(column) else { return nil }
        guard let value = StoredValue.decimal(text) else { throw corrupt("\(column) is not a number: \(text)") }
        return value
    }

    func day(_ column: String) throws -> Day {
        guard let value = try optionalDay(column) else { throw corrupt("\(column) is missing") }
        return value
    }

    func optionalDay(_ column: String) throws -> Day? {
        guard let text = try optionalString(column) else { return nil }
        guard let value = Day(iso: text) else { throw corrupt("\(column) is not a day: \(text)") }
        return value
    }

    func date(_ column: String) throws -> Date { StoredValue.date(try int(column)) }

    func optionalDate(_ column: String) throws -> Date? { try optionalInt(column).map(StoredValue.date) }

    func owner(_ column: String = "owner") throws -> Owner? {
        guard let text = try optionalString(column) else { return nil }
        guard let owner = Owner(text) else { throw corrupt("\(column) is not an owner: \(text)") }
        return owner
    }

    func name(vi: String = "name_vi", en: String = "name_en") throws -> LocalizedName {
        let vi = try string(vi)
        let en = try optionalString(en)
        return try restore { try LocalizedName(vi: vi, en: en) }
    }

    func enumeration<E: RawRepresentable>(_ column: String, as type: E.Type) throws -> E where E.RawValue == String {
        let text = try string(column)
        guard let value = E(rawValue: text) else { throw corrupt("\(column) has an unknown value: \(text)") }
        return value
    }

    func confidence(_ column: String = "confidence") throws -> Confidence? {
        guard let value = try optionalInt(column) else { return nil }
        return try restore { try Confidence(value) }
    }

    func statusRules() throws -> StatusRules {
        let name = try string("status_policy")
        let first = try decimal("policy_first")
        let second = try decimal("policy_second")
        let policy: StatusPolicy
        switch name {
        case "ratio": policy = .ratio(onTrack: first, atRisk: second)
        case "weakest": policy = .weakest(onTrack: first, atRisk: second)
        case "gap": policy = .gap(atRisk: first, offTrack: second)
        default: throw corrupt("status_policy has an unknown value: \(name)")
        }
        return StatusRules(
            policy: try restore { try policy.validated() },
            lowConfidenceBelow: try int("low_confidence_below"), staleAfterDays: try int("stale_after_days"))
    }

    /// Rebuilds a domain value through its validating initialiser; a stored value it refuses is corrupt.
    func restore<T>(_ build: () throws -> T) throws -> T {
        do {
            return try build()
        } catch let error as StoreError {
            throw error
        } catch {
            throw corrupt("\(error)")
        }
    }

    func corrupt(_ reason: String) -> StoreError { .corrupt(entity: entity, id: id, reason: reason) }
}
