import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// Drafting through the API: the direction brief of a cycle, and the publish gate on `PATCH /objectives/{id}`.
@Suite("Drafting through the API: direction brief and publish gate")
struct DraftingAPITests {
    /// Puts a demo objective back in review, as its lead would, and returns its version.
    static func inReview(_ world: TestWorld, _ id: String) async throws -> Int {
        let stored = try #require(try await world.store.objective(id: ObjectiveID(id)))
        return try await world.store.updateObjective(
            try stored.value.moved(to: .inReview), expectedVersion: stored.version, actor: "p-ha"
        ).version
    }

    static func question(_ world: TestWorld, on id: String, by author: String = "p-anh") async throws -> CommentID {
        let question = try OKRCore.Comment(
            id: CommentID("q-\(UUID().uuidString.prefix(8))"), subject: .objective(ObjectiveID(id)),
            authorID: PersonID(author), body: "Vì sao mục tiêu là 150 MQL?", isQuestion: true, createdAt: Date())
        try await world.store.addComment(question, actor: question.authorID)
        return question.id
    }

    static func answer(_ world: TestWorld, _ question: CommentID, on id: String, by author: String) async throws {
        let answer = try OKRCore.Comment(
            id: CommentID("a-\(UUID().uuidString.prefix(8))"), subject: .objective(ObjectiveID(id)),
            authorID: PersonID(author), body: "Theo số liệu quý trước: tăng 50%.",
            createdAt: Date().addingTimeInterval(1),
            answers: question)
        try await world.store.addComment(answer, actor: answer.authorID)
    }

    @Test(
        "An open question refuses publishing with 409 publish_blocked naming it, and nothing changes; answered, it publishes"
    )
    func openQuestionBlocksPublishing() async throws {
        let world = try await TestWorld.demo()
        let lead = try await world.token("p-ha")
        let version = try await Self.inReview(world, "o-mkt-mql")
        let question = try await Self.question(world, on: "o-mkt-mql")
        try await world.test { client in
            let refused = try await client.api(
                .patch, "/api/v1/objectives/o-mkt-mql?lang=en", token: lead,
                body: jsonBody(["state": "published", "version": version]))
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "publish_blocked")
            #expect(refused.errorField == "state")
            #expect(
                refused.errorMessage?.contains("open_question: Unanswered question: “Vì sao mục tiêu là 150 MQL?”")
                    == true)
            let unchanged = try #require(try await world.store.objective(id: "o-mkt-mql"))
            #expect(unchanged.value.state == .inReview)
            #expect(unchanged.version == version)

