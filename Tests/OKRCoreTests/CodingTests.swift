import Foundation
import Testing

@testable import OKRCore

/// Domain values as JSON: compact text forms where people read them, and invalid text refused on the way in.
@Suite("JSON forms of domain values")
struct CodingTests {
    typealias F = Fixture

    func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    @Test("Days, identifiers, confidence, units and owners are plain JSON values")
    func scalars() throws {
        #expect(try json([F.day("2026-02-17")]) == #"["2026-02-17"]"#)
        #expect(try json([KeyResultID("email")]) == #"["email"]"#)
        #expect(try json([Confidence(7)]) == "[7]")
        #expect(
            try json([MeasureUnit.currency(code: "VND", precision: 0), .percent, .label("/10")])
                == #"["currency:VND","percent","label:/10"]"#)
        #expect(try json([Owner.team("sales")]) == #"["team:sales"]"#)
        #expect(try decode([Day].self, #"["2026-02-17"]"#) == [F.day("2026-02-17")])
        #expect(try decode([ObjectiveID].self, #"["mkt"]"#) == ["mkt"])
        #expect(try decode([Confidence].self, "[10]") == [try Confidence(10)])
        #expect(try decode([MeasureUnit].self, #"["currency:usd"]"#) == [.currency(code: "USD", precision: 2)])
        #expect(try decode([Owner].self, #"["person:lan"]"#) == [.person("lan")])
    }

    @Test("Invalid text is refused when decoding")
    func refused() {
        #expect(throws: DecodingError.self) { try decode([Day].self, #"["2026-02-30"]"#) }
        #expect(throws: DecodingError.self) { try decode([Confidence].self, "[11]") }
        #expect(throws: DecodingError.self) { try decode([MeasureUnit].self, #"["currency:DONG"]"#) }
        #expect(throws: DecodingError.self) { try decode([Owner].self, #"["everyone"]"#) }
    }

    @Test("A key result, an objective and a cycle come back as they went")
    func roundTrips() throws {
        let kr = try F.keyResult(
            "survey", objective: "sales", kind: .atLeast, target: 8, current: F.dec("8.6"), weight: 2, confidence: 6,
            unit: .label("/10"), condition: ValidityCondition(metric: "responses", minimum: 100, actual: 40))
        #expect(try decode(KeyResult.self, json(kr)) == kr)
        let objective = try F.objective("sales", kind: .aspirational, parents: [F.link(to: "company", weight: 2)])
        #expect(try decode(Objective.self, json(objective)) == objective)
        #expect(try decode(Cycle.self, json(F.q1of2026)) == F.q1of2026)
        let progress = kr.progress()
        #expect(try decode(KeyResultProgress.self, json(progress)) == progress)
    }
}
