import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// Comments and questions on an objective, a key result, a check-in or a weekly update: the two-way
/// communication of the mission (leadership explains, teams present their drafts and answer questions). A
/// question stays open until an answer on the same subject points at it. Whoever may see the subject reads its
/// comments; everyone but viewers writes them. Weekly updates are seen by everyone signed in.
struct CommentsAPI: Sendable {
    let store: OKRStore
    let environment: AppEnvironment

    /// The query parameters that name a subject, by the kind they name.
    static let subjectParameters: [(name: String, kind: CommentResource.Kind)] = [
        ("objective", .objective), ("key_result", .keyResult), ("check_in", .checkIn),
        ("weekly_update", .weeklyUpdate),
    ]

    func addRoutes(to api: APIBuilder) {
        api.schema("Comment", CommentResource.schema)
        api.schema("CommentSubject", CommentResource.SubjectResource.schema)
        api.schema("CommentPage", ListPage<CommentResource>.schema(of: "Comment"))
        api.add(
            APIOperation(
                method: .get, path: "/comments", id: "listComments", tag: "Comments",
                summary: "The comments and questions on one subject (give exactly one of the four), oldest first.",
                query: Self.subjectParameters.map { parameter in
                    .init(name: parameter.name, schema: .string, description: "The id of a \(parameter.kind.rawValue).")
                } + [.limit, .cursor], response: .ref("CommentPage")), list)
        api.add(
            APIOperation(
                method: .post, path: "/comments", id: "createComment", tag: "Comments",
                summary: """
                    Comments on a subject the caller may see, asks a question (`is_question`), or answers one \
                    (`answers`: a question on the same subject). Viewers may not comment.
                    """,
                body: NewComment.schema, success: .created, response: .ref("Comment")), create)
    }

    func list(_ call: APICall) async throws -> APIReply {
        let page = try call.page
        let given = Self.subjectParameters.compactMap { parameter in
            call.query(parameter.name).map { (parameter.name, parameter.kind.subject($0)) }
        }
        guard let (name, subject) = given.first else { throw Self.subjectRequired("objective") }
        guard given.count == 1 else { throw Self.subjectRequired(given[1].0) }
        _ = try await resolve(subject, viewer: call.viewer, field: name)
        let comments = try await store.comments(subject: subject)
        let people = try await store.people()
        let sorted = comments.sorted { Self.sortKey($0) < Self.sortKey($1) }
        return try .json(
            ListPage(sorted, key: Self.sortKey, page: page) { CommentResource($0, among: comments, people: people) })
    }

    /// No subject, or more than one: each query is well formed, but together they do not name one subject (422
    /// naming the parameter to drop or to give).
    static func subjectRequired(_ name: String) -> APIError {
        APIError(.unprocessableContent, code: "validation_failed", .apiInvalidParameter, ["name": name], field: name)
    }

    /// The body of `POST /comments`.
    struct NewComment: Decodable, Sendable {
        var id: String?
        var subject: CommentResource.SubjectResource
        var body: String
        var isQuestion: Bool?
        var answers: String?

        static let schema = Schema.object([
            .optional("id", .identifier, "Chosen by the client; generated when absent."),
            .required("subject", .ref("CommentSubject")),
            .required("body", .text(max: 4000), "@handle mentions a person by the start of their e-mail."),
            .optional("is_question", .boolean, "A question stays open until answered."),
            .optional("answers", .string, "The id of the question this answers (on the same subject)."),
        ])
    }

    func create(_ call: APICall) async throws -> APIReply {
        let input = try await call.body(NewComment.self)
        if let id = input.id { try APIIdentifier.check(id, field: "id") }
        let subject = input.subject.kind.subject(input.subject.id)
        let found = try await resolve(subject, viewer: call.viewer, field: "subject.id")
        let mayComment = found.objective.map { found.access.canComment(on: $0) } ?? found.access.canWrite
        guard mayComment else { throw APIError.forbidden }
        let comment = try Comment(
            id: CommentID(input.id ?? NewID.make("c")), subject: subject, authorID: call.viewer.id,
            body: input.body, isQuestion: input.isQuestion ?? false, createdAt: environment.now(),
            answers: input.answers.map { CommentID($0) })
        try await store.addComment(comment, actor: call.viewer.id)
        let all = try await store.comments(subject: subject)
        let saved = all.first { $0.id == comment.id } ?? comment
        return try .json(
            CommentResource(saved, among: all, people: try await store.people()), status: .created)
    }

