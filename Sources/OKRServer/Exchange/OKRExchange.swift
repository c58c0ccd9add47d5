import Foundation
import OKRCore

/// OKRs as they travel between Okra and files: each thing referred to by what a person reads — a cycle by its
/// name, an owner as `company`, a team's path (`Kinh doanh/Miền Bắc`) or a person's e-mail, a parent by its
/// objective's id or title, a check-in's author by e-mail — so that a spreadsheet typed by hand, the OKR file and
/// an export of another Okra all arrive the same way (`OKRImport`).
///
/// An export carries every objective's, KR's, initiative's and check-in's id as well: importing it again matches
/// them by id and changes nothing; a file without ids is matched by names (the objective by cycle, owner and
/// title; the KR by its objective and title; the initiative by its KR and title; the check-in by its KR, day,
/// value and author). The JSON export is this value encoded (`format` `okra-okrs`, `version` 1).
public struct OKRExchange: Sendable, Codable, Equatable {
    public static let formatName = "okra-okrs"

    public var format: String = OKRExchange.formatName
    public var version: Int = 1
    public var cycles: [Cycle]
    public var objectives: [Objective]

    public init(cycles: [Cycle], objectives: [Objective]) {
        self.cycles = cycles
        self.objectives = objectives
    }

    public struct Cycle: Sendable, Codable, Equatable {
        public var name: String
        public var start: Day
        public var end: Day
        public var state: OKRCore.Cycle.State

        public init(
            name: String, start: Day, end: Day, state: OKRCore.Cycle.State
        ) {
            self.name = name
            self.start = start
            self.end = end
            self.state = state
        }
    }

    public struct Objective: Sendable, Codable, Equatable {
        public var id: String?
        /// The cycle's name; empty: the cycle the import is for.
        public var cycle: String
        public var title: String
        public var titleEn: String?
        public var description: String?
        /// `company`, a team's path or a person's e-mail.
        public var owner: String
        public var kind: OKRCore.Objective.Kind
        public var state: OKRCore.Objective.State
        public var visibility: OKRCore.Objective.Visibility
        public var progressSource: OKRCore.Objective.ProgressSource
        public var parents: [Parent]
        public var keyResults: [KeyResult]
        /// The spreadsheet row the objective was read from, for messages (never exported).
        public var row: Int?

        private enum CodingKeys: String, CodingKey {
            case id, cycle, title
            case titleEn = "title_en"
            case description, owner, kind, state, visibility
            case progressSource = "progress_source"
            case parents
            case keyResults = "key_results"
        }

        public init(
            id: String?, cycle: String, title: String, titleEn: String?, description: String?, owner: String,
            kind: OKRCore.Objective.Kind, state: OKRCore.Objective.State, visibility: OKRCore.Objective.Visibility,
            progressSource: OKRCore.Objective.ProgressSource, parents: [Parent], keyResults: [KeyResult],
            row: Int? = nil
        ) {
            self.id = id
            self.cycle = cycle
            self.title = title
            self.titleEn = titleEn
            self.description = description
            self.owner = owner
            self.kind = kind
            self.state = state
            self.visibility = visibility
            self.progressSource = progressSource
            self.parents = parents
            self.keyResults = keyResults
            self.row = row
        }
    }

    /// Where an objective aligns to: another objective, or one KR of it.
    public struct Parent: Sendable, Codable, Equatable {
        /// The parent objective's id, or its title when the file has no ids (for a KR: the KR's objective).
        public var objective: String
        /// The KR's id or title, when the objective aligns to one KR of `objective`.
        public var keyResult: String?
        public var weight: Decimal

        private enum CodingKeys: String, CodingKey {
            case objective
            case keyResult = "key_result"
            case weight
        }

        public init(
            objective: String, keyResult: String? = nil, weight: Decimal
        ) {
            self.objective = objective
            self.keyResult = keyResult
            self.weight = weight
        }
    }

