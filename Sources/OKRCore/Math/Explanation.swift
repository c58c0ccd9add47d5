import Foundation

/// How a number was reached: the formula, the inputs put into it, the policy that judged it, and the notes a
/// person needs ("8.6/10 but only 40 of 100 required responses"). Every computed number carries one, so the
/// UI, the API and the CLI show the same reason without recomputing anything.
public struct Explanation: Hashable, Sendable, Codable {
    /// The rule in symbols, e.g. `(current − start) / (target − start)`.
    public var formula: String
    /// The rule with the numbers put in, e.g. `(130 − 100) / (150 − 100) = 0.6`.
    public var computation: String
    /// Named inputs as shown to people.
    public var inputs: [Input]
    /// The status policy or success rule applied, if any.
    public var policy: String?
    /// Sentences that qualify the number (a failing condition, a lowered status, …).
    public var notes: [LocalizedText]
    /// The computation in words for people, in both languages, when it has words (`threshold not held, …`).
    public var reason: LocalizedText?
    /// The policy in both languages, for people.
    public var policyText: LocalizedText?

    public struct Input: Hashable, Sendable, Codable {
        public let name: String
        public let value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(
        formula: String, computation: String, inputs: [Input] = [], policy: String? = nil,
        notes: [LocalizedText] = [], reason: LocalizedText? = nil, policyText: LocalizedText? = nil
    ) {
        self.formula = formula
        self.computation = computation
        self.inputs = inputs
        self.policy = policy
        self.notes = notes
        self.reason = reason
        self.policyText = policyText
    }

    /// The computation as people of the language read it: its words translated, its numbers and days written
    /// by `Formats`.
    public func computation(_ language: Language) -> String {
        Formats.formula(reason?.text(language) ?? computation, language)
    }

    /// The policy as people of the language read it, if any.
    public func policy(_ language: Language) -> String? {
        policyText.map { Formats.formula($0.text(language), language) } ?? policy.map { Formats.formula($0, language) }
    }

    /// The notes as people of the language read them.
    public func notes(_ language: Language) -> [String] {
        notes.map { Formats.formula($0.text(language), language) }
    }

    /// One readable paragraph: computation, policy, notes.
    public func text(_ language: Language) -> String {
        var parts = [computation(language)]
        if let policy = policy(language) { parts.append(policy) }
        parts += notes(language)
        return parts.joined(separator: "; ")
    }
}

/// Plain, locale-free rendering of decimals for formulas and machine output: `0.6`, `8.6`, `0.3333`.
enum Plain {
    static func text(_ value: Decimal, places: Int = 4) -> String {
        NumberText.plain(value, places: places)
    }
}

extension Decimal {
    /// Rounded half away from zero to `places` decimals (the rounding people learn at school).
    public func rounded(_ places: Int) -> Decimal {
        if let exact = NumberText.exact(self, places: places, scale: 0) {
            // From the mantissa (Foundation's rounding was a tenth of an API list), without trailing zeros.
            var units = exact.rounded
            let negative = exact.negative
            guard units != 0 else { return 0 }
            var exponent = -places
            while units % 10 == 0 {
                units /= 10
                exponent += 1
            }
            return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(units))
        }
        var input = self
        var output = Decimal()
        NSDecimalRound(&output, &input, places, .plain)
        return output
    }

    /// Clamped into `0...1`.
    public var clampedToUnit: Decimal { Swift.min(1, Swift.max(0, self)) }

    /// Decimal from a Double via its shortest decimal text, so 8.6 stays 8.6 (not 8.59999…).
    public init?(exactly double: Double) {
        guard double.isFinite, let value = Decimal(string: "\(double)", locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        self = value
    }
}
