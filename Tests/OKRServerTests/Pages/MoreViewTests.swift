import Foundation
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// More views on their own: the settings pages, cycles, the new ask and the KPI pages, each rendered from a model
/// built here (no store, no request) and checked for what it must hold — where its forms post, the CSRF token in
/// each, a refused field's message tied to its control, names escaped, and what only admins see.
@Suite("More views rendered from models")
struct MoreViewTests {
    static let ha = try! Person(
        id: "p-ha", name: "Trần Thị Hà", email: "ha@okra.demo", role: .admin, teamIDs: ["okra"])
    static let nam = try! Person(
        id: "p-nam", name: "Nguyễn Văn Nam", email: "nam@okra.demo", role: .member, teamIDs: ["sales"])

    static func page(_ path: String = "/settings", person: Person? = ha, _ language: Language = .vi) -> Page {
        Page(language: language, person: person, csrfToken: "token-1", path: path)
    }

    /// The CSRF token's hidden input, as every form of a page writes it.
    static let csrf = "name=\"csrf\" value=\"token-1\""

    static let script = "<script>alert(1)</script>"
    static let escapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;"

    /// The company, a department below it and a squad below that (named like an attack), versions 1 to 3.
    static func teams() throws -> [Versioned<Team>] {
        let company = try Team(id: "okra", name: LocalizedName(vi: "Công ty Okra", en: "Okra"), leadIDs: ["p-ha"])
        let sales = try Team(
            id: "sales", name: LocalizedName(vi: "Kinh doanh", en: "Sales"), parentID: "okra", leadIDs: ["p-ha"],
            memberIDs: ["p-nam"])
        let squad = try Team(
            id: "sales-hcm", name: LocalizedName(vi: script), parentID: "sales", memberIDs: ["p-nam"])
        return [
            Versioned(value: company, version: 1), Versioned(value: sales, version: 2),
            Versioned(value: squad, version: 3),
        ]
    }

    /// The opening tag of the element whose id is `id`, e.g. `<input type="date" id="holiday-day" …>`.
    static func tag(_ html: String, id: String) -> String? {
        guard let at = html.range(of: " id=\"\(id)\""),
            let start = html[..<at.lowerBound].lastIndex(of: "<"),
            let end = html[at.upperBound...].firstIndex(of: ">")
        else { return nil }
        return String(html[start...end])
    }

    /// The text right inside the element whose id is `id`, up to its first child tag or its end.
    static func text(_ html: String, id: String) -> String? {
        guard let open = tag(html, id: id), let at = html.range(of: open) else { return nil }
        let rest = html[at.upperBound...]
        return String(rest[..<(rest.firstIndex(of: "<") ?? rest.endIndex)])
    }

    /// The element whose id is `id`, from its opening tag through the first `end` after it (`</tr>`).
    static func part(_ html: String, id: String, through end: String) -> String? {
        guard let open = tag(html, id: id), let at = html.range(of: open),
            let close = html[at.upperBound...].range(of: end)
        else { return nil }
        return String(html[at.lowerBound..<close.upperBound])
    }

