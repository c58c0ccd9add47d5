import Foundation
import OKRCore

/// The body of `POST /objectives` and `PATCH /objectives/{id}`. On a PATCH every member is optional and an
/// absent one is left as it is; an empty `description` or `title_en` clears it.
struct ObjectiveInput: Decodable, Sendable {
    var id: String?
    var cycleId: String?
    var title: String?
    var titleEn: String?
    var description: String?
    var owner: String?
    var kind: Objective.Kind?
    var state: Objective.State?
    var visibility: Objective.Visibility?
    var parents: [LinkInput]?
    var progressSource: Objective.ProgressSource?
    var version: Int?

    /// A parent in the alignment: an objective or a key result, with the link's weight (1 by default).
    struct LinkInput: Decodable, Sendable {
        var objectiveId: String?
        var keyResultId: String?
        var weight: Decimal?

        func link() throws -> AlignmentLink {
            switch (objectiveId, keyResultId) {
            case (let objective?, nil):
                return try AlignmentLink(to: .objective(ObjectiveID(objective)), weight: weight ?? 1)
            case (nil, let keyResult?):
                return try AlignmentLink(to: .keyResult(KeyResultID(keyResult)), weight: weight ?? 1)
            default: throw APIError.invalid("parents", .required)
            }
        }

        static let schema = Schema.object([
            .optional("objective_id", .string, "Give exactly one of objective_id and key_result_id."),
            .optional("key_result_id", .string),
            .optional("weight", .number(minimum: nil, maximum: nil), "How much of the parent this link carries (> 0)."),
        ])
    }

    static func owner(_ text: String?, field: String = "owner") throws -> Owner? {
        guard let text else { return nil }
        guard let owner = Owner(text) else { throw APIError.invalid(field, .unknownValue(text)) }
        return owner
    }

    /// A new objective from this body; the owner defaults to the caller.
    func created(by viewer: Person, id generated: String) throws -> Objective {
        guard let cycleId else { throw APIError.invalid("cycle_id", .required) }
        guard let title else { throw APIError.invalid("title", .required) }
        if let id { try APIIdentifier.check(id, field: "id") }
        return try Objective(
            id: ObjectiveID(id ?? generated), cycleID: CycleID(cycleId),
            title: LocalizedName(vi: title, en: titleEn.flatMap { $0.isEmpty ? nil : $0 }),
            description: description.flatMap { $0.isEmpty ? nil : $0 },
            owner: try Self.owner(owner) ?? .person(viewer.id), kind: kind ?? .committed, state: state ?? .draft,
            visibility: visibility ?? .organization, parents: try (parents ?? []).map { try $0.link() },
            progressSource: progressSource ?? .keyResults)
    }

    /// `objective` with the members of this body applied; a new state must be a move the workflow allows.
    func applied(to objective: Objective) throws -> Objective {
        var changed = try Objective(
            id: objective.id, cycleID: cycleId.map { CycleID($0) } ?? objective.cycleID,
            title: LocalizedName(
                vi: title ?? objective.title.vi, en: titleEn.map { $0.isEmpty ? nil : $0 } ?? objective.title.en),
            description: description.map { $0.isEmpty ? nil : $0 } ?? objective.description,
            owner: try Self.owner(owner) ?? objective.owner, kind: kind ?? objective.kind, state: objective.state,
            visibility: visibility ?? objective.visibility,
            parents: try parents.map { try $0.map { try $0.link() } } ?? objective.parents,
            progressSource: progressSource ?? objective.progressSource)
        if let state, state != objective.state { changed = try changed.moved(to: state) }
        return changed
    }

    static func schema(creating: Bool) -> Schema {
        var properties: [Schema.Property] = [
            creating
                ? .required("cycle_id", .string, "The cycle the objective belongs to.")
                : .optional("cycle_id", .string),
            creating ? .required("title", .text(max: 300), "In Vietnamese.") : .optional("title", .text(max: 300)),
            .optional("title_en", .string(.init(maxLength: 300)), "In English; empty clears it."),
            .optional("description", .string(.init(maxLength: 4000)), "Empty clears it."),
            .optional("owner", .string, "`company`, `team:<id>` or `person:<id>`; the caller by default."),
            .optional("kind", .values(of: Objective.Kind.self)),
            .optional(
                "state", .values(of: Objective.State.self),
                creating ? "`draft` by default." : "A move the workflow allows (draft → in_review → published …)."),
            .optional("visibility", .values(of: Objective.Visibility.self)),
            .optional("parents", .array(.ref("AlignmentLinkInput"))),
            .optional("progress_source", .values(of: Objective.ProgressSource.self)),
        ]
        if creating {
            properties.insert(.optional("id", .identifier, "Chosen by the client; generated when absent."), at: 0)
        } else {
            properties.append(.required("version", .integer, APIOperation.versionDescription))
        }
        return .object(properties)
    }
}
