import Foundation
import OKRCore

/// Renders one objective: its score, where it sits in the alignment, each KR with its chart and history,
/// the comments with a form to add one, and the edit link for those who may edit.
enum ObjectivePageView {
    /// What a failed comment keeps: the text typed and the message for it.
    struct CommentDraft: Sendable {
        var body: String = ""
        var isQuestion = false
        var error: String?
        /// Which form it came from (`CommentForm.objective`, `.keyResult`, …): only that one shows it.
        var form: CommentForm = .objective
    }

    /// Where a page's comment forms post, and whether the viewer may comment there.
    struct CommentTarget: Sendable {
        let action: String
        let canComment: Bool
    }

    /// The comment forms of the page: each has its own control ids and a hidden `subject` (and `answers`).
    enum CommentForm: Hashable, Sendable {
        case objective
        case keyResult(KeyResultID)
        case checkIn(CheckInID)
        case answer(CommentID, on: Comment.Subject)

        /// Appended to the control ids; the objective's form keeps the plain `comment-body`.
        var suffix: String {
            switch self {
            case .objective: return ""
            case .keyResult(let id): return "-kr-\(id.rawValue)"
            case .checkIn(let id): return "-ci-\(id.rawValue)"
            case .answer(let id, _): return "-answer-\(id.rawValue)"
            }
        }

        var subject: Comment.Subject? {
            switch self {
            case .objective: return nil
            case .keyResult(let id): return .keyResult(id)
            case .checkIn(let id): return .checkIn(id)
            case .answer(_, let subject): return subject
            }
        }
    }

    /// The `subject` field's value: `key_result:ID`, `check_in:ID`, or empty for the objective itself.
    static func subjectField(_ subject: Comment.Subject?) -> String {
        switch subject {
        case .keyResult(let id): return "key_result:" + id.rawValue
        case .checkIn(let id): return "check_in:" + id.rawValue
        case .objective, .weeklyUpdate, .directionBrief, nil: return ""
        }
    }

    static func render(
        _ page: Page, _ model: ObjectivePage, comment: CommentDraft = CommentDraft(),
        workflow: ObjectiveWorkflow? = nil
    ) -> String {
        let objective = model.objective
        let title = objective.title.text(page.language)
        return Layout.render(page, title: title) { html in
            Navigation.breadcrumbs(page, model.trail, &html)
            html.element("div", [("class", "pagehead")]) { html in
                html.element("h1", text: title)
                if model.canEdit {
                    html.element(
                        "a", [("id", "edit-objective"), ("href", Route.editObjective(.id(objective.id)).path)],
                        text: page.t(.objectiveEdit))
                }
                if model.cycle.state != .closed, objective.state != .archived {
                    Components.newObjectiveLink(
                        page, id: "add-aligned-objective", label: .objectiveAddAligned,
                        query: [("parent", objective.id.rawValue), ("cycle", model.cycle.id.rawValue)], &html)
                }
            }
            html.element("p", [("class", "meta")]) { html in
                Navigation.ownerLink(objective.owner, name: model.owner, &html)
                html.text(" ")
                html.element(
                    "span", [("class", "chip kind-\(objective.kind.rawValue)")],
                    text: page.t(objective.kind == .committed ? .committed : .aspirational))
                html.text(" ")
                html.element(
                    "span", [("class", "chip state")], text: page.t(StringKey(objectiveState: objective.state)))
                if objective.visibility == .private {
                    html.text(" ")
                    html.element("span", [("class", "chip private")], text: page.t(.privateObjective))
                }
                html.text(" · ")
                html.text(
                    page.t(
                        .objectiveCycleLine,
                        [
                            "cycle": model.cycle.name, "start": page.day(model.cycle.start),
                            "end": page.day(model.cycle.end),
                        ]))
            }
            if let description = objective.description {
                html.element("p", [("class", "description")], text: description)
            }
            html.element(
                "section", [("class", "card objective-score"), ("data-live-objective", objective.id.rawValue)]
            ) { html in
                Components.progressBar(
                    page, progress: model.score.progress.value, expected: model.score.expected,
                    label: page.t(.progressOf, ["title": title]), &html)
                Components.statusChip(page, model.score.status, progress: model.score.progress.explanation, &html)
            }
            findings(page, model, &html)
            if let workflow { ObjectiveWorkflowView.render(page, workflow, &html) }
            alignment(page, model, &html)
            html.element("section", [("class", "card"), ("aria-labelledby", "krs-h")]) { html in
                html.element("h2", [("id", "krs-h")], text: page.t(.objectiveKeyResults))
                if model.keyResults.isEmpty { html.element("p", [("class", "empty")], text: page.t(.noKeyResults)) }
                for detail in model.keyResults { keyResult(page, detail, model, comment, &html) }
            }
            LookBackView.render(page, model, &html)
            comments(page, model, comment, &html)
        }
    }