    /// The form that posts to `action`, from `<form` through `</form>`.
    static func form(_ html: String, action: String) -> String? {
        guard let at = html.range(of: "action=\"\(action)\""),
            let start = html[..<at.lowerBound].range(of: "<form", options: .backwards),
            let end = html[at.upperBound...].range(of: "</form>")
        else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// Expects the control `id` marked invalid and described by `describedBy` (which names `<id>-error`), and the
    /// element `<id>-error` to read `message`.
    static func expectInvalid(_ html: String, control id: String, describedBy: String, message: String) {
        let control = tag(html, id: id)
        #expect(control?.contains("aria-invalid=\"true\"") == true, "\(id) is marked invalid")
        #expect(control?.contains("aria-describedby=\"\(describedBy)\"") == true, "\(id) points at its message")
        #expect(describedBy.split(separator: " ").contains(Substring(id + "-error")))
        #expect(text(html, id: id + "-error") == HTML.escape(message), "\(id)'s message beside it")
    }

    // MARK: Settings

    @Test("Holidays: admins get the add form and a remove button per own day, the refused day beside its field")
    func holidays() throws {
        let settings = try OrganizationSettings(name: "Công ty Okra", holidays: [Day(iso: "2026-12-24")!])
        let entry = Versioned(value: settings, version: 3)
        let today = Day(iso: "2026-11-27")!
        var model = HolidaysPage(entry: entry, today: today, canChange: true)
        model.day = Self.script
        model.error = "Ngày không hợp lệ"
        let page = Self.page("/settings/holidays")
        let html = HolidaysPageView.render(page, model)
        #expect(html.contains("<h1>\(HTML.escape(page.t(.settingsHolidaysTitle)))</h1>"))
        let add = try #require(Self.form(html, action: Route.holidays.path))
        #expect(add.contains(Self.csrf))
        #expect(add.contains("name=\"version\" value=\"3\""))
        let remove = try #require(Self.form(html, action: Route.removeHoliday.path))
        #expect(remove.contains(Self.csrf))
        #expect(remove.contains("name=\"day\" value=\"2026-12-24\""))
        Self.expectInvalid(
            html, control: "holiday-day", describedBy: "holiday-day-hint holiday-day-error",
            message: "Ngày không hợp lệ")
        // What was typed is kept, escaped.
        #expect(Self.tag(html, id: "holiday-day")?.contains("value=\"\(Self.escapedScript)\"") == true)
        #expect(!html.contains(Self.script))
        // This year's public holidays and next year's.
        #expect(html.contains("id=\"public-2026\"") && html.contains("id=\"public-2027\""))

        // Someone who is not an admin sees the days, and no form.
        let reader = HolidaysPageView.render(page, HolidaysPage(entry: entry, today: today, canChange: false))
        #expect(reader.contains("<li data-day=\"2026-12-24\">"))
        #expect(Self.form(reader, action: Route.holidays.path) == nil)
        #expect(Self.form(reader, action: Route.removeHoliday.path) == nil)
    }

    @Test("Organization settings: admins get one form, a refused number kept beside its field; others read, escaped")
    func organizationSettings() throws {
        let settings = try OrganizationSettings(name: Self.script, checkInDay: .thursday)
        let entry = Versioned(value: settings, version: 7)
        let activation = ActivationGate(requiresAnsweredQuestions: true, requiresAnsweredAsks: false)
        var model = OrganizationSettingsPage(
            entry: entry, gate: PublishGate(), activation: activation, canChange: true, language: .vi)
        model.fields["at_risk"] = "nhiều"
        model.errors["at_risk"] = "Hãy nhập một số"
        let page = Self.page()
        let html = OrganizationSettingsPageView.render(page, model)
        #expect(html.contains("<h1>\(HTML.escape(page.t(.settingsOrganizationTitle)))</h1>"))
        let form = try #require(Self.form(html, action: Route.settings.path))
        #expect(form.contains(Self.csrf))
        #expect(form.contains("name=\"version\" value=\"7\""))
        Self.expectInvalid(
            html, control: "at_risk", describedBy: "at_risk-hint at_risk-error", message: "Hãy nhập một số")
        #expect(Self.tag(html, id: "at_risk")?.contains("value=\"nhiều\"") == true, "what was typed is kept")
        #expect(html.contains(HTML.escape(page.t(.settingsInvalid))))
        #expect(Self.tag(html, id: "name")?.contains("value=\"\(Self.escapedScript)\"") == true)
        #expect(!html.contains(Self.script))
        #expect(Self.tag(html, id: "activation_requires_answered_questions")?.contains(" checked") == true)
        #expect(Self.tag(html, id: "activation_requires_answered_asks")?.contains(" checked") == false)
        #expect(Self.tag(html, id: "check_in_day") != nil)
        #expect(html.contains("<option value=\"thursday\" selected>"))

        // Others read the same values: no form.
        let reader = OrganizationSettingsPageView.render(
            page,
            OrganizationSettingsPage(
                entry: entry, gate: PublishGate(), activation: activation, canChange: false, language: .vi))
        #expect(Self.form(reader, action: Route.settings.path) == nil)
        #expect(reader.contains("id=\"settings-read-only\""))
        #expect(reader.contains("<dd>\(Self.escapedScript)</dd>"))
        #expect(!reader.contains(Self.script))
    }

    @Test("Teams: the tree nested, an edit link and the add form for admins, a refused name beside its field")
    func teamsSettings() throws {
        let teams = try Self.teams()
        var model = TeamsSettingsPage(
            teams: teams, people: [Self.ha, Self.nam], viewer: Self.ha, editing: nil, language: .vi)
        model.form.name = "Marketing \"số\""
        model.errors["name"] = "Tên này đã có"
        let page = Self.page("/settings/teams")
        let html = TeamsSettingsPageView.render(page, model)
        #expect(html.contains("<h1>\(HTML.escape(page.t(.adminTeamsTitle)))</h1>"))
        // Each level inside the one above.
        #expect(html.contains("<ul><li id=\"team-sales\">"))
        #expect(html.contains("<ul><li id=\"team-sales-hcm\">"))
        let company = try #require(html.range(of: "id=\"team-okra\""))
        let sales = try #require(html.range(of: "id=\"team-sales\""))
        let squad = try #require(html.range(of: "id=\"team-sales-hcm\""))
        #expect(company.lowerBound < sales.lowerBound && sales.lowerBound < squad.lowerBound)
        #expect(html.contains("href=\"\(Route.settingsTeam(.id("sales")).path)\""))
        #expect(html.contains(Self.escapedScript) && !html.contains(Self.script))
        let form = try #require(Self.form(html, action: Route.settingsTeams.path))
        #expect(form.contains(Self.csrf))
        // A new team goes below the company unless told otherwise.
        #expect(form.contains("<option value=\"okra\" selected>"))
        Self.expectInvalid(html, control: "name", describedBy: "name-error", message: "Tên này đã có")
        #expect(Self.tag(html, id: "name")?.contains("value=\"Marketing &quot;số&quot;\"") == true)
        #expect(html.contains(HTML.escape(page.t(.adminInvalid))))

        // A member reads the tree: no form, no edit links.
        let reader = TeamsSettingsPageView.render(
            Self.page("/settings/teams", person: Self.nam),
            TeamsSettingsPage(teams: teams, people: [Self.ha, Self.nam], viewer: Self.nam, editing: nil, language: .vi))
        #expect(reader.contains("id=\"team-sales\""))
        #expect(Self.form(reader, action: Route.settingsTeams.path) == nil)
        #expect(!reader.contains("id=\"edit-team-sales\""))
        #expect(reader.contains(HTML.escape(page.t(.adminReadOnly))))
    }

    @Test("A team's editor posts to the team with its version; it cannot be put below itself")
    func teamEditor() throws {
        let teams = try Self.teams()
        let model = TeamsSettingsPage(
            teams: teams, people: [Self.ha, Self.nam], viewer: Self.ha, editing: teams[1], language: .vi)
        let page = Self.page("/settings/teams/sales")
        let html = TeamsSettingsPageView.render(page, model)
        #expect(html.contains("<h1>\(HTML.escape(page.t(.adminEditTeam, ["name": "Kinh doanh"])))</h1>"))
        let form = try #require(Self.form(html, action: Route.settingsTeam(.id("sales")).path))
        #expect(form.contains(Self.csrf))
        #expect(form.contains("name=\"version\" value=\"2\""))
        #expect(form.contains("<option value=\"okra\" selected>"))
        #expect(!form.contains("<option value=\"sales\""), "not its own parent")
        #expect(!form.contains("<option value=\"sales-hcm\""), "nor a team below it")
        #expect(Self.tag(html, id: "name")?.contains("value=\"Kinh doanh\"") == true)
        #expect(Self.tag(html, id: "leads-p-ha")?.contains(" checked") == true)
        #expect(Self.tag(html, id: "members-p-nam")?.contains(" checked") == true)
        #expect(Self.tag(html, id: "members-p-ha")?.contains(" checked") == false)
        #expect(Self.form(html, action: Route.settingsTeams.path) == nil, "no add form on a team's page")
    }

    @Test("People: everyone listed (leavers marked, names escaped), the add form for admins; a password never shown")
    func peopleSettings() throws {
        let left = try Person(
            id: "p-cu", name: "Lê Văn Cũ", email: "cu@okra.demo", teamIDs: ["sales"],
            deactivatedAt: Date(timeIntervalSince1970: 1_790_000_000))
        let odd = try Person(id: "p-x", name: Self.script, email: "x@okra.demo", role: .viewer, language: .en)
        let teams = try Self.teams().map(\.value)
        var model = PeopleSettingsPage(
            people: [Self.ha, Self.nam, left, odd], teams: teams, viewer: Self.ha, editing: nil, language: .vi)
        model.form.name = "Nguyễn Văn Nam"
        model.form.email = "nam@okra.demo"
        model.form.password = "mat-khau-moi-123"
        model.errors["email"] = "Email này đã có người dùng"
        let page = Self.page("/settings/people")
        let html = PeopleSettingsPageView.render(page, model)
        #expect(html.contains("<h1>\(HTML.escape(page.t(.adminPeopleTitle)))</h1>"))
        #expect(Self.tag(html, id: "person-p-cu")?.contains("class=\"deactivated\"") == true)
        #expect(Self.tag(html, id: "person-p-nam")?.contains("class=\"deactivated\"") == false)
        #expect(html.contains("href=\"\(Route.settingsPerson(.id("p-nam")).path)\""))
        #expect(html.contains(Self.escapedScript) && !html.contains(Self.script))
        #expect(Self.part(html, id: "person-p-ha", through: "</tr>")?.contains("data-role=\"admin\"") == true)
        let form = try #require(Self.form(html, action: Route.settingsPeople.path))
        #expect(form.contains(Self.csrf))
        Self.expectInvalid(html, control: "email", describedBy: "email-error", message: "Email này đã có người dùng")
        #expect(Self.tag(html, id: "email")?.contains("value=\"nam@okra.demo\"") == true, "what was typed is kept")
        #expect(!html.contains("mat-khau-moi-123"), "a password is never written back")

        // A member reads the list: no form, no edit links.
        let reader = PeopleSettingsPageView.render(
            Self.page("/settings/people", person: Self.nam),
            PeopleSettingsPage(
                people: [Self.ha, Self.nam, left, odd], teams: teams, viewer: Self.nam, editing: nil, language: .vi))
        #expect(reader.contains("id=\"person-p-nam\""))
        #expect(Self.form(reader, action: Route.settingsPeople.path) == nil)
        #expect(!reader.contains("id=\"edit-person-p-nam\""))
        #expect(reader.contains(HTML.escape(page.t(.adminReadOnly))))
    }

    @Test("A person's editor: their form, a reset link and hand-over to someone else; oneself needs the password")
    func personEditor() throws {
        let left = try Person(
            id: "p-cu", name: "Lê Văn Cũ", email: "cu@okra.demo", teamIDs: ["sales"],
            deactivatedAt: Date(timeIntervalSince1970: 1_790_000_000))
        let people = [Self.ha, Self.nam, left]
        let teams = try Self.teams().map(\.value)
        let page = Self.page("/settings/people/p-nam")
        func render(_ person: Person) -> String {
            PeopleSettingsPageView.render(
                page,
                PeopleSettingsPage(
                    people: people, teams: teams, viewer: Self.ha, editing: Versioned(value: person, version: 5),
                    language: .vi))
        }

        let html = render(Self.nam)
        #expect(html.contains("<h1>\(HTML.escape(page.t(.adminEditPerson, ["name": "Nguyễn Văn Nam"])))</h1>"))
        let form = try #require(Self.form(html, action: Route.settingsPerson(.id("p-nam")).path))
        #expect(form.contains(Self.csrf))
        #expect(form.contains("name=\"version\" value=\"5\""))
        #expect(Self.tag(html, id: "email")?.contains("value=\"nam@okra.demo\"") == true)
        #expect(Self.tag(html, id: "teams-sales")?.contains(" checked") == true)
        #expect(Self.tag(html, id: "current_password") == nil, "an admin changing someone else")
        let reset = try #require(Self.form(html, action: Route.resetLink(.id("p-nam")).path))
        #expect(reset.contains(Self.csrf))
        let leaving = try #require(Self.form(html, action: Route.deactivatePerson(.id("p-nam")).path))
        #expect(leaving.contains(Self.csrf))
        #expect(leaving.contains("<option value=\"p-ha\""), "handed over to someone still here")
        #expect(!leaving.contains("<option value=\"p-nam\""), "not to the one leaving")
        #expect(!leaving.contains("<option value=\"p-cu\""), "nor to one who left")

        // Oneself: the current password is asked for; no reset link, no leaving.
        let own = render(Self.ha)
        #expect(Self.tag(own, id: "current_password") != nil)
        #expect(Self.form(own, action: Route.resetLink(.id("p-ha")).path) == nil)
        #expect(Self.form(own, action: Route.deactivatePerson(.id("p-ha")).path) == nil)

        // Someone who left: brought back, not deactivated again.
        let gone = render(left)
        #expect(Self.form(gone, action: Route.reactivatePerson(.id("p-cu")).path)?.contains(Self.csrf) == true)
        #expect(Self.form(gone, action: Route.deactivatePerson(.id("p-cu")).path) == nil)
        #expect(Self.form(gone, action: Route.resetLink(.id("p-cu")).path) == nil)
    }

    @Test("SCIM: the URL to give, a new token's secret once, revoke only while it works, a refused name by its field")
    func scimSettings() throws {
        let made = Date(timeIntervalSince1970: 1_795_000_000)
        let live = SCIMDirectory(id: "scim-1", name: "Entra <ID>", createdAt: made, revokedAt: nil)
        let old = SCIMDirectory(
            id: "scim-0", name: "Okta cũ", createdAt: made.addingTimeInterval(-86_400 * 30),
            revokedAt: made.addingTimeInterval(-86_400))
        var model = SCIMSettingsPage(
            directories: [old, live], baseURL: "https://okr.okra.demo/scim/v2", timeZone: "Asia/Ho_Chi_Minh")
        model.created = SCIMSettingsPage.Created(secret: "okra_scim_secret_456", directory: live)
        model.name = "Google \"Workspace\""
        model.error = "Hãy đặt tên cho thư mục"
        let page = Self.page("/settings/scim")
        let html = SCIMSettingsPageView.render(page, model)
        #expect(html.contains("<h1>\(HTML.escape(page.t(.scimTitle)))</h1>"))
        #expect(html.contains("<code>https://okr.okra.demo/scim/v2</code>"))
        #expect(html.components(separatedBy: "okra_scim_secret_456").count == 2, "the secret once")
        let revoke = try #require(Self.form(html, action: Route.revokeDirectory(.id("scim-1")).path))
        #expect(revoke.contains(Self.csrf))
        #expect(Self.form(html, action: Route.revokeDirectory(.id("scim-0")).path) == nil, "revoked already")
        #expect(Self.tag(html, id: "scim-scim-0")?.contains("class=\"revoked\"") == true)
        #expect(html.contains("Entra &lt;ID&gt;") && !html.contains("Entra <ID>"))
        // Newest first.
        let first = try #require(html.range(of: "id=\"scim-scim-1\""))
        let second = try #require(html.range(of: "id=\"scim-scim-0\""))
        #expect(first.lowerBound < second.lowerBound)
        let form = try #require(Self.form(html, action: Route.scim.path))
        #expect(form.contains(Self.csrf))
        Self.expectInvalid(
            html, control: "name", describedBy: "name-hint name-error", message: "Hãy đặt tên cho thư mục")
        #expect(Self.tag(html, id: "name")?.contains("value=\"Google &quot;Workspace&quot;\"") == true)
    }

    @Test("Webhooks: toggle and delete forms per subscription, the add form with its messages, deliveries escaped")
    func webhooksSettings() throws {
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        let live = try WebhookSubscription(
            id: "wh-1", url: "https://hooks.okra.demo/okr?a=1&b=2", events: [.cycleClosed, .checkInCreated],
            createdAt: at)
        let paused = try WebhookSubscription(
            id: "wh-2", url: "https://chat.okra.demo/hook", events: [.askCreated], active: false, createdAt: at)
        let attempts = [
            WebhookAttempt(
                id: "a-2", jobID: "j-2", subscriptionID: "wh-2", event: .askCreated, attempt: 3,
                at: at.addingTimeInterval(120), statusCode: nil, error: "<b>hết thời gian</b>",
                durationMilliseconds: 10_000, outcome: .gaveUp),
            WebhookAttempt(
                id: "a-1", jobID: "j-1", subscriptionID: "wh-1", event: .checkInCreated, attempt: 1,
                at: at.addingTimeInterval(60), statusCode: 200, error: nil, durationMilliseconds: 80,
                outcome: .delivered),
        ]
        var model = WebhooksSettingsPage(
            webhooks: [Versioned(value: live, version: 2), Versioned(value: paused, version: 5)], attempts: attempts,
            timeZone: "Asia/Ho_Chi_Minh")
        model.form = WebhooksSettingsPage.Form(url: "ftp://sai", events: ["cycle.closed"])
        model.errors = ["url": "Địa chỉ không hợp lệ", "events": "Hãy chọn ít nhất một sự kiện"]
        model.created = WebhooksSettingsPage.Created(secret: "whsec_789", webhook: live)
        let page = Self.page("/settings/webhooks")
        let html = WebhooksSettingsPageView.render(page, model)
        #expect(html.contains("<h1>\(HTML.escape(page.t(.webhooksTitle)))</h1>"))
        #expect(html.components(separatedBy: "whsec_789").count == 2, "the secret once")
        // An active one is deactivated, an inactive one activated, each at the version shown.
        let pause = try #require(Self.form(html, action: Route.webhookActive(.id("wh-1")).path))
        #expect(pause.contains(Self.csrf))
        #expect(pause.contains("name=\"version\" value=\"2\"") && pause.contains("name=\"active\" value=\"0\""))
        let resume = try #require(Self.form(html, action: Route.webhookActive(.id("wh-2")).path))
        #expect(resume.contains("name=\"version\" value=\"5\"") && resume.contains("name=\"active\" value=\"1\""))
        #expect(Self.form(html, action: Route.deleteWebhook(.id("wh-1")).path)?.contains(Self.csrf) == true)
        #expect(Self.form(html, action: Route.deleteWebhook(.id("wh-2")).path)?.contains(Self.csrf) == true)
        #expect(Self.tag(html, id: "webhook-wh-2")?.contains("class=\"revoked\"") == true)
        #expect(html.contains("https://hooks.okra.demo/okr?a=1&amp;b=2") && !html.contains("a=1&b=2"))
        // The add form, with its messages by the URL and by the events.
        let form = try #require(Self.form(html, action: Route.webhooks.path))
        #expect(form.contains(Self.csrf))
        Self.expectInvalid(html, control: "url", describedBy: "url-hint url-error", message: "Địa chỉ không hợp lệ")
        #expect(Self.tag(html, id: "url")?.contains("value=\"ftp://sai\"") == true)
        #expect(Self.tag(html, id: "events")?.contains("aria-describedby=\"events-error\"") == true)
        #expect(Self.text(html, id: "events-error") == "Hãy chọn ít nhất một sự kiện")
        #expect(Self.tag(html, id: "events-cycle.closed")?.contains(" checked") == true)
        #expect(Self.tag(html, id: "events-ask.created")?.contains(" checked") == false)
        // Deliveries: the outcome and the error, escaped.
        #expect(Self.tag(html, id: "attempt-a-2")?.contains("data-outcome=\"gave_up\"") == true)
        #expect(html.contains("&lt;b&gt;hết thời gian&lt;/b&gt;") && !html.contains("<b>hết thời gian</b>"))
        #expect(html.contains("<td>HTTP 200</td>"))
    }

    @Test("Reminders: the schedule, the test e-mail only when SMTP is set (never its password), the chat form")
    func remindersSettings() throws {
        let settings = try OrganizationSettings(name: "Công ty Okra", checkInDay: .thursday, checkInTime: "16:30")
        let smtp = SMTPConfiguration(
            host: "smtp.okra.demo", port: 587, username: "okra", password: "mat-khau-smtp", from: "okra@okra.demo",
            startTLS: true)
        var model = RemindersSettingsPage(settings: settings, smtp: smtp, webhook: "https://chat.okra.demo/x?\"a\"")
        model.webhookError = "Đây không phải địa chỉ webhook"
        let page = Self.page("/settings/reminders")
        let html = RemindersSettingsPageView.render(page, model)
        #expect(html.contains("<h1>\(HTML.escape(page.t(.remindersTitle)))</h1>"))
        let schedule = try #require(Self.text(html, id: "reminder-schedule"))
        #expect(schedule.contains("16:30") && schedule.contains("Asia/Ho_Chi_Minh"))
        #expect(Self.tag(html, id: "smtp-status")?.contains("data-configured=\"true\"") == true)
        #expect(html.contains("smtp.okra.demo"))
        #expect(!html.contains("mat-khau-smtp"), "the SMTP password is never shown")
        #expect(Self.form(html, action: Route.testEmail.path)?.contains(Self.csrf) == true)
        let chat = try #require(Self.form(html, action: Route.reminders.path))
        #expect(chat.contains(Self.csrf))
        Self.expectInvalid(
            html, control: "chat-webhook", describedBy: "chat-webhook-hint chat-webhook-error",
            message: "Đây không phải địa chỉ webhook")
        #expect(
            Self.tag(html, id: "chat-webhook")?.contains("value=\"https://chat.okra.demo/x?&quot;a&quot;\"") == true)

        // No e-mail configured: said so, and nothing to test.
        let bare = RemindersSettingsPageView.render(page, RemindersSettingsPage(settings: nil, smtp: nil, webhook: ""))
        #expect(Self.tag(bare, id: "smtp-status")?.contains("data-configured=\"false\"") == true)
        #expect(Self.form(bare, action: Route.testEmail.path) == nil)
        #expect(Self.tag(bare, id: "reminder-schedule") == nil)
        #expect(Self.tag(bare, id: "chat-webhook")?.contains("aria-invalid") == false)
    }

