import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// Appends a check-in to its KR's history and moves the KR to the latest effective check-in (value,
    /// confidence, the condition's count), all in one transaction. A correction is a new check-in whose
    /// `supersedes` names the one it corrects; nothing is ever overwritten.
    ///
    /// Returns the KR as it now stands, with its new version.
    public func recordCheckIn(_ checkIn: CheckIn, actor: PersonID?) async throws -> Versioned<KeyResult> {
        let standing = try await change("check_in", actor: actor, key: checkIn.keyResultID.rawValue) { tx in
            try await Self.append(checkIn, in: tx)
        }
        DatabaseMetrics.checkIns.increment()
        return standing
    }

    /// Several check-ins in one transaction, in order: all of them are recorded, or — when any is refused — none
    /// (the one-form weekly check-in). Returns each KR as it stands after its check-in.
    public func recordCheckIns(_ checkIns: [CheckIn], actor: PersonID?) async throws -> [Versioned<KeyResult>] {
        guard !checkIns.isEmpty else { return [] }
        let standing = try await change("check_in", actor: actor, key: checkIns[0].keyResultID.rawValue) { tx in
            var standing: [Versioned<KeyResult>] = []
            for checkIn in checkIns { standing.append(try await Self.append(checkIn, in: tx)) }
            return standing
        }
        DatabaseMetrics.checkIns.increment(by: checkIns.count)
        return standing
    }

    /// A KR an earlier check-in of the same transaction took and moved, as it now stands (`TransactionMemo`).
    private struct Taken: Sendable {
        /// In its stored form, with the version it now has.
        let keyResult: KeyResult
        let version: Int
        /// Its latest effective check-in.
        let latest: CheckIn
        /// The authors of the transaction's check-ins so far: people who exist.
        let authors: Set<PersonID>
    }

    /// Appends one check-in inside the change `tx` and moves its KR.
    static func append(_ checkIn: CheckIn, in tx: StoreTransaction) async throws -> Versioned<KeyResult> {
        let keyResultID = checkIn.keyResultID.rawValue
        let memo = tx.changes.earlier
        let taken = memo?.value("key_result", keyResultID, as: Taken.self)
        let before: KeyResult
        let version: Int
        let isLatest: Bool
        // The KR's latest effective check-in once this one is recorded.
        var latest: CheckIn?
        var after: KeyResult?
        // Where a check-in sits in its KR's history (`CheckIn.effective`): day, millisecond, then id — check-ins
        // sent together are often stamped in the same millisecond.
        let stamp = { (checkIn: CheckIn) in (checkIn.day, checkIn.recordedMillisecond, checkIn.id.rawValue) }
        if let taken, checkIn.supersedes == nil, taken.authors.contains(checkIn.authorID),
            stamp(checkIn) != stamp(taken.latest)
        {
            // An earlier check-in of this transaction holds the row and left it as it now stands: nothing needs
            // reading (a busy KR's check-ins share a transaction this way). This one is the latest when it comes
            // after that one's latest; before it (requests stamped earlier can queue later), the KR stays as it
            // is, provided its latest states what the KR takes from its history's end (a confidence, a count).
            (before, version) = (taken.keyResult, taken.version + 1)
            isLatest = stamp(checkIn) > stamp(taken.latest)
            if !isLatest, taken.latest.confidence != nil,
                taken.keyResult.condition == nil || taken.latest.conditionActual != nil
            {
                (after, latest) = (taken.keyResult, taken.latest)
            }
        } else {
            (before, version, isLatest) = try await take(checkIn, in: tx)
        }
        let loader = Loader(db: tx.db)
        _ = try before.recording(checkIn.value)
        // Usually the new check-in is the KR's latest: then it sets the KR's value, and its confidence and count
        // when it states them — otherwise the KR keeps its own, which are the latest its history stated. Nothing
        // more is read. A correction, or an entry dated before the latest, makes the KR follow its effective
        // history's end instead.
        if checkIn.supersedes == nil, isLatest {
            var updated = try before.recording(checkIn.value, confidence: checkIn.confidence)
            if var condition = updated.condition, let count = checkIn.conditionActual {
                condition.actual = count
                updated.condition = condition
            }
            after = updated
            latest = checkIn
        }
        if after == nil {
            let corrected = checkIn.supersedes?.rawValue ?? ""
            if checkIn.supersedes != nil {
                let target = try await tx.rows(
                    """
                    SELECT id FROM check_ins WHERE id = \(bind: corrected) AND key_result_id = \(bind: keyResultID)
                    """)
                guard !target.isEmpty else {
                    throw StoreError.invalidReference(entity: "check_in", field: "supersedes")
                }
                let earlier = try await tx.rows(
                    "SELECT id FROM check_ins WHERE supersedes = \(bind: corrected) LIMIT 1")
                guard earlier.isEmpty else { throw StoreError.duplicate(entity: "check_in", field: "supersedes") }
            }
            // The end of the effective history with this check-in in it: the latest entry, then — only when that
            // one does not state them — the latest stating a confidence and the latest with a count. Each is one
            // read from the end of the history's index; the whole history is never read.
            var tail: [CheckIn] = [checkIn]
            func end(_ stated: String) async throws -> [CheckIn] {
                try await loader.checkIns(
                    """
                    ci.key_result_id = \(bind: keyResultID) AND ci.id <> \(bind: corrected)
                        AND NOT EXISTS (SELECT 1 FROM check_ins s WHERE s.supersedes = ci.id) \(unsafeRaw: stated)
                    """, latestFirst: 1)
            }
            tail += try await end("")
            var seen = Set<CheckInID>()
            var effective = CheckIn.effective(tail.filter { seen.insert($0.id).inserted })
            if effective.last?.confidence == nil { tail += try await end("AND ci.confidence IS NOT NULL") }
            if before.condition != nil, effective.last?.conditionActual == nil {
                tail += try await end("AND ci.condition_actual IS NOT NULL")
            }
            seen = []
            effective = CheckIn.effective(tail.filter { seen.insert($0.id).inserted })
            after = try before.following(effective)
            latest = effective.last
        }
        guard let after else { throw StoreError.notFound(entity: "key_result", id: keyResultID) }
        // The check-in, the KR's new standing and the audit of both go in one round trip on PostgreSQL.
        try await tx.run(together: [
            """
            INSERT INTO check_ins (id, key_result_id, value, confidence, note, author_id, recorded_at, day, week,
                supersedes, condition_actual, kpi_id)
            VALUES (\(bind: checkIn.id.rawValue), \(bind: keyResultID), \(bind: StoredValue.text(checkIn.value)),
                \(bind: checkIn.confidence?.value), \(bind: checkIn.note), \(bind: checkIn.authorID.rawValue),
                \(bind: StoredValue.milliseconds(checkIn.recordedAt)), \(bind: checkIn.day.iso),
                \(bind: checkIn.week.iso), \(bind: checkIn.supersedes?.rawValue),
                \(bind: StoredValue.text(checkIn.conditionActual)), \(bind: checkIn.kpiID?.rawValue))
            """,
            tx.auditing([
                try tx.entry(
                    "check_in", id: checkIn.id.rawValue, action: checkIn.supersedes == nil ? "create" : "supersede",
                    before: CheckIn?.none, after: checkIn),
                try tx.entry("key_result", id: keyResultID, action: "check_in", before: before, after: after),
            ]),
            """
            UPDATE key_results SET version = \(bind: version), current_value = \(bind: StoredValue.text(after.current)),
                confidence = \(bind: after.confidence?.value),
                condition_actual = \(bind: StoredValue.text(after.condition?.actual))
            WHERE id = \(bind: keyResultID)
            """,
        ])
        if let latest {
            // The read model takes the KR from here instead of reading it back: exactly as a read would give it;
            // so does the next check-in of this KR in the same transaction.
            let standing = try stored(after)
            let last = try stored(latest)
            tx.changes.move(Versioned(value: standing, version: version), lastCheckIn: last)
            memo?.set(
                "key_result", keyResultID,
                Taken(
                    keyResult: standing, version: version, latest: last,
                    authors: (taken?.authors ?? []).union([checkIn.authorID])))
        }
        return Versioned(value: after, version: version)
    }

    /// Takes the KR's row for `checkIn` and reads what it is checked against; returns the KR as it stands (its
    /// new version) and whether the check-in becomes its latest.
    private static func take(_ checkIn: CheckIn, in tx: StoreTransaction) async throws -> (
        keyResult: KeyResult, version: Int, isLatest: Bool
    ) {
        let keyResultID = checkIn.keyResultID.rawValue
        // Taking the KR's row first serializes check-ins of one KR on PostgreSQL (the UPDATE holds the row
        // lock until commit); on SQLite the single writer already does. The same statement reads the KR as it
        // stands (with its new version) and what the check-in must be checked against: its cycle's state,
        // whether the author exists, and whether an effective check-in of the KR has the same day and time or
        // a later one (then `CheckIn.effective` decides below: the database need not order ids as it does).
        let bumped = try await tx.rows(
            """
            UPDATE key_results SET version = version + 1 WHERE id = \(bind: keyResultID)
            RETURNING *,
                (SELECT c.id FROM objectives o JOIN cycles c ON c.id = o.cycle_id
                    WHERE o.id = key_results.objective_id) AS okra_cycle,
                (SELECT c.state FROM objectives o JOIN cycles c ON c.id = o.cycle_id
                    WHERE o.id = key_results.objective_id) AS okra_cycle_state,
                CASE WHEN EXISTS (SELECT 1 FROM people p WHERE p.id = \(bind: checkIn.authorID.rawValue))
                    THEN 1 ELSE 0 END AS okra_author_known,
                CASE WHEN EXISTS (
                    SELECT 1 FROM check_ins c WHERE c.key_result_id = key_results.id
                        AND (c.day, c.recorded_at) >= (\(bind: checkIn.day.iso),
                            \(bind: StoredValue.milliseconds(checkIn.recordedAt)))
                        AND NOT EXISTS (SELECT 1 FROM check_ins s WHERE s.supersedes = c.id)
                ) THEN 1 ELSE 0 END AS okra_later
            """)
        guard let raw = bumped.first else {
            throw StoreError.invalidReference(entity: "check_in", field: "key_result_id")
        }
        let row = try StoredRow(raw, entity: "key_result")
        let before = try Loader.keyResult(row)
        let version = try row.int("version")
        if try row.string("okra_cycle_state") == Cycle.State.closed.rawValue {
            throw StoreError.cycleClosed(cycle: try row.string("okra_cycle"))
        }
        guard try row.bool("okra_author_known") else {
            throw StoreError.invalidReference(entity: "check_in", field: "author_id")
        }
        return (before, version, try !row.bool("okra_later"))
    }

    /// A KR as reading its row back gives it: the numbers in their stored form.
    private static func stored(_ keyResult: KeyResult) throws -> KeyResult {
        var copy = keyResult
        copy.current = keyResult.current.map(StoredValue.stored)
        if var condition = copy.condition, let actual = condition.actual {
            condition.actual = StoredValue.stored(actual)
            copy.condition = condition
        }
        return copy
    }

    /// A check-in as reading its row back gives it: numbers in their stored form, its time to the millisecond.
    private static func stored(_ checkIn: CheckIn) throws -> CheckIn {
        try CheckIn(
            id: checkIn.id, keyResultID: checkIn.keyResultID, value: StoredValue.stored(checkIn.value),
            confidence: checkIn.confidence, note: checkIn.note, authorID: checkIn.authorID,
            recordedAt: StoredValue.date(StoredValue.milliseconds(checkIn.recordedAt)), day: checkIn.day,
            weekStart: checkIn.week.weekday, supersedes: checkIn.supersedes,
            conditionActual: checkIn.conditionActual.map(StoredValue.stored))
    }

    /// A KR's whole history, superseded check-ins included, in the order they were recorded.
    public func checkIns(keyResult: KeyResultID) async throws -> [CheckIn] {
        try await read { try await $0.checkIns("ci.key_result_id = \(bind: keyResult.rawValue)") }
    }

    /// What happened to some KRs in one week: each KR's effective check-ins for days of the week (oldest first)
    /// and its latest effective check-in before the week. Reads only those check-ins, however long the history.
    public func week(from start: Day, keyResults: some Collection<KeyResultID>) async throws
        -> [KeyResultID: (before: CheckIn?, during: [CheckIn])]
    {
        guard !keyResults.isEmpty else { return [:] }
        let ids: [any Encodable & Sendable] = keyResults.map(\.rawValue)
        let end = start.adding(days: 7)
        return try await database.snapshot { db in
            let loader = Loader(db: db)
            let before = try await loader.lastCheckIns("k.id IN (\(binds: ids))", before: start)
            let during = try await loader.checkIns(
                """
                ci.key_result_id IN (\(binds: ids)) AND ci.day >= \(bind: start.iso) AND ci.day < \(bind: end.iso)
                    AND NOT EXISTS (SELECT 1 FROM check_ins s WHERE s.supersedes = ci.id)
                """)
            let grouped = Dictionary(grouping: CheckIn.effective(during), by: \.keyResultID)
            var week: [KeyResultID: (before: CheckIn?, during: [CheckIn])] = [:]
            for id in Set(before.keys).union(grouped.keys) { week[id] = (before[id], grouped[id] ?? []) }
            return week
        }
    }

    /// One check-in by id, if it exists.
    public func checkIn(id: CheckInID) async throws -> CheckIn? {
        try await read { try await $0.checkIns("ci.id = \(bind: id.rawValue)").first }
    }

    /// What an objective's page shows of each KR's history, read in three queries whatever its length: one point
    /// per week for the chart (the week's last effective check-in), the latest `recent` effective check-ins,
    /// and how many effective check-ins there are in all.
    public func histories(keyResults: some Collection<KeyResultID>, recent: Int) async throws
        -> [KeyResultID: KeyResultHistory]
    {
        guard !keyResults.isEmpty else { return [:] }
        let ids: [any Encodable & Sendable] = keyResults.map(\.rawValue)
        let wanted = Array(keyResults)
        let effective: SQLQueryString = "NOT EXISTS (SELECT 1 FROM check_ins s WHERE s.supersedes = ci.id)"
        return try await database.snapshot { db in
            let loader = Loader(db: db)
            let weekly = try await loader.checkIns(
                """
                ci.key_result_id IN (\(binds: ids)) AND \(effective) AND NOT EXISTS (
                    SELECT 1 FROM check_ins l WHERE l.key_result_id = ci.key_result_id AND l.week = ci.week
                        AND (l.day > ci.day OR (l.day = ci.day AND (l.recorded_at > ci.recorded_at
                            OR (l.recorded_at = ci.recorded_at AND l.id > ci.id))))
                        AND NOT EXISTS (SELECT 1 FROM check_ins s2 WHERE s2.supersedes = l.id))
                """)
            let latest = try await loader.checkIns(
                """
                ci.id IN (SELECT r.id FROM (SELECT ci.id, ROW_NUMBER() OVER (PARTITION BY ci.key_result_id
                        ORDER BY ci.day DESC, ci.recorded_at DESC, ci.id DESC) AS n
                    FROM check_ins ci WHERE ci.key_result_id IN (\(binds: ids)) AND \(effective)) r
                    WHERE r.n <= \(literal: recent))
                """)
            let counted = try await db.raw(
                """
                SELECT ci.key_result_id, COUNT(*) AS n FROM check_ins ci
                WHERE ci.key_result_id IN (\(binds: ids)) AND \(effective) GROUP BY ci.key_result_id
                """
            ).all()
            var counts: [KeyResultID: Int] = [:]
            for row in counted {
                counts[KeyResultID(try row.decode(column: "key_result_id", as: String.self))] =
                    try row.decode(column: "n", as: Int.self)
            }
            let weeks = Dictionary(grouping: CheckIn.effective(weekly), by: \.keyResultID)
            let recents = Dictionary(grouping: CheckIn.effective(latest), by: \.keyResultID)
            var histories: [KeyResultID: KeyResultHistory] = [:]
            for id in wanted {
                histories[id] = KeyResultHistory(
                    weekly: weeks[id] ?? [], recent: (recents[id] ?? []).reversed(), count: counts[id] ?? 0)
            }
            return histories
        }
    }
}
