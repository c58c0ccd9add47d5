import Foundation
import OKRCore
import OKRStore

/// A cycle as the API shows it: its dates, where it stands in planning → active → closed, and the status rules
/// its numbers follow (spelled out flat, as the organization's settings show them).
struct CycleResource: Encodable, Sendable {
    let id: String
    let name: String
    let start: Day
    let end: Day
    let state: String
    let statusRules: SettingsResource.StatusRulesResource
    let version: Int

    init(_ entry: Versioned<Cycle>) {
        let cycle = entry.value
        id = cycle.id.rawValue
        name = cycle.name
        start = cycle.start
        end = cycle.end
        state = cycle.state.rawValue
        statusRules = SettingsResource.StatusRulesResource(cycle.statusRules)
        version = entry.version
    }

    static let schema = Schema.object([
        .required("id", .string), .required("name", .string),
        .required("start", .day), .required("end", .day, "The last day of the cycle (inclusive)."),
        .required("state", .values(of: Cycle.State.self), "planning → active → closed; one cycle is active at a time."),
        .required("status_rules", .ref("StatusRules"), "Fixed once the cycle is active, so numbers don't move."),
        .required("version", .integer, "Send it back (or its ETag in If-Match) to change the cycle."),
    ])

    /// The body of `POST /cycles` and `PATCH /cycles/{id}`. On a PATCH every member is optional; dates and
    /// status rules change only while the cycle is being planned.
    struct Input: Decodable, Sendable {
        var id: String?
        var name: String?
        var start: Day?
        var end: Day?
        var statusRules: SettingsResource.StatusRulesInput?
        var version: Int?

        /// A new cycle in planning; status rules start from the organization's.
        func created(id generated: String, rules: StatusRules) throws -> Cycle {
            guard let name else { throw APIError.invalid("name", .required) }
            guard let start else { throw APIError.invalid("start", .required) }
            guard let end else { throw APIError.invalid("end", .required) }
            if let id { try APIIdentifier.check(id, field: "id") }
            let rules = try statusRules?.applied(to: rules, field: "status_rules") ?? rules
            return try Cycle(id: CycleID(id ?? generated), name: name, start: start, end: end, statusRules: rules)
        }

        /// `cycle` with this body's members applied, as the core changes a cycle (`Cycle.changed`: once it has
        /// started its dates and rules are fixed).
        func applied(to cycle: Cycle) throws -> Cycle {
            try cycle.changed(
                name: name, start: start, end: end,
                statusRules: try statusRules?.applied(to: cycle.statusRules, field: "status_rules"))
        }

        static func schema(creating: Bool) -> Schema {
            var properties: [Schema.Property] = [
                creating ? .required("name", .text(max: 100)) : .optional("name", .text(max: 100)),
                creating ? .required("start", .day) : .optional("start", .day, "While the cycle is in planning."),
                creating
                    ? .required("end", .day, "After start, at most two years later.")
                    : .optional("end", .day, "While the cycle is in planning."),
                .optional(
                    "status_rules", .ref("StatusRulesInput"),
                    creating
                        ? "The organization's rules by default; members left out keep their values."
                        : "While the cycle is in planning; members left out keep their values."),
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
