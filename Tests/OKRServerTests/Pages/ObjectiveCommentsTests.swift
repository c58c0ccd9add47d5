import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("Comments and questions on a KR and on a check-in, answered on the objective page")
struct ObjectiveCommentsTests {
    static func post(_ client: any TestClientProtocol, _ form: String, _ cookies: BrowserCookies) async throws -> (
        HTTPResponse.Status, String, String?
    ) {
        try await ObjectivePageTests.post(client, "/objectives/o-mkt-mql/comments", form, cookies)
    }

    static func lastCheckIn(_ world: TestWorld) async throws -> CheckIn {
        try #require(try await world.store.checkIns(keyResult: "kr-mkt-email").last)
    }

    @Test("A question on a KR shows under the KR; the lead answers it there and it reads as answered")
    func questionOnKeyResult() async throws {
        let world = try await TestWorld.demo()
        let question = "Email có đủ danh sách để đạt 150 không?"
        let answer = "Có, thêm 2.000 địa chỉ từ hội thảo."
        try await world.test { client in
            let nam = try await client.signIn("nam@okra.demo")
            let (status, _, location) = try await Self.post(
                client, "subject=key_result%3Akr-mkt-email&body=\(question.formEncoded)&question=1&csrf=\(nam.csrf)",
                nam)
            #expect(status == .seeOther)
            #expect(location == "/objectives/o-mkt-mql#kr-kr-mkt-email")
            let asked = try #require(try await world.store.comments(subject: .keyResult("kr-mkt-email")).first)
            let (_, html) = try await client.page("/objectives/o-mkt-mql", nam)
            // Under the KR's article, before the next KR; open, with a form to answer it.
            let article = try #require(html.range(of: "id=\"kr-kr-mkt-email\""))
            let next = try #require(html.range(of: "id=\"kr-kr-mkt-adwords\""))
            let section = html[article.upperBound..<next.lowerBound]
            #expect(section.contains(question))
            #expect(section.contains("đang chờ trả lời"))
            #expect(section.contains("id=\"comment-body-answer-\(asked.id.rawValue)\""))
            #expect(section.contains("name=\"answers\" value=\"\(asked.id.rawValue)\""))

            let ha = try await client.signIn("ha@okra.demo")
            let (answered, _, back) = try await Self.post(
                client,
                "subject=key_result%3Akr-mkt-email&answers=\(asked.id.rawValue)&body=\(answer.formEncoded)&csrf=\(ha.csrf)",
                ha)
            #expect(answered == .seeOther)
            #expect(back == "/objectives/o-mkt-mql#kr-kr-mkt-email")
            let (_, after) = try await client.page("/objectives/o-mkt-mql", ha)
            #expect(after.contains("class=\"answers\""))
            #expect(after.contains(answer))
            #expect(after.contains("đã trả lời"))
            #expect(!after.contains("id=\"comment-body-answer-\(asked.id.rawValue)\""))
            // Answering it twice is refused next to the answer's box, the text kept.
            let (twice, again, _) = try await Self.post(
                client,
                "subject=key_result%3Akr-mkt-email&answers=\(asked.id.rawValue)&body=L%E1%BA%A7n+n%E1%BB%AFa&csrf=\(ha.csrf)",
                ha)
            #expect(twice == .unprocessableContent)
            #expect(again.contains("Câu hỏi này đã được trả lời hoặc không thuộc mục này."))
        }
        let saved = try await world.store.comments(subject: .keyResult("kr-mkt-email"))
        #expect(saved.count == 2)
        let asked = try #require(saved.first { $0.isQuestion })
        #expect(saved.contains { $0.answers == asked.id && !$0.isQuestion })
        #expect(OKRCore.Comment.openQuestions(saved).isEmpty)
        try await world.close()
    }

