import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// Saves a KR's grade at the close of its cycle; grading again replaces it (the audit keeps the old one).
    public func saveGrade(_ grade: KeyResultGrade, keyResult: KeyResultID, actor: PersonID?) async throws {
        try await change("key_result_grade", actor: actor) { tx in
            try await tx.requireReferences(
                [Reference("key_result_id", table: "key_results", id: keyResult.rawValue)], entity: "key_result_grade")
            try await tx.requireOpen(keyResults: [keyResult])
            let before = try await Loader(db: tx.db).grades("g.key_result_id = \(bind: keyResult.rawValue)")[keyResult]
            try await Self.upsert(grade, keyResult: keyResult, in: tx)
            try await tx.audit(
                "key_result_grade", id: keyResult.rawValue, action: before == nil ? "create" : "update", before: before,
                after: grade)
        }
    }

    /// Saves many grades in one transaction: all or none.
    public func saveGrades(_ grades: [KeyResultID: KeyResultGrade], actor: PersonID?) async throws {
        guard !grades.isEmpty else { return }
        try await change("key_result_grade", actor: actor) { tx in try await Self.insertGrades(grades, in: tx) }
    }

    /// Writes new grades inside the change `tx`, in KR order.
    static func insertGrades(_ grades: [KeyResultID: KeyResultGrade], in tx: StoreTransaction) async throws {
        for (keyResult, grade) in grades.sorted(by: { $0.key < $1.key }) {
            try await upsert(grade, keyResult: keyResult, in: tx)
            try await tx.audit(
                "key_result_grade", id: keyResult.rawValue, action: "create", before: KeyResultGrade?.none,
                after: grade)
        }
    }

    private static func upsert(_ grade: KeyResultGrade, keyResult: KeyResultID, in tx: StoreTransaction) async throws {
        try await tx.run(
            """
            INSERT INTO key_result_grades (key_result_id, proposed, value, reason, version)
            VALUES (\(bind: keyResult.rawValue), \(bind: StoredValue.text(grade.proposed)),
                \(bind: StoredValue.text(grade.value)), \(bind: grade.reason), 1)
            ON CONFLICT (key_result_id) DO UPDATE SET proposed = excluded.proposed, value = excluded.value,
                reason = excluded.reason, version = key_result_grades.version + 1
            """)
    }

    /// The grades of the KRs of a cycle's objectives.
    public func grades(cycle: CycleID) async throws -> [KeyResultID: KeyResultGrade] {
        try await read {
            try await $0.grades(
                """
                g.key_result_id IN (SELECT k.id FROM key_results k JOIN objectives o ON o.id = k.objective_id
                    WHERE o.cycle_id = \(bind: cycle.rawValue))
                """)
        }
    }
}

extension Loader {
    func grades(_ filter: SQLQueryString) async throws -> [KeyResultID: KeyResultGrade] {
        let found = try await rows("SELECT g.* FROM key_result_grades g WHERE \(filter)")
        var grades: [KeyResultID: KeyResultGrade] = [:]
        for raw in found {
            let row = try StoredRow(raw, entity: "key_result_grade", idColumn: "key_result_id")
            grades[KeyResultID(row.id)] = try row.restore {
                try KeyResultGrade(
                    proposed: try row.decimal("proposed"), value: try row.decimal("value"),
                    reason: try row.optionalString("reason"))
            }
        }
        return grades
    }
}
