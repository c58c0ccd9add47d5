import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// Adds an objective at the end of its cycle's list. Its parents must exist and must not make it its own
    /// ancestor.
    public func createObjective(_ objective: Objective, actor: PersonID?) async throws -> Versioned<Objective> {
        try await change("objective", actor: actor) { tx in
            try await tx.checkObjectiveReferences(objective)
            try await tx.requireOpen(cycle: objective.cycleID)
            try await tx.checkAlignment(objective)
            let owner = StoredValue.ownerColumns(objective.owner)
            try await tx.run(
                """
                INSERT INTO objectives (id, cycle_id, position, title_vi, title_en, description, owner, owner_team_id,
                    owner_person_id, kind, state, visibility, progress_source, search_key, version)
                VALUES (\(bind: objective.id.rawValue), \(bind: objective.cycleID.rawValue),
                    (SELECT COALESCE(MAX(x.position), 0) + 1 FROM objectives x WHERE x.cycle_id = \(bind: objective.cycleID.rawValue)),
                    \(bind: objective.title.vi), \(bind: objective.title.en), \(bind: objective.description),
                    \(bind: owner.text), \(bind: owner.team), \(bind: owner.person), \(bind: objective.kind.rawValue),
                    \(bind: objective.state.rawValue), \(bind: objective.visibility.rawValue),
                    \(bind: objective.progressSource.rawValue), \(bind: Self.searchKey(objective)), 1)
                """)
            try await tx.insertAlignmentLinks(of: objective)
            try await tx.audit(
                "objective", id: objective.id.rawValue, action: "create", before: Objective?.none, after: objective)
            return Versioned(value: objective, version: 1)
        }
    }

    public func objective(id: ObjectiveID) async throws -> Versioned<Objective>? {
        try await read { try await $0.objectives("o.id = \(bind: id.rawValue)").first }
    }

    /// Replaces an objective (title, owner, state, links, …) if it is still at `expectedVersion`.
    public func updateObjective(_ objective: Objective, expectedVersion: Int, actor: PersonID?) async throws
        -> Versioned<Objective>
    {
        try await change("objective", actor: actor) { tx in
            let loader = Loader(db: tx.db)
            guard let before = try await loader.objectives("o.id = \(bind: objective.id.rawValue)").first else {
                throw StoreError.notFound(entity: "objective", id: objective.id.rawValue)
            }
            try await tx.checkObjectiveReferences(objective)
            try await tx.requireOpen(cycle: before.value.cycleID)
            try await tx.requireOpen(cycle: objective.cycleID)
            try await tx.checkAlignment(objective)
            let version = try await tx.bumpVersion(
                table: "objectives", id: objective.id.rawValue, expected: expectedVersion, entity: "objective")
            let owner = StoredValue.ownerColumns(objective.owner)
            try await tx.run(
                """
                UPDATE objectives SET cycle_id = \(bind: objective.cycleID.rawValue),
                    title_vi = \(bind: objective.title.vi), title_en = \(bind: objective.title.en),
                    description = \(bind: objective.description), owner = \(bind: owner.text),
                    owner_team_id = \(bind: owner.team), owner_person_id = \(bind: owner.person),
                    kind = \(bind: objective.kind.rawValue), state = \(bind: objective.state.rawValue),
                    visibility = \(bind: objective.visibility.rawValue),
                    progress_source = \(bind: objective.progressSource.rawValue),
                    search_key = \(bind: Self.searchKey(objective))
                WHERE id = \(bind: objective.id.rawValue)
                """)
            if before.value.cycleID != objective.cycleID {
                // Moved to another cycle: it goes to the end of that cycle's list.
                try await tx.run(
                    """
                    UPDATE objectives SET position = (SELECT COALESCE(MAX(x.position), 0) + 1 FROM objectives x
                        WHERE x.cycle_id = \(bind: objective.cycleID.rawValue))
                    WHERE id = \(bind: objective.id.rawValue)
                    """)
            }
            try await tx.run("DELETE FROM alignment_links WHERE objective_id = \(bind: objective.id.rawValue)")
            try await tx.insertAlignmentLinks(of: objective)
            let action = before.value.state == objective.state ? "update" : "transition"
            try await tx.audit(
                "objective", id: objective.id.rawValue, action: action, before: before.value, after: objective)
            return Versioned(value: objective, version: version)
        }
    }

    /// Objectives by cycle, owner, state and text (each filter optional), in their stored order.
    ///
    /// `matching` is folded like the stored search key (marks dropped, `đ` → `d`, lower case), so "muc tieu"
    /// finds "Mục tiêu" on both databases.
    public func objectives(cycle: CycleID?, owner: Owner?, state: Objective.State?, matching: String?) async throws
        -> [Versioned<Objective>]
    {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let cycle { conditions.append("o.cycle_id = \(bind: cycle.rawValue)") }
        if let owner { conditions.append("o.owner = \(bind: owner.description)") }
        if let state { conditions.append("o.state = \(bind: state.rawValue)") }
        if let matching {
            let folded = Folding.fold(matching)
            if !folded.isEmpty {
                conditions.append("o.search_key LIKE \(bind: "%" + Self.likeEscaped(folded) + "%") ESCAPE '\\'")
            }
        }
        let filter = conditions.joined(separator: " AND ")
        return try await read { try await $0.objectives(filter) }
    }

    /// What search matches against: both titles and the description, folded.
    static func searchKey(_ objective: Objective) -> String {
        Folding.fold(
            [objective.title.vi, objective.title.en, objective.description].compactMap(\.self).joined(separator: " "))
    }

    /// Escapes `LIKE`'s wildcards so a search for "50%" looks for the text "50%".
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

