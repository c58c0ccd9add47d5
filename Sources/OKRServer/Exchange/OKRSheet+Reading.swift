import Foundation
import OKRCore

extension OKRSheet {
    /// What the tables of a file say, before it meets the organization: the OKRs grouped from their rows, and what
    /// could not be read, by row and column.
    struct Reading {
        var exchange = OKRExchange(cycles: [], objectives: [])
        var problems: [ImportProblem] = []
        /// The rows read, blank ones excepted (both sheets).
        var rows = 0
    }

    /// Reads the OKR sheet (the first table naming the objective, owner and key result columns), the check-ins
    /// sheet, if any (the table naming day and value), and the cycles sheet, if any (name, start and end).
    static func read(_ tables: [SpreadsheetTable], language: Language) -> Reading {
        var reading = Reading()
        let okrs = tables.first { table in
            let positions = table.positions(of: Column.self)
            return positions[.objective] != nil && positions[.keyResult] != nil
        }
        guard let okrs else {
            let positions = tables.first?.positions(of: Column.self) ?? [:]
            for column in [Column.objective, .owner, .keyResult] where positions[column] == nil {
                reading.problems.append(
                    ImportProblem(
                        row: nil,
                        message: Strings.shipped.text(
                            .importOKRMissingColumn, language, ["column": column.label(language)])))
            }
            return reading
        }
        var reader = RowReader(table: okrs, language: language)
        reader.readObjectives(into: &reading)
        if let cycles = tables.first(where: { table in
            let positions = table.positions(of: CycleColumn.self)
            return positions[.name] != nil && positions[.start] != nil && positions[.end] != nil
                && table.positions(of: Column.self)[.objective] == nil
        }) {
            readCycles(cycles, language: language, into: &reading)
        }
        if let checkIns = tables.first(where: { table in
            let positions = table.positions(of: CheckInColumn.self)
            return positions[.day] != nil && positions[.value] != nil && positions[.keyResult] != nil
        }) {
            var checkInReader = RowReader(table: checkIns, language: language)
            checkInReader.readCheckIns(into: &reading)
        }
        return reading
    }

    private static func readCycles(_ table: SpreadsheetTable, language: Language, into reading: inout Reading) {
        let positions = table.positions(of: CycleColumn.self)
        for (offset, cells) in table.rows.enumerated() where !SpreadsheetTable.isBlank(cells) {
            var cell = Cells(cells: cells, positions: positions, row: offset + 2, language: language)
            if cell[.name].isEmpty { cell.refuse(.name, .importValueRequired) }
            let start = OKRSheet.day(cell[.start])
            if start == nil { cell.refuse(.start, .importValueDay) }
            let end = OKRSheet.day(cell[.end])
            if end == nil { cell.refuse(.end, .importValueDay) }
            let state = OKRSheet.cycleState(cell[.state])
            if state == nil { cell.refuse(.state, .importValueState) }
            reading.problems += cell.problems
            guard cell.problems.isEmpty, let start, let end, let state else { continue }
            reading.exchange.cycles.append(OKRExchange.Cycle(name: cell[.name], start: start, end: end, state: state))
        }
    }

    /// Reads one table row by row, saying where each problem is.
    private struct RowReader {
        let table: SpreadsheetTable
        let language: Language
        /// Whether `1,5` is one and a half: the headers are Vietnamese.
        let decimalComma: Bool

        init(table: SpreadsheetTable, language: Language) {
            self.table = table
            self.language = language
            let vietnamese = Set(Column.allCases.map { Folding.fold($0.label(.vi)) })
                .union(CheckInColumn.allCases.map { Folding.fold($0.label(.vi)) })
            let english = Set(Column.allCases.map { Folding.fold($0.label(.en)) })
            let folded = table.header.map { Folding.fold($0.trimmingCharacters(in: .whitespaces)) }
            decimalComma =
                folded.filter { vietnamese.contains($0) && !english.contains($0) }.count
                > folded.filter { english.contains($0) }.count
        }

        // MARK: The OKR sheet

