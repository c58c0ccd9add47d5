import Foundation
import OKRCore
import OKRStore

/// A cycle's direction brief as one viewer sees it: the text in the page's language, the priorities, who
/// wrote it and when; and for leadership the form to write it, with what was typed and the messages of a
/// refused save. The model of `/cycles/{id}/brief`.
struct DirectionBriefPage: Sendable {
    /// The form as typed: text fields by name (`body`, `body_en`, `themes` one per line, `version`).
    struct Form: Sendable {
        var body = ""
        var bodyEn = ""
        var themes = ""
        var version = ""
    }

    let cycle: Cycle
    let brief: Versioned<DirectionBrief>?
    let author: String?
    let timeZone: String
    let canEdit: Bool
    var form: Form
    /// Messages next to fields, by field name (`body`, `body_en`, `themes`).
    var errors: [String: String] = [:]
    /// A message for the whole form (a conflict).
    var notice: String?
    /// The comments and questions on the brief, each answer under its question.
    var comments = ObjectivePage.Discussion.empty
    /// Whether the viewer may comment: anyone but a viewer, once the brief is written.
    var canComment = false
    /// A comment refused, with what was typed.
    var draft = ObjectivePageView.CommentDraft()

    /// Where the brief's comment forms post.
    var commentTarget: ObjectivePageView.CommentTarget {
        .init(action: Route.briefComments(.id(cycle.id)).path, canComment: canComment)
    }

    /// Nil when the cycle does not exist. Four queries: the cycle, the brief, the teams and the people.
    static func load(cycle id: String, viewer: Person, store: OKRStore) async throws -> DirectionBriefPage? {
        guard let cycle = try await store.cycle(id: CycleID(id))?.value else { return nil }
        let brief = try await store.directionBrief(cycle: cycle.id)
        let access = Access(viewer: viewer, teams: try await store.teams())
        var author: String?
        if let id = brief?.value.authorID { author = try await store.person(id: id)?.name ?? id.rawValue }
        var form = Form()
        if let brief {
            form = Form(
                body: brief.value.body, bodyEn: brief.value.bodyEn ?? "",
                themes: brief.value.themes.joined(separator: "\n"), version: String(brief.version))
        }
        var page = DirectionBriefPage(
            cycle: cycle, brief: brief, author: author,
            timeZone: try await store.settings()?.timeZone ?? "Asia/Ho_Chi_Minh",
            canEdit: access.mayWriteDirection, form: form)
        if brief != nil {
            let comments = try await store.comments(subject: .directionBrief(cycle.id))
            var names: [PersonID: String] = [:]
            for id in Set(comments.map(\.authorID)) { names[id] = try await store.person(id: id)?.name ?? id.rawValue }
            page.comments = ObjectivePage.Discussion(comments) { names[$0] ?? $0.rawValue }
            page.canComment = access.canWrite
        }
        return page
    }

    /// The themes typed one per line, blank lines left out.
    static func themes(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
