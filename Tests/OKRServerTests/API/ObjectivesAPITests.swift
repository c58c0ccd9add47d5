import Foundation
import Hummingbird
import HummingbirdTesting
import OKRCore
import OKRServer
import OKRStore
import Testing

@Suite("GET /api/v1/objectives")
struct ObjectivesAPITests {
    struct Body: Decodable {
        struct Objective: Decodable {
            let id: String
            let title: String
            let progress: Decimal
            let status: String
            let keyResults: [KeyResult]
            let explanation: Explanation
        }
        struct KeyResult: Decodable {
            let id: String
            let progress: Decimal
            let progressRaw: Decimal
            let status: String
            let explanation: Explanation
        }
        struct Explanation: Decodable {
            let computation: String
            let notes: [String]
        }
        let data: [Objective]
    }

    static func decode(_ buffer: ByteBuffer) throws -> Body {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Body.self, from: Data(buffer: buffer))
    }

    @Test("With an API token: the Marketing objective at 0.7 and the email KR at 0.6, with explanations")
    func readsNumbers() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.store.createAPIToken(person: "p-ha", name: "test", readOnly: true)
        try await world.test { client in
            try await client.execute(
                uri: "/api/v1/objectives?lang=en", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let body = try Self.decode(response.body)
                let marketing = try #require(body.data.first { $0.id == "o-mkt-mql" })
                #expect(marketing.progress == Decimal(string: "0.7")!)
                let email = try #require(marketing.keyResults.first { $0.id == "kr-mkt-email" })
                #expect(email.progress == Decimal(string: "0.6")!)
                #expect(email.explanation.computation == "(130 − 100) / (150 − 100) = 0.6")
                let sales = try #require(body.data.first { $0.id == "o-sales-nurture" })
                let trial = try #require(sales.keyResults.first { $0.id == "kr-sales-trial" })
                #expect(trial.progress == Decimal(string: "0.4")!)
                let survey = try #require(sales.keyResults.first { $0.id == "kr-sales-survey" })
                #expect(survey.progress == 0)
                #expect(survey.explanation.notes.contains("Not met: 8.6/10 but only 40 of 100 required responses"))
                let organic = try #require(marketing.keyResults.first { $0.id == "kr-mkt-organic" })
                #expect(organic.status == "done")
            }
        }
        try await world.close()
    }

    /// Objectives are kept as JSON between requests (`ObjectiveJSON`): a check-in, an edit and the other
    /// language must each show at once, never an earlier answer.
    @Test("A listed objective kept from an earlier request follows a check-in, an edit and the language")
    func keptObjectivesFollowChanges() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-ha")
        try await world.test { client in
            func marketing(_ language: String) async throws -> Body.Objective? {
                let answer = try await client.api(.get, "/api/v1/objectives?limit=200&lang=\(language)", token: token)
                #expect(answer.status == .ok)
                return try Self.decode(ByteBuffer(string: answer.text)).data.first { $0.id == "o-mkt-mql" }
            }
            func email(_ objective: Body.Objective?) -> Body.KeyResult? {
                objective?.keyResults.first { $0.id == "kr-mkt-email" }
            }
            let first = try #require(try await marketing("en"))
            #expect(first.progress == Decimal(string: "0.7")!)
            #expect(email(first)?.explanation.computation == "(130 − 100) / (150 − 100) = 0.6")
            #expect(email(try await marketing("en"))?.progress == Decimal(string: "0.6")!)

            let checkIn = try await client.api(
                .post, "/api/v1/key-results/kr-mkt-email/check-ins", token: token,
                body: #"{"value": 140, "confidence": 7}"#)
            #expect(checkIn.status == .created)
            let after = try #require(try await marketing("en"))
            #expect(email(after)?.explanation.computation == "(140 − 100) / (150 − 100) = 0.8")
            #expect(after.progress != first.progress)

            let objective = try #require(try await world.store.objective(id: "o-mkt-mql"))
            var retitled = objective.value
            retitled.title = try LocalizedName(vi: "Kênh quảng cáo tạo nhiều MQL hơn nữa")
            _ = try await world.store.updateObjective(retitled, expectedVersion: objective.version, actor: "p-ha")
            #expect(try await marketing("en")?.title == "Kênh quảng cáo tạo nhiều MQL hơn nữa")

            let sales = { (language: String) async throws -> [String] in
                let answer = try await client.api(.get, "/api/v1/objectives?limit=200&lang=\(language)", token: token)
                let body = try Self.decode(ByteBuffer(string: answer.text))
                let objective = body.data.first { $0.id == "o-sales-nurture" }
                return objective?.keyResults.first { $0.id == "kr-sales-survey" }?.explanation.notes ?? []
            }
            #expect(try await sales("en").contains { $0.hasPrefix("Not met:") })
            #expect(try await sales("vi").contains { $0.hasPrefix("Chưa đạt:") })
            #expect(try await sales("en").contains { $0.hasPrefix("Not met:") })
        }
        try await world.close()
    }

    @Test("Without a token: 401 in the API's error shape")
    func unauthorized() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            for header in [nil, "Bearer not-a-token", "Basic abc"] {
                var headers: HTTPFields = [:]
                if let header { headers[.authorization] = header }
                try await client.execute(uri: "/api/v1/objectives", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized)
                    let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    let error = object?["error"] as? [String: Any]
                    #expect(error?["code"] as? String == "unauthorized")
                    #expect((error?["message"] as? String)?.isEmpty == false)
                }
            }
        }
        try await world.close()
    }

    @Test("An unknown cycle is a 404 naming the field")
    func unknownCycle() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.store.createAPIToken(person: "p-anh", name: "test", readOnly: false)
        try await world.test { client in
            try await client.execute(
                uri: "/api/v1/objectives?cycle=nope", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("\"field\":\"cycle\""))
            }
        }
        try await world.close()
    }

    @Test("/health answers ok")
    func health() async throws {
        let world = try await TestWorld.demo()
        try await world.test { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            }
        }
        try await world.close()
    }
}
