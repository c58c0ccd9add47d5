import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("Writing objectives and their KRs in the browser, with live quality findings")
struct ObjectiveEditorTests {
    /// The editor's form for Marketing with the given KR rows (title, kind, start, target).
    static func form(
        _ csrf: String, title: String = "Khách hàng mới tìm đến Okra qua nội dung hữu ích",
        owner: String = "team:marketing", cycle: String, rows: [(String, String, String, String)]
    ) -> String {
        var pairs = [
            ("csrf", csrf), ("title", title), ("title_en", ""), ("owner", owner), ("kind", "committed"),
            ("visibility", "organization"), ("cycle", cycle),
        ]
        for (n, row) in rows.enumerated() {
            pairs += [
                ("kr-\(n)-title", row.0), ("kr-\(n)-kind", row.1), ("kr-\(n)-unit", "MQL"), ("kr-\(n)-start", row.2),
                ("kr-\(n)-target", row.3), ("kr-\(n)-target_high", ""),
            ]
        }
        for n in rows.count..<5 { pairs += [("kr-\(n)-title", ""), ("kr-\(n)-kind", "increase")] }
        return pairs.map { "\($0.0.formEncoded)=\($0.1.formEncoded)" }.joined(separator: "&")
    }

    static let threeRows = [
        ("Tăng MQL từ blog từ 20 lên 60", "increase", "20", "60"),
        ("Tăng lượt đăng ký bản tin từ 300 lên 900", "increase", "300", "900"),
        ("Giảm chi phí mỗi MQL từ 400.000 xuống 250.000", "decrease", "400.000", "250.000"),
    ]

    static func activeCycle(_ world: TestWorld) async throws -> Cycle {
        try #require(try await world.store.cycles().first { $0.value.state == .active }?.value)
    }

