import Foundation
import OKRCore
import OKRStore

/// A cycle's OKRs (or every cycle's) out of Okra: objectives, KRs, initiatives, alignment and each KR's check-in
/// history, as the JSON of `OKRExchange`, as a spreadsheet in `OKRSheet`'s layout (XLSX with a second sheet of
/// check-ins; CSV with the OKR sheet only), or as the OKR file. Whatever it writes, `OKRImport` reads back.
public enum OKRExport {
    public enum Format: String, Sendable, CaseIterable {
        case json, csv, xlsx, yaml

        public var contentType: String {
            switch self {
            case .json: "application/json"
            case .csv: "text/csv; charset=utf-8"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .yaml: "application/yaml; charset=utf-8"
            }
        }
    }

    /// The OKRs of `cycles` (every cycle when nil), with ids, each owner by name and each parent by id.
    public static func exchange(store: OKRStore, cycles wanted: [CycleID]?) async throws -> OKRExchange {
        let cycles = try await store.cycles().map(\.value).filter { wanted?.contains($0.id) ?? true }
            .sorted { ($0.start, $0.name) < ($1.start, $1.name) }
        let teams = try await store.versionedTeams().map(\.value)
        let people = Dictionary(
            try await store.versionedPeople().map { ($0.value.id, $0.value.email) }, uniquingKeysWith: { a, _ in a })
        let paths = TeamPaths(teams)
        var exchange = OKRExchange(
            cycles: cycles.map { .init(name: $0.name, start: $0.start, end: $0.end, state: $0.state) }, objectives: [])
        var boards: [(Cycle, Board)] = []
        for cycle in cycles { boards.append((cycle, try await store.board(cycle: cycle.id))) }
        // A KR an objective aligns to, by the KR's objective.
        var objectiveOf: [KeyResultID: ObjectiveID] = [:]
        for (_, board) in boards {
            for (objective, keyResults) in board.keyResults {
                for keyResult in keyResults { objectiveOf[keyResult.value.id] = objective }
            }
        }
        for (cycle, board) in boards {
            for stored in board.objectives {
                let objective = stored.value
                let keyResults = (board.keyResults[objective.id] ?? []).map(\.value).map { keyResult in
                    OKRExchange.KeyResult(
                        id: keyResult.id.rawValue, title: keyResult.title.vi, titleEn: keyResult.title.en,
                        owner: keyResult.owner.map { ownerName($0, paths: paths, people: people) },
                        kind: keyResult.kind, unit: keyResult.unit, start: keyResult.start, target: keyResult.target,
                        targetHigh: keyResult.targetHigh, weight: keyResult.weight,
                        condition: keyResult.condition.map { .init(metric: $0.metric, minimum: $0.minimum) },
                        due: keyResult.due,
                        initiatives: (board.initiatives[keyResult.id] ?? []).map(\.value).map {
                            OKRExchange.Initiative(
                                id: $0.id.rawValue, title: $0.title.vi,
                                owner: $0.owner.map { ownerName($0, paths: paths, people: people) }, state: $0.state,
                                link: $0.link, due: $0.due)
                        },
                        checkIns: (board.checkIns[keyResult.id] ?? []).map {
                            OKRExchange.CheckIn(
                                id: $0.id.rawValue, day: $0.day, recordedAt: $0.recordedAt, value: $0.value,
                                confidence: $0.confidence?.value, note: $0.note,
                                author: people[$0.authorID] ?? $0.authorID.rawValue, conditionActual: $0.conditionActual
                            )
                        })
                }
                exchange.objectives.append(
                    OKRExchange.Objective(
                        id: objective.id.rawValue, cycle: cycle.name, title: objective.title.vi,
                        titleEn: objective.title.en, description: objective.description,
                        owner: ownerName(objective.owner, paths: paths, people: people), kind: objective.kind,
                        state: objective.state, visibility: objective.visibility,
                        progressSource: objective.progressSource,
                        parents: objective.parents.compactMap { link in
                            switch link.target {
                            case .objective(let parent):
                                return OKRExchange.Parent(objective: parent.rawValue, weight: link.weight)
                            case .keyResult(let keyResult):
                                guard let parent = objectiveOf[keyResult] else { return nil }
                                return OKRExchange.Parent(
                                    objective: parent.rawValue, keyResult: keyResult.rawValue, weight: link.weight)
                            }
                        },
                        keyResults: keyResults))
            }
        }
        return exchange
    }

    static func ownerName(_ owner: Owner?, paths: TeamPaths, people: [PersonID: String]) -> String {
        switch owner {
        case .company, nil: "company"
        case .team(let id): paths.path(of: id)
        case .person(let id): people[id] ?? id.rawValue
        }
    }

