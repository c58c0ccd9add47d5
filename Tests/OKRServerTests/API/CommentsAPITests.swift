import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@Suite("Comments and questions through the API")
struct CommentsAPITests {
    @Test("Leadership asks about a draft, the team answers: the question stays open until then, mentions name people")
    func questionAndAnswer() async throws {
        let world = try await TestWorld.demo()
        let anh = try await world.token("p-anh")
        let ha = try await world.token("p-ha")
        try await world.test { client in
            let asked = try await client.api(
                .post, "/api/v1/comments", token: anh,
                body: jsonBody([
                    "id": "c-why-email", "subject": ["kind": "objective", "id": "o-mkt-mql"],
                    "body": "@ha, @nam: vì sao email là kênh chính quý này? (hỏi thêm anh@okra.demo)",
                    "is_question": true,
                ]))
            #expect(asked.status == .created, "\(asked.text)")
            #expect(asked.object["answered"] as? Bool == false)
            #expect(asked.object["answer_ids"] as? [String] == [])
            #expect(asked.object["mentions"] as? [String] == ["ha", "nam"])
            #expect(asked.object["mentioned_person_ids"] as? [String] == ["p-ha", "p-nam"])
            #expect(asked.object["author_id"] as? String == "p-anh")
            #expect(asked.object["created_at"] as? String != nil)

            let open = try await client.api(.get, "/api/v1/comments?objective=o-mkt-mql", token: ha)
            #expect(open.items.map { $0["answered"] as? Bool } == [false])

            let answer = try await client.api(
                .post, "/api/v1/comments", token: ha,
                body: jsonBody([
                    "subject": ["kind": "objective", "id": "o-mkt-mql"], "answers": "c-why-email",
                    "body": "Email có tỉ lệ chuyển đổi cao nhất quý trước.",
                ]))
            #expect(answer.status == .created, "\(answer.text)")
            #expect(answer.object["answers"] as? String == "c-why-email")
            #expect(answer.object["answered"] == nil)
            let answerID = try #require(answer.object["id"] as? String)

            let thread = try await client.api(.get, "/api/v1/comments?objective=o-mkt-mql", token: ha)
            #expect(Set(thread.items.compactMap { $0["id"] as? String }) == ["c-why-email", answerID])
            let question = try #require(thread.items.first { $0["id"] as? String == "c-why-email" })
            #expect(question["answered"] as? Bool == true)
            #expect(question["answer_ids"] as? [String] == [answerID])

            let demo = try await client.api(.get, "/api/v1/comments?objective=o-sales-nurture", token: ha)
            let demoQuestion = try #require(demo.items.first { $0["id"] as? String == "c-question" })
            #expect(demoQuestion["answered"] as? Bool == true)
            #expect(demoQuestion["mentioned_person_ids"] as? [String] == ["p-bao"])
        }
        try await world.close()
    }

    @Test("Comments on a key result, a check-in and a weekly update are listed under that subject only")
    func otherSubjects() async throws {
        let world = try await TestWorld.demo()
        let nam = try await world.token("p-nam")
        let subjects = [
            ("key_result", "kr-mkt-email"), ("check_in", "kr-mkt-email-w1"), ("weekly_update", "wu-nam-2026-11-23"),
        ]
        try await world.test { client in
            for (kind, id) in subjects {
                let posted = try await client.api(
                    .post, "/api/v1/comments", token: nam,
                    body: jsonBody(["subject": ["kind": kind, "id": id], "body": "Ghi chú về \(kind)"]))
                #expect(posted.status == .created, "\(kind): \(posted.text)")
                #expect((posted.object["subject"] as? [String: Any])?["kind"] as? String == kind)
            }
            for (kind, id) in subjects {
                let list = try await client.api(.get, "/api/v1/comments?\(kind)=\(id)", token: nam)
                #expect(list.status == .ok)
                #expect(list.items.compactMap { $0["body"] as? String } == ["Ghi chú về \(kind)"], "\(kind)")
            }
            let checkIn = try await client.api(
                .post, "/api/v1/key-results/kr-nam-open/check-ins", token: nam, body: jsonBody(["value": 30]))
            let checkInID = try #require((checkIn.object["check_in"] as? [String: Any])?["id"] as? String)
            let onNew = try await client.api(
                .post, "/api/v1/comments", token: nam,
                body: jsonBody(["subject": ["kind": "check_in", "id": checkInID], "body": "Tuần này tăng nhờ A/B"]))
            #expect(onNew.status == .created, "\(onNew.text)")
        }
        try await world.close()
    }