    // MARK: Cycles, asks, KPIs

    @Test("Cycles: grouped planning, active, closed; the active one's days left; the plan form for admins only")
    func cycles() throws {
        let today = Day(iso: "2026-11-27")!
        let q4 = try Cycle(
            id: "2026-q4", name: "Quý 4 <2026>", start: Day(iso: "2026-10-01")!, end: Day(iso: "2026-12-31")!,
            state: .active)
        let q1 = try Cycle(
            id: "2027-q1", name: "Quý 1 2027", start: Day(iso: "2027-01-01")!, end: Day(iso: "2027-03-31")!)
        let expected = ExpectedProgress.at(today, in: q4, calendar: WorkingCalendar())
        let groups = [
            CyclesPage.Group(
                state: .planning, rows: [CyclesPage.Row(cycle: q1, objectives: 0, daysLeft: nil, expected: nil)]),
            CyclesPage.Group(
                state: .active, rows: [CyclesPage.Row(cycle: q4, objectives: 12, daysLeft: 34, expected: expected)]),
            CyclesPage.Group(state: .closed, rows: []),
        ]
        var model = CyclesPage(groups: groups, today: today, canPlan: true)
        model.form = CyclesPage.Form(
            fields: ["name": "Quý 2 \"2027\"", "start": "2027-04-01", "end": "hôm qua"],
            errors: ["end": "Ngày không hợp lệ"])
        let page = Self.page("/cycles")
        let html = CyclesPageView.render(page, model)
        #expect(html.contains("<h1>\(HTML.escape(page.t(.cyclesTitle)))</h1>"))
        let planning = try #require(html.range(of: "id=\"cycles-planning\""))
        let active = try #require(html.range(of: "id=\"cycles-active\""))
        let closed = try #require(html.range(of: "id=\"cycles-closed\""))
        #expect(planning.lowerBound < active.lowerBound && active.lowerBound < closed.lowerBound)
        #expect(html.contains("href=\"\(Route.cycle(.id("2026-q4")).path)\""))
        #expect(html.contains("Quý 4 &lt;2026&gt;") && !html.contains("Quý 4 <2026>"))
        #expect(html.contains(HTML.escape(page.t(.cyclesDaysLeft, ["days": "34"]))))
        #expect(html.contains(HTML.escape(page.t(.cyclesNone))), "the closed group is empty")
        let form = try #require(Self.form(html, action: Route.cycles.path))
        #expect(form.contains(Self.csrf))
        Self.expectInvalid(html, control: "end", describedBy: "end-hint end-error", message: "Ngày không hợp lệ")
        #expect(Self.tag(html, id: "end")?.contains("value=\"hôm qua\"") == true)
        #expect(Self.tag(html, id: "name")?.contains("value=\"Quý 2 &quot;2027&quot;\"") == true)
        #expect(html.contains(HTML.escape(page.t(.cyclesInvalid))))

        let reader = CyclesPageView.render(
            Self.page("/cycles", person: Self.nam), CyclesPage(groups: groups, today: today, canPlan: false))
        #expect(Self.form(reader, action: Route.cycles.path) == nil)
        #expect(reader.contains(HTML.escape(page.t(.cyclesReadOnly))))
    }

