/// How much a quality finding matters. Ordered by gravity, so `error > warning > info`.
///
/// An `error` breaks a rule of the mission (2 to 5 KRs, a measurable KR, an owner) and gates publishing;
/// a `warning` is worth fixing but does not block; an `info` is kept for the record (a closed quarter).
public enum QualitySeverity: String, Sendable, Codable, CaseIterable, Comparable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: QualitySeverity, rhs: QualitySeverity) -> Bool { lhs.rank < rhs.rank }
}
