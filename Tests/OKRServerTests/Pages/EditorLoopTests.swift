import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

/// The guide's loop in the editor alone: a team writes its objective, aligns it, gives every KR its initiative
/// and publishes it, with the findings beside the fields they are about and the long lists searched.
@Suite("The editor drives and publishes: initiatives per KR, save and publish, findings beside fields, searches")
struct EditorLoopTests {
    static let salesKeyResults = [
        ("Tăng tỉ lệ chuyển đổi từ dùng thử sang trả phí từ 20% lên 35%", "20", "35"),
        ("Tăng tỉ lệ mở email chăm sóc từ 14% lên 45%", "14", "45"),
        ("Đạt điểm hài lòng trung bình 8/10 trong khảo sát khách hàng", "6", "8"),
    ]

    /// The guide's Sales objective for Sales, aligned to the company's, with `initiatives[n]` typed under KR n
    /// (nil: none) and the fields in `extra`.
    static func salesForm(
        _ csrf: String, cycle: String, initiatives: [String?], extra: [(String, String)] = []
    ) -> String {
        var pairs = [
            ("csrf", csrf), ("title", "Cá nhân hóa cách tiếp cận bán hàng cho khách dùng thử"), ("title_en", ""),
            ("owner", "team:sales"), ("kind", "committed"), ("visibility", "organization"), ("cycle", cycle),
            ("description", ""), ("parent-0", "objective:o-company-growth"), ("weight-0", "1"), ("parent-1", ""),
            ("weight-1", ""), ("progress_source", "key_results"),
        ]
        for (n, kr) in salesKeyResults.enumerated() {
            pairs += [
                ("kr-\(n)-title", kr.0), ("kr-\(n)-kind", "increase"), ("kr-\(n)-unit", "percent"),
                ("kr-\(n)-start", kr.1), ("kr-\(n)-target", kr.2), ("kr-\(n)-target_high", ""),
                ("kr-\(n)-init-0-title", initiatives[n] ?? ""), ("kr-\(n)-init-0-state", "planned"),
                ("kr-\(n)-init-0-link", ""),
            ]
        }
        for n in salesKeyResults.count..<5 { pairs += [("kr-\(n)-title", ""), ("kr-\(n)-kind", "increase")] }
        return (pairs + extra).map { "\($0.0.formEncoded)=\($0.1.formEncoded)" }.joined(separator: "&")
    }

