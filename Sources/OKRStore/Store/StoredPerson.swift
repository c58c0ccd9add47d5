import OKRCore

/// A person with the password hash the store keeps for them (never shown, only compared).
struct StoredPerson: Sendable {
    let person: Versioned<Person>
    let passwordHash: String?
}
