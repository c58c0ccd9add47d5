import Foundation
import OKRCore
import OKRStore

/// A cycle's direction brief as the API shows it: the text in both languages, the priorities, who wrote this
/// version and when.
struct DirectionBriefResource: Encodable, Sendable {
    let cycleId: String
    let body: String
    let bodyEn: String?
    let themes: [String]
    let authorId: String?
    let updatedAt: Date
    let version: Int

    init(_ entry: Versioned<DirectionBrief>) {
        let brief = entry.value
        cycleId = brief.cycleID.rawValue
        body = brief.body
        bodyEn = brief.bodyEn
        themes = brief.themes
        authorId = brief.authorID?.rawValue
        updatedAt = brief.updatedAt
        version = entry.version
    }

    static let schema = Schema.object([
        .required("cycle_id", .string), .required("body", .string, "The direction, in Vietnamese."),
        .optional("body_en", .string, "The direction in English, when written."),
        .required("themes", .array(.string), "The cycle's priorities, in order."),
        .optional("author_id", .string, "Who wrote this version."),
        .required("updated_at", .dateTime),
        .required("version", .integer, "Send it back (or its ETag in If-Match) to change the brief."),
    ])

    /// The body of `PUT /cycles/{id}/brief`: the whole brief. The first one is written without a version;
    /// every later one names the version it replaces.
    struct Input: Decodable, Sendable {
        let body: String
        let bodyEn: String?
        let themes: [String]?
        let version: Int?

        static let schema = Schema.object([
            .required("body", .text(max: DirectionBrief.maxBodyLength), "The direction, in Vietnamese."),
            .optional(
                "body_en", .string(.init(maxLength: DirectionBrief.maxBodyLength)),
                "The direction in English; blank or absent for none."),
            .optional(
                "themes", .array(.text(max: DirectionBrief.maxThemeLength), maxItems: DirectionBrief.maxThemes),
                "The priorities, one line each, without repeats."),
            .optional(
                "version", .integer,
                "The version being replaced; absent for the first brief of the cycle. An `If-Match` header wins."),
        ])
    }
}