    @Test("A new ask posts to the asks, keeps what was typed (escaped), and says beside the day why it was refused")
    func newAsk() throws {
        let sales = try Team(id: "sales", name: LocalizedName(vi: "Kinh doanh"), parentID: "okra")
        let marketing = try Team(id: "marketing", name: LocalizedName(vi: "Marketing"), parentID: "okra")
        let choices = [
            NewAskPage.Choice(
                value: "objective:o-sales", label: "Tăng doanh thu <Q4>", objectiveID: "o-sales", keyResultID: nil),
            NewAskPage.Choice(
                value: "key_result:kr-sales-1", label: "— 120 khách hàng mới", objectiveID: "o-sales",
                keyResultID: "kr-sales-1"),
        ]
        var model = NewAskPage(
            askingTeams: [sales], teams: [marketing, sales], choices: choices,
            entry: NewAskPage.Entry(
                about: "key_result:kr-sales-1", from: "sales", to: "marketing", need: Self.script, due: "31/12"))
        model.problems = [.due: "Hãy nhập ngày dạng YYYY-MM-DD"]
        let page = Self.page("/asks/new", person: Self.nam)
        let html = NewAskPageView.render(page, model)
        #expect(html.contains("<h1>\(HTML.escape(page.t(.askNewTitle)))</h1>"))
        let form = try #require(Self.form(html, action: Route.asks.path))
        #expect(form.contains(Self.csrf))
        #expect(Self.form(html, action: Route.newAsk.path) == nil)
        #expect(form.contains("<option value=\"key_result:kr-sales-1\" selected>"))
        #expect(form.contains("<option value=\"marketing\" selected>"))
        // The one team asking is offered to ask from, not to be asked.
        #expect(form.components(separatedBy: "<option value=\"sales\"").count == 2)
        #expect(html.contains("Tăng doanh thu &lt;Q4&gt;"))
        #expect(html.contains("\(Self.escapedScript)</textarea>") && !html.contains(Self.script))
        Self.expectInvalid(
            html, control: "ask-due", describedBy: "ask-due-error", message: "Hãy nhập ngày dạng YYYY-MM-DD")
        #expect(Self.tag(html, id: "ask-due")?.contains("value=\"31/12\"") == true)
        #expect(Self.tag(html, id: "ask-need")?.contains("aria-invalid") == false)
    }

