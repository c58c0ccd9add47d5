import OKRCore

/// A dependency ask as a list item, with the answers its reader may give: the providing team's lead accepts,
/// declines (with a reason) or counter-proposes; the asking team's lead accepts a counter-proposal and marks
/// an accepted ask done. Each answer is a plain form (POST, CSRF) that works without JavaScript; decline and
/// counter open with `<details>`. The team page, the meeting and My week all list asks through here.
enum AskForms {
    /// What was typed into an answer and what was wrong with it, when the server sends the form back.
    struct Entry: Sendable {
        /// The answer it belongs to: `decline` or `counter`.
        var action: String
        var fields: [String: String] = [:]
        var problems: [String: String] = [:]
    }

    /// The answers this viewer may give to this ask now: a quick rule for lists (admins, and leads who are in
    /// the team); the server checks the full rule of `Access` on every POST, and the ask's own page uses it.
    struct Answers: Sendable, Equatable {
        var accept = false
        var acceptCounter = false
        var decline = false
        var counter = false
        var done = false

        var any: Bool { accept || acceptCounter || decline || counter || done }

        init(
            accept: Bool = false, acceptCounter: Bool = false, decline: Bool = false, counter: Bool = false,
            done: Bool = false
        ) {
            self.accept = accept
            self.acceptCounter = acceptCounter
            self.decline = decline
            self.counter = counter
            self.done = done
        }

        /// From whether the viewer leads the providing team and the asking team.
        init(_ ask: DependencyAsk, providing: Bool, asking: Bool) {
            let open = ask.state == .requested || ask.state == .countered
            // A request is the asked team's to answer; a counter-proposal the asking team's to take or refuse (the
            // asked team may still withdraw it by declining).
            accept = providing && ask.state == .requested
            acceptCounter = asking && ask.state == .countered
            decline = (providing && open) || (asking && ask.state == .countered)
            counter = providing && ask.state == .requested
            done = asking && ask.state == .accepted
        }

        /// The quick rule of lists, from the person alone.
        static func quick(_ person: Person?, _ ask: DependencyAsk) -> Answers {
            guard let person, person.role != .viewer else { return Answers() }
            func leads(_ team: TeamID) -> Bool {
                person.role == .admin || (person.role == .lead && person.teamIDs.contains(team))
            }
            return Answers(ask, providing: leads(ask.toTeamID), asking: leads(ask.fromTeamID))
        }

        /// The full rule, from `Access` (leads of teams above count, as in the API).
        static func of(_ access: Access, _ ask: DependencyAsk) -> Answers {
            guard access.canWrite else { return Answers() }
            return Answers(ask, providing: access.leads(ask.toTeamID), asking: access.leads(ask.fromTeamID))
        }
    }

    /// One ask: what is needed, from or to which team, for what, by when, its state and health as text, the
    /// decline reason or counter-proposal, the initiative it became, and the answers the viewer may give.
    static func item(
        _ page: Page, _ ask: DependencyAsk, team: String, about: String, overdue: Bool, initiative: Initiative?,
        back: String, answers: Answers? = nil, entry: Entry? = nil, other: (id: TeamID, name: String)? = nil,
        _ html: inout HTML
    ) {
        let id = ask.id.rawValue
        var classes = "ask a-\(ask.state.rawValue)"
        if overdue { classes += " overdue" }
        html.element("li", [("class", classes), ("id", "ask-\(id)"), ("data-state", ask.state.rawValue)]) { html in
            html.element("a", [("class", "ask-need"), ("href", Route.ask(.id(ask.id)).path)], text: ask.need)
            html.element("span", [("class", "chip ask-state")], text: MyWeekView.askState(page, ask.state))
            if overdue { html.element("span", [("class", "chip warn overdue")], text: page.t(.askOverdue)) }
            html.element("span", [("class", "muted")]) { html in
                html.text(" ")
                // The other team's name is a link to its page.
                if let other, let range = team.range(of: other.name) {
                    html.text(String(team[..<range.lowerBound]))
                    html.element("a", [("href", Route.team(.id(other.id)).path)], text: other.name)
                    html.text(String(team[range.upperBound...]))
                } else {
                    html.text(team)
                }
                html.text(" · " + about + " · " + page.t(.askDue, ["day": page.day(ask.dueBy)]))
            }
            details(page, ask, initiative: initiative, &html)
            if let changed = entry?.problems["changed"] {
                html.element("p", [("class", "field-error"), ("role", "alert")], text: changed)
            }
            let answers = answers ?? Answers.quick(page.person, ask)
            if answers.any { forms(page, ask, answers: answers, back: back, entry: entry, &html) }
        }
    }