    /// A day as people of the language write it: 27/11/2026 in Vietnamese, Nov 27, 2026 in English.
    static func findings(_ page: Page, _ model: ObjectivePage, _ html: inout HTML) {
        let all = model.findings + model.keyResults.flatMap(\.findings)
        html.element("section", [("class", "card quality"), ("aria-labelledby", "quality-h")]) { html in
            html.element("h2", [("id", "quality-h")], text: page.t(.qualityFindings))
            if all.isEmpty {
                html.element("p", [("class", "muted")], text: page.t(.objectiveFindingsNone))
            } else {
                Components.findings(page, model.findings, &html)
                if !model.findings.isEmpty && all.count > model.findings.count { html.raw("<hr>") }
                Components.findings(page, model.keyResults.flatMap(\.findings), &html)
            }
        }
    }

    static func alignment(_ page: Page, _ model: ObjectivePage, _ html: inout HTML) {
        html.element("section", [("class", "card alignment"), ("aria-labelledby", "alignment-h")]) { html in
            html.element("h2", [("id", "alignment-h")], text: page.t(.objectiveAlignment))
            for (key, links, empty) in [
                (StringKey.objectiveParents, model.parents, StringKey.objectiveNoParents),
                (.objectiveChildren, model.children, .objectiveNoChildren),
            ] {
                html.element("h3", text: page.t(key))
                let hidden = key == .objectiveChildren ? model.hiddenChildren : 0
                if links.isEmpty && hidden == 0 {
                    html.element("p", [("class", "muted")], text: page.t(empty))
                    continue
                }
                html.element("ul", [("class", key == .objectiveParents ? "parents" : "children")]) { html in
                    for link in links {
                        html.element("li") { html in
                            html.element("a", [("href", Route.objective(.id(link.id)).path)], text: link.title)
                            if let cycle = link.cycle {
                                html.element("span", [("class", "chip link-cycle")], text: cycle)
                            }
                            if let through = link.through {
                                html.element(
                                    "span", [("class", "muted")],
                                    text: " — " + page.t(.objectiveThrough, ["title": through]))
                            }
                            if !link.countsInRollUp {
                                let note: StringKey =
                                    link.state == .archived ? .objectiveChildArchived : .objectiveChildProposed
                                html.element("span", [("class", "chip muted not-counted")], text: page.t(note))
                            }
                        }
                    }
                    if hidden > 0 {
                        html.element(
                            "li", [("class", "muted private-children")],
                            text: page.t(.objectivePrivateChildren, ["count": "\(hidden)"]))
                    }
                }
            }
        }
    }

