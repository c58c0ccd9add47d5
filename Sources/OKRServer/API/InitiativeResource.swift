import Foundation
import OKRCore
import OKRStore

/// An initiative as the API shows it: a project or plan that drives key results. `key_result_ids` lists only
/// the linked KRs the caller may see, so a link to a private objective's KR does not leak its id.
struct InitiativeResource: Encodable, Sendable {
    let id: String
    let title: String
    let titleEn: String?
    let owner: String?
    let state: String
    let due: Day?
    let link: String?
    /// Spelled `Ids` so the encoder writes `key_result_ids` (from `IDs` it would write `key_result_i_ds`).
    let keyResultIds: [String]
    let askId: String?
    let startedOn: Day?
    let doneOn: Day?
    let version: Int

    init(_ entry: Versioned<Initiative>, visible: Set<KeyResultID>) {
        let initiative = entry.value
        id = initiative.id.rawValue
        title = initiative.title.vi
        titleEn = initiative.title.en
        owner = initiative.owner?.description
        state = initiative.state.rawValue
        due = initiative.due
        link = initiative.link
        keyResultIds = initiative.keyResultIDs.filter(visible.contains).map(\.rawValue)
        askId = initiative.askID?.rawValue
        startedOn = initiative.started
        doneOn = initiative.finished
        version = entry.version
    }

    static let schema = Schema.object([
        .required("id", .string), .required("title", .string, "In Vietnamese."), .optional("title_en", .string),
        .optional("owner", .string, "`company`, `team:<id>` or `person:<id>`."),
        .required("state", .values(of: Initiative.State.self)), .optional("due", .day),
        .optional("link", .string, "Where the work is tracked (http or https)."),
        .required("key_result_ids", .array(.string), "The key results it drives that the caller may see."),
        .optional("ask_id", .string, "The dependency ask whose acceptance created it."),
        .optional("started_on", .day, "The day it moved to in progress (set by Okra)."),
        .optional("done_on", .day, "The day it was marked done (set by Okra; absent unless done)."),
        .required("version", .integer, "Send it back (or its ETag in If-Match) to change the initiative."),
    ])

    /// The most key results one initiative may drive.
    static let maxKeyResults = 50

    /// The body of `POST /initiatives` and `PATCH /initiatives/{id}`. On a PATCH every member is optional and
    /// an absent one is left as it is; an empty `title_en`, `link` or `due` clears it.
    struct Input: Decodable, Sendable {
        var id: String?
        var title: String?
        var titleEn: String?
        var owner: String?
        var state: Initiative.State?
        /// `YYYY-MM-DD`, or empty to clear the due day (the API takes no `null`s).
        var due: String?
        var link: String?
        var keyResultIds: [String]?
        var version: Int?

        /// The due day sent: nil when absent, `.some(nil)` when emptied.
        func dueDay() throws -> Day?? {
            guard let due else { return nil }
            if due.isEmpty { return .some(nil) }
            guard let day = Day(iso: due) else { throw APIError.invalid("due", .unknownValue(due)) }
            return .some(day)
        }

        /// A day, or empty: what the `due` member accepts.
        static let dueSchema = Schema.string(.init(pattern: "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"))

        /// The linked KRs as sent, each once, in order; at least one and at most `maxKeyResults`.
        func keyResults() throws -> [KeyResultID]? {
            guard let keyResultIds else { return nil }
            var seen = Set<String>()
            let distinct = keyResultIds.filter { seen.insert($0).inserted }
            guard !distinct.isEmpty else { throw APIError.invalid("key_result_ids", .required) }
            guard distinct.count <= InitiativeResource.maxKeyResults else {
                throw APIError.invalid("key_result_ids", .outOfRange)
            }
            return distinct.map { KeyResultID($0) }
        }

        /// A new initiative from this body, owned by the caller unless `owner` says otherwise.
        func created(by viewer: Person, id generated: String) throws -> Initiative {
            guard let title else { throw APIError.invalid("title", .required) }
            guard let keyResults = try keyResults() else { throw APIError.invalid("key_result_ids", .required) }
            if let id { try APIIdentifier.check(id, field: "id") }
            return try Initiative(
                id: InitiativeID(id ?? generated),
                title: LocalizedName(vi: title, en: titleEn.flatMap { $0.isEmpty ? nil : $0 }),
                owner: try ObjectiveInput.owner(owner) ?? .person(viewer.id), state: state ?? .planned,
                due: try dueDay() ?? nil, link: link, keyResultIDs: keyResults)
        }

        /// `initiative` with this body's members applied; `keyResults` replaces its links when given.
        func applied(to initiative: Initiative, keyResults: [KeyResultID]?) throws -> Initiative {
            try Initiative(
                id: initiative.id,
                title: LocalizedName(
                    vi: title ?? initiative.title.vi,
                    en: titleEn.map { $0.isEmpty ? nil : $0 } ?? initiative.title.en),
                owner: try ObjectiveInput.owner(owner) ?? initiative.owner, state: state ?? initiative.state,
                due: try dueDay() ?? initiative.due, link: link ?? initiative.link,
                keyResultIDs: keyResults ?? initiative.keyResultIDs, askID: initiative.askID)
        }

        static func schema(creating: Bool) -> Schema {
            var properties: [Schema.Property] = [
                creating ? .required("title", .text(max: 300), "In Vietnamese.") : .optional("title", .text(max: 300)),
                .optional("title_en", .string(.init(maxLength: 300)), "In English; empty clears it."),
                .optional("owner", .string, "`company`, `team:<id>` or `person:<id>`; the caller by default."),
                .optional("state", .values(of: Initiative.State.self), creating ? "`planned` by default." : nil),
                .optional("due", dueSchema, "`YYYY-MM-DD`; empty clears it."),
                .optional("link", .string(.init(maxLength: 2000)), "An http or https address; empty clears it."),
                creating
                    ? .required(
                        "key_result_ids", .array(.string, maxItems: maxKeyResults),
                        "One or more key results of one cycle, each visible to the caller.")
                    : .optional(
                        "key_result_ids", .array(.string, maxItems: maxKeyResults),
                        "Replaces the links the caller can see (links the caller cannot see stay)."),
            ]
            if creating {
                properties.insert(.optional("id", .identifier, "Chosen by the client; generated when absent."), at: 0)
            } else {
                properties.append(.required("version", .integer, APIOperation.versionDescription))
            }
            return .object(properties)
        }
    }
}
