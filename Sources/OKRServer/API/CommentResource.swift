import Foundation
import OKRCore

/// A comment or question as the API shows it: what it is about, who wrote it, the people it mentions and, for a
/// question, whether it is answered and by which comments — the open questions are what a draft review works
/// through.
struct CommentResource: Encodable, Sendable {
    let id: String
    let subject: SubjectResource
    let authorID: String
    let body: String
    let isQuestion: Bool
    let answers: String?
    let createdAt: Date
    let mentions: [String]
    let mentionedPersonIDs: [String]
    let answered: Bool?
    let answerIDs: [String]?

    /// The encoder's snake case would split `IDs` into `i_ds`.
    enum CodingKeys: String, CodingKey {
        case id, subject, authorID, body, isQuestion, answers, createdAt, mentions
        case mentionedPersonIDs = "mentionedPersonIds"
        case answered
        case answerIDs = "answerIds"
    }

    /// What a comment is about.
    enum Kind: String, Sendable, Codable, CaseIterable {
        case objective
        case keyResult = "key_result"
        case checkIn = "check_in"
        case weeklyUpdate = "weekly_update"
        /// A cycle's direction brief, by the cycle's id.
        case directionBrief = "direction_brief"

        func subject(_ id: String) -> Comment.Subject {
            switch self {
            case .objective: return .objective(ObjectiveID(id))
            case .keyResult: return .keyResult(KeyResultID(id))
            case .checkIn: return .checkIn(CheckInID(id))
            case .weeklyUpdate: return .weeklyUpdate(WeeklyUpdateID(id))
            case .directionBrief: return .directionBrief(CycleID(id))
            }
        }
    }

    /// `{"kind": "objective", "id": "o-mkt-mql"}`.
    struct SubjectResource: Codable, Sendable {
        let kind: Kind
        let id: String

        init(kind: Kind, id: String) {
            self.kind = kind
            self.id = id
        }

        init(_ subject: Comment.Subject) {
            switch subject {
            case .objective(let id): self.init(kind: .objective, id: id.rawValue)
            case .keyResult(let id): self.init(kind: .keyResult, id: id.rawValue)
            case .checkIn(let id): self.init(kind: .checkIn, id: id.rawValue)
            case .weeklyUpdate(let id): self.init(kind: .weeklyUpdate, id: id.rawValue)
            case .directionBrief(let id): self.init(kind: .directionBrief, id: id.rawValue)
            }
        }

        static let schema = Schema.object([
            .required("kind", .values(of: Kind.self)), .required("id", .string, "The id of the objective, KR, …"),
        ])
    }

    /// `comment` among `all` the comments on its subject (to tell whether a question is answered); `people`
    /// turns @handles into the people they name.
    init(_ comment: Comment, among all: [Comment], people: [Person]) {
        id = comment.id.rawValue
        subject = SubjectResource(comment.subject)
        authorID = comment.authorID.rawValue
        body = comment.body
        isQuestion = comment.isQuestion
        answers = comment.answers?.rawValue
        createdAt = comment.createdAt
        mentions = comment.mentions
        mentionedPersonIDs = comment.mentions.compactMap { handle in
            people.first { Self.handle(of: $0) == handle }?.id.rawValue
        }
        if comment.isQuestion {
            let replies = all.filter { $0.answers == comment.id }.map(\.id.rawValue)
            answered = !replies.isEmpty
            answerIDs = replies
        } else {
            answered = nil
            answerIDs = nil
        }
    }

    /// The handle that mentions a person: their e-mail address before the `@`, in lower case ("@lan").
    static func handle(of person: Person) -> String {
        String(person.email.prefix { $0 != "@" }).lowercased()
    }

    static let schema = Schema.object([
        .required("id", .string), .required("subject", .ref("CommentSubject")), .required("author_id", .string),
        .required("body", .string), .required("is_question", .boolean),
        .optional("answers", .string, "For an answer: the question it answers."), .required("created_at", .dateTime),
        .required("mentions", .array(.string), "The @handles in the body, each once, in order."),
        .required("mentioned_person_ids", .array(.string), "The people those handles name."),
        .optional("answered", .boolean, "For a question: whether an answer points at it."),
        .optional("answer_ids", .array(.string), "For a question: the answers, oldest first."),
    ])
}