    /// The export as a file of `format`, with headers and words in `language`.
    public static func data(_ exchange: OKRExchange, format: Format, language: Language) throws -> Data {
        switch format {
        case .json:
            return try exchange.json()
        case .csv:
            let sheet = sheets(exchange, language: language)[0]
            let text = sheet.rows.map { $0.map(\.text) }
            return SpreadsheetTable(header: text.first ?? [], rows: Array(text.dropFirst())).csvData()
        case .xlsx:
            return try XLSXWriter.write(XLSXWorkbook(sheets: sheets(exchange, language: language)))
        case .yaml:
            return Data(OKRFileWriter.yaml(exchange).utf8)
        }
    }

    /// The OKR sheet (one row per KR and initiative) and the check-ins sheet.
    static func sheets(_ exchange: OKRExchange, language: Language) -> [XLSXSheet] {
        typealias Column = OKRSheet.Column
        let titles = Dictionary(
            exchange.objectives.compactMap { objective in objective.id.map { ($0, objective) } },
            uniquingKeysWith: { a, _ in a })
        // A parent by its title where the title is unique in its cycle, by its id otherwise.
        var titleCount: [String: Int] = [:]
        for objective in exchange.objectives {
            titleCount[objective.cycle + "|" + Folding.fold(objective.title), default: 0] += 1
        }
        func parentName(_ parent: OKRExchange.Parent, cycle: String) -> String {
            var name = parent.objective
            let objective = titles[parent.objective]
            if let objective, objective.cycle == cycle, titleCount[cycle + "|" + Folding.fold(objective.title)] == 1 {
                name = objective.title
            }
            guard let keyResult = parent.keyResult else { return name }
            // The KR by its title where its objective has one KR of that title, by its id otherwise.
            let sameTitle = objective?.keyResults.filter { $0.id == keyResult }.first.map { found in
                objective?.keyResults.filter { Folding.fold($0.title) == Folding.fold(found.title) }.count == 1
                    ? found.title : keyResult
            }
            return name + OKRSheet.keyResultMark + (sameTitle ?? keyResult)
        }
        func text(_ value: String?) -> XLSXCell { (value ?? "").isEmpty ? .empty : .text(value ?? "") }
        func number(_ value: Decimal?) -> XLSXCell { value.map { .number(OKRSheet.number($0)) } ?? .empty }
        func date(_ day: Day?) -> XLSXCell {
            day.map { .date(XLSXDate(year: $0.year, month: $0.month, day: $0.day)) } ?? .empty
        }

        var rows: [[XLSXCell]] = [Column.allCases.map { .text($0.label(language)) }]
        for objective in exchange.objectives {
            var objectiveCells: [Column: XLSXCell] = [
                .cycle: text(objective.cycle), .objectiveID: text(objective.id), .objective: text(objective.title),
                .objectiveEn: text(objective.titleEn), .description: text(objective.description),
                .owner: text(objective.owner == "company" ? OKRSheet.companyWord(language) : objective.owner),
                .objectiveKind: .text(OKRSheet.word(objective.kind, language)),
                .state: .text(OKRSheet.word(objective.state, language)),
                .visibility: .text(OKRSheet.word(objective.visibility, language)),
                .progressSource: .text(OKRSheet.word(objective.progressSource, language)),
                .parent: text(objective.parents.map { parentName($0, cycle: objective.cycle) }.joined(separator: "\n")),
                .parentWeight: text(
                    objective.parents.contains { $0.weight != 1 }
                        ? objective.parents.map { OKRSheet.number($0.weight) }.joined(separator: "\n") : nil),
            ]
            if objective.keyResults.isEmpty { rows.append(Column.allCases.map { objectiveCells[$0] ?? .empty }) }
            for keyResult in objective.keyResults {
                objectiveCells[.keyResultID] = text(keyResult.id)
                objectiveCells[.keyResult] = text(keyResult.title)
                objectiveCells[.keyResultEn] = text(keyResult.titleEn)
                objectiveCells[.keyResultOwner] = text(keyResult.owner)
                objectiveCells[.conditionMetric] = text(keyResult.condition?.metric)
                objectiveCells[.conditionMinimum] = number(keyResult.condition?.minimum)
                objectiveCells[.due] = date(keyResult.due)
                objectiveCells[.kind] = .text(OKRSheet.word(keyResult.kind, language))
                objectiveCells[.start] = number(keyResult.start)
                objectiveCells[.target] = number(keyResult.target)
                objectiveCells[.targetHigh] = number(keyResult.targetHigh)
                objectiveCells[.unit] = text(OKRSheet.unitText(keyResult.unit))
                objectiveCells[.weight] = keyResult.weight == 1 ? .empty : number(keyResult.weight)
                let initiatives: [OKRExchange.Initiative?] =
                    keyResult.initiatives.isEmpty ? [nil] : keyResult.initiatives
                for initiative in initiatives {
                    var cells = objectiveCells
                    if let initiative {
                        cells[.initiativeID] = text(initiative.id)
                        cells[.initiative] = text(initiative.title)
                        cells[.initiativeState] = .text(OKRSheet.word(initiative.state, language))
                        cells[.initiativeOwner] = text(initiative.owner)
                        cells[.initiativeDue] = date(initiative.due)
                        cells[.initiativeLink] = text(initiative.link)
                    }
                    rows.append(Column.allCases.map { cells[$0] ?? .empty })
                }
            }
        }

        typealias CheckInColumn = OKRSheet.CheckInColumn
        var checkIns: [[XLSXCell]] = [CheckInColumn.allCases.map { .text($0.label(language)) }]
        for objective in exchange.objectives {
            for keyResult in objective.keyResults {
                for checkIn in keyResult.checkIns {
                    let cells: [CheckInColumn: XLSXCell] = [
                        .objectiveID: text(objective.id), .objective: text(objective.title),
                        .owner: text(objective.owner == "company" ? OKRSheet.companyWord(language) : objective.owner),
                        .keyResultID: text(keyResult.id), .keyResult: text(keyResult.title),
                        .checkInID: text(checkIn.id),
                        .day: date(checkIn.day), .value: number(checkIn.value),
                        .confidence: checkIn.confidence.map { .number(String($0)) } ?? .empty,
                        .conditionActual: number(checkIn.conditionActual),
                        .note: text(checkIn.note), .author: text(checkIn.author),
                        .recordedAt: .text(checkIn.recordedAt.formatted(OKRExchange.instant)),
                    ]
                    checkIns.append(CheckInColumn.allCases.map { cells[$0] ?? .empty })
                }
            }
        }
        typealias CycleColumn = OKRSheet.CycleColumn
        var cycles: [[XLSXCell]] = [CycleColumn.allCases.map { .text($0.label(language)) }]
        for cycle in exchange.cycles {
            cycles.append([
                .text(cycle.name), date(cycle.start), date(cycle.end), .text(OKRSheet.word(cycle.state, language)),
            ])
        }
        return [
            XLSXSheet(name: language == .vi ? "OKR" : "OKRs", rows: rows),
            XLSXSheet(name: language == .vi ? "Check-in" : "Check-ins", rows: checkIns),
            XLSXSheet(name: language == .vi ? "Chu kỳ" : "Cycles", rows: cycles),
        ]
    }
}

