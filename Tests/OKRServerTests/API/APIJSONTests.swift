import Foundation
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

/// The API's streaming JSON writer says what `JSONEncoder.api` says: the same keys, values and nesting (its keys are
/// in declaration order instead of sorted, which JSON does not distinguish).
@Suite("APIJSON: the API's JSON, written as it encodes")
struct APIJSONTests {
    /// Both encodings, parsed: equal when they carry the same JSON.
    static func parsedBoth(_ value: some Encodable) throws -> (streamed: NSObject, foundation: NSObject) {
        let streamed = try APIJSON.encode(value)
        let streamedData = Data(streamed.readableBytesView)
        let foundation = try JSONEncoder.api.encode(value)
        let left = try JSONSerialization.jsonObject(with: streamedData, options: [.fragmentsAllowed]) as! NSObject
        let right = try JSONSerialization.jsonObject(with: foundation, options: [.fragmentsAllowed]) as! NSObject
        return (left, right)
    }

    struct Sample: Encodable {
        enum Link: Encodable {
            case objective(String)
            case keyResult(id: String, weight: Decimal)
            case none
        }
        struct Empty: Encodable {}
        let kpiID: String
        let titleEn: String?
        let description: String?
        let sourceURLID: Int
        let progressRaw: Decimal
        let negative: Decimal
        let ratio: Double
        let whole: Double
        let flag: Bool
        let small: Int8
        let large: UInt64
        let day: Day
        let at: Date
        let text: String
        let links: [Link]
        let matrix: [[Int]]
        let nothing: [String]
        let empty: Empty
        let table: [String: Int]
        let optionals: [Int?]
    }

    static let sample = Sample(
        kpiID: "kpi-1", titleEn: nil, description: "Mô tả",
        sourceURLID: 3, progressRaw: Decimal(string: "0.4167")!, negative: Decimal(string: "-12.5")!, ratio: 0.25,
        whole: 2, flag: true, small: -8, large: 18_000_000_000, day: Day(iso: "2026-11-27")!,
        at: Date(timeIntervalSince1970: 1_796_000_000),
        text: "Quote \" backslash \\ slash / tab \t newline \n bell \u{07} NUL \u{0} Tiếng Việt 🚀",
        links: [.objective("o-1"), .keyResult(id: "kr-2", weight: 1.5), .none],
        matrix: [[1, 2], [], [3]], nothing: [], empty: Sample.Empty(), table: ["b": 2, "a": 1],
        optionals: [1, nil, 3])

    @Test("Every kind of value: escapes, Unicode, numbers, dates, nested enums, empty containers, nil")
    func sampleValues() throws {
        let (streamed, foundation) = try Self.parsedBoth(Self.sample)
        #expect(streamed == foundation)
        let object = try #require(streamed as? [String: Any])
        #expect(object["kpi_id"] as? String == "kpi-1")
        #expect(object["progress_raw"] as? Double == 0.4167)
        #expect(object["title_en"] == nil, "a nil optional is left out")
        #expect(object["text"] as? String == Self.sample.text)
    }

    @Test("Top-level values: a string, a number, an array, an optional")
    func fragments() throws {
        for value in [
            try Self.parsedBoth("a \"b\""), try Self.parsedBoth(Decimal(string: "0.9")!),
            try Self.parsedBoth([1, 2, 3]), try Self.parsedBoth(Int?.none), try Self.parsedBoth([Day?.none]),
        ] {
            #expect(value.streamed == value.foundation)
        }
    }

    /// Values that write their own JSON escape text as Foundation does, and leave out what is nil.
    @Test("Hand-written JSON: escapes, Unicode, nil members, nested writables")
    func handWritten() throws {
        let text = Self.sample.text
        let inputs = [Explanation.Input(text, "\u{1F}"), Explanation.Input("", "/ \\ \"")]
        let page = ListPage(data: inputs, nextCursor: nil)
        let (streamed, foundation) = try Self.parsedBoth(page)
        #expect(streamed == foundation)
        let condition = try ValidityCondition(metric: "phản hồi", minimum: 100, actual: nil)
        let conditions = try Self.parsedBoth(ListPage(data: [condition], nextCursor: "c"))
        #expect(conditions.streamed == conditions.foundation)
    }

    /// A container used again after its encoder moved on, and a super encoder: not streamable, so the
    /// answer is Foundation's, whole.
    @Test("What cannot be streamed falls back to Foundation's encoder and is still answered")
    func fallback() throws {
        struct Interleaved: Encodable {
            enum Keys: String, CodingKey { case a, b, c }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .a)
                try container.encode(1, forKey: .b)
                try nested.encode(2, forKey: .c)
            }
        }
        class Base: Encodable {
            var first = 1
        }
        final class Derived: Base, @unchecked Sendable {
            enum Keys: String, CodingKey { case second }
            override func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(2, forKey: .second)
                try super.encode(to: container.superEncoder())
            }
        }
        for value in [try Self.parsedBoth(Interleaved()), try Self.parsedBoth(Derived())] {
            #expect(value.streamed == value.foundation)
        }
    }

    /// The demo's objectives, each with its KRs, explanations and links, and the cycle's alignment tree, as an
    /// admin and as a member see them.
    @Test("The demo's objectives and alignment tree encode as Foundation encodes them")
    func demoResources() async throws {
        let world = try await TestWorld.demo()
        defer { Task { try? await world.close() } }
        for email in ["admin@okra.demo", "nam@okra.demo"] {
            let viewer = try #require(try await world.store.people().first { $0.email == email })
            for cycle in ["2026-q4", "2026-q3"] {
                guard
                    case .report(let report) = try await CycleReport.load(
                        store: world.store, viewer: viewer, cycle: cycle, environment: .fixed(TestWorld.today))
                else {
                    Issue.record("no report for \(cycle)")
                    continue
                }
                for language in [Language.vi, .en] {
                    let objectives = try report.visible.map {
                        try ObjectiveResource($0, report: report, language: language)
                    }
                    #expect(!objectives.isEmpty)
                    let list = try Self.parsedBoth(objectives)
                    #expect(list.streamed == list.foundation)
                    // A page of them: the hand-written path from the top.
                    for cursor in ["next", nil] {
                        let page = try Self.parsedBoth(ListPage(data: objectives, nextCursor: cursor))
                        #expect(page.streamed == page.foundation)
                    }
                }
                let tree = try Self.parsedBoth(AlignmentTreeResource(report))
                #expect(tree.streamed == tree.foundation)
            }
        }
    }
}