    static func revenue() throws -> KPI {
        try KPI(
            id: "kpi-revenue", name: LocalizedName(vi: "Doanh thu tháng <VND>"), unit: .number,
            direction: .higherIsBetter, healthy: 100, unhealthy: 80, ownerTeamID: "sales")
    }

    @Test("KPIs: each with its owner, latest value and health, names escaped; the new-KPI link for who may define")
    func kpiList() throws {
        let sales = try Team(id: "sales", name: LocalizedName(vi: "Kinh doanh"), parentID: "okra")
        let churn = try KPI(
            id: "kpi-churn", name: LocalizedName(vi: "Tỷ lệ rời bỏ"), unit: .percent, direction: .lowerIsBetter,
            healthy: Decimal(string: "0.02")!, unhealthy: Decimal(string: "0.05")!)
        let latest = try KPIValue(kpiID: "kpi-revenue", day: Day(iso: "2026-11-20")!, value: 105)
        let kpi = try Self.revenue()
        let rows = [
            KPIList.Row(kpi: kpi, owner: sales, latest: latest),
            KPIList.Row(kpi: churn, owner: nil, latest: nil),
        ]
        let page = Self.page("/kpis", person: Self.ha)
        let html = KPIPagesView.list(page, KPIList(rows: rows, mayDefine: true))
        #expect(html.contains("<h1>\(HTML.escape(page.t(.kpiTitle)))</h1>"))
        #expect(Self.tag(html, id: "new-kpi")?.contains("href=\"\(Route.newKPI.path)\"") == true)
        let revenue = try #require(Self.part(html, id: "kpi-kpi-revenue", through: "</tr>"))
        #expect(revenue.contains("href=\"\(Route.kpi(.id("kpi-revenue")).path)\""))
        #expect(revenue.contains("href=\"\(Route.team(.id("sales")).path)\""))
        #expect(revenue.contains("data-health=\"healthy\""))
        #expect(revenue.contains("Doanh thu tháng &lt;VND&gt;") && !html.contains("Doanh thu tháng <VND>"))
        let churnRow = try #require(Self.part(html, id: "kpi-kpi-churn", through: "</tr>"))
        #expect(churnRow.contains(HTML.escape(page.t(.kpiNoValue))))
        #expect(churnRow.contains(HTML.escape(page.t(.kpiNoOwner))))
        #expect(!churnRow.contains("data-health"))

        let reader = KPIPagesView.list(Self.page("/kpis", person: Self.nam), KPIList(rows: rows, mayDefine: false))
        #expect(Self.tag(reader, id: "new-kpi") == nil)
        #expect(reader.contains("id=\"kpi-kpi-revenue\""))
    }

