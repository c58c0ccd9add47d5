import Foundation
import OKRCore
import OKRStore

/// A comment, a question or an answer posted from a page's form (an objective's, the direction brief's), through
/// the same store call as the API.
enum CommentPosting {
    /// Adds `draft` on `subject`, answering `question` when given; nil when it was added, else the message to show
    /// beside its text box (an answer to a question no longer open, a text the core refuses).
    static func add(
        _ draft: ObjectivePageView.CommentDraft, on subject: Comment.Subject, answering question: CommentID?,
        by viewer: Person, store: OKRStore, page: Page, now: Date
    ) async throws -> String? {
        if let question {
            let open = Comment.openQuestions(try await store.comments(subject: subject))
            guard open.contains(where: { $0.id == question }) else { return page.t(.objectiveAnswerInvalid) }
        }
        do {
            let comment = try Comment(
                id: CommentID(NewID.make("c")), subject: subject, authorID: viewer.id, body: draft.body,
                isQuestion: draft.isQuestion, createdAt: now, answers: question)
            try await store.addComment(comment, actor: viewer.id)
        } catch let error as DomainError {
            guard case .invalid(_, let reason) = error else { throw error }
            return reason.message(page.language)
        }
        return nil
    }
}
