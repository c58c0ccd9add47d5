import Foundation
import OKRCore
import SQLKit

extension OKRStore {
    /// Adds a comment, a question, or an answer to a question on the same subject. Comments are never edited.
    public func addComment(_ comment: Comment, actor: PersonID?) async throws {
        try await change("comment", actor: actor) { tx in
            let subject = CommentSubjectColumns(comment.subject)
            try await tx.requireReferences(
                [
                    Reference("subject", table: subject.table, column: subject.key, id: subject.id),
                    Reference("author_id", table: "people", id: comment.authorID.rawValue),
                ], entity: "comment")
            if let question = comment.answers {
                let found = try await Loader(db: tx.db).comments("c.id = \(bind: question.rawValue)")
                guard let asked = found.first, asked.subject == comment.subject, asked.isQuestion else {
                    throw StoreError.invalidReference(entity: "comment", field: "answers")
                }
            }
            try await tx.run(
                """
                INSERT INTO comments (id, subject_kind, objective_id, key_result_id, check_in_id, weekly_update_id,
                    direction_brief_id, author_id, body, is_question, created_at, answers)
                VALUES (\(bind: comment.id.rawValue), \(bind: subject.kind), \(bind: subject.objective),
                    \(bind: subject.keyResult), \(bind: subject.checkIn), \(bind: subject.weeklyUpdate),
                    \(bind: subject.directionBrief),
                    \(bind: comment.authorID.rawValue), \(bind: comment.body), \(bind: StoredValue.flag(comment.isQuestion)),
                    \(bind: StoredValue.milliseconds(comment.createdAt)), \(bind: comment.answers?.rawValue))
                """)
            try await tx.audit(
                "comment", id: comment.id.rawValue, action: "create", before: Comment?.none, after: comment)
        }
    }

    /// The comments on any of these subjects, oldest first, in one query whatever their number.
    public func comments(subjects: some Collection<Comment.Subject>) async throws -> [Comment] {
        guard !subjects.isEmpty else { return [] }
        var byColumn: [String: [String]] = [:]
        for subject in subjects {
            let columns = CommentSubjectColumns(subject)
            byColumn[columns.column, default: []].append(columns.id)
        }
        let conditions = byColumn.keys.sorted().map { column -> SQLQueryString in
            "\(ident: column) IN (\(SQLList(byColumn[column, default: []].map { SQLBind($0) })))"
        }
        let anyOf = conditions.joined(separator: " OR ")
        return try await read { try await $0.comments("(\(anyOf))") }
    }

    /// The comments on one subject, oldest first.
    public func comments(subject: Comment.Subject) async throws -> [Comment] {
        let columns = CommentSubjectColumns(subject)
        return try await read {
            try await $0.comments(
                "c.subject_kind = \(bind: columns.kind) AND \(ident: columns.column) = \(bind: columns.id)")
        }
    }
}

extension Loader {
    func comments(_ filter: SQLQueryString) async throws -> [Comment] {
        let found = try await rows("SELECT c.* FROM comments c WHERE \(filter) ORDER BY c.created_at, c.id")
        return try found.map { raw in
            let row = try StoredRow(raw, entity: "comment")
            let kind = try row.string("subject_kind")
            let subject: Comment.Subject
            switch kind {
            case "objective": subject = .objective(ObjectiveID(try row.string("objective_id")))
            case "key_result": subject = .keyResult(KeyResultID(try row.string("key_result_id")))
            case "check_in": subject = .checkIn(CheckInID(try row.string("check_in_id")))
            case "weekly_update": subject = .weeklyUpdate(WeeklyUpdateID(try row.string("weekly_update_id")))
            case "direction_brief": subject = .directionBrief(CycleID(try row.string("direction_brief_id")))
            default: throw row.corrupt("subject_kind: \(kind)")
            }
            return try row.restore {
                try Comment(
                    id: CommentID(row.id), subject: subject, authorID: PersonID(try row.string("author_id")),
                    body: try row.string("body"), isQuestion: try row.bool("is_question"),
                    createdAt: try row.date("created_at"),
                    answers: try row.optionalString("answers").map { CommentID($0) })
            }
        }
    }
}