        mutating func readObjectives(into reading: inout Reading) {
            let positions = table.positions(of: Column.self)
            var objectiveIndex: [String: Int] = [:]
            var keyResultIndex: [String: Int] = [:]
            for column in [Column.owner] where positions[column] == nil {
                reading.problems.append(
                    ImportProblem(
                        row: nil,
                        message: text(.importOKRMissingColumn, ["column": column.label(language)])))
                return
            }
            for (offset, cells) in table.rows.enumerated() where !SpreadsheetTable.isBlank(cells) {
                let row = offset + 2
                reading.rows += 1
                var cell = Cells(cells: cells, positions: positions, row: row, language: language)
                let title = cell[.objective].split(whereSeparator: \.isWhitespace).joined(separator: " ")
                let owner = cell[.owner]
                if title.isEmpty { cell.refuse(.objective, .importValueRequired) }
                if owner.isEmpty { cell.refuse(.owner, .importValueRequired) }
                let kind = word(&cell, .objectiveKind, OKRSheet.objectiveKind, .importValueObjectiveKind)
                let state = word(&cell, .state, OKRSheet.objectiveState, .importValueState)
                let visibility = word(&cell, .visibility, OKRSheet.visibility, .importValueVisibility)
                let source = word(&cell, .progressSource, OKRSheet.progressSource, .importValueProgressSource)
                let parents = self.parents(&cell)
                let objectiveKey =
                    cell[.objectiveID].isEmpty
                    ? "\(Folding.fold(cell[.cycle]))|\(Folding.fold(owner))|\(Folding.fold(title))"
                    : "#" + cell[.objectiveID]
                let keyResult = readKeyResult(&cell)
                let initiative = readInitiative(&cell)
                reading.problems += cell.problems
                guard cell.problems.isEmpty, let kind, let state, let visibility, let source else { continue }

                let index: Int
                if let known = objectiveIndex[objectiveKey] {
                    index = known
                } else {
                    index = reading.exchange.objectives.count
                    objectiveIndex[objectiveKey] = index
                    reading.exchange.objectives.append(
                        OKRExchange.Objective(
                            id: cell[.objectiveID].isEmpty ? nil : cell[.objectiveID], cycle: cell[.cycle],
                            title: title, titleEn: cell[.objectiveEn].isEmpty ? nil : cell[.objectiveEn],
                            description: cell[.description].isEmpty ? nil : cell[.description], owner: owner,
                            kind: kind, state: state, visibility: visibility, progressSource: source,
                            parents: parents, keyResults: [], row: row))
                }
                guard var keyResult else {
                    if initiative != nil { cell.refuse(.initiative, .importInitiativeWithoutKeyResult) }
                    reading.problems += cell.problems
                    continue
                }
                let keyResultKey =
                    "\(index)|" + (keyResult.id.map { "#" + $0 } ?? Folding.fold(keyResult.title))
                if let known = keyResultIndex[keyResultKey] {
                    if let initiative {
                        reading.exchange.objectives[index].keyResults[known].initiatives.append(initiative)
                    }
                } else {
                    keyResultIndex[keyResultKey] = reading.exchange.objectives[index].keyResults.count
                    if let initiative { keyResult.initiatives.append(initiative) }
                    reading.exchange.objectives[index].keyResults.append(keyResult)
                }
            }
        }

        private func word<Value>(
            _ cell: inout Cells<Column>, _ column: Column, _ parse: (String) -> Value?, _ reason: StringKey
        ) -> Value? {
            let value = parse(cell[column])
            if value == nil { cell.refuse(column, reason) }
            return value
        }

        /// The parents, one per line of the cell, each with the weight on the same line of the weight cell.
        private func parents(_ cell: inout Cells<Column>) -> [OKRExchange.Parent] {
            let names = cell[.parent].split(whereSeparator: \.isNewline).map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
            let weights = cell[.parentWeight].split(whereSeparator: \.isNewline).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            var parents: [OKRExchange.Parent] = []
            for (index, name) in names.enumerated() {
                var weight: Decimal = 1
                if index < weights.count, !weights[index].isEmpty {
                    guard let value = SpreadsheetNumber.parse(weights[index], decimalComma: decimalComma), value > 0
                    else {
                        cell.refuse(.parentWeight, .importValueNumber, value: weights[index])
                        continue
                    }
                    weight = value
                }
                let pair = name.components(separatedBy: OKRSheet.keyResultMark.trimmingCharacters(in: .whitespaces))
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty {
                    parents.append(OKRExchange.Parent(objective: pair[0], keyResult: pair[1], weight: weight))
                } else {
                    parents.append(OKRExchange.Parent(objective: name, weight: weight))
                }
            }
            return parents
        }