    @Test("A comment on a check-in sits in that check-in's row; an empty one is answered next to its own box")
    func commentOnCheckIn() async throws {
        let world = try await TestWorld.demo()
        let checkIn = try await Self.lastCheckIn(world)
        let id = checkIn.id.rawValue
        try await world.test { client in
            let ha = try await client.signIn("ha@okra.demo")
            // Each row links to its form; only the row asked about holds one, open, with its own ids.
            let (_, plain) = try await client.page("/objectives/o-mkt-mql", ha)
            let link = "href=\"/objectives/o-mkt-mql?comment=\(id)#comment-body-ci-\(id)\""
            #expect(plain.contains(link))
            #expect(!plain.contains("id=\"comment-body-ci-"))
            let (opened, form) = try await client.page("/objectives/o-mkt-mql?comment=\(id)", ha)
            #expect(opened == .ok)
            #expect(form.contains("<details class=\"comment-on\" open><summary>"))
            #expect(form.contains("id=\"comment-body-ci-\(id)\""))
            #expect(form.components(separatedBy: "id=\"comment-body-ci-").count == 2)
            #expect(
                form.components(separatedBy: "class=\"comment-link\"").count
                    == plain.components(separatedBy: "class=\"comment-link\"").count - 1)
            let (unknown, _) = try await client.page("/objectives/o-mkt-mql?comment=%3Cscript%3E", ha)
            #expect(unknown == .ok)

            let (status, _, location) = try await Self.post(
                client, "subject=check_in%3A\(id)&body=Tu%E1%BA%A7n+n%C3%A0y+t%E1%BB%91t&csrf=\(ha.csrf)", ha)
            #expect(status == .seeOther)
            #expect(location == "/objectives/o-mkt-mql#checkin-\(id)")
            let (_, html) = try await client.page("/objectives/o-mkt-mql", ha)
            let row = try #require(html.range(of: "<tr id=\"checkin-\(id)\">"))
            let rowEnd = try #require(html[row.upperBound...].range(of: "</tr>"))
            #expect(html[row.upperBound..<rowEnd.lowerBound].contains("Tuần này tốt"))

            let (empty, page, _) = try await Self.post(client, "subject=check_in%3A\(id)&body=+&csrf=\(ha.csrf)", ha)
            #expect(empty == .unprocessableContent)
            #expect(page.contains("aria-describedby=\"comment-body-ci-\(id)-error\""))
            #expect(!page.contains("aria-describedby=\"comment-body-error\""))
        }
        #expect(try await world.store.comments(subject: .checkIn(checkIn.id)).count == 1)
        try await world.close()
    }

    @Test("Subjects of another objective are not found; the viewer may not comment on a KR; the form needs its token")
    func refusals() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            let ha = try await client.signIn("ha@okra.demo")
            let (foreign, _, _) = try await Self.post(
                client, "subject=key_result%3Akr-sales-trial&body=x&csrf=\(ha.csrf)", ha)
            #expect(foreign == .notFound)
            let (odd, _, _) = try await Self.post(client, "subject=weekly_update%3Aw1&body=x&csrf=\(ha.csrf)", ha)
            #expect(odd == .notFound)
            let (forged, _, _) = try await Self.post(client, "subject=key_result%3Akr-mkt-email&body=x&csrf=no", ha)
            #expect(forged == .forbidden)
            let mai = try await client.signIn("mai@okra.demo")
            let (viewer, _, _) = try await Self.post(
                client, "subject=key_result%3Akr-mkt-email&body=x&csrf=\(mai.csrf)", mai)
            #expect(viewer == .forbidden)
            let (_, html) = try await client.page("/objectives/o-mkt-mql", mai)
            #expect(!html.contains("id=\"comment-body-kr-kr-mkt-email\""))
        }
        #expect(try await world.store.comments(subject: .keyResult("kr-sales-trial")).isEmpty)
        #expect(try await world.store.comments(subject: .keyResult("kr-mkt-email")).isEmpty)
        try await world.close()
    }

    @Test("Comments like <script> on a KR and a check-in show as text")
    func escaping() async throws {
        let world = try await TestWorld.demo()
        let checkIn = try await Self.lastCheckIn(world)
        let attack = "<script>alert(1)</script>"
        for (n, subject) in [OKRCore.Comment.Subject.keyResult("kr-mkt-email"), .checkIn(checkIn.id)].enumerated() {
            try await world.store.addComment(
                OKRCore.Comment(
                    id: CommentID("c-x\(n)"), subject: subject, authorID: "p-nam", body: attack, isQuestion: true,
                    createdAt: Date(timeIntervalSince1970: 1_795_000_000)),
                actor: nil)
        }
        try await world.test { client in
            let cookies = try await client.signIn("ha@okra.demo")
            let (_, html) = try await client.page("/objectives/o-mkt-mql", cookies)
            #expect(!html.contains(attack))
            #expect(html.components(separatedBy: "&lt;script&gt;alert(1)&lt;/script&gt;").count - 1 == 2)
        }
        try await world.close()
    }

    @Test("The page's queries stay the same with comments on every KR and check-in")
    func constantQueries() async throws {
        let world = try await TestWorld.demo()
        func count() async throws -> Int {
            try await world.test { client in
                let cookies = try await client.signIn("ha@okra.demo")
                // The first request loads the read model; what is counted is a page as it is served after.
                _ = try await client.page("/objectives/o-mkt-mql", cookies)
                let before = world.database.queryCount
                _ = try await client.page("/objectives/o-mkt-mql", cookies)
                return world.database.queryCount - before
            }
        }
        let small = try await count()
        var n = 0
        for kr in try await world.store.keyResults(objective: "o-mkt-mql").map(\.value.id) {
            for subject in [OKRCore.Comment.Subject.keyResult(kr)]
                + (try await world.store.checkIns(keyResult: kr)).map({
                    OKRCore.Comment.Subject.checkIn($0.id)
                })
            {
                n += 1
                try await world.store.addComment(
                    OKRCore.Comment(
                        id: CommentID("c-q\(n)"), subject: subject, authorID: "p-nam", body: "Hỏi \(n)",
                        isQuestion: true, createdAt: Date(timeIntervalSince1970: 1_795_000_000 + Double(n))),
                    actor: nil)
            }
        }
        #expect(n > 5)
        #expect(try await count() == small)
        try await world.close()
    }
}