extension OKRSheet {
    /// The word a file of `language` writes for a value: English writes the API's own words, Vietnamese the
    /// guide's (both read back).
    static func word(_ kind: Objective.Kind, _ language: Language) -> String {
        guard language == .vi else { return kind.rawValue }
        return kind == .committed ? "Cam kết" : "Khát vọng"
    }

    static func word(_ state: Objective.State, _ language: Language) -> String {
        guard language == .vi else { return state.rawValue }
        switch state {
        case .draft: return "Nháp"
        case .inReview: return "Chờ duyệt"
        case .published: return "Đã công bố"
        case .closed: return "Đã đóng"
        case .archived: return "Lưu trữ"
        }
    }

    static func word(_ visibility: Objective.Visibility, _ language: Language) -> String {
        guard language == .vi else { return visibility.rawValue }
        return visibility == .organization ? "Toàn tổ chức" : "Riêng tư"
    }

    static func word(_ source: Objective.ProgressSource, _ language: Language) -> String {
        guard language == .vi else { return source.rawValue }
        switch source {
        case .keyResults: return "Kết quả then chốt"
        case .children: return "Mục tiêu cấp dưới"
        case .both: return "Cả hai"
        }
    }

    static func word(_ kind: KeyResult.Kind, _ language: Language) -> String {
        guard language == .vi else { return kind.rawValue }
        switch kind {
        case .increase: return "Tăng"
        case .decrease: return "Giảm"
        case .atLeast: return "Tối thiểu"
        case .atMost: return "Tối đa"
        case .range: return "Trong khoảng"
        case .milestone: return "Cột mốc"
        case .baseline: return "Đường cơ sở"
        }
    }

    static func word(_ state: Initiative.State, _ language: Language) -> String {
        guard language == .vi else { return state.rawValue }
        switch state {
        case .planned: return "Kế hoạch"
        case .inProgress: return "Đang thực hiện"
        case .done: return "Hoàn thành"
        case .dropped: return "Đã bỏ"
        }
    }
}