        private func readKeyResult(_ cell: inout Cells<Column>) -> OKRExchange.KeyResult? {
            let title = cell[.keyResult].split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !title.isEmpty else { return nil }
            // Every cell of the row is read, so that each of its problems is reported at once.
            let kind = OKRSheet.keyResultKind(cell[.kind])
            if kind == nil { cell.refuse(.kind, cell[.kind].isEmpty ? .importValueRequired : .importValueKind) }
            let numbers = [Column.start, .target, .targetHigh].map { column -> Decimal? in
                guard !cell[column].isEmpty else { return nil }
                let value = SpreadsheetNumber.parse(cell[column], decimalComma: decimalComma)
                if value == nil { cell.refuse(column, .importValueNumber) }
                return value
            }
            var weight: Decimal = 1
            if !cell[.weight].isEmpty {
                if let value = SpreadsheetNumber.parse(cell[.weight], decimalComma: decimalComma), value > 0 {
                    weight = value
                } else {
                    cell.refuse(.weight, .importValueNumber)
                }
            }
            let unit = OKRSheet.unit(cell[.unit])
            if unit == nil { cell.refuse(.unit, .importValueUnit) }
            var condition: OKRExchange.Condition?
            if !cell[.conditionMetric].isEmpty || !cell[.conditionMinimum].isEmpty {
                if let minimum = SpreadsheetNumber.parse(cell[.conditionMinimum], decimalComma: decimalComma) {
                    condition = OKRExchange.Condition(metric: cell[.conditionMetric], minimum: minimum)
                } else {
                    cell.refuse(.conditionMinimum, .importValueNumber)
                }
            }
            let due = self.day(&cell, .due)
            guard let kind, let unit else { return nil }
            return OKRExchange.KeyResult(
                id: cell[.keyResultID].isEmpty ? nil : cell[.keyResultID], title: title,
                titleEn: cell[.keyResultEn].isEmpty ? nil : cell[.keyResultEn],
                owner: cell[.keyResultOwner].isEmpty ? nil : cell[.keyResultOwner], kind: kind, unit: unit,
                start: numbers[0], target: numbers[1], targetHigh: numbers[2], weight: weight, condition: condition,
                due: due, initiatives: [], checkIns: [], row: cell.row)
        }

        /// An optional date cell: nil when empty, refused when it is not a date.
        private func day(_ cell: inout Cells<Column>, _ column: Column) -> Day? {
            guard !cell[column].isEmpty else { return nil }
            let day = OKRSheet.day(cell[column])
            if day == nil { cell.refuse(column, .importValueDay) }
            return day
        }

        private func readInitiative(_ cell: inout Cells<Column>) -> OKRExchange.Initiative? {
            let title = cell[.initiative].split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !title.isEmpty else { return nil }
            guard let state = OKRSheet.initiativeState(cell[.initiativeState]) else {
                cell.refuse(.initiativeState, .importValueInitiativeState)
                return nil
            }
            return OKRExchange.Initiative(
                id: cell[.initiativeID].isEmpty ? nil : cell[.initiativeID], title: title,
                owner: cell[.initiativeOwner].isEmpty ? nil : cell[.initiativeOwner], state: state,
                link: cell[.initiativeLink].isEmpty ? nil : cell[.initiativeLink], due: day(&cell, .initiativeDue),
                row: cell.row)
        }

        // MARK: The check-ins sheet