    @Test("An answer must point at a question on the same subject; a question does not answer")
    func answersRules() async throws {
        let world = try await TestWorld.demo()
        let bao = try await world.token("p-bao")
        let cases: [([String: Any], String)] = [
            (["subject": ["kind": "objective", "id": "o-mkt-mql"], "answers": "c-question"], "answers"),
            (["subject": ["kind": "objective", "id": "o-sales-nurture"], "answers": "c-answer"], "answers"),
            (["subject": ["kind": "objective", "id": "o-sales-nurture"], "answers": "c-nope"], "answers"),
            (
                [
                    "subject": ["kind": "objective", "id": "o-sales-nurture"], "answers": "c-question",
                    "is_question": true,
                ],
                "is_question"
            ),
            (["subject": ["kind": "objective", "id": "o-sales-nurture"], "body": "  "], "body"),
            (["subject": ["kind": "initiative", "id": "o-sales-nurture"]], "subject.kind"),
            (["subject": ["kind": "objective"]], "subject.id"),
            (["id": "c/1", "subject": ["kind": "objective", "id": "o-sales-nurture"]], "id"),
        ]
        let requests = cases.map { change, field in
            (jsonBody(["body": "Có, đã lên kế hoạch."].merging(change) { $1 }), field)
        }
        try await world.test { client in
            for (body, field) in requests {
                let answer = try await client.api(.post, "/api/v1/comments", token: bao, body: body)
                #expect(answer.status == .unprocessableContent, "\(body): \(answer.text)")
                #expect(answer.errorField == field, "\(body): \(answer.text)")
            }
            #expect(try await world.store.comments(subject: .objective("o-sales-nurture")).count == 2)
            #expect(try await world.store.comments(subject: .objective("o-mkt-mql")).isEmpty)
        }
        try await world.close()
    }

    @Test("Exactly one subject, which must exist and be visible; viewers read but do not comment")
    func subjectsAndRights() async throws {
        let matrix = try await MatrixWorld.make()
        let world = matrix.world
        let nam = try await world.token("p-nam")
        let lan = try await world.token("p-lan")
        let mai = try await world.token("p-mai")
        try await world.test { client in
            let none = try await client.api(.get, "/api/v1/comments", token: nam)
            #expect(none.status == .unprocessableContent)
            let two = try await client.api(
                .get, "/api/v1/comments?objective=o-mkt-mql&key_result=kr-mkt-email", token: nam)
            #expect(two.status == .unprocessableContent)
            #expect(two.errorField == "key_result")
            for query in [
                "objective=o-nope", "key_result=kr-nope", "check_in=ci-nope", "weekly_update=wu-nope",
                "objective=\(MatrixWorld.privateObjective)", "key_result=\(MatrixWorld.privateKeyResult)",
            ] {
                let answer = try await client.api(.get, "/api/v1/comments?\(query)", token: nam)
                #expect(answer.status == .notFound, "\(query)")
            }
            let hidden = try await client.api(
                .post, "/api/v1/comments", token: nam,
                body: jsonBody(["subject": ["kind": "objective", "id": MatrixWorld.privateObjective], "body": "?"]))
            #expect(hidden.status == .notFound)
            #expect(hidden.errorField == "subject.id")
            let own = try await client.api(
                .post, "/api/v1/comments", token: lan,
                body: jsonBody([
                    "subject": ["kind": "key_result", "id": MatrixWorld.privateKeyResult],
                    "body": "Đã chốt 1 điều khoản",
                ]))
            #expect(own.status == .created)
            let read = try await client.api(.get, "/api/v1/comments?objective=o-mkt-mql", token: mai)
            #expect(read.status == .ok)
            let write = try await client.api(
                .post, "/api/v1/comments", token: mai,
                body: jsonBody(["subject": ["kind": "objective", "id": "o-mkt-mql"], "body": "Tôi chỉ xem"]))
            #expect(write.status == .forbidden)
        }
        try await matrix.close()
    }

    @Test("Pages: oldest first (not by id), a cursor continues where the last page ended")
    func pages() async throws {
        let world = try await TestWorld.demo()
        let ha = try await world.token("p-ha")
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        for n in 1...5 {
            try await world.store.addComment(
                try Comment(
                    id: CommentID("c-\(6 - n)"), subject: .objective("o-mkt-mql"), authorID: "p-ha",
                    body: "Ý kiến \(n)",
                    createdAt: start.addingTimeInterval(Double(n) * 60)), actor: "p-ha")
        }
        try await world.test { client in
            var bodies: [String] = []
            var uri = "/api/v1/comments?objective=o-mkt-mql&limit=2"
            while true {
                let page = try await client.api(.get, uri, token: ha)
                #expect(page.items.count <= 2)
                bodies += page.items.compactMap { $0["body"] as? String }
                guard let cursor = page.object["next_cursor"] as? String else { break }
                uri = "/api/v1/comments?objective=o-mkt-mql&limit=2&cursor=\(cursor)"
            }
            #expect(bodies == (1...5).map { "Ý kiến \($0)" })
        }
        try await world.close()
    }
}
