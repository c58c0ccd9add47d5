/// A stored value with the version it was read at; pass the version back to update it.
public struct Versioned<Value: Sendable>: Sendable {
    public let value: Value
    public let version: Int

    public init(value: Value, version: Int) {
        self.value = value
        self.version = version
    }
}

extension Versioned: Equatable where Value: Equatable {}
extension Versioned: Hashable where Value: Hashable {}