    @Test("One KPI: the edit link and the value form (refused value beside its field) only for who may use them")
    func kpiDetail() throws {
        let sales = try Team(id: "sales", name: LocalizedName(vi: "Kinh doanh"), parentID: "okra")
        let kpi = try Self.revenue()
        let first = try KPIValue(kpiID: "kpi-revenue", day: Day(iso: "2026-10-31")!, value: 90)
        let second = try KPIValue(kpiID: "kpi-revenue", day: Day(iso: "2026-11-20")!, value: 105)
        let values = [first, second]
        let entry = Versioned(value: kpi, version: 4)
        var model = KPIDetail(
            kpi: entry, owner: sales, values: values, feeds: [], mayEdit: true, mayRecord: true,
            today: Day(iso: "2026-11-27")!)
        model.typed = ["value": "một trăm"]
        model.errors = ["value": "Giá trị phải là một số"]
        let page = Self.page("/kpis/kpi-revenue")
        let html = KPIPagesView.detail(page, model)
        #expect(html.contains("<h1>Doanh thu tháng &lt;VND&gt;</h1>"))
        #expect(!html.contains("Doanh thu tháng <VND>"))
        #expect(Self.tag(html, id: "edit-kpi")?.contains("href=\"\(Route.editKPI(.id("kpi-revenue")).path)\"") == true)
        let form = try #require(Self.form(html, action: Route.kpiValues(.id("kpi-revenue")).path))
        #expect(form.contains(Self.csrf))
        #expect(Self.tag(html, id: "kpi-day")?.contains("value=\"2026-11-27\"") == true, "today unless typed")
        #expect(Self.tag(html, id: "kpi-value")?.contains("value=\"một trăm\"") == true, "what was typed is kept")
        Self.expectInvalid(
            html, control: "kpi-value", describedBy: "kpi-value-error", message: "Giá trị phải là một số")
        #expect(html.contains("class=\"kpi-chart\""))
        #expect(html.contains(HTML.escape(page.t(.kpiFeedsNone))))

        let reader = KPIPagesView.detail(
            Self.page("/kpis/kpi-revenue", person: Self.nam),
            KPIDetail(
                kpi: entry, owner: sales, values: values, feeds: [], mayEdit: false, mayRecord: false,
                today: Day(iso: "2026-11-27")!))
        #expect(Self.form(reader, action: Route.kpiValues(.id("kpi-revenue")).path) == nil)
        #expect(Self.tag(reader, id: "edit-kpi") == nil)
        #expect(reader.contains("class=\"kpi-chart\""), "the values are there to read")
    }

