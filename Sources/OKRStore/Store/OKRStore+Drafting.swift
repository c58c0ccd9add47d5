import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// The direction brief of a cycle with its version; nil while leadership has not written one.
    public func directionBrief(cycle: CycleID) async throws -> Versioned<DirectionBrief>? {
        try await read { try await $0.directionBrief(cycle: cycle) }
    }

    /// Writes a cycle's brief. `expectedVersion` nil writes the first one (a brief that exists already is a
    /// conflict: someone wrote it meanwhile); otherwise the stored brief must still be at that version.
    public func saveDirectionBrief(_ brief: DirectionBrief, expectedVersion: Int?, actor: PersonID?) async throws
        -> Versioned<DirectionBrief>
    {
        try await change("direction_brief", actor: actor) { tx in
            let cycle = brief.cycleID.rawValue
            try await tx.requireReferences(
                [Reference("cycle_id", table: "cycles", id: cycle)], entity: "direction_brief")
            let before = try await Loader(db: tx.db).directionBrief(cycle: brief.cycleID)
            let themes = try StoredValue.themes(brief.themes)
            let at = StoredValue.milliseconds(brief.updatedAt)
            let version: Int
            switch (before, expectedVersion) {
            case (nil, nil):
                try await tx.run(
                    """
                    INSERT INTO direction_briefs (cycle_id, body, body_en, themes, author_id, updated_at, version)
                    VALUES (\(bind: cycle), \(bind: brief.body), \(bind: brief.bodyEn), \(bind: themes),
                        \(bind: brief.authorID?.rawValue), \(bind: at), 1)
                    """)
                version = 1
            case (let stored?, nil):
                throw StoreError.conflict(entity: "direction_brief", id: cycle, expected: 0, actual: stored.version)
            case (nil, let expected?):
                throw StoreError.conflict(entity: "direction_brief", id: cycle, expected: expected, actual: nil)
            case (.some, let expected?):
                let updated = try await tx.rows(
                    """
                    UPDATE direction_briefs SET body = \(bind: brief.body), body_en = \(bind: brief.bodyEn),
                        themes = \(bind: themes), author_id = \(bind: brief.authorID?.rawValue),
                        updated_at = \(bind: at), version = version + 1
                    WHERE cycle_id = \(bind: cycle) AND version = \(bind: expected) RETURNING version
                    """)
                guard let row = updated.first else {
                    throw StoreError.conflict(
                        entity: "direction_brief", id: cycle, expected: expected, actual: before?.version)
                }
                version = try row.decode(column: "version", as: Int.self)
            }
            try await tx.audit(
                "direction_brief", id: cycle, action: before == nil ? "create" : "update", before: before?.value,
                after: brief)
            return Versioned(value: brief, version: version)
        }
    }

    /// The organization's publish gate; both rules on until an admin changes them.
    public func publishGate() async throws -> PublishGate {
        try await read { try await $0.publishGate() }
    }

    /// Replaces the organization's publish gate.
    public func savePublishGate(_ gate: PublishGate, actor: PersonID?) async throws {
        try await change("publish_gate", actor: actor) { tx in
            let before = try await Loader(db: tx.db).publishGate()
            try await tx.run("DELETE FROM publish_gates WHERE id = 1")
            try await tx.run(
                """
                INSERT INTO publish_gates (id, requires_answered_questions, requires_no_errors)
                VALUES (1, \(bind: StoredValue.flag(gate.requiresAnsweredQuestions)),
                    \(bind: StoredValue.flag(gate.requiresNoErrors)))
                """)
            try await tx.audit("publish_gate", id: "1", action: "update", before: before, after: gate)
        }
    }
}

extension Loader {
    func directionBrief(cycle: CycleID) async throws -> Versioned<DirectionBrief>? {
        guard
            let raw = try await rows("SELECT b.* FROM direction_briefs b WHERE b.cycle_id = \(bind: cycle.rawValue)")
                .first
        else { return nil }
        let row = try StoredRow(raw, entity: "direction_brief", idColumn: "cycle_id")
        let themesText = try row.string("themes")
        guard let themes = StoredValue.themes(themesText) else { throw row.corrupt("themes: \(themesText)") }
        let brief = try row.restore {
            try DirectionBrief(
                cycleID: cycle, body: try row.string("body"), bodyEn: try row.optionalString("body_en"),
                themes: themes, authorID: try row.optionalString("author_id").map { PersonID($0) },
                updatedAt: try row.date("updated_at"))
        }
        return Versioned(value: brief, version: try row.int("version"))
    }

    func publishGate() async throws -> PublishGate {
        guard let raw = try await rows("SELECT g.* FROM publish_gates g WHERE g.id = 1").first else {
            return PublishGate()
        }
        let row = try StoredRow(raw, entity: "publish_gate")
        return PublishGate(
            requiresAnsweredQuestions: try row.bool("requires_answered_questions"),
            requiresNoErrors: try row.bool("requires_no_errors"))
    }
}

extension StoredValue {
    /// A brief's themes as a JSON array of strings (a theme may hold any character but a line break).
    static func themes(_ themes: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(themes), as: UTF8.self)
    }

    static func themes(_ text: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}