    static func keyResult(
        _ page: Page, _ detail: ObjectivePage.KeyResultDetail, _ model: ObjectivePage, _ draft: CommentDraft,
        _ html: inout HTML
    ) {
        let kr = detail.keyResult
        let title = kr.title.text(page.language)
        html.element(
            "article", [("class", "kr-detail"), ("id", "kr-\(kr.id.rawValue)"), ("data-live-kr", kr.id.rawValue)]
        ) { html in
            html.element("h3", text: title)
            html.element("p", [("class", "kr-meta kr-value")], text: Components.valueText(page, kr))
            html.element("div", [("class", "kr-score")]) { html in
                Components.progressBar(
                    page, progress: detail.score.progress.value, expected: detail.score.expected.value,
                    label: page.t(.progressOf, ["title": title]), &html)
                Components.statusChip(page, detail.score.status, progress: detail.score.progress.explanation, &html)
            }
            html.raw(ProgressChart.html(detail.chart, page, day: { page.day($0) }))
            html.element("h4", text: page.t(.initiatives))
            if detail.initiatives.isEmpty {
                html.element("p", [("class", "muted")], text: page.t(.objectiveNoInitiatives))
            } else {
                html.element("ul", [("class", "initiatives")]) { html in
                    for initiative in detail.initiatives {
                        html.element("li") { html in
                            html.text(initiative.title.text(page.language) + " ")
                            html.element(
                                "span", [("class", "chip")], text: page.t(StringKey(initiativeState: initiative.state)))
                        }
                    }
                }
            }
            impact(page, detail, &html)
            history(page, detail, model, draft, &html)
            html.element("h4", text: page.t(.objectiveKeyResultComments))
            discussion(page, detail.discussion, model.commentTarget, draft, &html)
            if model.canComment {
                let form = CommentForm.keyResult(kr.id)
                html.element("details", [("class", "comment-on"), ("open", draft.form == form ? "" : nil)]) { html in
                    html.element("summary", text: page.t(.objectiveCommentOnKeyResult))
                    commentForm(page, model.commentTarget, form, draft.form == form ? draft : CommentDraft(), &html)
                }
            }
        }
    }

    /// Initiatives that did not do their job: done without the KR moving, or all done while it is behind.
    static func impact(_ page: Page, _ detail: ObjectivePage.KeyResultDetail, _ html: inout HTML) {
        guard !detail.impact.isEmpty else { return }
        let kr = detail.keyResult.id.rawValue
        html.element("div", [("class", "impact"), ("id", "impact-\(kr)")]) { html in
            html.element("p", [("class", "impact-heading")]) { html in
                html.element("strong", text: page.t(.impactHeading))
            }
            for finding in detail.impact {
                switch finding {
                case .doneWithoutMovement(let id, let since):
                    let title = detail.initiatives.first { $0.id == id }?.title.text(page.language) ?? id.rawValue
                    html.element(
                        "p",
                        [
                            ("class", "warn"), ("data-impact", "done_without_movement"),
                            ("data-initiative", id.rawValue),
                        ],
                        text: page.t(.impactDoneWithoutMovement, ["title": title, "since": page.day(since)]))
                case .allDoneWhileBehind:
                    html.element(
                        "p", [("class", "warn"), ("data-impact", "all_done_while_behind")],
                        text: page.t(.impactAllDoneWhileBehind))
                }
            }
        }
    }