    /// Created time to the millisecond, then id: unique, and in the order the comments were written.
    static func sortKey(_ comment: Comment) -> String {
        String(format: "%015lld", Int64((comment.createdAt.timeIntervalSince1970 * 1000).rounded())) + "/"
            + comment.id.rawValue
    }

    // MARK: Subjects

    /// A subject as found: the objective it concerns (none for a weekly update), which decides who sees it.
    struct Found {
        let objective: Objective?
        let access: Access
    }

    /// Finds the subject if the caller may see it; 404 naming `field` otherwise (unknown and private alike).
    func resolve(_ subject: Comment.Subject, viewer: Person, field: String) async throws -> Found {
        switch subject {
        case .objective(let id):
            let linked = try await LinkedObjectives.load(store: store, viewer: viewer)
            guard let objective = linked.visibleObjective(id) else {
                throw APIError.notFound(.objective, id.rawValue, field: field)
            }
            return Found(objective: objective, access: linked.access)
        case .keyResult(let id):
            let linked = try await LinkedObjectives.load(store: store, viewer: viewer, keyResults: [id])
            guard let found = linked.visibleKeyResult(id) else {
                throw APIError.notFound(.keyResult, id.rawValue, field: field)
            }
            return Found(objective: found.objective, access: linked.access)
        case .checkIn(let id):
            let keyResult = try await keyResult(ofCheckIn: id)
            let linked = try await LinkedObjectives.load(
                store: store, viewer: viewer, keyResults: [keyResult].compactMap(\.self))
            guard let keyResult, let found = linked.visibleKeyResult(keyResult) else {
                throw APIError.notFound(.checkIn, id.rawValue, field: field)
            }
            return Found(objective: found.objective, access: linked.access)
        case .weeklyUpdate(let id):
            guard try await weeklyUpdateExists(id) else {
                throw APIError.notFound(.weeklyUpdate, id.rawValue, field: field)
            }
            return Found(objective: nil, access: Access(viewer: viewer, teams: try await store.teams()))
        case .directionBrief(let id):
            // Leadership's direction is for everyone: once written, anyone signed in reads and discusses it.
            guard try await store.directionBrief(cycle: id) != nil else {
                throw APIError.notFound(.directionBrief, id.rawValue, field: field)
            }
            return Found(objective: nil, access: Access(viewer: viewer, teams: try await store.teams()))
        }
    }

    /// The KR a check-in belongs to. The store reads check-ins per KR only, so the check-in is found through
    /// the audit event written with it in the same transaction, and confirmed in that KR's history.
    func keyResult(ofCheckIn id: CheckInID) async throws -> KeyResultID? {
        struct Recorded: Decodable { let keyResultID: String }
        let events = try await store.auditEvents(entity: "check_in", entityID: id.rawValue, limit: 1)
        guard let json = events.first?.after,
            let recorded = try? JSONDecoder().decode(Recorded.self, from: Data(json.utf8))
        else { return nil }
        let keyResult = KeyResultID(recorded.keyResultID)
        let history = try await store.checkIns(keyResult: keyResult)
        return history.contains { $0.id == id } ? keyResult : nil
    }

    /// Whether a weekly update exists. The store reads updates per week or per person, so the update's week and
    /// person come from the audit event written with it, and the update is confirmed in that week.
    func weeklyUpdateExists(_ id: WeeklyUpdateID) async throws -> Bool {
        struct Recorded: Decodable {
            let personID: String
            let week: Day
        }
        let events = try await store.auditEvents(entity: "weekly_update", entityID: id.rawValue, limit: 1)
        guard let json = events.first?.after,
            let recorded = try? JSONDecoder().decode(Recorded.self, from: Data(json.utf8))
        else { return false }
        let week = try await store.weeklyUpdates(week: recorded.week, people: [PersonID(recorded.personID)])
        return week.contains { $0.id == id }
    }
}