            try await Self.answer(world, question, on: "o-mkt-mql", by: "p-ha")
            let published = try await client.api(
                .patch, "/api/v1/objectives/o-mkt-mql", token: lead,
                body: jsonBody(["state": "published", "version": version]))
            #expect(published.status == .ok)
            #expect(published.object["state"] as? String == "published")
        }
        let events = try await world.store.auditEvents(entity: "objective", entityID: "o-mkt-mql", limit: 10)
        #expect(events.prefix(2).map(\.action) == ["transition", "transition"])
        #expect(events.first?.actorID == "p-ha")
        #expect(ObjectiveWorkflow.state(in: events.first?.before) == .inReview)
        #expect(ObjectiveWorkflow.state(in: events.first?.after) == .published)
        try await world.close()
    }

    @Test("An error-level finding blocks publishing a draft; an admin switching the rule off lifts the block")
    func errorFindingBlocks() async throws {
        let world = try await TestWorld.demo()
        let lead = try await world.token("p-ha")
        let admin = try await world.token("p-anh")
        try await world.test { client in
            let created = try await client.api(
                .post, "/api/v1/objectives", token: lead,
                body: jsonBody([
                    "id": "o-draft-one-kr", "cycle_id": "2026-q4", "owner": "team:marketing",
                    "title": "Khách hàng mới thành công ngay tuần đầu",
                ]))
            #expect(created.object["state"] as? String == "draft")
            let refused = try await client.api(
                .patch, "/api/v1/objectives/o-draft-one-kr", token: lead,
                body: jsonBody(["state": "published", "version": 1]))
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "publish_blocked")
            #expect(refused.errorMessage?.contains("error_finding") == true)

            let settings = try await client.api(.get, "/api/v1/settings", token: lead)
            #expect(settings.object["publish_requires_answered_questions"] as? Bool == true)
            #expect(settings.object["publish_requires_no_errors"] as? Bool == true)
            let version = try #require(settings.object["version"] as? Int)
            let forbidden = try await client.api(
                .patch, "/api/v1/settings", token: lead,
                body: jsonBody(["publish_requires_no_errors": false, "version": version]))
            #expect(forbidden.status == .forbidden)
            let changed = try await client.api(
                .patch, "/api/v1/settings", token: admin,
                body: jsonBody(["publish_requires_no_errors": false, "version": version]))
            #expect(changed.status == .ok)
            #expect(changed.object["publish_requires_no_errors"] as? Bool == false)
            #expect(changed.object["publish_requires_answered_questions"] as? Bool == true)
            #expect(try await world.store.publishGate() == PublishGate(requiresNoErrors: false))

            let published = try await client.api(
                .patch, "/api/v1/objectives/o-draft-one-kr", token: lead,
                body: jsonBody(["state": "published", "version": 1]))
            #expect(published.status == .ok)
        }
        try await world.close()
    }

    @Test("A member submits their own draft for review but may not publish it; their lead may")
    func membersSubmitLeadsPublish() async throws {
        let world = try await TestWorld.demo()
        let member = try await world.token("p-nam")
        let lead = try await world.token("p-ha")
        try await world.store.savePublishGate(
            PublishGate(requiresAnsweredQuestions: true, requiresNoErrors: false), actor: nil)
        let version = try await Self.inReview(world, "o-nam-email")
        try await world.test { client in
            let refused = try await client.api(
                .patch, "/api/v1/objectives/o-nam-email", token: member,
                body: jsonBody(["state": "published", "version": version]))
            #expect(refused.status == .forbidden)
            let back = try await client.api(
                .patch, "/api/v1/objectives/o-nam-email", token: member,
                body: jsonBody(["state": "draft", "version": version]))
            #expect(back.status == .ok)
            let submitted = try await client.api(
                .patch, "/api/v1/objectives/o-nam-email", token: member,
                body: jsonBody(["state": "in_review", "version": version + 1]))
            #expect(submitted.status == .ok)
            let published = try await client.api(
                .patch, "/api/v1/objectives/o-nam-email", token: lead,
                body: jsonBody(["state": "published", "version": version + 2]))
            #expect(published.status == .ok)
        }
        try await world.close()
    }

    @Test(
        "The brief: 404 before it is written and for an unknown cycle; the admin writes it, then only at the version read"
    )
    func briefVersions() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        let viewer = try await world.token("p-mai")
        try await world.test { client in
            #expect(try await client.api(.get, "/api/v1/cycles/2026-q4/brief", token: viewer).status == .notFound)
            let unknown = try await client.api(.get, "/api/v1/cycles/1999-q1/brief", token: viewer)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
            let unknownPut = try await client.api(
                .put, "/api/v1/cycles/1999-q1/brief", token: admin, body: jsonBody(["body": "x"]))
            #expect(unknownPut.status == .notFound)

            let first = try await client.api(
                .put, "/api/v1/cycles/2026-q4/brief", token: admin,
                body: jsonBody([
                    "body": "Tăng trưởng bền vững từ khách hàng mới.",
                    "body_en": "Sustainable growth from new customers.",
                    "themes": ["Khách hàng mới", "Tốc độ sản phẩm"],
                ]))
            #expect(first.status == .ok)
            #expect(first.object["version"] as? Int == 1)
            #expect(first.object["author_id"] as? String == "p-anh")
            #expect(first.headers[.eTag] == "\"v1\"")
            let read = try await client.api(.get, "/api/v1/cycles/2026-q4/brief", token: viewer)
            #expect(read.status == .ok)
            #expect(read.object["themes"] as? [String] == ["Khách hàng mới", "Tốc độ sản phẩm"])
            #expect(read.headers[.eTag] == "\"v1\"")

            let noVersion = try await client.api(
                .put, "/api/v1/cycles/2026-q4/brief", token: admin, body: jsonBody(["body": "Bản mới"]))
            #expect(noVersion.status == .preconditionRequired)
            let second = try await client.api(
                .put, "/api/v1/cycles/2026-q4/brief", token: admin, body: jsonBody(["body": "Bản mới"]),
                headers: [.ifMatch: "\"v1\""])
            #expect(second.status == .ok)
            #expect(second.object["version"] as? Int == 2)
            #expect(second.object["body_en"] == nil)
            let stale = try await client.api(
                .put, "/api/v1/cycles/2026-q4/brief", token: admin, body: jsonBody(["body": "Cũ", "version": 1]))
            #expect(stale.status == .conflict)
            #expect(stale.errorCode == "version_conflict")
            #expect(try await world.store.directionBrief(cycle: "2026-q4")?.value.body == "Bản mới")
        }
        try await world.close()
    }

    @Test("The brief: only leadership writes it, and invalid text is 422 naming the field")
    func briefPermissionsAndValidation() async throws {
        let world = try await TestWorld.demo()
        let admin = try await world.token("p-anh")
        try await world.test { client in
            for person in ["p-ha", "p-nam", "p-mai"] {
                let token = try await world.token(person)
                let answer = try await client.api(
                    .put, "/api/v1/cycles/2026-q4/brief", token: token, body: jsonBody(["body": "Hướng đi"]))
                #expect(answer.status == .forbidden, "\(person)")
            }
            let blank = try await client.api(
                .put, "/api/v1/cycles/2026-q4/brief", token: admin, body: jsonBody(["body": "   "]))
            #expect(blank.status == .unprocessableContent)
            #expect(blank.errorField == "body")
            let repeated = try await client.api(
                .put, "/api/v1/cycles/2026-q4/brief", token: admin,
                body: jsonBody(["body": "Hướng đi", "themes": ["Khách hàng mới", "Khách hàng mới "]]))
            #expect(repeated.status == .unprocessableContent)
            #expect(repeated.errorField == "themes")
            let missing = try await client.api(
                .put, "/api/v1/cycles/2026-q4/brief", token: admin, body: jsonBody(["themes": ["A"]]))
            #expect(missing.status == .unprocessableContent)
            #expect(missing.errorField == "body")
            #expect(try await world.store.directionBrief(cycle: "2026-q4") == nil)
        }
        try await world.close()
    }
}