    @Test("The KPI form: a new one posts to new, a change to its KPI with the version; messages beside the fields")
    func kpiForm() throws {
        let owners: [(value: String, label: String)] = [("", "—"), ("sales", "Kinh doanh")]
        var form = KPIForm(
            fields: [
                "name": "Doanh thu <tháng>", "unit": "VND", "direction": "higher_is_better", "healthy": "nhiều",
                "unhealthy": "80", "owner": "sales",
            ], editing: nil, owners: owners)
        form.errors = ["healthy": "Hãy nhập một số"]
        let page = Self.page("/kpis/new")
        let html = KPIPagesView.form(page, form)
        #expect(html.contains("<h1>\(HTML.escape(page.t(.kpiNew)))</h1>"))
        let posted = try #require(Self.form(html, action: Route.newKPI.path))
        #expect(posted.contains(Self.csrf))
        #expect(!posted.contains("name=\"version\""), "a new KPI has no version")
        Self.expectInvalid(
            html, control: "healthy", describedBy: "healthy-hint healthy-error", message: "Hãy nhập một số")
        #expect(Self.tag(html, id: "name")?.contains("value=\"Doanh thu &lt;tháng&gt;\"") == true)
        #expect(posted.contains("<option value=\"sales\" selected>"))
        #expect(html.contains(HTML.escape(page.t(.editorInvalid))))

        let kpi = try Self.revenue()
        let entry = Versioned(value: kpi, version: 4)
        let editing = KPIForm(fields: KPIForm.fields(of: entry, .vi), editing: entry, owners: owners)
        let changed = KPIPagesView.form(Self.page("/kpis/kpi-revenue/edit"), editing)
        #expect(changed.contains("<h1>\(HTML.escape(page.t(.kpiEdit)))</h1>"))
        let edit = try #require(Self.form(changed, action: Route.editKPI(.id("kpi-revenue")).path))
        #expect(edit.contains(Self.csrf))
        #expect(edit.contains("name=\"version\" value=\"4\""))
        #expect(Self.tag(changed, id: "healthy")?.contains("aria-invalid") == false)
    }
}