    public struct KeyResult: Sendable, Codable, Equatable {
        public var id: String?
        public var title: String
        public var titleEn: String?
        /// Who answers for the KR, when not the objective's owner: a person's e-mail or a team's path.
        public var owner: String?
        public var kind: OKRCore.KeyResult.Kind
        public var unit: MeasureUnit
        public var start: Decimal?
        public var target: Decimal?
        public var targetHigh: Decimal?
        public var weight: Decimal
        /// A guard on the value ("at least 100 responses"): what is counted and the minimum.
        public var condition: Condition?
        public var due: Day?
        public var initiatives: [Initiative]
        public var checkIns: [CheckIn]
        public var row: Int?

        private enum CodingKeys: String, CodingKey {
            case id, title
            case titleEn = "title_en"
            case owner, kind, unit, start, target
            case targetHigh = "target_high"
            case weight
            case condition, due, initiatives
            case checkIns = "check_ins"
        }

        public init(
            id: String?, title: String, titleEn: String?, owner: String? = nil, kind: OKRCore.KeyResult.Kind,
            unit: MeasureUnit, start: Decimal?, target: Decimal?, targetHigh: Decimal?, weight: Decimal,
            condition: Condition? = nil, due: Day? = nil, initiatives: [Initiative], checkIns: [CheckIn],
            row: Int? = nil
        ) {
            self.id = id
            self.title = title
            self.titleEn = titleEn
            self.owner = owner
            self.condition = condition
            self.due = due
            self.kind = kind
            self.unit = unit
            self.start = start
            self.target = target
            self.targetHigh = targetHigh
            self.weight = weight
            self.initiatives = initiatives
            self.checkIns = checkIns
            self.row = row
        }
    }

    public struct Condition: Sendable, Codable, Equatable {
        public var metric: String
        public var minimum: Decimal

        public init(metric: String, minimum: Decimal) {
            self.metric = metric
            self.minimum = minimum
        }
    }

    public struct Initiative: Sendable, Codable, Equatable {
        public var id: String?
        public var title: String
        /// A person's e-mail or a team's path.
        public var owner: String?
        public var state: OKRCore.Initiative.State
        public var link: String?
        public var due: Day?
        public var row: Int?

        private enum CodingKeys: String, CodingKey {
            case id, title, owner, state, link, due
        }

        public init(
            id: String?, title: String, owner: String? = nil, state: OKRCore.Initiative.State, link: String?,
            due: Day?, row: Int? = nil
        ) {
            self.id = id
            self.title = title
            self.owner = owner
            self.state = state
            self.link = link
            self.due = due
            self.row = row
        }
    }

    public struct CheckIn: Sendable, Codable, Equatable {
        public var id: String?
        public var day: Day
        public var recordedAt: Date
        public var value: Decimal
        public var confidence: Int?
        public var note: String?
        /// The author's e-mail.
        public var author: String
        /// The count for the KR's condition ("40 responses").
        public var conditionActual: Decimal?
        public var row: Int?

        private enum CodingKeys: String, CodingKey {
            case id, day
            case recordedAt = "recorded_at"
            case value, confidence, note, author
            case conditionActual = "condition_actual"
        }

        public init(
            id: String?, day: Day, recordedAt: Date, value: Decimal, confidence: Int?, note: String?, author: String,
            conditionActual: Decimal? = nil, row: Int? = nil
        ) {
            self.conditionActual = conditionActual
            self.id = id
            self.day = day
            self.recordedAt = recordedAt
            self.value = value
            self.confidence = confidence
            self.note = note
            self.author = author
            self.row = row
        }
    }

    /// A moment to the millisecond, as the store keeps it (`2026-11-16T09:30:00.123Z`).
    static let instant = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// The JSON of an export: keys in a fixed order, dates in ISO 8601, readable.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Self.instant))
        }
        return try encoder.encode(self)
    }

    /// Reads the JSON of an export.
    public static func decode(json data: Data) throws -> OKRExchange {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = (try? Self.instant.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text)) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not an ISO 8601 time: \(text)")
            }
            return date
        }
        return try decoder.decode(OKRExchange.self, from: data)
    }
}
