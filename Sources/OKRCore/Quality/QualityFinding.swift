/// One thing a quality check found in an OKR draft: which rule, how serious, on which element, and what to do,
/// in Vietnamese and English. The UI shows it while people type; publishing is gated on the errors.
public struct QualityFinding: Hashable, Sendable, Codable {
    public let code: QualityCode
    public let severity: QualitySeverity
    public let target: Target
    /// What is wrong, naming the element (the KR's title, the numbers).
    public let message: LocalizedText
    /// How to fix it.
    public let hint: LocalizedText

    public init(
        code: QualityCode, severity: QualitySeverity, target: Target, message: LocalizedText, hint: LocalizedText
    ) {
        self.code = code
        self.severity = severity
        self.target = target
        self.message = message
        self.hint = hint
    }

    /// Whether the finding stops an objective from being published.
    public var blocksPublishing: Bool { severity == .error }

    /// The element a finding is about. The objective comes first, then its KRs in order.
    ///
    /// Encoded as `{"element": "objective"}` or `{"element": "key_result", "index": 0}`.
    public enum Target: Hashable, Sendable, Comparable, Codable {
        case objective
        /// The KR's position within its objective, from 0.
        case keyResult(index: Int)

        private var order: Int {
            switch self {
            case .objective: return -1
            case .keyResult(let index): return index
            }
        }

        public static func < (lhs: Target, rhs: Target) -> Bool { lhs.order < rhs.order }

        private enum CodingKeys: String, CodingKey {
            case element, index
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let element = try container.decode(String.self, forKey: .element)
            switch element {
            case "objective":
                self = .objective
            case "key_result":
                let index = try container.decode(Int.self, forKey: .index)
                guard index >= 0 else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .index, in: container, debugDescription: "index must not be negative")
                }
                self = .keyResult(index: index)
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .element, in: container, debugDescription: "unknown element: \(element)")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .objective:
                try container.encode("objective", forKey: .element)
            case .keyResult(let index):
                try container.encode("key_result", forKey: .element)
                try container.encode(index, forKey: .index)
            }
        }
    }
}
