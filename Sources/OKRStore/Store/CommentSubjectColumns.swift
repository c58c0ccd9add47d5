import OKRCore

/// Where a comment's subject is stored: its kind and the one reference column that holds its id.
struct CommentSubjectColumns {
    let kind: String
    let table: String
    let column: String
    let id: String
    /// The key column of `table`.
    var key: String { kind == "direction_brief" ? "cycle_id" : "id" }

    init(_ subject: Comment.Subject) {
        switch subject {
        case .objective(let id):
            (kind, table, column, self.id) = ("objective", "objectives", "objective_id", id.rawValue)
        case .keyResult(let id):
            (kind, table, column, self.id) = ("key_result", "key_results", "key_result_id", id.rawValue)
        case .checkIn(let id): (kind, table, column, self.id) = ("check_in", "check_ins", "check_in_id", id.rawValue)
        case .weeklyUpdate(let id):
            (kind, table, column, self.id) = ("weekly_update", "weekly_updates", "weekly_update_id", id.rawValue)
        case .directionBrief(let id):
            (kind, table, column, self.id) = ("direction_brief", "direction_briefs", "direction_brief_id", id.rawValue)
        }
    }

    var objective: String? { kind == "objective" ? id : nil }
    var keyResult: String? { kind == "key_result" ? id : nil }
    var checkIn: String? { kind == "check_in" ? id : nil }
    var weeklyUpdate: String? { kind == "weekly_update" ? id : nil }
    var directionBrief: String? { kind == "direction_brief" ? id : nil }
}
