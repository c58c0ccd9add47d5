import Foundation
import OKRCore
import OKRStore

/// An objective as the API writes it (`ObjectiveResource`), kept as JSON between requests: a list of 50
/// objectives is mostly the same 50 objectives again. A kept one is written only while the objective and its
/// KRs stand at the versions it was made from (an edit or a check-in is another version) and their scores are
/// the same (a child's check-in, a new day), in the same language; otherwise it is made again.
struct ObjectiveJSON: Sendable, Encodable, APIJSONWritable {
    let bytes: [UInt8]

    func write(to out: inout JSONOut) { out.written(bytes) }

    /// Through a generic encoder the kept JSON is read back and written member by member.
    func encode(to encoder: any Encoder) throws {
        try JSONDecoder().decode(Fragment.self, from: Data(bytes)).encode(to: encoder)
    }

    private struct Key: Hashable, Sendable {
        let generation: ReadModel.Generation
        let objective: ObjectiveID
        let language: Language
    }

    private struct Kept: Sendable {
        /// The objective's version, then its KRs'.
        let versions: [Int]
        let keyResults: [KeyResultID]
        let score: Scorecard.ObjectiveScore
        let keyResultScores: [Scorecard.KeyResultScore?]
        let bytes: [UInt8]
    }

    /// The objectives most listed, at about 3.5 KB each (at most 15 MB).
    private static let memo = BoundedMemo<Key, Kept>(limit: 4_000)

    /// The objective `entry` of `report` with its KRs and their scores, as JSON.
    static func of(_ entry: Versioned<Objective>, report: CycleReport, language: Language) throws -> ObjectiveJSON {
        let id = entry.value.id
        guard let score = report.score(id) else { throw APIError.notFound(.objective, id.rawValue) }
        let keyResults = report.keyResults(of: id)
        let versions = [entry.version] + keyResults.map(\.version)
        let ids = keyResults.map(\.value.id)
        let scores = ids.map { report.score($0) }
        let key = Key(generation: report.snapshot.generation, objective: id, language: language)
        if let kept = memo.kept(for: key), kept.versions == versions, kept.keyResults == ids, kept.score == score,
            kept.keyResultScores == scores
        {
            return ObjectiveJSON(bytes: kept.bytes)
        }
        var out = JSONOut(capacity: 4_096)
        try ObjectiveResource(entry, report: report, language: language).write(to: &out)
        memo.keep(
            Kept(versions: versions, keyResults: ids, score: score, keyResultScores: scores, bytes: out.bytes),
            for: key)
        return ObjectiveJSON(bytes: out.bytes)
    }

    /// Any JSON value, read and written back.
    private enum Fragment: Codable {
        case string(String)
        case number(Decimal)
        case bool(Bool)
        case null
        case array([Fragment])
        case object([(String, Fragment)])

        private struct Name: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            if let object = try? decoder.container(keyedBy: Name.self) {
                self = .object(
                    try object.allKeys.map { ($0.stringValue, try object.decode(Fragment.self, forKey: $0)) })
            } else if var array = try? decoder.unkeyedContainer() {
                var elements: [Fragment] = []
                while !array.isAtEnd { elements.append(try array.decode(Fragment.self)) }
                self = .array(elements)
            } else {
                let single = try decoder.singleValueContainer()
                if single.decodeNil() {
                    self = .null
                } else if let flag = try? single.decode(Bool.self) {
                    self = .bool(flag)
                } else if let number = try? single.decode(Decimal.self) {
                    self = .number(number)
                } else {
                    self = .string(try single.decode(String.self))
                }
            }
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .string(let text):
                var single = encoder.singleValueContainer()
                try single.encode(text)
            case .number(let number):
                var single = encoder.singleValueContainer()
                try single.encode(number)
            case .bool(let flag):
                var single = encoder.singleValueContainer()
                try single.encode(flag)
            case .null:
                var single = encoder.singleValueContainer()
                try single.encodeNil()
            case .array(let elements):
                var array = encoder.unkeyedContainer()
                for element in elements { try array.encode(element) }
            case .object(let members):
                var object = encoder.container(keyedBy: Name.self)
                for (name, value) in members { try object.encode(value, forKey: Name(stringValue: name)) }
            }
        }
    }
}