    /// The counter-proposal, the decline reason, the initiative: what each side needs to read.
    static func details(_ page: Page, _ ask: DependencyAsk, initiative: Initiative?, _ html: inout HTML) {
        switch ask.state {
        case .declined:
            if let reason = ask.reason {
                html.element("p", [("class", "ask-reason")]) { html in
                    html.element("strong", text: page.t(.askDeclineReason) + ": ")
                    html.element("q", text: reason)
                }
            }
        case .countered:
            html.element("p", [("class", "ask-counter")]) { html in
                html.element("strong", text: page.t(.askCounterProposal) + ": ")
                if let due = ask.counterDue { html.text(page.t(.askCounterDue, ["day": page.day(due)]) + " ") }
                if let scope = ask.reason { html.element("q", text: scope) }
            }
        case .accepted, .done:
            if let due = ask.counterDue { html.element("p", text: page.t(.askCounterDue, ["day": page.day(due)])) }
            if let scope = ask.reason { html.element("p", [("class", "ask-counter")]) { $0.element("q", text: scope) } }
            if let initiative {
                html.element(
                    "p", [("class", "ask-initiative"), ("id", "initiative-of-\(ask.id.rawValue)")],
                    text: page.t(.askInitiative, ["title": initiative.title.text(page.language)]))
            }
        case .requested:
            break
        }
    }

    static func forms(
        _ page: Page, _ ask: DependencyAsk, answers: Answers, back: String, entry: Entry?, _ html: inout HTML
    ) {
        let id = ask.id.rawValue
        html.element("div", [("class", "ask-actions")]) { html in
            if answers.accept || answers.acceptCounter {
                button(
                    page, ask, action: .acceptAsk(.id(ask.id)), id: "accept-\(id)",
                    label: page.t(answers.acceptCounter ? .askAcceptCounter : .askAccept), back: back, &html)
            }
            if answers.done {
                form(page, ask, action: .doneAsk(.id(ask.id)), back: back, &html) { html in
                    html.open("input", [("type", "hidden"), ("name", "initiative_asked"), ("value", "1")])
                    html.element("label", [("class", "check")]) { html in
                        html.open(
                            "input",
                            [
                                ("type", "checkbox"), ("name", "initiative_done"), ("value", "1"),
                                ("id", "done-initiative-\(id)"), ("checked", ""),
                            ])
                        html.text(" " + page.t(.askDoneInitiativeToo))
                    }
                    html.element(
                        "button", [("type", "submit"), ("id", "done-\(id)"), ("class", "primary")],
                        text: page.t(.askDone))
                }
            }
            if answers.decline {
                let mine = entry?.action == "decline" ? entry : nil
                html.element("details", [("class", "ask-form"), ("open", mine == nil ? nil : "")]) { html in
                    html.element("summary", text: page.t(.askDecline))
                    form(page, ask, action: .declineAsk(.id(ask.id)), back: back, &html) { html in
                        field(
                            "textarea", name: "reason", id: "decline-reason-\(id)", label: page.t(.askDeclineReason),
                            entry: mine, &html)
                        html.element(
                            "button", [("type", "submit"), ("id", "decline-\(id)")], text: page.t(.askDecline))
                    }
                }
            }
            if answers.counter {
                let mine = entry?.action == "counter" ? entry : nil
                html.element("details", [("class", "ask-form"), ("open", mine == nil ? nil : "")]) { html in
                    html.element("summary", text: page.t(.askCounter))
                    form(page, ask, action: .counterAsk(.id(ask.id)), back: back, &html) { html in
                        field(
                            "date", name: "due", id: "counter-due-\(id)", label: page.t(.askCounterDate), entry: mine,
                            &html)
                        field(
                            "textarea", name: "scope", id: "counter-scope-\(id)", label: page.t(.askCounterScope),
                            entry: mine, &html)
                        html.element(
                            "button", [("type", "submit"), ("id", "counter-\(id)")], text: page.t(.askCounter))
                    }
                }
            }
        }
    }

    static func button(
        _ page: Page, _ ask: DependencyAsk, action: Route, id: String, label: String, back: String,
        _ html: inout HTML
    ) {
        form(page, ask, action: action, back: back, &html) { html in
            html.element("button", [("type", "submit"), ("id", id), ("class", "primary")], text: label)
        }
    }

    static func form(
        _ page: Page, _ ask: DependencyAsk, action: Route, back: String, _ html: inout HTML,
        _ body: (inout HTML) -> Void
    ) {
        html.element(
            "form", [("method", "post"), ("action", action.path), ("class", "ask-answer")]
        ) { html in
            Layout.csrfField(page, &html)
            html.open("input", [("type", "hidden"), ("name", "back"), ("value", back)])
            body(&html)
        }
    }

    /// A labelled control with its message next to it and the typed value kept.
    static func field(
        _ kind: String, name: String, id: String, label: String, entry: Entry?, _ html: inout HTML
    ) {
        let problem = entry?.problems[name]
        let value = entry?.fields[name] ?? ""
        let errorID = problem == nil ? nil : id + "-error"
        html.element("div", [("class", problem == nil ? "field" : "field invalid")]) { html in
            html.element("label", [("for", id)], text: label)
            if let problem, let errorID {
                html.element("p", [("class", "field-error"), ("id", errorID)], text: problem)
            }
            let attributes: [(String, String?)] = [
                ("id", id), ("name", name), ("aria-describedby", errorID),
                ("aria-invalid", problem == nil ? nil : "true"),
            ]
            if kind == "textarea" {
                html.element("textarea", attributes + [("rows", "2")], text: value)
            } else {
                html.open("input", attributes + [("type", kind), ("value", value)])
            }
        }
    }
}
