import Foundation

/// Leadership's direction for a cycle, written before the teams draft their objectives: the mission's
/// top-down half of drafting in two directions. Teams read it and write drafts against it; the drafts then go
/// back up for review.
public struct DirectionBrief: Hashable, Sendable, Codable {
    public let cycleID: CycleID
    /// The direction in Vietnamese, the organization's working language.
    public var body: String
    /// The same direction in English, when leadership writes one.
    public var bodyEn: String?
    /// The priorities of the cycle, short lines such as "Khách hàng mới thành công trong tuần đầu".
    public var themes: [String]
    /// Who wrote this version; nil when written by the system.
    public var authorID: PersonID?
    public var updatedAt: Date

    /// A brief is read in one sitting: at most this many characters in each language.
    public static let maxBodyLength = 10_000
    /// Focus: a cycle with more priorities than this has none.
    public static let maxThemes = 10
    public static let maxThemeLength = 200

    public init(
        cycleID: CycleID, body: String, bodyEn: String? = nil, themes: [String] = [], authorID: PersonID?,
        updatedAt: Date
    ) throws(DomainError) {
        self.cycleID = cycleID
        self.body = try Validate.text(body, field: "body", max: Self.maxBodyLength)
        self.bodyEn = try Validate.optionalText(bodyEn, field: "body_en", max: Self.maxBodyLength)
        guard themes.count <= Self.maxThemes else { throw .invalid(field: "themes", reason: .outOfRange) }
        var kept: [String] = []
        for theme in themes {
            let text = try Validate.text(theme, field: "themes", max: Self.maxThemeLength)
            guard !text.contains(where: \.isNewline) else { throw .invalid(field: "themes", reason: .outOfRange) }
            guard !kept.contains(text) else { throw .invalid(field: "themes", reason: .duplicate) }
            kept.append(text)
        }
        self.themes = kept
        self.authorID = authorID
        self.updatedAt = updatedAt
    }

    /// The direction in `language`, the Vietnamese one when there is no English.
    public func text(_ language: Language) -> String { language == .en ? (bodyEn ?? body) : body }
}