    @Test("The new-objective form has every control of the contract, labelled, with five KR rows")
    func newForm() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (status, html) = try await client.page("/objectives/new", cookies)
            #expect(status == .ok)
            for id in ["title", "title_en", "owner", "kind", "visibility", "cycle"] {
                #expect(html.contains("id=\"\(id)\""), "\(id)")
                #expect(html.contains("<label for=\"\(id)\""), "\(id)")
            }
            for n in 0..<5 {
                for field in ["title", "kind", "unit", "start", "target", "target_high"] {
                    #expect(html.contains("id=\"kr-\(n)-\(field)\""), "kr-\(n)-\(field)")
                }
            }
            #expect(!html.contains("id=\"kr-5-title\""))
            #expect(html.contains("id=\"save-objective\""))
            #expect(html.contains("<section id=\"findings\" aria-live=\"polite\""))
            #expect(html.contains("data-code=\"too_few_key_results\""))
            // A Marketing lead may give it to Marketing, herself or her member, never to the company or Sales.
            #expect(html.contains("value=\"team:marketing\""))
            #expect(html.contains("value=\"person:p-nam\""))
            #expect(!html.contains("value=\"company\""))
            #expect(!html.contains("value=\"team:sales\""))
            #expect(html.contains("value=\"person:p-ha\" selected"))
        }
        try await world.close()
    }

    @Test("Three valid KRs create the objective and its KRs, then 303 to the objective's page")
    func createsObjective() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        let location = try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            return try await client.execute(
                uri: "/objectives/new", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(string: Self.form(cookies.csrf, cycle: cycle.id.rawValue, rows: Self.threeRows))
            ) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
        }
        #expect(location.hasPrefix("/objectives/o-"))
        let id = ObjectiveID(String(location.dropFirst("/objectives/".count)))
        let objective = try #require(try await world.store.objective(id: id)?.value)
        #expect(objective.title.vi == "Khách hàng mới tìm đến Okra qua nội dung hữu ích")
        #expect(objective.owner == .team("marketing"))
        #expect(objective.state == .draft)
        let keyResults = try await world.store.keyResults(objective: id).map(\.value)
        #expect(keyResults.map(\.title.vi) == Self.threeRows.map(\.0))
        // "400.000" typed the Vietnamese way is four hundred thousand.
        #expect(keyResults[2].kind == .decrease)
        #expect(keyResults[2].start == 400_000 && keyResults[2].target == 250_000)
        #expect(keyResults[0].unit == .label("MQL"))
        try await world.close()
    }

    /// The guide's loop from the team's side: the editor offers the company's and the team's objectives as
    /// parents (another team's only when one comes from it), takes a description, two parents with weights and where progress comes
    /// from, and `?parent=` / `?owner=` prefill it from the page one came from.
    @Test("Alignment in the editor: parents offered and prefilled, saved with weights, an unknown parent refused")
    func alignment() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (status, html) = try await client.page(
                "/objectives/new?parent=o-company-growth&owner=team%3Amarketing", cookies)
            #expect(status == .ok)
            for id in ["description", "parent-0", "weight-0", "parent-1", "weight-1", "progress_source"] {
                #expect(html.contains("<label for=\"\(id)\""), "\(id)")
            }
            #expect(html.contains("value=\"objective:o-company-growth\" selected"), "prefilled from ?parent=")
            #expect(html.contains("value=\"team:marketing\" selected"), "prefilled from ?owner=")
            #expect(html.contains("value=\"objective:o-mkt-mql\""), "the team's own objectives are offered")
            #expect(!html.contains("value=\"objective:o-sales-nurture\""), "another team's only when asked for")

            var form = Self.form(cookies.csrf, cycle: cycle.id.rawValue, rows: Self.threeRows)
            form += "&description=" + "Vì sao: khách hàng mới đến từ nội dung".formEncoded
            form += "&parent-0=objective%3Ao-company-growth&weight-0=2&parent-1=objective%3Ao-mkt-mql&weight-1=1%2C5"
            form += "&progress_source=both"
            let location = try await client.execute(
                uri: "/objectives/new", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            let id = ObjectiveID(String(location.dropFirst("/objectives/".count)))
            let objective = try #require(try await world.store.objective(id: id)?.value)
            #expect(objective.description == "Vì sao: khách hàng mới đến từ nội dung")
            #expect(objective.progressSource == .both)
            #expect(
                objective.parents == [
                    try AlignmentLink(to: .objective("o-company-growth"), weight: 2),
                    try AlignmentLink(to: .objective("o-mkt-mql"), weight: Decimal(string: "1.5")!),
                ])
            let (_, edit) = try await client.page(location + "/edit", cookies)
            #expect(edit.contains("value=\"objective:o-mkt-mql\" selected"), "the editor shows the saved parents")

            // A parent that does not exist (or that the person may not see) is refused next to its field.
            var foreign = Self.form(cookies.csrf, cycle: cycle.id.rawValue, rows: Self.threeRows)
            foreign += "&parent-0=objective%3Ao-nowhere&weight-0=1&parent-1=&weight-1=&progress_source=key_results"
            let before = try await world.store.objectives(cycle: cycle.id, owner: nil, state: nil, matching: nil).count
            try await client.execute(
                uri: "/objectives/new", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(string: foreign)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let body = String(buffer: response.body)
                #expect(body.contains("id=\"parent-0-error\""), "the message sits by the parent field")
            }
            let after = try await world.store.objectives(cycle: cycle.id, owner: nil, state: nil, matching: nil).count
            #expect(after == before, "nothing saved")
        }
        try await world.close()
    }

    /// Every page one writes from leads to the editor, prefilled for where one stands; a viewer sees no such link.
    @Test("New objective from My week, the company page, a team page and under an objective; none for a viewer")
    func createFromWhereYouAre() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world).id.rawValue
        try await world.test { client in
            let lead = try await client.signIn("ha@okra.demo")
            let links = [
                ("/", "id=\"new-objective\" href=\"/objectives/new\""),
                ("/company", "id=\"new-objective\" href=\"/objectives/new?cycle=\(cycle)\""),
                (
                    "/teams/marketing",
                    "id=\"new-team-objective\" href=\"/objectives/new?owner=team%3Amarketing&amp;cycle=\(cycle)\""
                ),
                (
                    "/objectives/o-company-growth",
                    "id=\"add-aligned-objective\" href=\"/objectives/new?parent=o-company-growth&amp;cycle=\(cycle)\""
                ),
            ]
            for (path, link) in links {
                let (status, html) = try await client.page(path, lead)
                #expect(status == .ok)
                #expect(html.contains(link), "\(path)")
            }
            let viewer = try await client.signIn("mai@okra.demo")
            for (path, _) in links {
                let (_, html) = try await client.page(path, viewer)
                #expect(!html.contains("href=\"/objectives/new"), "\(path)")
            }
        }
        try await world.close()
    }

    @Test("A KR whose target equals its start saves nothing: the message sits by the field, the input stays")
    func invalidRowSavesNothing() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        let before = try await world.store.objectives(cycle: nil, owner: nil, state: nil, matching: nil).count
        var typed = Self.threeRows
        typed[1] = ("Giữ nguyên lượt đăng ký <b>bản tin</b>", "increase", "300", "300")
        let rows = typed
        let title = "<script>alert(1)</script>"
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            try await client.execute(
                uri: "/objectives/new", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(
                    string: Self.form(cookies.csrf, title: title, cycle: cycle.id.rawValue, rows: rows))
            ) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("id=\"kr-1-target-error\""))
                #expect(html.contains("aria-describedby=\"kr-1-target-error\""))
                #expect(html.contains("mục tiêu phải khác giá trị bắt đầu"))
                // Everything typed is still there, escaped.
                #expect(html.contains("value=\"Giữ nguyên lượt đăng ký &lt;b&gt;bản tin&lt;/b&gt;\""))
                #expect(html.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""))
                #expect(!html.contains("<script>alert(1)</script>"))
                #expect(html.contains("value=\"400.000\""))
                #expect(html.contains("role=\"alert\""))
            }
        }
        #expect(try await world.store.objectives(cycle: nil, owner: nil, state: nil, matching: nil).count == before)
        try await world.close()
    }

    @Test("An owner the caller may not choose is refused next to the owner field")
    func ownerNotAllowed() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        try await world.test { client in
            let cookies = try await client.signIn("nam@okra.demo")
            try await client.execute(
                uri: "/objectives/new", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(
                    string: Self.form(
                        cookies.csrf, owner: "team:marketing", cycle: cycle.id.rawValue, rows: Self.threeRows))
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("id=\"owner-error\""))
            }
        }
        try await world.close()
    }

    @Test("The viewer gets 403 on the editor, for a new objective and an existing one, GET and POST")
    func viewerForbidden() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        try await world.test { client in
            let cookies = try await client.signIn("mai@okra.demo")
            #expect(try await client.page("/objectives/new", cookies).0 == .forbidden)
            #expect(try await client.page("/objectives/o-mkt-mql/edit", cookies).0 == .forbidden)
            for uri in ["/objectives/new", "/objectives/o-mkt-mql/edit"] {
                try await client.execute(
                    uri: uri, method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                    body: ByteBuffer(string: Self.form(cookies.csrf, cycle: cycle.id.rawValue, rows: Self.threeRows))
                ) { response in
                    #expect(response.status == .forbidden, "\(uri)")
                }
            }
            // A member may not edit his team's objective either.
            let member = try await client.signIn("nam@okra.demo")
            #expect(try await client.page("/objectives/o-mkt-mql/edit", member).0 == .forbidden)
        }
        #expect(try await world.store.objective(id: "o-mkt-mql")?.version == 1)
        try await world.close()
    }

    @Test("Editing shows the objective and its KRs, saves a new title, and a stale version keeps the input")
    func editsObjective() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (status, html) = try await client.page("/objectives/o-mkt-mql/edit", cookies)
            #expect(status == .ok)
            #expect(html.contains("value=\"Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn\""))
            #expect(html.contains("value=\"Tăng MQL từ email từ 100 lên 150\""))
            #expect(html.contains("name=\"kr-0-id\" value=\"kr-mkt-email\""))
            #expect(html.contains("id=\"kr-4-title\""))
            let form = try Self.editForm(html, csrf: cookies.csrf, title: "Nhiều MQL hơn từ ba kênh quảng cáo")
            try await client.execute(
                uri: "/objectives/o-mkt-mql/edit", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/objectives/o-mkt-mql")
            }
            // The same form again carries the version it was read at: someone changed it since.
            try await client.execute(
                uri: "/objectives/o-mkt-mql/edit", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(
                    string: try Self.editForm(html, csrf: cookies.csrf, title: "Nhiều MQL hơn nữa từ ba kênh quảng cáo")
                )
            ) { response in
                #expect(response.status == .conflict)
                let html = String(buffer: response.body)
                #expect(html.contains("Ai đó vừa thay đổi mục tiêu này"))
                #expect(html.contains("value=\"Nhiều MQL hơn nữa từ ba kênh quảng cáo\""))
            }
        }
        let objective = try #require(try await world.store.objective(id: "o-mkt-mql")?.value)
        #expect(objective.title.vi == "Nhiều MQL hơn từ ba kênh quảng cáo")
        let email = try #require(try await world.store.keyResult(id: "kr-mkt-email")?.value)
        #expect(email.current == 130)
        #expect(email.target == 150)
        try await world.close()
    }

    /// The edit form as a browser would post it: every named input and selected option of `html`.
    static func editForm(_ html: String, csrf: String, title: String) throws -> String {
        var pairs: [(String, String)] = []
        let inputs = try Regex(#"<input [^>]*name="([^"]+)" value="([^"]*)""#)
        for match in html.matches(of: inputs) {
            let name = String(match.output[1].substring ?? "")
            let value = String(match.output[2].substring ?? "")
            guard name != "back", name != "csrf" else { continue }
            pairs.append((name, name == "title" ? title : unescape(value)))
        }
        let selects = try Regex(#"<select id="([^"]+)"[^>]*>(.*?)</select>"#)
        let selected = try Regex(#"<option value="([^"]*)" selected>"#)
        for match in html.matches(of: selects) {
            let name = String(match.output[1].substring ?? "")
            let options = String(match.output[2].substring ?? "")
            if let chosen = options.firstMatch(of: selected) {
                pairs.append((name, String(chosen.output[1].substring ?? "")))
            }
        }
        pairs.append(("csrf", csrf))
        return pairs.map { "\($0.0.formEncoded)=\($0.1.formEncoded)" }.joined(separator: "&")
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("Typing a second and third KR makes too_few_key_results go away (POST /objectives/check)")
    func liveFindings() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            var codes: [[String]] = []
            for count in 1...3 {
                let form = Self.form(cookies.csrf, cycle: cycle.id.rawValue, rows: Array(Self.threeRows.prefix(count)))
                let html = try await client.execute(
                    uri: "/objectives/check", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                    body: ByteBuffer(string: form)
                ) { response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
                #expect(html.hasPrefix("<section id=\"findings\" aria-live=\"polite\""))
                #expect(!html.contains("<html"))
                codes.append(
                    html.matches(of: try Regex(#"data-code="([a-z_]+)""#)).map {
                        String($0.output[1].substring ?? "")
                    })
            }
            #expect(codes[0].contains("too_few_key_results"))
            // Mission rule 2: two KRs are the least an objective needs.
            #expect(!codes[1].contains("too_few_key_results"))
            #expect(!codes[2].contains("too_few_key_results"))
            // Without the form's token nothing is checked.
            try await client.execute(
                uri: "/objectives/check", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(string: "title=x&csrf=forged")
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
        try await world.close()
    }

    @Test(
        "A range without its upper bound, a condition without its minimum and a word for a number: each answered by its field"
    )
    func rowMessages() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        let before = try await world.store.objectives(cycle: nil, owner: nil, state: nil, matching: nil).count
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            var form = Self.form(
                cookies.csrf, cycle: cycle.id.rawValue,
                rows: [
                    ("Giữ tỷ lệ mở email trong khoảng 30–45%", "range", "", "30"),
                    ("Tăng điểm hài lòng từ 7 lên 9", "increase", "bảy", "9"),
                    ("Điểm khảo sát trung bình ít nhất 8", "at_least", "", "8"),
                ])
            form += "&kr-2-condition_metric=responses"
            try await client.execute(
                uri: "/objectives/new", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("id=\"kr-0-target_high-error\""))
                #expect(html.contains("id=\"kr-1-start-error\""))
                #expect(html.contains("value=\"bảy\""))
                #expect(html.contains("id=\"kr-2-condition_minimum-error\""))
                #expect(!html.contains("id=\"title-error\""))
            }
        }
        #expect(try await world.store.objectives(cycle: nil, owner: nil, state: nil, matching: nil).count == before)
        try await world.close()
    }

    @Test("The editor of an objective takes the same number of queries with 30 more objectives")
    func constantQueries() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        func count() async throws -> Int {
            try await world.test { client in
                let cookies = try await client.signIn("ha@okra.demo")
                // The first request loads the read model; what is counted is a page as it is served after.
                _ = try await client.page("/objectives/o-mkt-mql/edit", cookies)
                let before = world.database.queryCount
                let (status, _) = try await client.page("/objectives/o-mkt-mql/edit", cookies)
                #expect(status == .ok)
                return world.database.queryCount - before
            }
        }
        let small = try await count()
        for n in 0..<30 {
            let id = ObjectiveID("o-extra-\(n)")
            _ = try await world.store.createObjective(
                Objective(
                    id: id, cycleID: cycle.id, title: LocalizedName(vi: "Mục tiêu thêm \(n)"),
                    owner: .team("marketing"), state: .published),
                actor: nil)
            _ = try await world.store.createKeyResult(
                KeyResult(
                    id: KeyResultID("kr-extra-\(n)"), objectiveID: id,
                    title: LocalizedName(vi: "Tăng chỉ số \(n) từ 1 lên 2"), kind: .increase, start: 1, target: 2),
                actor: nil)
        }
        #expect(try await count() == small)
        try await world.close()
    }
}
