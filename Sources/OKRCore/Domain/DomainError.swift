/// Why a domain value could not be built. Every case names the field and the reason, in both languages.
public enum DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(field: String, reason: InvalidReason)
    /// An alignment link would make an objective its own ancestor; `path` lists the objectives in the loop.
    case alignmentCycle(path: [String])
    /// A state change the workflow does not allow (e.g. published → draft).
    case transitionNotAllowed(entity: String, from: String, to: String)

    public var field: String? {
        if case .invalid(let field, _) = self { return field }
        return nil
    }

    public var description: String { message(.en) }

    public func message(_ language: Language) -> String {
        switch self {
        case .invalid(let field, let reason):
            return "\(field): " + reason.message(language)
        case .alignmentCycle(let path):
            let loop = path.joined(separator: " → ")
            return language == .vi
                ? "Liên kết căn chỉnh tạo thành vòng lặp: \(loop)"
                : "Alignment links form a loop: \(loop)"
        case .transitionNotAllowed(let entity, let from, let to):
            return language == .vi
                ? "\(entity): không thể chuyển từ \(from) sang \(to)"
                : "\(entity): cannot go from \(from) to \(to)"
        }
    }
}

/// The reason a single field is invalid.
public enum InvalidReason: Equatable, Sendable {
    case required
    case empty
    case outOfRange
    case notFinite
    case notPositive
    case tooLong(max: Int)
    case targetEqualsStart
    case wrongDirection(kind: String)
    case boundsReversed
    case outsideCycle(start: Day, end: Day)
    case notAllowedForKind(kind: String)
    case unknownValue(String)
    case duplicate
    /// A value that must repeat a stored one (the current password) and does not.
    case doesNotMatch
    /// Text with a NUL character, which no field may hold.
    case containsNUL
    /// A webhook receiver on an address of the server's own network (loopback, private, link-local).
    case privateAddress(String)
    /// An alignment to an objective (or KR) of another cycle, which its progress could not count.
    case otherCycle(String)
    /// A cycle's days or rules, which stay as they are once it has started (in the named state).
    case fixedOnceStarted(state: String)

    public func message(_ language: Language) -> String {
        let vi = language == .vi
        switch self {
        case .required: return vi ? "bắt buộc phải có" : "is required"
        case .empty: return vi ? "không được để trống" : "must not be empty"
        case .outOfRange: return vi ? "nằm ngoài khoảng cho phép" : "is out of range"
        case .notFinite: return vi ? "phải là một số hữu hạn" : "must be a finite number"
        case .notPositive: return vi ? "phải lớn hơn 0" : "must be greater than 0"
        case .tooLong(let max): return vi ? "dài quá \(max) ký tự" : "is longer than \(max) characters"
        case .targetEqualsStart:
            return vi ? "mục tiêu phải khác giá trị bắt đầu" : "target must differ from the start value"
        case .wrongDirection(let kind):
            return vi
                ? "mục tiêu đi ngược chiều với loại \(kind)"
                : "target goes the wrong way for kind \(kind)"
        case .boundsReversed: return vi ? "cận dưới phải nhỏ hơn cận trên" : "lower bound must be below upper bound"
        case .outsideCycle(let start, let end):
            return vi ? "nằm ngoài chu kỳ \(start) – \(end)" : "is outside the cycle \(start) – \(end)"
        case .notAllowedForKind(let kind):
            return vi ? "không dùng cho loại \(kind)" : "does not apply to kind \(kind)"
        case .unknownValue(let value): return vi ? "giá trị không hợp lệ: \(value)" : "unknown value: \(value)"
        case .duplicate: return vi ? "bị trùng" : "is a duplicate"
        case .doesNotMatch: return vi ? "không đúng" : "is not correct"
        case .containsNUL: return vi ? "chứa ký tự NUL (U+0000)" : "contains a NUL character (U+0000)"
        case .privateAddress(let address):
            return vi
                ? "trỏ tới địa chỉ nội bộ \(address); chỉ dùng được khi máy chủ chạy với --allow-private-webhooks"
                : "points to the non-public address \(address); allowed only when the server runs with --allow-private-webhooks"
        case .fixedOnceStarted(let state):
            return vi
                ? "không thể đổi khi chu kỳ đã bắt đầu (\(state))"
                : "cannot change once the cycle has started (\(state))"
        case .otherCycle(let cycle):
            return vi
                ? "thuộc chu kỳ khác (\(cycle)): mục tiêu chỉ liên kết được với mục tiêu cùng chu kỳ, hoặc của một chu kỳ dài hơn bao trọn chu kỳ của nó (quý trong năm), để tiến độ được tính"
                : "is in another cycle (\(cycle)): an objective aligns within its own cycle or to a longer cycle that holds it (a quarter of the year), where its progress counts"
        }
    }
}
