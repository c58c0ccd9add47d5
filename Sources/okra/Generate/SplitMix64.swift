/// A small, fast, deterministic random number generator (Steele, Lea and Flood's SplitMix64): the same seed
/// gives the same organization on every machine and every run, which `okra generate` promises.
///
/// Each part of the organization draws from its own stream (`SplitMix64(seed:stream:)`), so a change in how
/// one part is generated does not reshuffle all the others.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A stream of its own for `stream` ("cycle-3", "people"), derived from the seed with FNV-1a (Swift's
    /// `Hasher` is seeded per process and would break determinism).
    init(seed: UInt64, stream: String) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in stream.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        var mixer = SplitMix64(seed: seed ^ hash)
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `range`, both ends included.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % span)
    }

    /// A number in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A number in `range`.
    mutating func double(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// Roughly normal around `mean` (the sum of three uniforms), for values that cluster.
    mutating func around(_ mean: Double, spread: Double) -> Double {
        mean + (unit() + unit() + unit() - 1.5) * spread
    }

    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    mutating func pick<T>(_ items: [T]) -> T {
        precondition(!items.isEmpty, "picking from nothing")
        return items[int(0...(items.count - 1))]
    }

    /// One of `choices`, each as likely as its weight.
    mutating func weighted<T>(_ choices: [(T, Double)]) -> T {
        let total = choices.reduce(0) { $0 + $1.1 }
        var roll = unit() * total
        for (choice, weight) in choices {
            if roll < weight { return choice }
            roll -= weight
        }
        precondition(!choices.isEmpty, "choosing from nothing")
        return choices[choices.count - 1].0
    }
}