    static func post(
        _ client: some TestClientProtocol, _ uri: String, _ form: String, _ cookies: BrowserCookies
    ) async throws -> (HTTPResponse.Status, location: String, body: String) {
        try await client.execute(
            uri: uri, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.header],
            body: ByteBuffer(string: form)
        ) { response in
            (response.status, response.headers[.location] ?? "", String(buffer: response.body))
        }
    }

    static func activeCycle(_ world: TestWorld) async throws -> String {
        try #require(try await world.store.cycles().first { $0.value.state == .active }?.value.id.rawValue)
    }

    @Test("Save and publish: the objective, its KRs and one initiative per KR are written and it is published")
    func saveAndPublish() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        try await world.test { client in
            let lead = try await client.signIn("bao@okra.demo")
            let (_, html) = try await client.page("/objectives/new", lead)
            #expect(html.contains("id=\"save-then-published\""), "a lead may publish from the editor")
            #expect(html.contains("id=\"kr-0-init-0-title\""), "every KR row takes its initiatives")
            let form = Self.salesForm(
                lead.csrf, cycle: cycle,
                initiatives: ["Kịch bản gọi theo ngành", "Cá nhân hóa tiêu đề email", "Gọi lại sau 7 ngày dùng thử"],
                extra: [("then", "published"), ("kr-1-owner", "person:p-lan")])
            let (status, location, _) = try await Self.post(client, "/objectives/new", form, lead)
            #expect(status == .seeOther)
            #expect(location.hasSuffix("#workflow"))
            let id = ObjectiveID(String(location.dropFirst("/objectives/".count).prefix { $0 != "#" }))
            let objective = try #require(try await world.store.objective(id: id)?.value)
            #expect(objective.state == .published)
            #expect(objective.parents.map(\.target) == [.objective("o-company-growth")])
            let keyResults = try await world.store.keyResults(objective: id).map(\.value)
            #expect(keyResults.count == 3)
            for (n, keyResult) in keyResults.enumerated() {
                let initiatives = try await world.store.initiatives(keyResult: keyResult.id).map(\.value)
                #expect(initiatives.count == 1, "KR \(n)")
                #expect(initiatives.first?.state == .planned)
                #expect(
                    initiatives.first?.owner == (n == 1 ? .person("p-lan") : .team("sales")),
                    "owned by who answers for the KR")
            }
            #expect(
                try await world.store.initiatives(keyResult: keyResults[2].id).first?.value.title.vi
                    == "Gọi lại sau 7 ngày dùng thử")
            #expect(keyResults.map(\.owner) == [nil, .person("p-lan"), nil], "Lan answers for the open rate")
        }
        try await world.close()
    }

    @Test("Every action says what happened, once: a flash on the page it leads to, gone on the next")
    func flashSaysOnce() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        try await world.test { client in
            var lead = try await client.signIn("bao@okra.demo")
            let form = Self.salesForm(
                lead.csrf, cycle: cycle, initiatives: ["A", "B", "C"], extra: [("then", "published")])
            let location = try await client.execute(
                uri: "/objectives/new", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: lead.header],
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.headers[HTTPField.Name("X-Okra-Flash")!] == nil, "the marker stays inside")
                #expect(
                    response.headers[values: .setCookie].contains { $0.hasPrefix("okra_flash=objective_published") })
                lead.merge(response)
                return response.headers[.location] ?? ""
            }
            let page = String(location.prefix { $0 != "#" })
            let first = try await client.execute(uri: page, method: .get, headers: [.cookie: lead.header]) {
                response in
                lead.merge(response)
                return String(buffer: response.body)
            }
            #expect(first.contains("id=\"flash\""))
            #expect(first.contains("Đã lưu và công bố mục tiêu"))
            let (_, again) = try await client.page(page, lead)
            #expect(!again.contains("id=\"flash\""), "said once")
            // A flash cookie naming no known case says nothing.
            var forged = lead
            forged.values["okra_flash"] = "%3Cscript%3E"
            let (_, forgedPage) = try await client.page(page, forged)
            #expect(!forgedPage.contains("id=\"flash\""))
        }
        try await world.close()
    }

    @Test("Save and publish with a KR without initiative saves, stays a draft and links the reason to its field")
    func publishBlockedLinksToField() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        try await world.test { client in
            let lead = try await client.signIn("bao@okra.demo")
            let form = Self.salesForm(
                lead.csrf, cycle: cycle, initiatives: ["Kịch bản gọi theo ngành", nil, "Gọi lại sau 7 ngày"],
                extra: [("then", "published")])
            let (status, location, _) = try await Self.post(client, "/objectives/new", form, lead)
            #expect(status == .seeOther)
            #expect(location.hasSuffix("/edit?publish=published"))
            let id = ObjectiveID(String(location.dropFirst("/objectives/".count).prefix { $0 != "/" }))
            #expect(try await world.store.objective(id: id)?.value.state == .draft, "saved, not published")
            let (_, html) = try await client.page(location, lead)
            #expect(html.contains("id=\"publish-blocked\""))
            #expect(html.contains("href=\"#kr-1-init-0-title\""), "the reason leads to the empty initiative")
            #expect(html.contains("value=\"Kịch bản gọi theo ngành\""), "saved initiatives show in their rows")
        }
        try await world.close()
    }

    @Test("A member submits for review from the editor; an initiative under an empty row saves nothing")
    func memberSubmitsAndEmptyRowRefused() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        try await world.test { client in
            let member = try await client.signIn("lan@okra.demo")
            let (_, html) = try await client.page("/objectives/new", member)
            #expect(!html.contains("id=\"save-then-published\""), "a member does not publish")
            #expect(html.contains("id=\"save-then-in_review\""))
            let before = try await world.store.objectives(cycle: nil, owner: nil, state: nil, matching: nil).count
            let orphan = Self.salesForm(
                member.csrf, cycle: cycle, initiatives: ["A", "B", "C"],
                extra: [("owner", "person:p-lan"), ("kr-3-init-0-title", "Một sáng kiến không có kết quả")]
            )
            .replacingOccurrences(of: "owner=team%3Asales&", with: "")
            let (status, _, body) = try await Self.post(client, "/objectives/new", orphan, member)
            #expect(status == .unprocessableContent)
            #expect(body.contains("id=\"kr-3-init-0-title-error\""), "the message sits by the initiative")
            #expect(body.contains("value=\"Một sáng kiến không có kết quả\""), "the input stays")
            #expect(try await world.store.objectives(cycle: nil, owner: nil, state: nil, matching: nil).count == before)
            // A member gives a KR to no one but herself.
            let given =
                Self.salesForm(member.csrf, cycle: cycle, initiatives: ["A", "B", "C"])
                .replacingOccurrences(of: "owner=team%3Asales", with: "owner=person%3Ap-lan")
                + "&kr-0-owner=person%3Ap-bao"
            let (refused, _, page) = try await Self.post(client, "/objectives/new", given, member)
            #expect(refused == .unprocessableContent)
            #expect(page.contains("id=\"kr-0-owner-error\""))

            let form =
                Self.salesForm(member.csrf, cycle: cycle, initiatives: ["A", "B", "C"])
                .replacingOccurrences(of: "owner=team%3Asales", with: "owner=person%3Ap-lan") + "&then=in_review"
            let (sent, location, _) = try await Self.post(client, "/objectives/new", form, member)
            #expect(sent == .seeOther)
            let id = ObjectiveID(String(location.dropFirst("/objectives/".count).prefix { $0 != "#" }))
            #expect(try await world.store.objective(id: id)?.value.state == .inReview)
        }
        try await world.close()
    }

    @Test("Editing shows each KR's initiatives; a changed state is written, an untouched one is not")
    func editsStoredInitiatives() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let lead = try await client.signIn("bao@okra.demo")
            let (status, html) = try await client.page("/objectives/o-sales-nurture/edit", lead)
            #expect(status == .ok)
            #expect(html.contains("value=\"Kịch bản gọi điện theo ngành\""))
            let calls = try #require(try await world.store.initiatives(keyResult: "kr-sales-trial").first)
            let email = try #require(try await world.store.initiatives(keyResult: "kr-sales-open-rate").first)
            // The page's own form, with one state changed.
            var fields = Self.fields(of: html)
            fields["csrf"] = lead.csrf
            let row = try #require(fields.first { $0.value == calls.value.id.rawValue }?.key)
            fields[row.replacingOccurrences(of: "-id", with: "-state")] = "done"
            let form = fields.map { "\($0.key.formEncoded)=\($0.value.formEncoded)" }.joined(separator: "&")
            let (saved, _, body) = try await Self.post(client, "/objectives/o-sales-nurture/edit", form, lead)
            #expect(saved == .seeOther, "\(body.prefix(300))")
            let after = try #require(try await world.store.initiatives(keyResult: "kr-sales-trial").first)
            #expect(after.value.state == .done)
            #expect(after.value.title.en == calls.value.title.en, "the English title the form does not show stays")
            #expect(try await world.store.initiatives(keyResult: "kr-sales-open-rate").first?.version == email.version)
        }
        try await world.close()
    }

    @Test("Moving a KR down trades the two rows without saving; saving keeps the new order")
    func reordersKeyResults() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let lead = try await client.signIn("bao@okra.demo")
            let before = try await world.store.keyResults(objective: "o-sales-nurture").map(\.value.id)
            let (_, html) = try await client.page("/objectives/o-sales-nurture/edit", lead)
            #expect(html.contains("id=\"kr-0-down\""))
            #expect(!html.contains("id=\"kr-0-up\""), "the first row does not move up")
            let saveFirst = try #require(html.range(of: "id=\"save-on-enter\""))
            let moveFirst = try #require(html.range(of: "id=\"kr-0-down\""))
            #expect(saveFirst.lowerBound < moveFirst.lowerBound, "Enter in a field saves rather than moves")
            var fields = Self.fields(of: html)
            fields["csrf"] = lead.csrf
            fields["move"] = "0-down"
            func encoded(_ fields: [String: String]) -> String {
                fields.map { "\($0.key.formEncoded)=\($0.value.formEncoded)" }.joined(separator: "&")
            }
            let (status, _, moved) = try await Self.post(
                client, "/objectives/o-sales-nurture/edit", encoded(fields), lead)
            #expect(status == .ok)
            #expect(
                try await world.store.keyResults(objective: "o-sales-nurture").map(\.value.id) == before, "not saved")
            var next = Self.fields(of: moved)
            #expect(next["kr-0-id"] == before[1].rawValue)
            #expect(next["kr-1-id"] == before[0].rawValue)
            next["csrf"] = lead.csrf
            let (saved, _, _) = try await Self.post(client, "/objectives/o-sales-nurture/edit", encoded(next), lead)
            #expect(saved == .seeOther)
            let after = try await world.store.keyResults(objective: "o-sales-nurture").map(\.value.id)
            #expect(after == [before[1], before[0]] + before.dropFirst(2))
            let (_, page) = try await client.page("/objectives/o-sales-nurture", lead)
            let first = try #require(page.range(of: "data-live-kr=\"\(before[1].rawValue)\""))
            let second = try #require(page.range(of: "data-live-kr=\"\(before[0].rawValue)\""))
            #expect(first.lowerBound < second.lowerBound, "the objective's page shows the new order")
        }
        try await world.close()
    }

    @Test("The guide's questions open for a team objective; a template fills the first empty KR row, unsaved")
    func guideAndTemplates() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let lead = try await client.signIn("bao@okra.demo")
            let (_, fresh) = try await client.page("/objectives/new?owner=team:sales", lead)
            #expect(fresh.contains("<details class=\"guide\" id=\"guiding-questions\" open"))
            #expect(
                fresh.contains("Vai trò của chúng ta trong việc thúc đẩy các mục tiêu của công ty về phía trước là gì?")
            )
            #expect(fresh.contains("Điều gì đang là rào cản ngăn chúng ta?"))
            #expect(fresh.contains("value=\"performance-load\""))
            let cycle = CycleID(try await Self.activeCycle(world))
            let before = try await world.store.objectives(cycle: cycle, owner: nil, state: nil, matching: nil).count

            // Two KRs typed; the template goes to the third row, in the page's language, with its kind and unit.
            let form = Self.salesForm(
                lead.csrf, cycle: try await Self.activeCycle(world), initiatives: [nil, nil, nil],
                extra: [
                    ("kr-2-title", ""), ("kr-2-start", ""), ("kr-2-target", ""), ("kr-2-unit", ""),
                    ("template", "performance-load"),
                ])
            let (status, _, filled) = try await Self.post(client, "/objectives/new", form, lead)
            #expect(status == .ok)
            let fields = Self.fields(of: filled)
            #expect(fields["kr-0-title"] == Self.salesKeyResults[0].0, "what was typed stays")
            #expect(fields["kr-2-title"] == "Giảm thời gian tải trang từ … giây xuống … giây")
            #expect(fields["kr-2-kind"] == "decrease")
            #expect(fields["kr-2-unit"] == "giây")
            #expect(fields["kr-3-title"] == "")
            #expect(
                try await world.store.objectives(cycle: cycle, owner: nil, state: nil, matching: nil).count == before,
                "a template saves nothing")

            // A person's own objective: the questions are there, folded.
            let (_, personal) = try await client.page("/objectives/new?owner=person:p-bao", lead)
            #expect(personal.contains("<details class=\"guide\" id=\"guiding-questions\">"))
        }
        try await world.close()
    }

    @Test("Findings sit beside their KR, said once in the summary with the publish gate's words")
    func findingsBesideFields() async throws {
        let world = try await TestWorld.demo()
        let cycle = try await Self.activeCycle(world)
        try await world.test { client in
            let lead = try await client.signIn("bao@okra.demo")
            let form = Self.salesForm(lead.csrf, cycle: cycle, initiatives: [nil, nil, nil])
            let (status, _, fragment) = try await Self.post(client, "/objectives/check", form, lead)
            #expect(status == .ok)
            #expect(fragment.components(separatedBy: "3 kết quả then chốt chưa có sáng kiến").count == 2, "said once")
            #expect(fragment.contains("href=\"#kr-0-init-0-title\""))
            for row in 0..<3 {
                let template = try #require(
                    fragment.components(separatedBy: "<template data-findings-for=\"kr-\(row)\">").dropFirst().first)
                let inside = template.components(separatedBy: "</template>")[0]
                #expect(inside.contains("data-code=\"key_result_without_initiative\""), "KR \(row)")
                #expect(inside.contains("Nên xem lại"), "a draft's missing initiative does not block yet")
            }
            #expect(fragment.contains("“Cần sửa” chặn việc công bố"))
            // With the initiatives typed, the finding leaves every KR.
            let driven = Self.salesForm(lead.csrf, cycle: cycle, initiatives: ["A", "B", "C"])
            let (_, _, clean) = try await Self.post(client, "/objectives/check", driven, lead)
            #expect(!clean.contains("key_result_without_initiative"))
            // The page puts them beside the field at once.
            let (_, page) = try await client.page("/objectives/o-sales-nurture/edit", lead)
            #expect(page.contains("data-findings-at=\"kr-0\""))
            #expect(page.contains("data-findings-at=\"objective\""))
        }
        try await world.close()
    }

    @Test("Owners and parents are searched without diacritics, among what the viewer may choose")
    func searches() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let lead = try await client.signIn("ha@okra.demo")
            var (status, options) = try await client.page("/objectives/options?for=owner&q=le%20van", lead)
            #expect(status == .ok)
            #expect(options.contains("value=\"person:p-nam\""), "Lê Văn Nam found as 'le van'")
            (_, options) = try await client.page("/objectives/options?for=owner&q=bao", lead)
            #expect(!options.contains("p-bao"), "a Marketing lead cannot give an objective to Sales' lead")
            let admin = try await client.signIn("admin@okra.demo")
            (_, options) = try await client.page("/objectives/options?for=owner&q=pham%20quoc", admin)
            #expect(options.contains("value=\"person:p-bao\""))
            (_, options) = try await client.page("/objectives/options?for=parent&q=tang%20truong", lead)
            #expect(options.contains("value=\"objective:o-company-growth\""))
            (_, options) = try await client.page(
                "/objectives/options?for=parent&q=tang%20truong&objective=o-company-growth", lead)
            #expect(!options.contains("value=\"objective:o-company-growth\""), "not the objective itself")
            (status, _) = try await client.page("/objectives/options?for=everything&q=a", lead)
            #expect(status == .badRequest)
            let viewer = try await client.signIn("mai@okra.demo")
            (status, _) = try await client.page("/objectives/options?for=owner&q=a", viewer)
            #expect(status == .forbidden)
            let (_, editor) = try await client.page("/objectives/new", lead)
            #expect(editor.contains("data-picker=\"/objectives/options?for=owner"))
            #expect(editor.contains("id=\"parent-0-search\""))
        }
        try await world.close()
    }

    /// The fields a browser would send for the form in `html`: each input's value, each select's chosen option,
    /// each textarea's text (checkboxes only when checked; buttons not at all).
    static func fields(of html: String) -> [String: String] {
        func unescaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        func attribute(_ name: String, in tag: String) -> String? {
            guard let range = tag.range(of: " \(name)=\"") else { return nil }
            return unescaped(String(tag[range.upperBound...].prefix { $0 != "\"" }))
        }
        var fields: [String: String] = [:]
        for tag in html.components(separatedBy: "<input").dropFirst().map({ String($0.prefix { $0 != ">" }) }) {
            guard let name = attribute("name", in: tag), attribute("type", in: tag) != "submit" else { continue }
            if attribute("type", in: tag) == "checkbox" && !tag.contains(" checked") { continue }
            fields[name] = attribute("value", in: tag) ?? ""
        }
        for chunk in html.components(separatedBy: "<select").dropFirst() {
            let tag = String(chunk.prefix { $0 != ">" })
            guard let name = attribute("name", in: tag) else { continue }
            let body = chunk.components(separatedBy: "</select>")[0]
            let options = body.components(separatedBy: "<option").dropFirst().map { String($0.prefix { $0 != ">" }) }
            fields[name] = (options.first { $0.contains(" selected") } ?? options.first).flatMap {
                attribute("value", in: $0)
            }
        }
        for chunk in html.components(separatedBy: "<textarea").dropFirst() {
            let tag = String(chunk.prefix { $0 != ">" })
            guard let name = attribute("name", in: tag) else { continue }
            let text = chunk.drop { $0 != ">" }.dropFirst()
            fields[name] = unescaped(String(text.prefix { $0 != "<" }))
        }
        return fields
    }
}