extension StoreTransaction {
    func checkObjectiveReferences(_ objective: Objective) async throws {
        var parentObjectives: [String] = []
        var parentKeyResults: [String] = []
        for link in objective.parents {
            switch link.target {
            case .objective(let id): parentObjectives.append(id.rawValue)
            case .keyResult(let id): parentKeyResults.append(id.rawValue)
            }
        }
        try await requireReferences(
            [
                Reference("cycle_id", table: "cycles", id: objective.cycleID.rawValue),
                Reference.owner(objective.owner),
                Reference("parents", table: "objectives", ids: parentObjectives),
                Reference("parents", table: "key_results", ids: parentKeyResults),
            ], entity: "objective")
    }

    /// The first and last day of a cycle.
    private func cycleDays(_ id: CycleID) async throws -> (start: Day, end: Day)? {
        guard
            let row = try await rows("SELECT start_day, end_day FROM cycles WHERE id = \(bind: id.rawValue)").first,
            let start = Day(iso: try row.decode(column: "start_day", as: String.self)),
            let end = Day(iso: try row.decode(column: "end_day", as: String.self))
        else { return nil }
        return (start, end)
    }

    /// Refuses links that cannot count: a parent in another cycle that does not hold this one (its progress would never see this objective),
    /// and a link that makes the objective its own ancestor. Reads only the parents and their ancestors, level by
    /// level (a handful of rows), never the whole cycle.
    func checkAlignment(_ objective: Objective) async throws {
        guard !objective.parents.isEmpty else { return }
        var parentObjectives: [any Encodable & Sendable] = []
        var parentKeyResults: [any Encodable & Sendable] = []
        for link in objective.parents {
            switch link.target {
            case .objective(let id): parentObjectives.append(id.rawValue)
            case .keyResult(let id): parentKeyResults.append(id.rawValue)
            }
        }
        // The objectives the links point at (a KR's objective for a KR), with their cycles' days.
        var parts: [SQLQueryString] = []
        if !parentObjectives.isEmpty {
            parts.append(
                """
                SELECT o.id, o.cycle_id, c.start_day, c.end_day FROM objectives o JOIN cycles c ON c.id = o.cycle_id
                WHERE o.id IN (\(binds: parentObjectives))
                """)
        }
        if !parentKeyResults.isEmpty {
            parts.append(
                """
                SELECT o.id, o.cycle_id, c.start_day, c.end_day FROM key_results k
                JOIN objectives o ON o.id = k.objective_id JOIN cycles c ON c.id = o.cycle_id
                WHERE k.id IN (\(binds: parentKeyResults))
                """)
        }
        let own = try await cycleDays(objective.cycleID)
        var frontier = Set<String>()
        for row in try await rows(parts.joined(separator: " UNION ALL ")) {
            let cycle = try row.decode(column: "cycle_id", as: String.self)
            if cycle != objective.cycleID.rawValue {
                // A longer cycle that holds this one (the year over its quarters) counts it; any other does not.
                let start = Day(iso: try row.decode(column: "start_day", as: String.self))
                let end = Day(iso: try row.decode(column: "end_day", as: String.self))
                guard let own, let start, let end, start <= own.start, own.end <= end,
                    own.start.days(to: own.end) < start.days(to: end)
                else { throw DomainError.invalid(field: "parents", reason: .otherCycle(cycle)) }
            }
            frontier.insert(try row.decode(column: "id", as: String.self))
        }
        // Up the ancestors: reaching the objective itself closes a loop, named from the objective round to it.
        let ownID = objective.id.rawValue
        var seen = Set<String>()
        var cameFrom: [String: String] = [:]
        while !frontier.isEmpty {
            if frontier.contains(ownID) {
                var loop = [ownID]
                var step = cameFrom[ownID]
                while let node = step, loop.count <= seen.count + 1 {
                    loop.insert(node, at: 1)
                    step = cameFrom[node]
                }
                throw DomainError.alignmentCycle(path: [ownID] + loop.dropFirst() + [ownID])
            }
            seen.formUnion(frontier)
            let ids: [any Encodable & Sendable] = frontier.sorted()
            let above = try await rows(
                """
                SELECT l.objective_id AS child, COALESCE(l.parent_objective_id, k.objective_id) AS parent
                FROM alignment_links l LEFT JOIN key_results k ON k.id = l.parent_key_result_id
                WHERE l.objective_id IN (\(binds: ids)) AND l.objective_id <> \(bind: ownID)
                ORDER BY l.objective_id, l.position
                """)
            var next = Set<String>()
            for row in above {
                guard let parent = try row.decode(column: "parent", as: String?.self), !seen.contains(parent) else {
                    continue
                }
                if cameFrom[parent] == nil { cameFrom[parent] = try row.decode(column: "child", as: String.self) }
                next.insert(parent)
            }
            frontier = next
        }
    }

    func insertAlignmentLinks(of objective: Objective) async throws {
        for (position, link) in objective.parents.enumerated() {
            var parentObjective: String?
            var parentKeyResult: String?
            switch link.target {
            case .objective(let id): parentObjective = id.rawValue
            case .keyResult(let id): parentKeyResult = id.rawValue
            }
            try await run(
                """
                INSERT INTO alignment_links (objective_id, position, parent_objective_id, parent_key_result_id, weight)
                VALUES (\(bind: objective.id.rawValue), \(bind: position), \(bind: parentObjective),
                    \(bind: parentKeyResult), \(bind: StoredValue.text(link.weight)))
                """)
        }
    }
}