    static func history(
        _ page: Page, _ detail: ObjectivePage.KeyResultDetail, _ model: ObjectivePage, _ draft: CommentDraft,
        _ html: inout HTML
    ) {
        let kr = detail.keyResult
        html.element("h4", text: page.t(.objectiveHistory))
        if detail.history.isEmpty {
            html.element("p", [("class", "muted")], text: page.t(.objectiveNoCheckIns))
            return
        }
        html.element("div", [("class", "table-scroll")]) { html in
            html.element("table", [("class", "history")]) { html in
                html.element("caption", [("class", "visually-hidden")], text: kr.title.text(page.language))
                html.element("thead") { html in
                    html.element("tr") { html in
                        for key in [
                            StringKey.objectiveColDay, .objectiveColValue, .objectiveColProgress,
                            .objectiveColConfidence, .objectiveColNote, .objectiveColAuthor, .objectiveColComments,
                        ] {
                            html.element("th", [("scope", "col")], text: page.t(key))
                        }
                    }
                }
                html.element("tbody") { html in
                    for (checkIn, author) in detail.history {
                        html.element("tr", [("id", "checkin-\(checkIn.id.rawValue)")]) { html in
                            html.element("td", text: page.day(checkIn.day))
                            html.element(
                                "td", [("class", "number")],
                                text: NumberText.format(checkIn.value, unit: kr.unit, page.language))
                            // The guarded number, as the headline shows it, with the reason when a condition failed.
                            html.element("td", [("class", "number")]) { html in
                                html.text(page.percent(kr.progressValue(at: checkIn)))
                                if let condition = kr.condition,
                                    (checkIn.conditionActual ?? 0) < condition.minimum
                                {
                                    html.element(
                                        "small", [("class", "muted guarded")],
                                        text: page.t(
                                            .checkinGuarded,
                                            [
                                                "actual": NumberText.format(
                                                    checkIn.conditionActual ?? 0, page.language, places: 2,
                                                    trimZeros: true),
                                                "minimum": NumberText.format(
                                                    condition.minimum, page.language, places: 2, trimZeros: true),
                                                "metric": condition.metric,
                                            ]))
                                }
                            }
                            html.element("td", [("class", "number")], text: checkIn.confidence?.description ?? "—")
                            html.element("td", text: checkIn.note ?? "")
                            html.element("td") { html in
                                html.text(author)
                                // Taken from the KPI that feeds the KR: where the value was measured.
                                if let id = checkIn.kpiID {
                                    html.open("br", [])
                                    html.element(
                                        "a", [("class", "from-kpi"), ("href", Route.kpi(.id(id)).path)],
                                        text: page.t(
                                            .checkinFromKPI,
                                            ["kpi": detail.kpi?.name.text(page.language) ?? id.rawValue]))
                                }
                            }
                            html.element("td", [("class", "ci-comments")]) { html in
                                let thread = detail.checkInDiscussions[checkIn.id] ?? .empty
                                if !thread.isEmpty { discussion(page, thread, model.commentTarget, draft, &html) }
                                guard model.canComment else { return }
                                let form = CommentForm.checkIn(checkIn.id)
                                // One form, for the check-in asked about (a row's link): a form in each of a
                                // dozen rows per KR was half of the page's HTML.
                                guard draft.form == form else {
                                    html.element(
                                        "a",
                                        [
                                            ("class", "comment-link"),
                                            ("href", commentLink(model.objective.id, checkIn.id)),
                                        ], text: page.t(.objectiveCommentOnCheckIn))
                                    return
                                }
                                html.element("details", [("class", "comment-on"), ("open", "")]) { html in
                                    html.element("summary", text: page.t(.objectiveCommentOnCheckIn))
                                    commentForm(page, model.commentTarget, form, draft, &html)
                                }
                            }
                        }
                    }
                }
            }
        }
        if detail.earlier > 0 {
            html.element(
                "p", [("class", "muted")], text: page.t(.objectiveEarlierCheckIns, ["count": "\(detail.earlier)"]))
        }
    }

    /// The objective's page with the comment form of one check-in open, landing on its text box.
    static func commentLink(_ objective: ObjectiveID, _ checkIn: CheckInID) -> String {
        Route.objective(.id(objective)).path(["comment": checkIn.rawValue]) + "#comment-body-ci-\(checkIn.rawValue)"
    }

    static func comments(_ page: Page, _ model: ObjectivePage, _ draft: CommentDraft, _ html: inout HTML) {
        html.element("section", [("class", "card"), ("id", "comments"), ("aria-labelledby", "comments-h")]) { html in
            html.element("h2", [("id", "comments-h")], text: page.t(.objectiveComments))
            discussion(page, model.comments, model.commentTarget, draft, &html)
            guard model.canComment else { return }
            commentForm(page, model.commentTarget, .objective, draft.form == .objective ? draft : CommentDraft(), &html)
        }
    }

