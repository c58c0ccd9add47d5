import Foundation

/// A comment, or a question that stays open until answered, on an objective, KR, check-in, weekly update or a
/// cycle's direction brief.
/// This carries the two-way draft review of the mission.
public struct Comment: Hashable, Sendable, Codable, Identifiable {
    public let id: CommentID
    public let subject: Subject
    public let authorID: PersonID
    public let body: String
    public let isQuestion: Bool
    public let createdAt: Date
    /// For an answer: the question it answers.
    public let answers: CommentID?

    public enum Subject: Hashable, Sendable, Codable {
        case objective(ObjectiveID)
        case keyResult(KeyResultID)
        case checkIn(CheckInID)
        case weeklyUpdate(WeeklyUpdateID)
        /// Leadership's direction for the cycle: teams ask about it while they draft.
        case directionBrief(CycleID)
    }

    public init(
        id: CommentID, subject: Subject, authorID: PersonID, body: String, isQuestion: Bool = false,
        createdAt: Date, answers: CommentID? = nil
    ) throws(DomainError) {
        guard !(isQuestion && answers != nil) else { throw .invalid(field: "is_question", reason: .outOfRange) }
        self.id = id
        self.subject = subject
        self.authorID = authorID
        self.body = try Validate.text(body, field: "body", max: 4000)
        self.isQuestion = isQuestion
        self.createdAt = createdAt
        self.answers = answers
    }

    /// The people @mentioned in the body, by the handle before their e-mail's `@` ("@lan" for lan@…), each once,
    /// in the order they first appear. An `@` inside an e-mail address ("lan2@example.vn") is not a mention, and
    /// the full stop that ends a sentence ("cảm ơn @lan.") is not part of the handle.
    public var mentions: [String] {
        func isHandle(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "." || c == "_" || c == "-" }
        var handles: [String] = []
        var scanner = body[...]
        while let at = scanner.firstIndex(of: "@") {
            let rest = scanner[scanner.index(after: at)...]
            var handle = rest.prefix(while: isHandle)
            while handle.last == "." { handle = handle.dropLast() }
            let before = at == body.startIndex ? nil : body[body.index(before: at)]
            let insideAddress = before.map { isHandle($0) || $0 == "+" } ?? false
            let name = String(handle).lowercased()
            if !name.isEmpty, !insideAddress, !handles.contains(name) { handles.append(name) }
            scanner = rest
        }
        return handles
    }

    /// Questions in `comments` that no answer points at yet.
    public static func openQuestions(_ comments: [Comment]) -> [Comment] {
        let answered = Set(comments.compactMap(\.answers))
        return comments.filter { $0.isQuestion && !answered.contains($0.id) }
    }
}
