import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// Records one team's ask of another, in whatever state `ask` is in.
    public func createAsk(_ ask: DependencyAsk, actor: PersonID?) async throws {
        try await change("dependency_ask", actor: actor) { tx in
            try await tx.checkAskReferences(ask)
            try await tx.run(
                """
                INSERT INTO dependency_asks (id, from_team_id, to_team_id, objective_id, key_result_id, need, due_by,
                    state, reason, counter_due, position, version)
                VALUES (\(bind: ask.id.rawValue), \(bind: ask.fromTeamID.rawValue), \(bind: ask.toTeamID.rawValue),
                    \(bind: ask.objectiveID?.rawValue), \(bind: ask.keyResultID?.rawValue), \(bind: ask.need),
                    \(bind: ask.dueBy.iso), \(bind: ask.state.rawValue), \(bind: ask.reason), \(bind: ask.counterDue?.iso),
                    (SELECT COALESCE(MAX(x.position), 0) + 1 FROM dependency_asks x), 1)
                """)
            try await tx.audit(
                "dependency_ask", id: ask.id.rawValue, action: "create", before: DependencyAsk?.none, after: ask)
        }
    }

    /// Stores an ask's new state (accepted, declined with its reason, countered, done) or details if it is still
    /// at `expectedVersion`. With `initiative`, the move and the initiative it becomes (an accepted ask) commit
    /// together.
    public func updateAsk(
        _ ask: DependencyAsk, expectedVersion: Int, actor: PersonID?, creating initiative: Initiative? = nil,
        finishingInitiativesOn day: Day? = nil
    ) async throws -> Versioned<DependencyAsk> {
        try await change("dependency_ask", actor: actor) { tx in
            guard let before = try await Loader(db: tx.db).asks("a.id = \(bind: ask.id.rawValue)").first else {
                throw StoreError.notFound(entity: "dependency_ask", id: ask.id.rawValue)
            }
            try await tx.checkAskReferences(ask)
            let version = try await tx.bumpVersion(
                table: "dependency_asks", id: ask.id.rawValue, expected: expectedVersion, entity: "dependency_ask")
            try await tx.run(
                """
                UPDATE dependency_asks SET from_team_id = \(bind: ask.fromTeamID.rawValue),
                    to_team_id = \(bind: ask.toTeamID.rawValue), objective_id = \(bind: ask.objectiveID?.rawValue),
                    key_result_id = \(bind: ask.keyResultID?.rawValue), need = \(bind: ask.need),
                    due_by = \(bind: ask.dueBy.iso), state = \(bind: ask.state.rawValue), reason = \(bind: ask.reason),
                    counter_due = \(bind: ask.counterDue?.iso)
                WHERE id = \(bind: ask.id.rawValue)
                """)
            let action = before.value.state == ask.state ? "update" : "transition"
            try await tx.audit("dependency_ask", id: ask.id.rawValue, action: action, before: before.value, after: ask)
            if let initiative { try await Self.insert(initiative, in: tx) }
            if let day, ask.state == .done, before.value.state != .done {
                try await Self.finishInitiatives(of: ask, on: day, in: tx)
            }
            return Versioned(value: ask, version: version)
        }
    }

    /// An ask marked done finishes what it became in the providing team's plan, on `day` (when the asking lead
    /// says the work goes on, the caller passes no day): its initiatives still planned or in progress are done,
    /// in the same change (a closed cycle's initiatives stay as they were closed).
    private static func finishInitiatives(of ask: DependencyAsk, on day: Day, in tx: StoreTransaction) async throws {
        let open = try await Loader(db: tx.db).initiatives(
            "i.ask_id = \(bind: ask.id.rawValue) AND i.state IN ('planned', 'in_progress')")
        for entry in open {
            guard (try? await tx.requireOpen(keyResults: entry.value.keyResultIDs)) != nil else { continue }
            var done = entry.value
            done.state = .done
            done = done.stamped(after: entry.value, on: day)
            try await tx.run(
                """
                UPDATE initiatives SET state = 'done', done_day = \(bind: done.finished?.iso), version = version + 1
                WHERE id = \(bind: done.id.rawValue)
                """)
            try await tx.audit(
                "initiative", id: done.id.rawValue, action: "transition", before: entry.value, after: done)
        }
    }

    public func ask(id: DependencyAskID) async throws -> Versioned<DependencyAsk>? {
        try await read { try await $0.asks("a.id = \(bind: id.rawValue)").first }
    }

    /// Asks made by or made of `team` (all asks when nil), oldest first.
    public func asks(team: TeamID?) async throws -> [Versioned<DependencyAsk>] {
        let filter: SQLQueryString =
            team.map { "a.from_team_id = \(bind: $0.rawValue) OR a.to_team_id = \(bind: $0.rawValue)" } ?? Loader.all
        return try await read { try await $0.asks(filter) }
    }

    /// The asks made by or of any of `teams`, in their stored order.
    public func asks(teams: some Collection<TeamID>) async throws -> [Versioned<DependencyAsk>] {
        guard !teams.isEmpty else { return [] }
        let ids: [any Encodable & Sendable] = teams.map(\.rawValue)
        return try await read {
            try await $0.asks("a.from_team_id IN (\(binds: ids)) OR a.to_team_id IN (\(binds: ids))")
        }
    }
}

extension StoreTransaction {
    func checkAskReferences(_ ask: DependencyAsk) async throws {
        try await requireReferences(
            [
                Reference("from_team_id", table: "teams", id: ask.fromTeamID.rawValue),
                Reference("to_team_id", table: "teams", id: ask.toTeamID.rawValue),
                Reference("objective_id", table: "objectives", id: ask.objectiveID?.rawValue),
                Reference("key_result_id", table: "key_results", id: ask.keyResultID?.rawValue),
            ], entity: "dependency_ask")
    }
}

extension Loader {
    func asks(_ filter: SQLQueryString) async throws -> [Versioned<DependencyAsk>] {
        let found = try await rows("SELECT a.* FROM dependency_asks a WHERE \(filter) ORDER BY a.position, a.id")
        return try found.map { raw in
            let row = try StoredRow(raw, entity: "dependency_ask")
            let ask = try row.restore {
                try DependencyAsk(
                    id: DependencyAskID(row.id), fromTeamID: TeamID(try row.string("from_team_id")),
                    toTeamID: TeamID(try row.string("to_team_id")),
                    objectiveID: try row.optionalString("objective_id").map { ObjectiveID($0) },
                    keyResultID: try row.optionalString("key_result_id").map { KeyResultID($0) },
                    need: try row.string("need"), dueBy: try row.day("due_by"))
            }
            let restored = DependencyAsk.restored(
                ask, state: try row.enumeration("state", as: DependencyAsk.State.self),
                reason: try row.optionalString("reason"), counterDue: try row.optionalDay("counter_due"))
            return Versioned(value: restored, version: try row.int("version"))
        }
    }
}