        mutating func readCheckIns(into reading: inout Reading) {
            let positions = table.positions(of: CheckInColumn.self)
            var byID: [String: (Int, Int)] = [:]
            var byTitle: [String: [(Int, Int)]] = [:]
            for (o, objective) in reading.exchange.objectives.enumerated() {
                for (k, keyResult) in objective.keyResults.enumerated() {
                    if let id = keyResult.id { byID[id] = (o, k) }
                    byTitle[Folding.fold(keyResult.title), default: []].append((o, k))
                }
            }
            for (offset, cells) in table.rows.enumerated() where !SpreadsheetTable.isBlank(cells) {
                let row = offset + 2
                reading.rows += 1
                var cell = Cells(cells: cells, positions: positions, row: row, language: language)
                var place: (Int, Int)?
                if !cell[.keyResultID].isEmpty, let found = byID[cell[.keyResultID]] {
                    place = found
                } else {
                    let candidates = byTitle[Folding.fold(cell[.keyResult]), default: []].filter { o, _ in
                        let objective = reading.exchange.objectives[o]
                        let namesObjective =
                            cell[.objective].isEmpty || Folding.fold(objective.title) == Folding.fold(cell[.objective])
                            || objective.id == cell[.objectiveID]
                        let namesOwner =
                            cell[.owner].isEmpty || Folding.fold(objective.owner) == Folding.fold(cell[.owner])
                        return namesObjective && namesOwner
                    }
                    if candidates.count == 1 { place = candidates[0] }
                }
                if place == nil { cell.refuse(.keyResult, .importCheckInKeyResult) }
                let day = OKRSheet.day(cell[.day])
                if day == nil { cell.refuse(.day, .importValueDay) }
                let value = SpreadsheetNumber.parse(cell[.value], decimalComma: decimalComma)
                if value == nil { cell.refuse(.value, .importValueNumber) }
                var confidence: Int?
                if !cell[.confidence].isEmpty {
                    if let number = SpreadsheetNumber.parse(cell[.confidence], decimalComma: decimalComma),
                        let whole = Int(exactly: NSDecimalNumber(decimal: number)), (0...10).contains(whole)
                    {
                        confidence = whole
                    } else {
                        cell.refuse(.confidence, .importValueConfidence)
                    }
                }
                let author = cell[.author].lowercased()
                if !EmailAddress.isPlausible(author) { cell.refuse(.author, .importValueEmail) }
                var conditionActual: Decimal?
                if !cell[.conditionActual].isEmpty {
                    conditionActual = SpreadsheetNumber.parse(cell[.conditionActual], decimalComma: decimalComma)
                    if conditionActual == nil { cell.refuse(.conditionActual, .importValueNumber) }
                }
                var recordedAt: Date?
                if !cell[.recordedAt].isEmpty {
                    recordedAt =
                        (try? OKRExchange.instant.parse(cell[.recordedAt]))
                        ?? (try? Date.ISO8601FormatStyle().parse(cell[.recordedAt]))
                    if recordedAt == nil { cell.refuse(.recordedAt, .importValueDay) }
                }
                reading.problems += cell.problems
                guard cell.problems.isEmpty, let (o, k) = place, let day, let value else { continue }
                reading.exchange.objectives[o].keyResults[k].checkIns.append(
                    OKRExchange.CheckIn(
                        id: cell[.checkInID].isEmpty ? nil : cell[.checkInID], day: day,
                        recordedAt: recordedAt ?? OKRSheet.noon(day), value: value, confidence: confidence,
                        note: cell[.note].isEmpty ? nil : cell[.note], author: author, conditionActual: conditionActual,
                        row: row))
            }
        }

        private func text(_ key: StringKey, _ values: [String: String] = [:]) -> String {
            Strings.shipped.text(key, language, values)
        }
    }

    /// The cells of one row, by column, and the row's problems.
    private struct Cells<Column: LabeledColumn> {
        let cells: [String]
        let positions: [Column: Int]
        let row: Int
        let language: Language
        var problems: [ImportProblem] = []

        subscript(column: Column) -> String {
            guard let index = positions[column], index < cells.count else { return "" }
            return cells[index].trimmingCharacters(in: .whitespacesAndNewlines)
        }

        mutating func refuse(_ column: Column, _ reason: StringKey, value: String? = nil) {
            let place = SpreadsheetTable.letter(positions[column] ?? 0) + " (" + column.label(language) + ")"
            problems.append(
                OKRSheet.problem(row: row, column: place, value: value ?? self[column], reason: reason, language))
        }
    }

    static func problem(row: Int, column: String, value: String, reason: StringKey, _ language: Language)
        -> ImportProblem
    {
        let why = Strings.shipped.text(reason, language, [:])
        return ImportProblem(
            row: row, column: column,
            message: Strings.shipped.text(
                .importCell, language, ["row": String(row), "column": column, "value": value, "reason": why]))
    }

    /// A day as spreadsheets write it: `2026-11-16`, or day first as Vietnamese write it (`16/11/2026`,
    /// `16-11-2026`, `16.11.2026`).
    static func day(_ text: String) -> Day? {
        if let day = Day(iso: text) { return day }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map { Int($0) }
        guard parts.count == 3, let d = parts[0], let m = parts[1], let y = parts[2], y >= 1000 else { return nil }
        return try? Day(year: y, month: m, day: d)
    }

    /// The moment a check-in without one is taken as recorded: noon (UTC) of its day.
    static func noon(_ day: Day) -> Date {
        Date(timeIntervalSince1970: Double(day.julianDay - 2_440_588) * 86_400 + 43_200)
    }
}