    /// The comments of one subject, each question marked open or answered, its answers under it and, while it
    /// is open, a form to answer it.
    static func discussion(
        _ page: Page, _ discussion: ObjectivePage.Discussion, _ target: CommentTarget, _ draft: CommentDraft,
        _ html: inout HTML
    ) {
        if discussion.isEmpty {
            html.element("p", [("class", "muted")], text: page.t(.objectiveNoComments))
            return
        }
        html.element("ul", [("class", "comments")]) { html in
            for entry in discussion.entries {
                let comment = entry.comment
                html.element("li", [("id", "comment-\(comment.id.rawValue)")]) { html in
                    html.element("strong", text: entry.author)
                    if comment.isQuestion {
                        html.text(" ")
                        html.element("span", [("class", "chip")], text: page.t(.objectiveQuestion))
                        html.text(" ")
                        html.element(
                            "span", [("class", entry.isOpen ? "chip question-open" : "chip question-answered")],
                            text: page.t(entry.isOpen ? .objectiveQuestionOpen : .objectiveQuestionAnswered))
                    }
                    html.element("p", text: comment.body)
                    if !entry.answers.isEmpty {
                        html.element("ul", [("class", "answers")]) { html in
                            for (answer, author) in entry.answers {
                                html.element("li", [("id", "comment-\(answer.id.rawValue)")]) { html in
                                    html.element("strong", text: author)
                                    html.element("p", text: answer.body)
                                }
                            }
                        }
                    }
                    let form = CommentForm.answer(comment.id, on: comment.subject)
                    // An answer refused (the question was answered meanwhile) keeps its form, text and message.
                    guard entry.isOpen || draft.form == form, target.canComment else { return }
                    html.element("details", [("class", "answer"), ("open", draft.form == form ? "" : nil)]) { html in
                        html.element("summary", text: page.t(.objectiveAnswer))
                        commentForm(page, target, form, draft.form == form ? draft : CommentDraft(), &html)
                    }
                }
            }
        }
    }

    /// One comment form: the objective's keeps the ids `comment-body`, `comment-question`, `comment-submit`; the
    /// others append `CommentForm.suffix`. The message of a failed attempt sits next to its text box.
    static func commentForm(
        _ page: Page, _ target: CommentTarget, _ form: CommentForm, _ draft: CommentDraft, _ html: inout HTML
    ) {
        let suffix = form.suffix
        let body = "comment-body" + suffix
        let error = body + "-error"
        html.element(
            "form",
            [
                ("method", "post"), ("action", target.action), ("class", "comment"),
            ]
        ) { html in
            Layout.csrfField(page, &html)
            if let subject = form.subject {
                html.open("input", [("type", "hidden"), ("name", "subject"), ("value", subjectField(subject))])
            }
            if case .answer(let question, _) = form {
                html.open("input", [("type", "hidden"), ("name", "answers"), ("value", question.rawValue)])
            }
            let isAnswer = if case .answer = form { true } else { false }
            html.element("div", [("class", draft.error == nil ? "field" : "field invalid")]) { html in
                html.element(
                    "label", [("for", body)], text: page.t(isAnswer ? .objectiveAnswerBody : .objectiveCommentBody))
                html.element(
                    "textarea",
                    [
                        ("id", body), ("name", "body"), ("maxlength", "4000"),
                        ("aria-invalid", draft.error == nil ? nil : "true"),
                        ("aria-describedby", draft.error == nil ? nil : error),
                    ], text: draft.body)
                if let message = draft.error {
                    html.element("p", [("id", error), ("class", "field-error")], text: message)
                }
            }
            if !isAnswer {
                html.element("div", [("class", "field check")]) { html in
                    html.open(
                        "input",
                        [
                            ("type", "checkbox"), ("id", "comment-question" + suffix), ("name", "question"),
                            ("value", "1"), ("checked", draft.isQuestion ? "" : nil),
                        ])
                    html.element(
                        "label", [("for", "comment-question" + suffix)], text: page.t(.objectiveCommentIsQuestion))
                }
            }
            html.element(
                "button", [("type", "submit"), ("id", "comment-submit" + suffix)],
                text: page.t(isAnswer ? .objectiveAnswerSubmit : .objectiveCommentSubmit))
        }
    }
}

extension ObjectivePage {
    /// The objective's comment forms post to its page.
    var commentTarget: ObjectivePageView.CommentTarget {
        .init(action: Route.objectiveComments(.id(objective.id)).path, canComment: canComment)
    }
}
